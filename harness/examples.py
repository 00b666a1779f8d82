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
        if self.path.parent.parent.name == "exercises":  # asyncio/exercises/<exercise>/<file>.py
            return f"exercise_{self.path.parent.name}_{self.path.stem}"
        return self.path.stem

    @property
    def output(self) -> Path:
        return outputs.output_path(self.path)

    @property
    def relative(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    def documented(self) -> outputs.Documented:
        return outputs.parse(self.output)


def is_wrong_answer(path: Path) -> bool:
    """An exercise's known wrong answer (asyncio/exercises/<exercise>/wrong_<what>.py)."""
    return path.parent.parent.name == "exercises" and path.stem.startswith("wrong_")


def find_examples(guide: Path = GUIDE, wrong_answers: bool = False) -> list[Example]:
    """Every .py file in a folder named `examples`, or in an exercise's folder, under the guide, by name.

    An exercise's wrong answers are left out unless asked for: they are recorded
    like examples, but checked only as answers to their exercise (tests/test_exercises.py).
    """
    found = [
        Example(p, guide.parent)
        for p in guide.rglob("*.py")
        if (p.parent.name == "examples" or p.parent.parent.name == "exercises")
        and (wrong_answers or not is_wrong_answer(p))
    ]
    return sorted(found, key=lambda e: (e.name, e.path))


def duplicate_names(examples: list[Example]) -> dict[str, list[Example]]:
    by_name: dict[str, list[Example]] = {}
    for example in examples:
        by_name.setdefault(example.name, []).append(example)
    return {name: found for name, found in by_name.items() if len(found) > 1}


def find_example(name: str, guide: Path = GUIDE) -> Example:
    examples = find_examples(guide, wrong_answers=True)
    matches = [e for e in examples if e.name == name or e.path.name == name]
    if not matches:
        known = ", ".join(e.name for e in examples)
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
