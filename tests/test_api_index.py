"""The asyncio API index (_ext/api_index.py) and the data it reads (_ext/api_versions.json).

The names come from the examples' syntax trees, so a comment or a string never
counts; the builds run in a copy of the project, as in test_site.py.
"""

import json
import re
import sys
from pathlib import Path

import pytest

from harness import pythons
from tests.test_site import ROOT, copy_project, make

sys.path.insert(0, str(ROOT / "_ext"))

import api_index  # noqa: E402
import make_api_versions  # noqa: E402

COVERAGE = re.compile(r"^asyncio API coverage: (\d+) of (\d+) public names of Python (\S+) \(\d+%\) appear in an "
                      r"example; not shown yet: (.*)$", re.MULTILINE)


def names(source: str) -> set[str]:
    return {use.name for use in api_index.asyncio_names(source)}


# ---------------------------------------------------------------- reading code


def test_names_in_comments_and_strings_do_not_count():
    source = (
        '"""Uses asyncio.Semaphore, says the docstring."""\n'
        "import asyncio\n"
        "# asyncio.Barrier would be next\n"
        "async def main():\n"
        '    print("asyncio.Event", f"asyncio.Lock {1}")\n'
        "    await asyncio.sleep(0)  # asyncio.Condition\n"
        "asyncio.run(main())\n"
    )
    assert names(source) == {"asyncio.sleep", "asyncio.run"}


def test_each_way_of_naming_asyncio_counts_with_its_first_line():
    source = (
        "import asyncio as aio\n"
        "from asyncio import Queue as Q, TaskGroup\n"
        "async def main():\n"
        "    q = Q()\n"
        "    await aio.wait_for(q.join(), 1)\n"
        "    print(aio.Queue.put)\n"
    )
    uses = {use.name: (use.line, use.inferred) for use in api_index.asyncio_names(source)}
    assert uses == {
        "asyncio.Queue": (2, False),
        "asyncio.TaskGroup": (2, False),
        "asyncio.wait_for": (5, False),
        "asyncio.Queue.join": (5, True),
        "asyncio.Queue.put": (6, True),
    }


def test_methods_of_objects_whose_type_is_certain():
    source = (
        "import asyncio\n"
        "async def worker(queue: asyncio.Queue[int]):\n"
        "    queue.task_done()\n"
        "async def main():\n"
        "    task = asyncio.create_task(main())\n"
        "    task.cancel()\n"
        "    loop = asyncio.get_running_loop()\n"
        "    await loop.run_in_executor(None, print)\n"
        "    asyncio.get_running_loop().call_later(1, print)\n"
        "    async with asyncio.TaskGroup() as group:\n"
        "        child = group.create_task(main())\n"
        "    child.get_name()\n"
        "    tasks = [asyncio.create_task(main()) for _ in range(3)]\n"
        "    done, pending = await asyncio.wait(tasks)\n"
        "    for finished in done:\n"
        "        finished.result()\n"
        "    reader, writer = await asyncio.open_connection('localhost', 80)\n"
        "    writer.close()\n"
    )
    found = names(source)
    for name in ["asyncio.Queue.task_done", "asyncio.Task.cancel", "asyncio.loop.run_in_executor",
                 "asyncio.loop.call_later", "asyncio.TaskGroup.create_task", "asyncio.Task.get_name",
                 "asyncio.Task.result", "asyncio.StreamWriter.close"]:
        assert name in found, name


def test_a_type_that_is_not_certain_gives_no_method():
    source = (
        "import asyncio\n"
        "async def main(maybe):\n"
        "    task = asyncio.create_task(main(1))\n"
        "    task = maybe\n"
        "    task.cancel()\n"  # rebound: could be anything
        "    maybe.join()\n"  # a parameter without a known annotation
        "    fut = asyncio.ensure_future(main(1))\n"
        "    fut.cancel()\n"  # a Task or a Future: unknown
        "def other(task):\n"
        "    task.done()\n"  # same name as above, another scope
        "async def shadow():\n"
        "    asyncio = object()\n"
        "    asyncio.sleep(1)\n"  # here asyncio is a local variable, not the module
    )
    found = names(source)
    assert not any(name.startswith(("asyncio.Task.", "asyncio.Future.", "asyncio.Queue.")) for name in found), found
    assert "asyncio.sleep" not in found


def test_code_that_does_not_parse_raises_naming_the_line():
    with pytest.raises(SyntaxError) as raised:
        api_index.asyncio_names("import asyncio\n\nasync def main(:\n    pass\n", "broken.py")
    assert raised.value.lineno == 3


# ---------------------------------------------------------------- the data file


def test_versions_file_matches_the_interpreters_found():
    """Each supported Python installed here has exactly the names the file gives it; others are skipped."""
    data = json.loads(make_api_versions.DATA.read_text())
    regenerate = f"run '{api_index.REGENERATE}'"
    checked, skipped = [], []
    for version in pythons.SUPPORTED:
        interpreter = pythons.find(version)
        if not interpreter.found:
            skipped.append(pythons.text(version))
            continue
        label = pythons.text(version)
        assert label in data["interpreters"], f"Python {label} is installed but not in the data file: {regenerate}"
        listed_elsewhere = sorted({n.split(".")[1] for n in data["names"] if n.count(".") == 1})
        probed = make_api_versions.probe(interpreter.path, listed_elsewhere)
        order = list(data["interpreters"])
        recorded = {n for n, (first, last) in data["names"].items()
                    if order.index(first) <= order.index(label) <= order.index(last)}
        assert recorded == set(probed["names"]), (
            f"Python {label}: not in the file {sorted(set(probed['names']) - recorded)[:10]}, "
            f"not in Python {sorted(recorded - set(probed['names']))[:10]}: {regenerate}"
        )
        if label == data["newest"]:
            assert data["deprecated"] == probed["deprecated"], regenerate
            assert data["public"] == [n for n in probed["all"] if n not in probed["deprecated"] and n[0] != "_"]
        checked.append(label)
    assert checked, f"no supported Python found to check the data file against (skipped {skipped})"
    newest_installed = max(checked, key=pythons.parse)
    assert pythons.parse(data["newest"]) >= pythons.parse(newest_installed), regenerate


