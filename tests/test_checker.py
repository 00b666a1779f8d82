"""Check the checker: each rule fails when it must, and passes when it must.

Every case is a tiny example written to a temporary folder with a documented
output that is right, or wrong in one way. All cases run at once, as the real
examples do.
"""

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from harness import compare, outputs, pythons
from harness.checking import Target, check_examples, check_targets
from harness.examples import Example, find_examples
from harness.record import record

HEADER = "# a test case\n"

# name: (example source, documented output, None if the check must pass, else
#        a text the failure report must contain)
CASES = {
    "passes": (
        """
        import asyncio
        async def main():
            print("One")
            await asyncio.sleep(0.5)
            print("Two")
        asyncio.run(main())
        """,
        "0.0 out| One\n0.5 out| Two\n0.5 exit 0\n",
        None,
    ),
    "too_early": (
        """
        import asyncio
        async def main():
            print("One")
            await asyncio.sleep(0.3)
            print("Two")
        asyncio.run(main())
        """,
        "0.0 out| One\n1.0 out| Two\n1.0 exit 0\n",
        "'Two' appeared at 0.3",
    ),
    "too_late": (
        """
        import time
        print("One")
        time.sleep(0.6)
        print("Two")
        """,
        "0.0 out| One\n0.2 out| Two\n0.2 exit 0\n",
        "'Two' appeared at 0.6",
    ),
    "changed_word": (
        """print("Three")""",
        "0.0 out| Two\n0.0 exit 0\n",
        "-  0.0 out| Two\n+  0.0 out| Three",
    ),
    "missing_line": (
        """print("One")""",
        "0.0 out| One\n0.0 out| Two\n0.0 exit 0\n",
        "-  0.0 out| Two",
    ),
    "extra_line": (
        """print("One"); print("Two")""",
        "0.0 out| One\n0.0 exit 0\n",
        "+  0.0 out| Two",
    ),
    "wrong_stream": (
        """import sys; print("One", file=sys.stderr)""",
        "0.0 out| One\n0.0 exit 0\n",
        "+  0.0 err| One",
    ),
    "wrong_exit_status": (
        """raise SystemExit(3)""",
        "0.0 exit 0\n",
        "exit status 3; documented 0",
    ),
    "run_too_long": (
        """import time; time.sleep(0.7)""",
        "0.0 exit 0\n",
        "the run took 0.7",
    ),
    "hangs": (
        """import time; print("started"); time.sleep(60)""",
        "0.0 out| started\n0.1 exit 0\n",
        "killed after",
    ),
    "clock_delta_wrong": (
        """
        import time
        print(time.strftime("%X"))
        time.sleep(0.2)
        print(time.strftime("%X"))
        """,
        "0.0 out| 10:00:00\n0.2 out| 10:00:03\n0.2 exit 0\n",
        "the clock reading's distance from the first is",
    ),
    "clock_delta_right": (
        """
        import time
        print(time.strftime("%X"))
        time.sleep(0.2)
        print(time.strftime("%X"))
        """,
        "0.0 out| 10:00:00\n0.2 out| 10:00:00\n0.2 exit 0\n",
        None,
    ),
    "clock_before_a_full_stop": (
        """
        import time
        print(f"at time: {time.strftime('%X')}.")
        time.sleep(0.2)
        print(f"at time: {time.strftime('%X')}.")
        """,
        "0.0 out| at time: 04:34:29.\n0.2 out| at time: 04:34:29.\n0.2 exit 0\n",
        None,
    ),
    "clock_before_a_full_stop_wrong": (
        """
        import time
        print(f"at time: {time.strftime('%X')}.")
        time.sleep(0.2)
        print(f"at time: {time.strftime('%X')}.")
        """,
        "0.0 out| at time: 04:34:29.\n0.2 out| at time: 04:34:35.\n0.2 exit 0\n",
        "the clock reading's distance from the first is",
    ),
    "epoch_delta_wrong": (
        """
        import time
        print(time.time())
        print(time.time())
        """,
        "0.0 out| 1700000000.0\n0.0 out| 1700000002.5\n0.0 exit 0\n",
        "the epoch reading's distance from the first is",
    ),
    "duration_wrong": (
        """
        import time
        start = time.perf_counter()
        time.sleep(0.1)
        print(f"took {time.perf_counter() - start:.2f} seconds")
        """,
        "0.1 out| took 0.90 seconds\n0.1 exit 0\n",
        "the printed duration is",
    ),
    "duration_format_changed": (
        """
        import time
        start = time.perf_counter()
        time.sleep(0.1)
        print(f"took {time.perf_counter() - start:.2f} seconds")
        """,
        "0.1 out| took 0.1 seconds\n0.1 exit 0\n",
        "the printed lines differ",
    ),
    "address_varies": (
        """print(object())""",
        "0.0 out| <object object at 0x7f0000000000>\n0.0 exit 0\n",
        None,
    ),
    "stderr_order_kept": (
        """
        import sys
        print("out 1")
        print("err 1", file=sys.stderr)
        print("out 2")
        """,
        "0.0 out| out 1\n0.0 err| err 1\n0.0 out| out 2\n0.0 exit 0\n",
        None,
    ),
    "order_strict": (
        """print("b"); print("a")""",
        "0.0 out| a\n0.0 out| b\n0.0 exit 0\n",
        "the printed lines differ",
    ),
    "any_order_group": (
        """print("start"); print("b"); print("a")""",
        "0.0 out| start\nany order {\n0.0 out| a\n0.0 out| b\n}\n0.0 exit 0\n",
        None,
    ),
    "traceback_without_harness_frames": (
        """
        def fail():
            raise ValueError("boom")
        fail()
        """,
        (
            "0.0 err| Traceback (most recent call last):\n"
            '0.0 err|   File "traceback_without_harness_frames.py", line 3, in <module>\n'
            "0.0 err|     fail()\n"
            '0.0 err|   File "traceback_without_harness_frames.py", line 2, in fail\n'
            '0.0 err|     raise ValueError("boom")\n'
            "0.0 err| ValueError: boom\n"
            "0.0 exit 1\n"
        ),
        None,
    ),
    "syntax_error": (
        """async def func()\n    pass""",
        "0.0 exit 0\n",
        "SyntaxError",
    ),
    "leaves_a_file": (
        """
        from pathlib import Path
        Path("example.txt").write_text("hello")
        print(Path("example.txt").read_text())
        """,
        "0.0 out| hello\n0.0 exit 0\n",
        "it left 'example.txt' in its working folder",
    ),
    "cleans_up_after_itself": (
        """
        import os
        from pathlib import Path
        Path("example.txt").write_text("hello")
        print(Path("example.txt").read_text())
        os.remove("example.txt")
        """,
        "0.0 out| hello\n0.0 exit 0\n",
        None,
    ),
    "leaves_a_child": (
        """
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], stdout=subprocess.DEVNULL)
        print("started")
        """,
        "0.0 out| started\n0.0 exit 0\n",
        "it left 1 process running after it exited (pid ",
    ),
    "leaves_a_server": (
        """
        import subprocess, sys
        server = "import socket, time; s = socket.create_server(('127.0.0.1', 0)); print(flush=True); time.sleep(30)"
        child = subprocess.Popen([sys.executable, "-c", server], stdout=subprocess.PIPE)
        child.stdout.readline()
        print("listening")
        """,
        "0.0 out| listening\n0.0 exit 0\n",
        ", listening on 127.0.0.1:",
    ),
    "waits_for_its_child": (
        """
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], stdout=subprocess.DEVNULL)
        print("started")
        child.kill()
        child.wait()
        """,
        "0.0 out| started\n0.0 exit 0\n",
        None,
    ),
    "missing_output": ("""print("hi")""", None, "has no documented output yet"),
    "malformed_output": ("""print("hi")""", "0.0 out| hi\n0.0 exitt 0\n", "malformed_output.out:3: cannot read"),
    "unknown_declaration": (
        """print("hi")""",
        "requires-pyton: 3.12\n0.0 out| hi\n0.0 exit 0\n",
        "unknown declaration 'requires-pyton'",
    ),
}


