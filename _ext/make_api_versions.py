"""Write _ext/api_versions.json: which supported Python has each public asyncio name.

Every supported interpreter found (harness.pythons) is asked for its
``asyncio.__all__``, the public attributes of each class there (exceptions
aside), the event loop's methods (named ``asyncio.loop.<method>``, as the
Python docs name them) and the documented names of ``asyncio.subprocess``.
The newest interpreter also says which of its names are deprecated: an
attribute whose access warns, one marked ``__deprecated__`` (PEP 702), or one
that its own asyncio source passes to ``warnings._deprecated``, and a class
derived from a deprecated class. Its public names are those of its
``asyncio.__all__`` that are neither deprecated nor private (``_enter_task``).

Run it again after installing or adding a Python version:
    .venv/bin/python _ext/make_api_versions.py
tests/test_api_index.py checks the file against the interpreters found.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness import pythons  # noqa: E402

DATA = Path(__file__).with_name("api_versions.json")

# Runs inside each interpreter (3.9 and newer): prints what it has, as JSON.
PROBE = r'''
import ast, inspect, json, pathlib, sys, warnings
import asyncio
import asyncio.subprocess

def public_members(cls):
    return sorted(m for m in dir(cls) if not m.startswith("_"))

# Its __all__, and the names other versions list there that it still has, e.g.
# through a module __getattr__ that warns they are deprecated (3.14's policies).
top_level = {}
deprecated = set()
for name in sorted(set(asyncio.__all__) | set(json.loads(sys.argv[1]))):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if not hasattr(asyncio, name):
            continue
        value = getattr(asyncio, name)
    top_level[name] = value
    if any(issubclass(w.category, DeprecationWarning) for w in caught) or hasattr(value, "__deprecated__"):
        deprecated.add(name)

names = {"asyncio." + name for name in top_level}
for name, value in top_level.items():
    # Event loop classes' methods are the loop's (below); exceptions' are BaseException's.
    if inspect.isclass(value) and not issubclass(value, (asyncio.AbstractEventLoop, BaseException)):
        names.update("asyncio.%s.%s" % (name, m) for m in public_members(value))
names.update("asyncio.loop." + m for m in public_members(asyncio.AbstractEventLoop))
# The one submodule the Python docs document names in (asyncio.subprocess.PIPE, ...).
names.update(["asyncio.subprocess"] + ["asyncio.subprocess." + n for n in ("PIPE", "STDOUT", "DEVNULL", "Process")])
names.update("asyncio.subprocess.Process." + m for m in public_members(asyncio.subprocess.Process))

# warnings._deprecated("name" or "asyncio.name", ...) in asyncio's own source.
for path in pathlib.Path(asyncio.__file__).parent.glob("*.py"):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "_deprecated" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            name = node.args[0].value
            name = name[len("asyncio."):] if name.startswith("asyncio.") else name
            if name in top_level:
                deprecated.add(name)

# Kinds of a deprecated class are deprecated with it (3.12's child watchers).
deprecated_classes = tuple(top_level[n] for n in deprecated if inspect.isclass(top_level[n]))
for name, value in top_level.items():
    if deprecated_classes and inspect.isclass(value) and issubclass(value, deprecated_classes):
        deprecated.add(name)

print(json.dumps({
    "version": "%d.%d.%d" % sys.version_info[:3],
    "all": sorted(set(asyncio.__all__)),
    "deprecated": sorted(deprecated),
    "names": sorted(names),
}))
'''


def probe(path: str, others: list[str]) -> dict:
    """What the interpreter at `path` has; `others`: names outside its __all__ to look for too."""
    result = subprocess.run([path, "-c", PROBE, json.dumps(others)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{path} could not list asyncio's names:\n{result.stderr}")
    return json.loads(result.stdout)


def collect(versions: list[pythons.Version]) -> dict:
    """What the interpreters of `versions` that are installed say, in the data file's shape."""
    found = {v: pythons.find(v) for v in versions}
    listed = {v: probe(i.path, []) for v, i in found.items() if i.found}
    if not listed:
        raise RuntimeError("no supported Python found: " + "; ".join(map(pythons.missing_message, found.values())))
    every_listed = sorted({name for result in listed.values() for name in result["all"]})
    probed = {v: probe(found[v].path, every_listed) for v in listed}
    order = sorted(probed)
    having: dict[str, list[pythons.Version]] = {}
    for version in order:
        for name in probed[version]["names"]:
            having.setdefault(name, []).append(version)
    spans = {}
    for name, versions in sorted(having.items()):
        first = order.index(versions[0])
        if versions != order[first:first + len(versions)]:
            raise RuntimeError(f"{name} is in Python {', '.join(map(pythons.text, versions))} but not in between")
        spans[name] = [pythons.text(versions[0]), pythons.text(versions[-1])]
    newest = probed[order[-1]]
    return {
        "about": "Written by _ext/make_api_versions.py from the interpreters listed; do not edit by hand.",
        "interpreters": {pythons.text(v): probed[v]["version"] for v in order},
        "newest": pythons.text(order[-1]),
        "deprecated": newest["deprecated"],  # including names it has outside its __all__
        # asyncio.__all__ lists a few private helpers (_enter_task, ...): not public.
        "public": [n for n in newest["all"] if n not in newest["deprecated"] and not n.startswith("_")],
        # name: [first, last] supported version (of those listed) that has it
        "names": spans,
    }


def main() -> None:
    missing = [pythons.find(v) for v in pythons.SUPPORTED if not pythons.find(v).found]
    for interpreter in missing:
        print(f"skipped: {pythons.missing_message(interpreter)}", file=sys.stderr)
    data = collect(pythons.SUPPORTED)
    DATA.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {DATA.relative_to(ROOT)}: {len(data['names'])} names, Python {', '.join(data['interpreters'])}")


if __name__ == "__main__":
    main()
