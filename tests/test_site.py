"""The site's build: strict, repeatable, and helpful when a page is wrong.

These tests build a copy of the project in a temporary folder with the
project's own virtual environment, so the real _build/ is left alone.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
SKIP = {".git", ".venv", "node_modules", "test-artifacts", ".pytest_cache", "__pycache__"}


def make(folder: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={VENV}", *targets],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_project(folder: Path) -> Path:
    copy = folder / "guide"
    shutil.copytree(ROOT, copy, ignore=lambda _, names: [n for n in names if n in SKIP])
    return copy


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    """One copy for the tests that break it on purpose (each says what it leaves broken)."""
    return copy_project(tmp_path_factory.mktemp("site"))


def test_clean_then_build_again(project_copy):
    (project_copy / "_build" / "html").mkdir(parents=True, exist_ok=True)
    cleaned = make(project_copy, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (project_copy / "_build").exists()
    built = make(project_copy, "html")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "warning" not in built.stderr.lower(), built.stderr
    assert (project_copy / "_build" / "html" / "index.html").is_file()


def test_a_build_with_nothing_changed_is_quiet(project_copy):
    """No "The configuration has changed" nor MyST's settings when nothing changed."""
    # A first build in this folder: a copied _build was pickled for another folder, and rebuilds all.
    assert make(project_copy, "html").returncode == 0
    again = make(project_copy, "html")
    assert again.returncode == 0, again.stdout + again.stderr
    output = re.sub(r"\x1b\[[0-9;]*m", "", again.stdout + again.stderr)  # Sphinx colours its output in CI
    assert "updating environment: 0 added, 0 changed, 0 removed" in output, output
    assert "configuration has changed" not in output, output
    assert "MdParserConfig" not in output, output
    static = project_copy / "_build" / "html" / "_static"
    assert (static / "copybutton.js").is_file() and (static / "tabs.css").is_file(), "the extensions' files are missing"


