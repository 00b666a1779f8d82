"""Compare a real run of an example with its documented output.

The rules (the README states them for contributors):

- Text: exact, once the example's absolute folder and the interpreter's
  standard-library folder are replaced by what the page shows. Memory
  addresses match any address. Wall-clock readings (``12:00:03``,
  ``time.time()`` values, datetimes) and printed durations (``1.00 s``,
  ``1.00 seconds``) are compared by meaning: a reading's distance from the
  run's first reading of its kind (a duration: its value) must match the
  documented one under the timing rule, widened by the clock's resolution.
- Timing: each line, and the exit, within the documented time's window
  (outputs.TimingRule).
- Order: strict, except inside 'any order' groups.
- Exit status: exact.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from harness.outputs import (
    Documented,
    Line,
    TimingRule,
    default_header,
    format_documented,
    format_line,
)
from harness import stalls
from harness.runner import Run

_READINGS = {
    "datetime": r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?",
    # A reading ends where its digits do: any punctuation may follow ("at 04:34:29.", "(1700000000.5)").
    "clock": r"(?<![\d:.])\d{2}:\d{2}:\d{2}(?:\.\d+)?(?![\d]|[:.]\d)",
    "epoch": r"(?<![\d.])1[5-9]\d{8}\.\d+(?![\d]|\.\d)",
    "duration": r"(?<![\d.])\d+\.\d+(?= ?(?:s|sec|secs|seconds)\b)",
    "address": r"0x[0-9a-fA-F]{4,}",
}
_FIND = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _READINGS.items()))
_ANY = {
    "datetime": _READINGS["datetime"],
    "clock": r"\d{2}:\d{2}:\d{2}(?:\.\d+)?",
    "epoch": r"\d+\.\d+",
    "duration": r"\d+\.\d+",
    "address": r"0x[0-9a-fA-F]+",
}


def _any(kind: str, documented: str) -> str:
    """The pattern of readings that may stand where `documented` does."""
    decimals = _decimals(documented)
    if kind == "duration" and decimals <= 3:
        # A formatted duration ("0.20 s") keeps its format; a raw float's digits vary.
        return rf"\d+\.\d{{{decimals}}}"
    return _ANY[kind]


@dataclass(frozen=True)
class Reading:
    kind: str
    documented: str
    actual: str


def _pattern(text: str) -> tuple[re.Pattern, list[tuple[str, str]]]:
    """A regex matching `text` with any reading in place of each documented reading."""
    parts, kinds, end = [], [], 0
    for match in _FIND.finditer(text):
        parts.append(re.escape(text[end:match.start()]))
        parts.append(f"({_any(match.lastgroup, match.group())})")
        kinds.append((match.lastgroup, match.group()))
        end = match.end()
    parts.append(re.escape(text[end:]))
    return re.compile("".join(parts), re.DOTALL), kinds


def match_text(documented: str, actual: str) -> list[Reading] | None:
    """The readings in a pair of lines if they match as text, else None."""
    if documented == actual:
        return [Reading(kind, value, value) for kind, value in _pattern(documented)[1]]
    pattern, kinds = _pattern(documented)
    match = pattern.fullmatch(actual)
    if not match:
        return None
    return [Reading(kind, doc, act) for (kind, doc), act in zip(kinds, match.groups())]


def shape(text: str) -> str:
    """The text with every reading blanked out: lines of one shape can match."""
    return _FIND.sub(lambda m: f"<{m.lastgroup}>", text)


def normalize(text: str, run: Run) -> str:
    """Replace what differs between machines by what the page shows."""
    text = text.replace(str(run.example.parent) + os.sep, "")
    if run.stdlib:
        minor = ".".join(run.version.split(".")[:2])
        text = text.replace(run.stdlib, f"/usr/lib/python{minor}")
    return text


def _decimals(value: str) -> int:
    return len(value.split(".")[1]) if "." in value else 0


def _value(kind: str, text: str) -> tuple[float, float]:
    """A reading's value in seconds, and the clock's resolution."""
    if kind == "clock":
        h, m, s = text.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s), 10.0 ** -_decimals(s)
    if kind == "datetime":
        return datetime.fromisoformat(text).timestamp(), 10.0 ** -_decimals(text.split(":")[-1])
    return float(text), 10.0 ** -_decimals(text)


def check_readings(pairs: list[tuple[Line, Line, list[Reading]]], rule: TimingRule) -> dict[int, str]:
    """Problems with readings, by the index of the pair in which they stand."""
    problems: dict[int, str] = {}
    first: dict[str, tuple[float, float]] = {}
    for index, (doc, _, readings) in enumerate(pairs):
        for reading in readings:
            if reading.kind == "address":
                continue
            documented, resolution = _value(reading.kind, reading.documented)
            actual, _ = _value(reading.kind, reading.actual)
            if reading.kind == "duration":
                what = "the printed duration"
            else:
                if reading.kind not in first:
                    first[reading.kind] = (documented, actual)
                    continue
                documented -= first[reading.kind][0]
                actual -= first[reading.kind][1]
                if reading.kind == "clock":  # across midnight
                    documented, actual = documented % 86400, actual % 86400
                what = f"the {reading.kind} reading's distance from the first"
            low, high = rule.window(documented)
            low, high = low - resolution, high + resolution
            if not low <= actual <= high:
                problems[index] = (
                    f"line {doc.lineno}: {what} is {actual:g} s in this run ({reading.actual}); "
                    f"documented {documented:g} s ({reading.documented}), so allowed "
                    f"{max(low, 0):.2f} to {high:.2f} s"
                )
    return problems


def pair_lines(documented: list[Line], actual: list[Line]) -> list[tuple[Line, Line, list[Reading]]] | None:
    """Match documented lines to the run's, in order; None if they differ as text."""
    pairs = []
    i = k = 0  # positions in actual and documented
    while k < len(documented):
        doc = documented[k]
        if doc.group is None:
            if i >= len(actual) or actual[i].stream != doc.stream:
                return None
            readings = match_text(doc.text, actual[i].text)
            if readings is None:
                return None
            pairs.append((doc, actual[i], readings))
            i, k = i + 1, k + 1
            continue
        group = [d for d in documented[k:] if d.group == doc.group]
        window = actual[i:i + len(group)]
        if len(window) < len(group):
            return None
        unmatched = list(window)
        for member in group:
            for candidate in unmatched:
                if candidate.stream != member.stream:
                    continue
                readings = match_text(member.text, candidate.text)
                if readings is not None:
                    pairs.append((member, candidate, readings))
                    unmatched.remove(candidate)
                    break
            else:
                return None
        i, k = i + len(group), k + len(group)
    return pairs if i == len(actual) else None