# Each kind of reading, another run's reading of that kind, and what follows it (a duration's unit).
READINGS = {
    "clock": ("04:34:29", "04:40:19", ""),
    "clock with fractions": ("04:34:29.120", "04:40:19.007", ""),
    "datetime": ("2026-11-30 04:34:29.123456", "2026-11-30 04:40:19.000001", ""),
    "epoch": ("1764477269.5312", "1764477619.25", ""),
    "duration": ("1.00", "1.25", " s"),
    "duration in words": ("1.00", "1.25", " seconds"),
}


@pytest.mark.parametrize("kind", READINGS)
@pytest.mark.parametrize(
    "before, after", [("at ", "."), ("", ","), ("(", ")"), ("[", "]"), ("at ", ""), ("at ", " UTC"), ("", ": go")]
)
def test_a_reading_is_found_whatever_surrounds_it(kind, before, after):
    documented, actual, unit = READINGS[kind]
    after = unit + after
    readings = compare.match_text(f"{before}{documented}{after}", f"{before}{actual}{after}")
    assert readings is not None, f"{before}{documented}{after!r} and its other reading compared as text"
    expected = kind.split()[0]
    assert [(r.kind, r.documented, r.actual) for r in readings] == [(expected, documented, actual)]


def write_cases(folder: Path) -> list[Example]:
    examples = folder / "examples"
    examples.mkdir()
    for name, (source, documented, _) in CASES.items():
        (examples / f"{name}.py").write_text(textwrap.dedent(source).lstrip("\n"))
        if documented is not None:
            (examples / f"{name}.out").write_text(HEADER + documented)
    return find_examples(folder)