# What each newest Python's own asyncio reports as deprecated, at least.
KNOWN_DEPRECATED = {
    "3.12": {"get_child_watcher", "AbstractChildWatcher", "ThreadedChildWatcher"},
    "3.13": {"get_child_watcher", "AbstractChildWatcher", "ThreadedChildWatcher"},
    # a call that warns, an attribute that warns through asyncio.__getattr__
    "3.14": {"iscoroutinefunction", "get_event_loop_policy", "AbstractEventLoopPolicy"},
    "3.15": {"iscoroutinefunction", "get_event_loop_policy", "AbstractEventLoopPolicy"},
}


def test_the_newest_python_reports_deprecated_names():
    data = json.loads(make_api_versions.DATA.read_text())
    if data["newest"] not in KNOWN_DEPRECATED:
        pytest.skip(f"no known deprecations listed for Python {data['newest']}")
    assert KNOWN_DEPRECATED[data["newest"]] <= set(data["deprecated"])
    assert not set(data["deprecated"]) & set(data["public"])
    assert "Queue" in data["public"] and not any(name.startswith("_") for name in data["public"])


# ---------------------------------------------------------------- the built page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project, built once as it is: (copy, the coverage line's numbers and missing names)."""
    project = copy_project(tmp_path_factory.mktemp("api-index"))
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, coverage_of(result.stdout)


def coverage_of(output: str) -> tuple[int, int, list[str]]:
    found = COVERAGE.findall(output)
    assert len(found) == 1, f"make html should print the coverage once, on one line:\n{output[-3000:]}"
    covered, total, _, missing = found[0]
    return int(covered), int(total), missing.split(", ")


def rows(project: Path) -> dict[str, str]:
    page = (project / "_build" / "html" / "asyncio" / "api-index.html").read_text()
    return dict(re.findall(r'<tr[^>]*id="api-([^"]+)"[^>]*>(.*?)</tr>', page, re.S))


def add_page(project: Path, name: str, examples: dict[str, str]) -> None:
    """A page showing `examples` (file name: source) without outputs, in a hidden toctree."""
    folder = project / "asyncio" / "examples"
    body = "".join(f".. example:: examples/{file}\n   :no-output:\n\n" for file in examples)
    for file, source in examples.items():
        (folder / file).write_text(source)
    (project / "asyncio" / f"{name}.rst").write_text(f"{name}\n{'=' * len(name)}\n\n{body}")
    index = project / "index.rst"
    index.write_text(index.read_text() + f"\n.. toctree::\n   :hidden:\n\n   asyncio/{name}\n")


def test_every_example_name_has_a_row_linking_to_the_example(built):
    project, (covered, total, missing) = built
    index = rows(project)
    assert {"asyncio.run", "asyncio.gather", "asyncio.sleep"} <= set(index)
    assert "gather.html#example-gather-minimum" in index["asyncio.gather"]
    assert 0 < covered < total and len(missing) == total - covered
    gather_page = (project / "_build" / "html" / "asyncio" / "gather.html").read_text()
    assert 'id="example-gather-minimum"' in gather_page
    assert 'href="api-index.html#api-asyncio.gather"' in gather_page  # the caption links back


def test_a_new_name_adds_a_row_and_moves_the_figure_but_comments_and_strings_do_not(built):
    project, (covered, total, missing) = built
    new, in_comment, in_string = missing[:3]
    add_page(project, "apinew", {"api_new.py": (
        "import asyncio\n"
        f"# asyncio.{in_comment} is only mentioned here\n"
        f"print(asyncio.{new} is not None, 'asyncio.{in_string}')\n"
    )})
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    covered_now, total_now, missing_now = coverage_of(result.stdout)
    assert (covered_now, total_now) == (covered + 1, total)
    assert new not in missing_now and {in_comment, in_string} <= set(missing_now)
    index = rows(project)
    assert "apinew.html#example-api-new" in index[f"asyncio.{new}"]
    assert f"asyncio.{in_comment}" not in index and f"asyncio.{in_string}" not in index
    page = (project / "_build" / "html" / "asyncio" / "apinew.html").read_text()
    assert f'href="api-index.html#api-asyncio.{new}"' in page


def test_an_example_that_does_not_parse_or_names_no_real_api_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    add_page(project, "apibroken", {
        "api_broken.py": "import asyncio\n\nasync def main(:\n    pass\n",
        "api_unknown.py": "import asyncio\n\n\nasyncio.no_such_function()\n",
    })
    result = make(project, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert re.search(r"examples/api_broken\.py:3: WARNING: cannot list the asyncio names api_broken\.py uses, "
                     r"because it does not parse: .*; fix the example", output), output
    assert re.search(r"examples/api_unknown\.py:4: WARNING: api_unknown\.py uses asyncio\.no_such_function, "
                     r"which no supported Python has", output), output


def test_an_edited_example_updates_the_index_without_a_clean_build(built):
    """Only the example's page is read again; the index page, whose source did not change, is written again."""
    project, (_, _, missing) = built
    new = missing[3]
    example = project / "asyncio" / "examples" / "gather_minimum.py"
    example.write_text(example.read_text() + f"print(asyncio.{new} is not None)\n")
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert new not in coverage_of(result.stdout)[2]
    assert "gather.html#example-gather-minimum" in rows(project)[f"asyncio.{new}"]
