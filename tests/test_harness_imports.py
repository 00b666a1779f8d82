"""The harness's modules import one another in one direction only: no module needs itself, even lazily."""

import re
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent / "harness"


# Regular expressions rather than ast: ast.parse in a long pytest session trips a bug of some 3.11
# releases ("AST constructor recursion depth mismatch").
_FROM_PACKAGE = re.compile(r"^\s*from harness import (\([^)]*\)|[^\n]+)", re.MULTILINE)
_FROM_MODULE = re.compile(r"^\s*from harness\.(\w+)", re.MULTILINE)
_IMPORT = re.compile(r"^\s*import harness\.(\w+)", re.MULTILINE)


def imports(path: Path) -> set[str]:
    """The harness modules a file imports, at the top or inside a function."""
    text = path.read_text(encoding="utf-8")
    found = set(_FROM_MODULE.findall(text)) | set(_IMPORT.findall(text))
    for names in _FROM_PACKAGE.findall(text):
        for name in names.strip("()").split(","):
            name = name.split("#")[0].strip()
            if name:
                found.add(name.split(" as ")[0].strip())
    return found


def cycle_through(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        module, path = stack.pop()
        for needed in sorted(graph.get(module, ())):
            if needed == start:
                return [*path, start]
            if needed not in seen:
                seen.add(needed)
                stack.append((needed, [*path, needed]))
    return None


def test_no_import_cycles():
    graph = {path.stem: imports(path) for path in HARNESS.glob("*.py")}
    cycles = [cycle for module in sorted(graph) if (cycle := cycle_through(module, graph))]
    assert not cycles, "modules that import themselves through others: " + "; ".join(" -> ".join(c) for c in cycles)