def write_example(folder: Path, name: str, source: str, documented: str | None = None) -> Example:
    """One example (and its documented output, if given) in folder/examples/."""
    examples = folder / "examples"
    examples.mkdir(exist_ok=True)
    (examples / f"{name}.py").write_text(source)
    if documented is not None:
        (examples / f"{name}.out").write_text(documented)
    (example,) = [e for e in find_examples(folder) if e.name == name]
    return example


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    examples = write_cases(tmp_path_factory.mktemp("cases"))
    return {o.example.name: o for o in asyncio.run(check_examples(examples))}


@pytest.mark.parametrize("name", CASES)
def test_rule(name, outcomes):
    outcome = outcomes[name]
    expected = CASES[name][2]
    if expected is None:
        assert outcome.ok, outcome.message
    else:
        assert not outcome.ok, f"{name} should fail the check but passed"
        assert expected in outcome.message, outcome.message


def test_failure_report_names_the_example_and_the_fix(outcomes):
    message = outcomes["too_early"].message
    assert "examples/too_early.py does not match its documented output" in message
    assert "make update-examples EXAMPLE=too_early" in message
    assert "--- " in message and "+++ " in message  # a unified diff


def test_examples_run_in_a_scratch_folder(outcomes):
    """What an example writes into its working folder is not left beside it, and the check names it."""
    folder = outcomes["leaves_a_file"].example.path.parent
    assert not (folder / "example.txt").exists()
    assert outcomes["leaves_a_file"].run.left_behind == ["example.txt"]


def test_what_an_example_leaves_running_is_named_and_killed(outcomes):
    for name in ("leaves_a_child", "leaves_a_server"):
        (described,) = outcomes[name].run.left_running
        pid = int(described.split()[1])
        assert "-c import" in described, described  # its command line
        assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "Z"
    assert outcomes["waits_for_its_child"].run.left_running == []
    assert "A run that leaves files or processes behind is never recorded" in outcomes["leaves_a_server"].message


def test_an_example_that_leaves_a_process_running_is_not_recorded(tmp_path, capsys):
    source = 'import subprocess, sys\nsubprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], stdout=subprocess.DEVNULL)\n'
    example = write_example(tmp_path, "forgets_its_child", source)
    assert record([example]) == 1
    assert not example.output.exists()
    assert "it left 1 process running" in capsys.readouterr().out


def test_an_example_that_leaves_files_behind_is_not_recorded(tmp_path, capsys):
    source = 'open("notes.txt", "w").write("x")\nprint("hi")\n'
    example = write_example(tmp_path, "litters", source)
    assert record([example]) == 1
    assert not example.output.exists()
    assert "it left 'notes.txt' in its working folder" in capsys.readouterr().out


