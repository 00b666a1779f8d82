"""The documented-output format: one plain-text file beside each example.

``gather_minimum.py`` is documented by ``gather_minimum.out``::

    # Documented output of gather_minimum.py, checked by `make test`.
    # Re-record: make update-examples EXAMPLE=gather_minimum
      0.0 out| One
      1.0 out| Two
      1.0 exit 0

Each output line is ``<seconds> <stream>| <text>``: when the line appeared
(seconds since the example's own code started), ``out`` or ``err``, and the
text. The last line is ``<seconds> exit <status>``: the total run time and the
exit status. Lines whose order truly varies are put between ``any order {``
and ``}``. Before the first output line, ``key: value`` lines declare what the
example needs (see DECLARATIONS); lines starting with ``#`` are comments.

This module is the one parser of that format, shared by the Sphinx extension
and the tests. It has no dependencies beyond the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from harness import pythons

SUFFIX = ".out"
STREAMS = ("out", "err")
TIME_DECIMALS = 1  # documented times are rounded to 0.1 s

DECLARATIONS = {
    "requires-python": "the lowest Python the example runs on, e.g. '3.12'",
    "runs-alone": "why the example must not share the machine, e.g. it burns CPU",
    "platforms": "the systems it runs on, and why, e.g. 'Linux, macOS: it uses loop.add_signal_handler'",
    "timing": "a changed timing rule and why, e.g. 'late 0.5 s + 10 %, because ...'",
    "no-timeline": "why the example runs without the timeline probe, e.g. it starts 10,000 tasks",
}

_LINE = re.compile(r"^\s*(?P<time>\d+(?:\.\d+)?) (?P<stream>out|err)\|(?: (?P<text>.*))?$")
_EXIT = re.compile(r"^\s*(?P<time>\d+(?:\.\d+)?) exit (?P<status>-?\d+)\s*$")
_DECLARATION = re.compile(r"^(?P<key>[a-z][a-z-]*):\s*(?P<value>.*?)\s*$")
_TIMING = re.compile(
    r"^late (?P<late>\d+(?:\.\d+)?) s \+ (?P<percent>\d+(?:\.\d+)?) %,? because \S.*$"
)
GROUP_START = "any order {"
GROUP_END = "}"


class OutputFormatError(ValueError):
    """A documented-output file that cannot be read; says where and what to do."""

    def __init__(self, path: Path, lineno: int, message: str):
        self.path, self.lineno = path, lineno
        super().__init__(f"{path}:{lineno}: {message}")


@dataclass(frozen=True)
class Line:
    """One printed line: when it appeared, on which stream, and its text."""

    time: float
    stream: str
    text: str
    lineno: int = 0  # where it stands in the documented file; 0 for a run
    group: int | None = None  # index of its 'any order' group, if any


@dataclass(frozen=True)
class TimingRule:
    """When a line documented at t seconds may appear: [t - early, t + late + fraction * t]."""

    early: float = 0.1
    late: float = 0.2
    late_fraction: float = 0.10

    def window(self, t: float) -> tuple[float, float]:
        return t - self.early, t + self.late + self.late_fraction * t

    def describe(self) -> str:
        return (
            f"no earlier than {self.early:g} s before the documented time, no later than "
            f"{self.late:g} s + {self.late_fraction * 100:g} % after it"
        )


DEFAULT_RULE = TimingRule()


@dataclass
class Documented:
    """A parsed documented-output file."""

    path: Path
    lines: list[Line]
    exit_status: int
    exit_time: float
    declarations: dict[str, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)  # comments and declarations, verbatim

    @property
    def rule(self) -> TimingRule:
        return timing_rule(self.declarations.get("timing"))

    @property
    def requires_python(self) -> tuple[int, int] | None:
        value = self.declarations.get("requires-python")
        return parse_version(value) if value else None

    @property
    def platforms(self) -> tuple[list[str], str] | None:
        """The systems the example runs on and why, if it does not run on all of them."""
        value = self.declarations.get("platforms")
        return parse_platforms(value) if value else None

    @property
    def runs_alone(self) -> bool:
        return "runs-alone" in self.declarations

    @property
    def timeline(self) -> bool:
        """Whether its runs carry the timeline probe (off where thousands of tasks would swamp it)."""
        return "no-timeline" not in self.declarations


PLATFORMS = ("Linux", "macOS", "Windows")


def parse_platforms(text: str) -> tuple[list[str], str]:
    """'Linux, macOS: it uses signals' -> (['Linux', 'macOS'], 'it uses signals')."""
    names, _, why = text.partition(":")
    listed = [name.strip() for name in names.split(",")]
    unknown = [name for name in listed if name not in PLATFORMS]
    if unknown or not why.strip():
        raise ValueError(f"expected 'platforms: <{', '.join(PLATFORMS)}, comma-separated>: <why>', got {text!r}")
    return listed, why.strip()


def parse_version(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)\.(\d+)", text.strip())
    if not match:
        raise ValueError(f"expected a Python version like '3.12', got {text!r}")
    return int(match[1]), int(match[2])


def timing_rule(declaration: str | None) -> TimingRule:
    if declaration is None:
        return DEFAULT_RULE
    match = _TIMING.match(declaration)
    if not match:
        raise ValueError(
            f"timing must read 'late <seconds> s + <percent> %, because <reason>', got {declaration!r}"
        )
    return TimingRule(
        early=DEFAULT_RULE.early,
        late=float(match["late"]),
        late_fraction=float(match["percent"]) / 100,
    )


def parse(path: Path, text: str | None = None) -> Documented:
    """Read a documented-output file, or raise OutputFormatError naming the line."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines: list[Line] = []
    header: list[str] = []
    declarations: dict[str, str] = {}
    group: int | None = None
    groups = 0
    exit_line: tuple[int, float, int] | None = None

    def fail(lineno: int, message: str) -> OutputFormatError:
        return OutputFormatError(path, lineno, message)

    for lineno, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if exit_line is not None and stripped and not stripped.startswith("#"):
            raise fail(lineno, f"nothing may follow the exit line (line {exit_line[0]})")
        if not stripped:
            continue
        if stripped.startswith("#"):
            if not lines:
                header.append(raw)
            continue
        if match := _LINE.match(raw):
            lines.append(
                Line(float(match["time"]), match["stream"], match["text"] or "", lineno, group)
            )
            continue
        if match := _EXIT.match(raw):
            if group is not None:
                raise fail(lineno, f"the 'any order' group opened on an earlier line is not closed with '{GROUP_END}'")
            exit_line = (lineno, float(match["time"]), int(match["status"]))
            continue
        if stripped == GROUP_START:
            if group is not None:
                raise fail(lineno, "'any order' groups cannot be nested")
            group, groups = groups, groups + 1
            continue
        if stripped == GROUP_END:
            if group is None:
                raise fail(lineno, f"'{GROUP_END}' without an open '{GROUP_START}'")
            if not any(line.group == group for line in lines):
                raise fail(lineno, "an 'any order' group needs at least one line")
            group = None
            continue
        if (match := _DECLARATION.match(stripped)) and not lines:
            key, value = match["key"], match["value"]
            if key not in DECLARATIONS:
                known = ", ".join(f"'{k}' ({v})" for k, v in DECLARATIONS.items())
                raise fail(lineno, f"unknown declaration '{key}'; known: {known}")
            if not value:
                raise fail(lineno, f"'{key}' needs a value: {DECLARATIONS[key]}")
            try:
                if key == "requires-python":
                    parse_version(value)
                elif key == "timing":
                    timing_rule(value)
                elif key == "platforms":
                    parse_platforms(value)
            except ValueError as error:
                raise fail(lineno, str(error)) from None
            declarations[key] = value
            header.append(raw)
            continue
        raise fail(
            lineno,
            f"cannot read {raw!r}: expected '<seconds> out| <text>', '<seconds> err| <text>', "
            f"'<seconds> exit <status>', '{GROUP_START}' or '{GROUP_END}'",
        )
    if exit_line is None:
        raise fail(
            len(text.splitlines()) + 1,
            "missing the final '<seconds> exit <status>' line; re-record with "
            f"'make update-examples EXAMPLE={example_name(path)}'",
        )
    return Documented(path, lines, exit_line[2], exit_line[1], declarations, header)