@dataclass
class Verdict:
    """The outcome of a check: what is wrong, and what a re-record would write."""

    problems: list[str]
    proposed: str | None  # None: this run must not be recorded (it hung)
    # When every problem is a line or the exit that came after its allowed window: the most it came after.
    late_by: float | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _rounded(t: float) -> float:
    return round(max(t, 0.0), 1)


def normalized_lines(run: Run) -> list[Line]:
    return [replace(line, text=normalize(line.text, run)) for line in run.lines]


def verdict(doc: Documented | None, run: Run) -> Verdict:
    """Check `run` against `doc` (None: nothing documented yet)."""
    actual = normalized_lines(run)
    problems: list[str] = []
    if run.timed_out is not None:
        problems.append(
            f"killed after {run.timed_out:g} s without finishing"
            + (f" (its documented run takes {doc.exit_time:g} s)" if doc else "")
            + "; what it printed until then is below"
        )
    elif not run.started:
        problems.append(f"{run.python} did not start the example (exit status {run.exit_status})")
    if doc is None:
        fresh = Documented(
            run.example.with_suffix(".out"),
            [replace(line, time=_rounded(line.time)) for line in actual],
            run.exit_status if run.exit_status is not None else -1,
            _rounded(run.exit_time),
            header=default_header(run.example),
        )
        problems.append(f"{run.example.name} has no documented output yet")
        problems.extend(leftover_problems(run))
        return Verdict(problems, None if run.timed_out is not None else format_documented(fresh))

    rule = doc.rule
    late: list[float] = []  # how far past its window each late line (and the exit) came
    pairs = pair_lines(doc.lines, actual)
    if pairs is None:
        problems.append("the printed lines differ from the documented ones (see the diff)")
        proposed_lines = _realign(doc, actual, rule)
    else:
        reading_problems = check_readings(pairs, rule)
        problems.extend(reading_problems.values())
        proposed_lines = []
        for index, (documented, line, _) in enumerate(pairs):
            low, high = rule.window(documented.time)
            keep_time = low <= line.time <= high
            if line.time > high:
                late.append(line.time - high)
            if not keep_time:
                problems.append(
                    f"line {documented.lineno}: {documented.text!r} appeared at {line.time:.2f} s; "
                    f"documented at {documented.time:g} s, so allowed {max(low, 0):.2f} to {high:.2f} s"
                )
            proposed_lines.append(
                replace(
                    documented,
                    time=documented.time if keep_time else _rounded(line.time),
                    text=line.text if index in reading_problems else documented.text,
                )
            )
    problems.extend(leftover_problems(run))
    if run.exit_status != doc.exit_status and run.timed_out is None:
        problems.append(f"exit status {run.exit_status}; documented {doc.exit_status}")
    low, high = rule.window(doc.exit_time)
    keep_exit = low <= run.exit_time <= high
    if run.exit_time > high and run.timed_out is None:
        late.append(run.exit_time - high)
    if not keep_exit and run.timed_out is None:
        problems.append(
            f"the run took {run.exit_time:.2f} s; documented {doc.exit_time:g} s, "
            f"so allowed {max(low, 0):.2f} to {high:.2f} s"
        )
    proposed = replace(
        doc,
        header=restored_header(doc, run.example),
        lines=proposed_lines,
        exit_status=run.exit_status if run.exit_status is not None else doc.exit_status,
        exit_time=doc.exit_time if keep_exit else _rounded(run.exit_time),
    )
    late_by = max(late) if late and len(late) == len(problems) else None
    return Verdict(problems, None if run.timed_out is not None else format_documented(proposed), late_by)