def test_hang_is_killed_on_time(outcomes):
    run = outcomes["hangs"].run
    # documented 0.1 s: allowed up to 0.31 s, plus the margin before a kill
    assert run.timed_out is not None and run.timed_out < 6
    assert "started" in outcomes["hangs"].message  # what it printed before the kill


def test_rerecord_of_a_passing_example_changes_nothing(tmp_path):
    examples = write_cases(tmp_path)
    chosen = [e for e in examples if e.name in ("passes", "clock_delta_right", "address_varies", "any_order_group")]
    before = {e: e.output.read_bytes() for e in chosen}
    assert record(chosen) == 0
    assert {e: e.output.read_bytes() for e in chosen} == before


def test_rerecord_rewrites_only_what_changed(tmp_path):
    examples = {e.name: e for e in write_cases(tmp_path)}
    example = examples["too_early"]
    assert record([example]) == 0
    documented = outputs.parse(example.output)
    assert [(line.time, line.text) for line in documented.lines] == [(0.0, "One"), (0.3, "Two")]
    assert documented.header == [HEADER.rstrip("\n")]


def test_hanging_example_is_never_recorded(tmp_path):
    examples = {e.name: e for e in write_cases(tmp_path)}
    before = examples["hangs"].output.read_bytes()
    assert record([examples["hangs"]]) == 1
    assert examples["hangs"].output.read_bytes() == before


def test_undocumented_exit_status_is_never_recorded(tmp_path):
    examples = {e.name: e for e in write_cases(tmp_path)}
    before = examples["wrong_exit_status"].output.read_bytes()
    assert record([examples["wrong_exit_status"]]) == 1
    assert examples["wrong_exit_status"].output.read_bytes() == before


def test_missing_output_is_recorded(tmp_path):
    examples = {e.name: e for e in write_cases(tmp_path)}
    assert record([examples["missing_output"]]) == 0
    assert outputs.parse(examples["missing_output"].output).lines[0].text == "hi"


def interpreter(version):
    found = pythons.find(version)
    if not found.found:
        pytest.skip(pythons.missing_message(found))
    return found.path


def test_version_variant_is_recorded_and_then_checked(tmp_path):
    example = write_example(tmp_path, "versioned", 'import sys\nprint("Python %d.%d" % sys.version_info[:2])\n')
    examples = example.path.parent
    reference = f"Python {pythons.text(pythons.REFERENCE)}"
    assert record([example]) == 0  # the reference version writes versioned.out
    assert reference in example.output.read_text()

    older = (3, 9)
    assert record([example], interpreter(older), older) == 0
    variant = outputs.output_path(example.path, older)
    assert "Python 3.9" in variant.read_text() and reference in example.output.read_text()
    assert record([example], interpreter(older), older) == 0
    assert sorted(p.name for p in examples.iterdir()) == [
        "versioned.3.9.out", "versioned.out", "versioned.py", "versioned.timeline"]

    targets = [Target(example, v, interpreter(v)) for v in [(3, 9), (3, 10), pythons.REFERENCE]]
    by_version = {o.target.version: o for o in asyncio.run(check_targets(targets))}
    assert by_version[3, 9].ok and by_version[pythons.REFERENCE].ok
    assert not by_version[3, 10].ok
    assert "make update-examples EXAMPLE=versioned VERSION=3.10" in by_version[3, 10].message


def test_requires_python_skips_older_versions_with_the_reason(tmp_path):
    example = write_example(
        tmp_path, "new_api", 'import asyncio\nprint(hasattr(asyncio, "eager_task_factory"))\n',
        "requires-python: 3.12\n0.0 out| True\n0.0 exit 0\n",
    )
    targets = [Target(example, v, interpreter(v)) for v in [(3, 11), (3, 12)]]
    older, newer = asyncio.run(check_targets(targets))
    assert older.skipped == "needs Python 3.12 or newer" and older.run is None
    assert newer.ok, newer.message