def format_time(t: float) -> str:
    return f"{max(t, 0.0):5.{TIME_DECIMALS}f}"


def format_line(line: Line) -> str:
    text = f" {line.text}" if line.text else ""
    return f"{format_time(line.time)} {line.stream}|{text}"


def format_documented(doc: Documented) -> str:
    out = list(doc.header)
    group = None
    for line in doc.lines:
        if line.group != group:
            if group is not None:
                out.append(GROUP_END)
            if line.group is not None:
                out.append(GROUP_START)
            group = line.group
        out.append(format_line(line))
    if group is not None:
        out.append(GROUP_END)
    out.append(f"{format_time(doc.exit_time)} exit {doc.exit_status}")
    return "\n".join(out) + "\n"


def write(path: Path, text: str) -> str:
    """Write a recorded file: 'recorded' (it is new), 'updated', or 'unchanged' (the same bytes, left as they are)."""
    if not path.exists():
        path.write_text(text, encoding="utf-8")
        return "recorded"
    if path.read_bytes() == text.encode("utf-8"):
        return "unchanged"
    path.write_text(text, encoding="utf-8")
    return "updated"


def default_header(example: Path) -> list[str]:
    return [
        f"# Documented output of {example.name}: each line with the second it appeared at.",
        f"# Checked by 'make test'; re-record with 'make update-examples EXAMPLE={example.stem}'.",
    ]


def recorded_version(documented: Documented | None) -> tuple[int, int]:
    """The Python version a documented output, and the timeline beside it, are recorded with."""
    return pythons.recording_version(documented.requires_python if documented is not None else None)


def example_name(output_path: Path) -> str:
    return output_path.name.split(".")[0]


def output_path(example: Path, version: tuple[int, int] | None = None) -> Path:
    """`x.out`, the documented output; `x.3.9.out`, its variant for Python 3.9."""
    if version is None:
        return example.with_suffix(SUFFIX)
    return example.with_name(f"{example.stem}.{version[0]}.{version[1]}{SUFFIX}")


def variants(example: Path) -> dict[tuple[int, int], Path]:
    """The example's per-version documented outputs, by version."""
    found = {}
    for path in example.parent.glob(f"{example.stem}.*{SUFFIX}"):
        match = re.fullmatch(re.escape(example.stem) + r"\.(\d+)\.(\d+)" + re.escape(SUFFIX), path.name)
        if match:
            found[int(match[1]), int(match[2])] = path
    return dict(sorted(found.items()))