def test_broken_page_fails_the_build_naming_file_and_line(project_copy):
    page = project_copy / "asyncio" / "broken.rst"
    page.write_text(
        "Broken\n"
        "======\n"
        "\n"
        "See :ref:`no-such-label` and :func:`asyncio.no_such_function`.\n"
        "\n"
        ".. example:: examples/no_such_example.py\n"
        "\n"
        ".. include:: no_such_file.rst\n"
    )
    index = project_copy / "index.rst"
    index.write_text(index.read_text() + "\n.. toctree::\n   :hidden:\n\n   asyncio/broken\n")
    result = make(project_copy, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a page with broken references must fail the build"
    assert re.search(r"broken\.rst:4: WARNING: undefined label: 'no-such-label'", output), output
    assert re.search(r"broken\.rst:4: WARNING: py:func reference target not found: asyncio\.no_such_function", output), output
    assert re.search(r"broken\.rst:6: WARNING: example file 'examples/no_such_example.py' not found", output), output
    assert re.search(r"broken\.rst:8: CRITICAL: Problems with \"include\" directive path:\s+InputError: .*no_such_file\.rst", output), output


def test_missing_output_fails_the_build_with_the_fix(project_copy, tmp_path):
    examples = project_copy / "asyncio" / "examples"
    (examples / "unrecorded.py").write_text('print("hi")\n')
    page = project_copy / "asyncio" / "unrecorded.rst"
    page.write_text("Unrecorded\n==========\n\n.. example:: examples/unrecorded.py\n")
    index = project_copy / "index.rst"
    original = index.read_text()
    index.write_text(original + "\n.. toctree::\n   :hidden:\n\n   asyncio/unrecorded\n")
    try:
        result = make(project_copy, "html")
    finally:
        index.write_text(original)
        page.unlink()
        (examples / "unrecorded.py").unlink()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(
        r"unrecorded\.rst:4: WARNING: unrecorded\.py has no documented output unrecorded\.out; "
        r"create it with 'make update-examples EXAMPLE=unrecorded'",
        output,
    ), output


def test_help_lists_every_target_with_one_line():
    result = make(ROOT, "help")
    assert result.returncode == 0, result.stderr
    targets = re.findall(r"^\.PHONY: (\S+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert {"html", "test", "clean", "serve", "linkcheck", "update-examples", "bench"} <= set(targets)
    lines = result.stdout.splitlines()
    for target in targets:
        described = [line for line in lines if re.match(rf"^\s+{re.escape(target)}\s+\S", line)]
        assert len(described) == 1, f"'make help' should describe '{target}' on one line:\n{result.stdout}"
    assert any("<builder>" in line for line in lines)


def test_requirements_are_pinned():
    pins = [
        line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")
    ]
    loose = [line for line in pins if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.\-+]+", line)]
    assert not loose, f"requirements.txt must pin exact versions: {loose}"
    names = {line.split("==")[0].lower().replace("_", "-") for line in pins}
    direct = {
        line.strip().lower()
        for line in (ROOT / "requirements.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert direct <= names, f"requirements.in lists packages requirements.txt does not pin: {direct - names}"
    assert "doc8" not in names  # it downgrades docutils


def test_each_output_says_the_versions_it_was_verified_on(project_copy):
    """The range comes from the example's declarations, never from the page's text."""
    from harness import outputs, pythons
    from harness.examples import find_examples

    built = project_copy / "_build" / "html"
    if not (built / "index.html").exists():
        assert make(project_copy, "html").returncode == 0
    pages = "\n".join(p.read_text() for p in built.rglob("*.html"))
    for example in find_examples():
        required = outputs.parse(example.output).requires_python or pythons.SUPPORTED[0]
        versions = [v for v in pythons.SUPPORTED if v >= required]
        if outputs.variants(example.path):
            assert f"Output of {example.path.name}, verified by real runs on Python" in pages
            continue
        expected = f"Output of {example.path.name}, verified by real runs on Python {pythons.describe_range(versions)}:"
        assert expected in pages, f"no page says: {expected}"


def test_reordered_pages_get_new_neighbours_without_a_clean_build(tmp_path):
    """An incremental 'make html' after a toctree change rewrites the other pages' previous/next links."""
    project = copy_project(tmp_path)
    first = make(project, "html")
    assert first.returncode == 0, first.stdout + first.stderr
    index = project / "index.rst"
    original = index.read_text()
    assert "   asyncio/gather\n   asyncio/tasks\n" in original
    index.write_text(original.replace("   asyncio/gather\n   asyncio/tasks\n", "   asyncio/tasks\n   asyncio/gather\n"))
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "_build" / "html" / "asyncio" / "coroutines.html").read_text()
    next_link = re.search(r'<a href="([^"]+)" class="btn btn-neutral float-right"', page)
    assert next_link and next_link.group(1) == "tasks.html", "coroutines.html still links to its old next page"


def test_every_file_an_example_renders_is_a_dependency_of_its_page(tmp_path):
    """Delete an example's .out, .timeline or .py (one per page): the build fails. Restore them and add a
    variant: an incremental build shows each page whole again, and the variant; delete it: it is gone."""
    project = copy_project(tmp_path)
    examples = project / "asyncio" / "examples"
    built = project / "_build" / "html" / "asyncio"
    assert make(project, "html").returncode == 0
    broken = {  # file deleted -> the page that shows it
        "gather_first_exception.out": "gather.html",  # not named by an :output-time: role, which notes it too
        "tasks_task_is_a_future.timeline": "tasks.html",
        "coroutines_function_and_object.py": "coroutines.html",
    }
    kept = {name: (examples / name).read_bytes() for name in broken}
    for name in broken:
        (examples / name).unlink()
    failed = make(project, "html")
    assert failed.returncode != 0, "the build passed without an example's files"
    for name in broken:
        assert name.split(".")[0] in failed.stderr, f"no warning about {name}:\n{failed.stderr}"
    for name, content in kept.items():
        (examples / name).write_bytes(content)
    variant = examples / "what_event_loop.3.9.out"  # a variant appears on a page that had none
    variant.write_text((examples / "what_event_loop.out").read_text().replace("out| ", "out| Only on 3.9: ", 1))

    restored = make(project, "html")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    for name, page in broken.items():
        shown = (built / page).read_text()
        example = name.split(".")[0] + ".py"
        assert f"Output of {example}" in shown, f"{name} restored, but {page} was not rebuilt"
        assert f"Timeline of {example}</title>" in shown, f"{name} restored, but {page} has no timeline"
    assert "Only on 3.9: " in (built / "what-is-asyncio.html").read_text(), "a new variant did not rebuild its page"

    variant.unlink()
    assert make(project, "html").returncode == 0
    assert "Only on 3.9: " not in (built / "what-is-asyncio.html").read_text(), "a deleted variant stayed on the page"


def test_a_fresh_clone_reuses_a_venv_installed_from_the_same_requirements(tmp_path):
    """The .venv stamp follows requirements.txt's content: new file times alone reinstall nothing."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    installs = tmp_path / "installs"
    fake_python = venv / "bin" / "python"  # stands in for the venv's python: records each install
    fake_python.write_text(f'#!/bin/sh\necho "$@" >> {installs}\n')
    fake_python.chmod(0o755)

    def make_venv(project: Path) -> int:
        result = subprocess.run(["make", "--no-print-directory", f"VENV={venv}", "venv"], cwd=project,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        return len(installs.read_text().splitlines()) if installs.exists() else 0

    first = copy_project(tmp_path / "first")
    assert make_venv(first) == 1
    assert make_venv(first) == 1, "an unchanged requirements.txt reinstalled"
    clone = copy_project(tmp_path / "clone")
    (clone / "requirements.txt").touch()  # newer than the stamp, as in a fresh clone
    assert make_venv(clone) == 1, "a fresh clone with the same requirements.txt reinstalled"
    with (clone / "requirements.txt").open("a") as pins:
        pins.write("# a changed pin\n")
    assert make_venv(clone) == 2, "a changed requirements.txt did not reinstall"
