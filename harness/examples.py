"""Where the examples are, and which pages show them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from harness import outputs

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "asyncio"

# `.. example:: examples/x.py` in rst, ```{example} examples/x.py in MyST.
_DIRECTIVE = re.compile(r"^\s*(?:\.\. example::|```+\{example\})\s*(?P<path>\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Example:
    path: Path
    root: Path = ROOT  # paths in messages are relative to it

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def output(self) -> Path:
        return outputs.output_path(self.path)

    @property
    def relative(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    def documented(self) -> outputs.Documented:
        return outputs.parse(self.output)


def find_examples(guide: Path = GUIDE) -> list[Example]:
    """Every .py file in a folder named `examples` under the guide, by name."""
    found = sorted(
        (p for p in guide.rglob("*.py") if p.parent.name == "examples"),
        key=lambda p: (p.stem, p),
    )
    return [Example(p, guide.parent) for p in found]


def duplicate_names(examples: list[Example]) -> dict[str, list[Example]]:
    by_name: dict[str, list[Example]] = {}
    for example in examples:
        by_name.setdefault(example.name, []).append(example)
    return {name: found for name, found in by_name.items() if len(found) > 1}


def find_example(name: str, guide: Path = GUIDE) -> Example:
    matches = [e for e in find_examples(guide) if e.name == name or e.path.name == name]
    if not matches:
        known = ", ".join(e.name for e in find_examples(guide))
        raise LookupError(f"no example named {name!r}; the examples are: {known}")
    return matches[0]


@dataclass(frozen=True)
class Shown:
    """A page's example directive: the page, its line, and the file it names."""

    page: Path
    lineno: int
    target: Path


def shown_examples(guide: Path = GUIDE) -> list[Shown]:
    """Every example directive in the guide's pages (the pages under asyncio/)."""
    shown = []
    for page in sorted(p for p in guide.rglob("*") if p.suffix in (".rst", ".md")):
        text = page.read_text(encoding="utf-8")
        for match in _DIRECTIVE.finditer(text):
            lineno = text.count("\n", 0, match.start()) + 1
            shown.append(Shown(page, lineno, (page.parent / match["path"]).resolve()))
    return shown