def test_example_for_a_newer_python_is_recorded_with_it(tmp_path, monkeypatch):
    """Its documented output is its .out file, recorded with the lowest version it needs (newer than the reference)."""
    monkeypatch.setattr(pythons, "REFERENCE", (3, 11))
    example = write_example(
        tmp_path, "new_api", 'import sys\nprint("Python %d.%d" % sys.version_info[:2])\n',
        "requires-python: 3.12\n0.0 out| Python 3.0\n0.0 exit 0\n",
    )
    examples = example.path.parent
    interpreter((3, 12))
    assert record([example]) == 0
    assert outputs.parse(example.output).lines[0].text == "Python 3.12"
    assert record([example], version=(3, 12)) == 0
    assert sorted(p.name for p in examples.iterdir()) == ["new_api.out", "new_api.py", "new_api.timeline"]


def test_missing_interpreter_is_skipped_with_how_to_install(tmp_path):
    example = write_example(tmp_path, "hello", 'print("hi")\n', "0.0 out| hi\n0.0 exit 0\n")
    (outcome,) = asyncio.run(check_targets([Target(example, (3, 10), None)]))
    assert outcome.skipped is not None and "pyenv install 3.10" in outcome.skipped


CPU_EXAMPLE = """
import time
end = time.thread_time() + 0.5
while time.thread_time() < end:
    pass
print("done")
"""


def test_cpu_example_on_busy_cores_is_reported_not_judged(tmp_path, monkeypatch):
    """Other programs keep both cores busy: a runs-alone example waits, runs again, then says so."""
    from harness import cores, runner

    if cores.others_cpu(1, []) is None:
        pytest.skip("needs /proc to see other programs' CPU")
    monkeypatch.setattr(runner, "IDLE_WAIT", 1.0)
    example = write_example(tmp_path, "burns", CPU_EXAMPLE, "runs-alone: it burns CPU\n0.5 out| done\n0.5 exit 0\n")
    # Two per core, each in its own session as another user's programs are (the
    # scheduler shares the CPU between sessions first): the example gets less
    # than half a core, and is late.
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
        for _ in range(2 * (os.cpu_count() or 2))
    ]
    try:
        started = time.monotonic()
        (busy,) = asyncio.run(check_examples([example]))
        waited = time.monotonic() - started
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert busy.run.disturbed and busy.run.others_cpu > 0.1, busy.run
    assert busy.skipped and "other programs took" in busy.skipped and busy.not_checked_here
    assert waited < 10, f"it waited {waited:.1f} s for free cores; the budget was 1 s"
    assert busy.run.exit_time > 0.75 and "'done' appeared at" in busy.message  # judged, it would have failed


def test_recording_restores_the_standard_header(tmp_path):
    """A .out written by hand, without the comment lines: recording puts them back, before any declaration."""
    unchanged = write_example(tmp_path, "by_hand", 'print("hi")\n', "0.0 out| hi\n0.0 exit 0\n")
    changed = write_example(tmp_path, "by_hand_changed", 'print("hello")\n', "timing: late 0.3 s + 10 %, because a test\n"
                            "0.0 out| hi\n0.0 exit 0\n")
    assert record([unchanged, changed]) == 0
    for example in (unchanged, changed):
        assert outputs.parse(example.output).header[:2] == outputs.default_header(example.path), example.output.read_text()
    assert outputs.parse(changed.output).declarations == {"timing": "late 0.3 s + 10 %, because a test"}
    assert outputs.parse(changed.output).lines[0].text == "hello"
    before = {e: e.output.read_bytes() for e in (unchanged, changed)}
    assert record([unchanged, changed]) == 0
    assert {e: e.output.read_bytes() for e in (unchanged, changed)} == before


def test_recording_a_new_example_that_hangs_says_what_to_do_next(tmp_path, capsys, monkeypatch):
    from harness import checking

    monkeypatch.setattr(checking, "DEFAULT_TIMEOUT", 2.0)
    example = write_example(tmp_path, "hangs_new", 'import time\nprint("waiting")\ntime.sleep(60)\n')
    assert record([example]) == 1
    printed = capsys.readouterr().out
    assert not example.output.exists()
    assert "fix that, then run 'make update-examples EXAMPLE=hangs_new'" in printed, printed
    assert "record it with" not in printed and "git diff" not in printed, printed
    assert "\n1 example under Python" in printed, printed