def leftover_problems(run: Run) -> list[str]:
    """What the run left behind it: files in its working folder, processes still running."""
    return ([left_behind(run)] if run.left_behind else []) + ([left_running(run)] if run.left_running else [])


def left_running(run: Run) -> str:
    return (
        f"it left {len(run.left_running)} process{'' if len(run.left_running) == 1 else 'es'} running after it "
        f"exited ({'; '.join(run.left_running)}), killed by the check: an example must end what it starts; "
        "wait for each child process it starts (after proc.kill() on a timeout, await proc.wait()) and close "
        "its servers (server.close(), then await server.wait_closed())"
    )


def left_behind(run: Run) -> str:
    return (
        f"it left {', '.join(repr(name) for name in run.left_behind)} in its working folder (an empty scratch "
        "folder here; the reader's own folder when they run it): an example must leave nothing behind; write "
        "such files into a tempfile.TemporaryDirectory(), which removes them"
    )


def restored_header(doc: Documented, example: Path) -> list[str]:
    """The documented header, with the standard comment lines first if it has none (a file written by hand)."""
    if any(line.lstrip().startswith("#") for line in doc.header):
        return doc.header
    return default_header(example) + doc.header


def _realign(doc: Documented, actual: list[Line], rule: TimingRule) -> list[Line]:
    """The run's lines, keeping the documented text and time where a line is unchanged."""
    key = lambda line: (line.stream, shape(line.text))  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[key(d) for d in doc.lines], b=[key(a) for a in actual], autojunk=False)
    kept: dict[int, Line] = {}
    for a, b, size in matcher.get_matching_blocks():
        for offset in range(size):
            documented, line = doc.lines[a + offset], actual[b + offset]
            low, high = rule.window(documented.time)
            if low <= line.time <= high and match_text(documented.text, line.text) is not None:
                kept[b + offset] = replace(documented, group=None)
    return [kept.get(i, replace(line, time=_rounded(line.time))) for i, line in enumerate(actual)]


def report(doc: Documented | None, run: Run, result: Verdict, relative: str, command: str, advice: str = "") -> str:
    """The failure message: what is wrong, a diff, and what to do (`advice`, else the command that re-records)."""
    documented_text = format_documented(doc) if doc else ""
    if result.proposed is not None:
        this_run = result.proposed
        label = "this run, as 'make update-examples' would record it"
    else:
        this_run = "".join(format_line(line) + "\n" for line in normalized_lines(run))
        label = "this run, until it was killed"
    diff = difflib.unified_diff(
        documented_text.splitlines(),
        this_run.splitlines(),
        fromfile=f"{doc.path.name if doc else Path(relative).with_suffix('.out').name} (documented)",
        tofile=label,
        lineterm="",
    )
    lines = [f"{relative} does not match its documented output ({run.python}, Python {run.version or '?'}):"]
    lines += [f"  - {problem}" for problem in result.problems]
    if run.disturbed:
        lines.append(
            f"  - other programs used {run.others_cpu:.2f} s of CPU during this run, which must run alone: "
            "its figures measure them too; run it again on a quiet machine"
        )
    if run.stalls:
        lines.append(f"  - the whole machine stalled {stalls.describe(run.stalls, run.origin)} during this run")
    if run.stack:
        lines += ["", "Where it was waiting when it was killed (its threads' Python stacks):",
                  *(f"    {line}" for line in run.stack.splitlines())]
    lines += ["", *diff, ""]
    if advice:
        lines.append(advice)
    elif result.proposed is not None:
        lines.append(f"If this run is right, re-record it: {command}")
    else:
        lines.append(
            "A run that is killed is never recorded: find where it waits (it printed the lines above before it "
            f"was killed), fix that, then run '{command}'."
        )
    return "\n".join(lines)
