"""The harness's modules import one another in one direction only: no module needs itself, even lazily."""

import ast
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent / "harness"


def imports(path: Path) -> set[str]:
    """The harness modules a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "harness":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("harness."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("harness.")}
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