def test_recording_says_how_to_review_new_files(tmp_path, capsys):
    examples = [write_example(tmp_path, name, f'print("{name}")\n') for name in ("first", "second")]
    assert record(examples) == 0
    printed = capsys.readouterr().out
    assert "2 examples under Python" in printed and "'git status'" in printed, printed


# --- What a failure advises ------------------------------------------------------------------

TASK_GROUP = """import asyncio


async def main():
    async with asyncio.TaskGroup() as group:
        group.create_task(asyncio.sleep(0.1))
    print("done")


asyncio.run(main())
"""


def check_on_every_version(example) -> dict:
    targets = [Target(example, v, interpreter(v)) for v in pythons.SUPPORTED]
    return {o.target.version: o for o in asyncio.run(check_targets(targets))}


def test_a_failure_on_every_version_advises_one_plain_command(tmp_path):
    changed = write_example(tmp_path, "changed", 'print("Three")\n', "0.0 out| Two\n0.0 exit 0\n")
    missing = write_example(tmp_path, "unrecorded", 'print("hi")\n')
    for example in (changed, missing):
        for version, outcome in check_on_every_version(example).items():
            assert not outcome.ok
            advice = outcome.message.splitlines()[-1]
            assert advice.endswith(f"make update-examples EXAMPLE={example.name}") or advice.endswith(
                f"'make update-examples EXAMPLE={example.name}', and review it."), (version, advice)
            assert "VERSION=" not in outcome.message, (version, outcome.message)


def test_a_crash_for_want_of_a_newer_asyncio_advises_requires_python(tmp_path, capsys):
    example = write_example(tmp_path, "task_group", TASK_GROUP)
    assert record([example]) == 0  # with the reference version, which has TaskGroup
    by_version = check_on_every_version(example)
    for version in [(3, 9), (3, 10)]:
        message = by_version[version].message
        assert "asyncio has no 'TaskGroup' before Python 3.11" in message, message
        assert "'requires-python: 3.11'" in message and "VERSION=" not in message, message
    capsys.readouterr()
    assert record([example], interpreter((3, 10)), (3, 10)) == 1
    printed = capsys.readouterr().out
    assert "'requires-python: 3.11'" in printed and "exit 1" not in printed.split("+++", 1)[0], printed
    assert "as the only line" not in printed
    assert sorted(p.name for p in example.path.parent.iterdir()) == ["task_group.out", "task_group.py", "task_group.timeline"]


def test_a_new_example_for_a_newer_python_is_recorded_with_the_version_it_needs(tmp_path, capsys, monkeypatch):
    """Outputs recorded with 3.11 (as they were), an example that needs 3.12: recording says how, and does it."""
    monkeypatch.setattr(pythons, "REFERENCE", (3, 11))
    source = 'import asyncio\nfactory = asyncio.eager_task_factory\nprint("eager")\n'
    example = write_example(tmp_path, "eager", source)
    interpreter((3, 11)), interpreter((3, 12))
    assert record([example]) == 1
    assert not example.output.exists()
    assert "Record it with that version: make update-examples EXAMPLE=eager VERSION=3.12" in capsys.readouterr().out
    assert record([example], version=(3, 12)) == 0
    documented = outputs.parse(example.output)
    assert documented.requires_python == (3, 12) and documented.lines[0].text == "eager"
    assert documented.header[:2] == outputs.default_header(example.path)
    assert example.path.with_suffix(".timeline").read_text().count("python: 3.12") == 1


def test_a_version_that_prints_something_else_advises_a_variant(tmp_path):
    example = write_example(tmp_path, "versioned", 'import sys\nprint("Python %d.%d" % sys.version_info[:2])\n')
    assert record([example]) == 0
    by_version = check_on_every_version(example)
    assert by_version[pythons.REFERENCE].ok
    for version in [(3, 9), (3, 12)]:
        advice = by_version[version].message.splitlines()[-1]
        assert advice.endswith(f"record a variant for it: make update-examples EXAMPLE=versioned VERSION={pythons.text(version)}"), advice
