"""Timelines (harness/timeline.py): checked against real runs, caught when they change, drawn accessibly.

- Each example's fresh run has the timeline of its ``.timeline`` file, under
  the timing rule (the same run as test_examples.py's, where it is there).
- A change that leaves the printed lines as they were, text and times, but
  makes sequential code concurrent, concurrent code sequential, or adds a
  blocking call, passes the output check and fails the timeline check.
- The file format round-trips; re-recording an unchanged example writes nothing.
- The probe changes nothing an example prints, even stacks through the code it hooks.
- The SVG has its accessible name, description and legend.
"""

import asyncio
import sys
import textwrap
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from pathlib import Path

import pytest

from harness import compare, outputs, pythons, timeline
from harness.checking import Target, check_examples, check_targets
from harness.examples import ROOT, find_examples
from harness.record import record
from harness.runner import Job, run_all
from tests.conftest import skip_outcome

EXAMPLES = find_examples()


def reference_python() -> str:
    """The interpreter timelines are recorded and checked with (pythons.REFERENCE)."""
    found = pythons.find(pythons.REFERENCE)
    if not found.found:
        pytest.skip(pythons.missing_message(found))
    return found.path


def version_for(example) -> pythons.Version:
    try:
        documented = outputs.parse(example.output) if example.output.exists() else None
    except outputs.OutputFormatError:
        documented = None  # its test_timeline fails with the error, not the fixture that calls this
    return outputs.recorded_version(documented)


@pytest.fixture(scope="session")
def timeline_outcomes(request, example_outcomes):
    """The runs of test_examples.py where they include a timeline's version; the others (selected) are run here."""
    selected = [
        item.callspec.params["example"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_timeline" and hasattr(item, "callspec")
    ]
    missing = [(e, version_for(e)) for e in selected if (e, version_for(e)) not in example_outcomes]
    targets = [Target(e, v, pythons.find(v).path) for e, v in missing]
    extra = asyncio.run(check_targets(targets)) if targets else []
    return {**example_outcomes, **{(o.example, o.target.version): o for o in extra}}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_timeline(example, timeline_outcomes):
    """The example's run, on the version its timeline was recorded on, against its .timeline file."""
    outcome = timeline_outcomes[example, version_for(example)]
    if outcome.skipped is not None:
        skip_outcome(outcome)
    if outcome.documented is not None and not outcome.documented.timeline:
        assert outcome.timeline is None, f"{example.relative} declares no-timeline, yet ran with the probe"
        assert not timeline.timeline_path(example.path).exists(), f"{example.relative} declares no-timeline: delete its .timeline"
        pytest.skip(f"{example.relative} declares no-timeline: {outcome.documented.declarations['no-timeline']}")
    if outcome.timeline is None:
        status = outcome.run.exit_status if outcome.run is not None else None
        if status is not None and status < 0 and not timeline.timeline_path(example.path).exists():
            pytest.skip(f"{example.relative} is killed by signal {-status}: a killed process writes no timeline")
        if not outcome.ok and outcome.message:  # the check's own failure says why, e.g. an unreadable .out
            pytest.fail(outcome.message, pytrace=False)
        pytest.fail(f"{example.relative}: its run recorded no timeline to check:\n{outcome.message}", pytrace=False)
    if not outcome.timeline.ok:
        command = f"make update-examples EXAMPLE={example.name}"
        pytest.fail(timeline.report(outcome.timeline, example.relative, command), pytrace=False)


def test_every_timeline_belongs_to_an_example():
    orphans = [
        path.relative_to(ROOT).as_posix()
        for path in ROOT.joinpath("asyncio").rglob(f"*{timeline.SUFFIX}")
        if not path.with_suffix(".py").is_file()
    ]
    assert not orphans, "timelines without an example (delete them): " + ", ".join(orphans)


# --- Changes that keep the printed lines, and change the timeline -----------------------

SEQUENTIAL = """
    import asyncio


    async def work(seconds):
        await asyncio.sleep(seconds)


    async def main():
        print("start")
        await asyncio.create_task(work(0.5))
        await asyncio.create_task(work(0.5))
        print("end")


    asyncio.run(main())
"""

# The same lines at the same times: the second task now runs beside the first, for longer.
CONCURRENT = """
    import asyncio


    async def work(seconds):
        await asyncio.sleep(seconds)


    async def main():
        print("start")
        first = asyncio.create_task(work(0.5))
        second = asyncio.create_task(work(1.0))
        await first
        await second
        print("end")


    asyncio.run(main())
"""

AWAITS = """
    import asyncio
    import time


    async def main():
        print("start")
        await asyncio.sleep(0.5)
        print("end")


    asyncio.run(main())
"""

BLOCKS = AWAITS.replace("await asyncio.sleep(0.5)", "time.sleep(0.5)")

TWO_TASKS = """
    import asyncio
    import time


    async def work(seconds, block=False):
        if block:
            time.sleep(seconds)
        else:
            await asyncio.sleep(seconds)


    async def main():
        print("start")
        await asyncio.gather(work(0.5), work(0.5, block=False))
        print("end")


    asyncio.run(main())
"""

# One of two concurrent tasks blocks for as long as the other waits: the run takes as long.
ONE_TASK_BLOCKS = TWO_TASKS.replace("block=False))", "block=True))")

# Callbacks only, that print nothing: a callback that calls itself again later, five more times.
TICKS = """
    import asyncio


    def tick(loop, left):
        if left > 1:
            loop.call_later(1, tick, loop, left - 1)


    loop = asyncio.new_event_loop()
    print("start")
    loop.call_later(1, tick, loop, 6)
    loop.call_later(7, loop.stop)
    loop.run_forever()
    loop.close()
    print("stop")
"""

# No event loop: the main thread sleeps, then prints; or spins on the CPU for as long.
SLEEPS = """
    import time


    def wait(seconds):
        time.sleep(seconds)


    print("start")
    wait(0.5)
    print("middle")
    wait(0.5)
    print("end")
"""

SPINS = SLEEPS.replace("time.sleep(seconds)", "end = time.monotonic() + seconds\n        while time.monotonic() < end:\n            pass")

# No event loop, but threads: the main thread waits for them in a way the probe does not see.
POOL = """
    import time
    from concurrent.futures import ThreadPoolExecutor


    with ThreadPoolExecutor() as pool:
        print(list(pool.map(time.sleep, [0.5, 0.5])))
"""

# name: (the example as recorded, the example as run, None if the timeline must match,
#        else a text the failure report must contain)
PERTURBATIONS = {
    "unchanged_sequential": (SEQUENTIAL, SEQUENTIAL, None),
    "unchanged_blocking": (BLOCKS, BLOCKS, None),
    "made_concurrent": (SEQUENTIAL, CONCURRENT, "task Task-3 work(): starts at 0.00 s in this run; documented 0.5 s"),
    "made_sequential": (CONCURRENT, SEQUENTIAL, "task Task-3 work(): starts at 0.5"),
    "blocking_call_added": (AWAITS, BLOCKS, "task Task-1 main(): blocks the loop 0.0"),
    "blocking_call_removed": (BLOCKS, AWAITS, "task Task-1 main(): documented block 0-0.5 s; not in this run"),
    "blocking_call_in_a_task": (TWO_TASKS, ONE_TASK_BLOCKS, "task Task-3 work(): blocks the loop 0.0"),
    "unchanged_callbacks": (TICKS, TICKS, None),
    "callback_delay_changed": (
        TICKS, TICKS.replace("call_later(1, tick", "call_later(1.15, tick"), "callback tick(): last runs at 6.9"
    ),
    "unchanged_main_thread": (SLEEPS, SLEEPS, None),
    "unchanged_threads_without_a_loop": (POOL, POOL, None),
    "main_thread_spins_instead_of_sleeping": (
        SLEEPS, SPINS, "thread MainThread: documented block 0-0.5 s (time.sleep()); not in this run"
    ),
}


def write(folder: Path, sources: dict[str, str]) -> list:
    examples = folder / "examples"
    examples.mkdir(exist_ok=True)
    for name, source in sources.items():
        (examples / f"{name}.py").write_text(textwrap.dedent(source).lstrip("\n"))
    return find_examples(folder)


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory):
    """Each case recorded as it was, then run as it became."""
    folder = tmp_path_factory.mktemp("perturbations")
    examples = write(folder, {name: before for name, (before, _, _) in PERTURBATIONS.items()})
    assert record(examples) == 0
    write(folder, {name: after for name, (_, after, _) in PERTURBATIONS.items()})
    return {o.example.name: o for o in asyncio.run(check_examples(examples, reference_python()))}


@pytest.mark.parametrize("name", PERTURBATIONS)
def test_timeline_check_catches_what_the_output_does_not(name, perturbed):
    outcome = perturbed[name]
    expected = PERTURBATIONS[name][2]
    assert outcome.ok, f"the printed lines should still match:\n{outcome.message}"
    assert outcome.timeline is not None
    if expected is None:
        assert outcome.timeline.ok, "\n".join(outcome.timeline.problems)
    else:
        assert not outcome.timeline.ok, f"{name}: the timeline check should fail, but passed"
        report = timeline.report(outcome.timeline, outcome.example.relative, f"make update-examples EXAMPLE={name}")
        assert expected in report, report
        assert f"make update-examples EXAMPLE={name}" in report


def test_recorded_timelines_show_the_difference(perturbed):
    """What the files say, for a reader: the sequential task starts late; the blocking call is a block."""
    sequential = timeline.parse(perturbed["unchanged_sequential"].timeline.path)
    lanes = {lane.name: timeline.format_lane(lane) for lane in sequential.lanes}
    assert lanes["Task-3 work()"].split(":", 1)[1].split() == ["run", "0.5,", "wait", "0.5-1.0,", "run", "1.0,", "done", "1.0"]
    blocking = timeline.parse(perturbed["unchanged_blocking"].timeline.path)
    assert [timeline.format_lane(lane).split(":", 1)[1].strip() for lane in blocking.lanes] == ["block 0.0-0.5, done 0.5"]
    ticks = timeline.parse(perturbed["unchanged_callbacks"].timeline.path)
    assert [timeline.format_lane(lane) for lane in ticks.lanes] == [
        f"{'callback tick():':<{timeline.LABEL_WIDTH}} run 1.0, run 2.0, run 3.0, run 4.0, run 5.0, run 6.0"]
    sleeps = timeline.parse(perturbed["unchanged_main_thread"].timeline.path)
    assert [timeline.format_lane(lane).split(":", 1)[1].strip() for lane in sleeps.lanes] == [
        "run 0.0, block 0.0-0.5 time.sleep(), run 0.5, block 0.5-1.0 time.sleep(), run 1.0"]
    pool = timeline.parse(perturbed["unchanged_threads_without_a_loop"].timeline.path)
    assert [lane.label for lane in pool.lanes] == ["thread ThreadPoolExecutor-0_0", "thread ThreadPoolExecutor-0_1"]


def test_missing_timeline_fails_with_the_command_to_record_it(tmp_path):
    (example,) = write(tmp_path, {"no_timeline": AWAITS})
    assert record([example]) == 0
    timeline.timeline_path(example.path).unlink()
    (outcome,) = asyncio.run(check_examples([example], reference_python()))
    assert outcome.ok and not outcome.timeline.ok
    assert "no_timeline.timeline is missing: record it with 'make update-examples EXAMPLE=no_timeline'" in (
        outcome.timeline.problems[0]
    )


def test_declared_no_timeline_runs_without_the_probe_and_records_none(tmp_path):
    (example,) = write(tmp_path, {"many_tasks": AWAITS})
    assert record([example]) == 0
    timeline.timeline_path(example.path).unlink()
    text = example.output.read_text()
    example.output.write_text(text.replace("\n  ", "\nno-timeline: it starts thousands of tasks\n  ", 1))
    (outcome,) = asyncio.run(check_examples([example]))
    assert outcome.ok and outcome.timeline is None
    assert not any("tl" in event for event in outcome.run.events)
    assert record([example]) == 0
    assert not timeline.timeline_path(example.path).exists()


def test_rerecord_of_an_unchanged_example_changes_nothing(tmp_path):
    examples = write(tmp_path, {"in_turn": SEQUENTIAL, "side_by_side": CONCURRENT, "one_blocks": ONE_TASK_BLOCKS})
    assert record(examples) == 0
    files = [path for e in examples for path in (e.output, timeline.timeline_path(e.path))]
    before = {path: path.read_bytes() for path in files}
    assert record(examples) == 0
    assert {path: path.read_bytes() for path in files} == before


# More steps than the probe keeps records of (timeline_probe.LIMIT): the timeline would be cut short.
TOO_BUSY = """
    import asyncio


    async def main():
        for _ in range(STEPS):
            await asyncio.sleep(0)
        print("done")


    asyncio.run(main())
"""


def test_incomplete_timeline_is_never_recorded(tmp_path, capsys, monkeypatch):
    from harness import checking

    monkeypatch.setattr(checking, "TIMEOUT_MARGIN", 60.0)  # its steps take seconds on a busy machine
    (example,) = write(tmp_path, {"too_busy": TOO_BUSY.replace("STEPS", "10")})
    assert record([example]) == 0
    path = timeline.timeline_path(example.path)
    recorded = path.read_bytes()
    write(tmp_path, {"too_busy": TOO_BUSY.replace("STEPS", "201_000")})
    capsys.readouterr()
    assert record([example]) == 1
    assert path.read_bytes() == recorded
    printed = capsys.readouterr().out
    assert "NOT RECORDED   examples/too_busy.timeline" in printed.replace(str(tmp_path.name) + "/", ""), printed
    assert "the timeline of this run is incomplete, so it cannot be recorded: the probe keeps 200,000 records" in printed
    path.unlink()  # a new example: nothing is written either
    assert record([example]) == 1
    assert not path.exists()
    assert "too_busy.timeline is missing" not in capsys.readouterr().out


def test_rewriting_the_same_bytes_is_unchanged(tmp_path):
    path = tmp_path / "x.timeline"
    path.write_text("python: 3.11\n")
    before = path.stat().st_mtime_ns
    check = timeline.TimelineCheck(path, None, timeline.Timeline([]), ["a problem"], "python: 3.11\n")
    assert timeline.record(check) == "unchanged"
    assert path.stat().st_mtime_ns == before
    assert timeline.record(replace(check, proposed="python: 3.12\n")) == "updated"
    assert timeline.record(replace(check, path=tmp_path / "y.timeline")) == "recorded"


# --- The probe changes nothing the example prints -----------------------------------------

DEBUG_STACKS = """
    import asyncio
    import traceback


    def in_a_thread():
        traceback.print_stack()


    async def main():
        loop = asyncio.get_running_loop()
        task = loop.create_task(asyncio.sleep(5))
        print(repr(task))  # debug mode: '... created at <file>:<line>'
        loop.call_soon(traceback.print_stack)  # a stack through the loop's Handle._run
        await asyncio.sleep(0)
        await asyncio.to_thread(in_a_thread)  # and through threading and the executor
        task.cancel()


    asyncio.run(main(), debug=True)
"""


# time.sleep, which the probe wraps: as a value, as a class attribute, and interrupted (a traceback through it).
SLEEP_SEEN = """
    import os
    import signal
    import threading
    import time


    class Napper:
        nap = time.sleep  # a built-in function does not bind as a method


    print(time.sleep, time.sleep.__name__, time.sleep.__module__, time.sleep.__doc__.splitlines()[0])
    Napper().nap(0.01)
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
    time.sleep(2)
"""


def test_probe_leaves_stacks_and_reprs_as_they_are(tmp_path):
    examples = write(tmp_path, {"debug_stacks": DEBUG_STACKS, "sleep_seen": SLEEP_SEEN})
    jobs = [Job(example.path, timeline=timeline) for example in examples for timeline in (True, False)]
    runs = asyncio.run(run_all(jobs))
    text = lambda run: [(line.stream, line.text) for line in compare.normalized_lines(run)]  # noqa: E731
    with_probe, without = runs[0:2]
    assert any("created at debug_stacks.py:11" in line for _, line in text(without))
    assert any("in _run" in line for _, line in text(without))
    assert text(with_probe) == text(without)
    assert with_probe.exit_status == without.exit_status == 0
    with_probe, without = runs[2:4]
    assert text(without)[0] == ("out", "<built-in function sleep> sleep time sleep(seconds)")
    assert text(without)[-1] == ("err", "KeyboardInterrupt") and len(text(without)) == 5, text(without)
    assert text(with_probe) == text(without)
    assert with_probe.exit_status == without.exit_status == 1


# --- The file format -------------------------------------------------------------------------


def test_recorded_files_round_trip():
    for path in sorted(ROOT.joinpath("asyncio").rglob(f"*{timeline.SUFFIX}")):
        text = path.read_text(encoding="utf-8")
        assert timeline.format_timeline(timeline.parse(path, text)) == text, path


def test_every_kind_of_lane_round_trips(tmp_path):
    S = timeline.Segment
    lanes = [
        timeline.Lane("task", "Task-1 main()", (S("run", 0, 0), S("wait", 0, 0.1), S("block", 0.1, 3.1)), "done", 3.1),
        timeline.Lane("task", "Task-2 job()", (S("run", 0, 0), S("wait", 0, 1)), "failed", 1.0),
        timeline.Lane("task", "worker 7 fetch()", (S("wait", 0, 2.5),), "cancelled", 2.5),
        timeline.Lane("task", "Task-4 forever()", (S("run", 0, 0), S("wait", 0, 4)), "pending", 4.0),
        timeline.Lane("callback", "tick()", (S("run", 1, 1), S("block", 2, 2.5))),
        timeline.Lane("thread", "MainThread", (S("run", 0, 0), S("block", 0, 1, "time.sleep()"), S("run", 1, 1))),
        timeline.Lane("thread", "asyncio_0", (S("run", 0.1, 3.1, "time.sleep()"),)),
        timeline.Lane("process", "ForkProcess-1", (S("run", 0.8, 1.0, "crunch()"), S("run", 1.5, 2, "a() + b()"))),
        timeline.Lane("process", "sh (1)", (S("run", 0, 1),)),
        timeline.Lane("loop", "", (S("block", 0.5, 1.5, "slow_callback()"),)),
    ]
    original = timeline.Timeline(lanes, "3.11", timeline.default_header(Path("x.py")))
    text = timeline.format_timeline(original)
    parsed = timeline.parse(tmp_path / "x.timeline", text)
    assert [(lane.kind, lane.name, lane.segments, lane.ending, lane.ended) for lane in parsed.lanes] == [
        (lane.kind, lane.name, lane.segments, lane.ending, lane.ended) for lane in lanes
    ]
    assert parsed.python == "3.11" and timeline.format_timeline(parsed) == text


@pytest.mark.parametrize(
    "text, message",
    [
        ("python: 3.11\ntask Task-1 main(): run 0.0, wait 0.0-1.0\n", "x.timeline:2: a task's lane ends with"),
        ("python: 3.11\ntask Task-1 main(): run 0.0, sleep 0.0-1.0, done 1.0\n", "x.timeline:2: cannot read 'sleep 0.0-1.0'"),
        ("python: 3.11\nthread asyncio_0: run 1.0-0.5\n", "x.timeline:2: 'run 1.0-0.5' ends before it starts"),
        ("python: 3.11\nfiber f: run 0.0\n", "x.timeline:2: cannot read 'fiber f: run 0.0'"),
        ("task Task-1 main(): run 0.0, done 0.0\n", "x.timeline:2: missing the 'python: <version>' line"),
        ("python: 3.11\nthread a: run 0.0\nthread a: run 1.0\n", "x.timeline:3: two lanes are named 'thread a'"),
    ],
)
def test_format_errors_name_the_line(text, message):
    with pytest.raises(timeline.TimelineFormatError) as error:
        timeline.parse(Path("x.timeline"), text)
    assert message in str(error.value)


# --- The check's tolerance: load may delay a step, not change the story -------------------


def lane(text: str) -> timeline.Lane:
    return timeline.parse(Path("x.timeline"), f"python: 3.11\n{text}\n").lanes[0]


@pytest.mark.parametrize(
    "documented, actual, problem",
    [
        # A step delayed by load: a short wait the file lacks, or lacks a short wait the file has.
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0", "wait 0.0-0.1, run 0.1, wait 0.1-1.0, run 1.0, done 1.0", None),
        ("wait 0.0-0.1, run 0.1, wait 0.1-1.0, run 1.0, done 1.0", "run 0.0, wait 0.0-1.0, run 1.0, done 1.0", None),
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0", "run 0.0, wait 0.0-1.2, run 1.2, done 1.2", None),
        # Running as long as a line may be late is not load.
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0", "wait 0.0-0.3, run 0.3-0.6, wait 0.6-1.0, run 1.0, done 1.0",
         "documented wait 0-1 s"),
        # A brief wake-up is not checked; time spent running in the middle of a wait is.
        ("run 0.0, wait 0.0-2.0, run 2.0, done 2.0", "run 0.0, wait 0.0-1.0, run 1.0, wait 1.0-2.0, run 2.0, done 2.0",
         None),
        ("run 0.0, wait 0.0-1.0, run 1.0, wait 1.0-2.0, run 2.0, done 2.0", "run 0.0, wait 0.0-2.0, run 2.0, done 2.0",
         None),
        ("run 0.0, wait 0.0-2.0, run 2.0, done 2.0",
         "run 0.0, wait 0.0-1.0, run 1.0-1.5, wait 1.5-2.0, run 2.0, done 2.0", "documented wait 0-2 s"),
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0",
         "run 0.0, wait 0.0-0.25, run 0.25, wait 0.25-1.22, run 1.22, done 1.22", None),
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0", "run 0.0, wait 0.0-1.0, run 1.0, cancelled 1.0",
         "cancelled at 1.00 s in this run; documented done"),
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0", "run 0.0, wait 0.0-1.0, block 1.0-1.4, done 1.4",
         "blocks the loop 1.00-1.40 s in this run, not documented"),
        # A task's first steps that load spread out (seen: 0.14 s, then 0.21 s, with 130 interpreters).
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0",
         "block 0.0-0.14, wait 0.14-0.21, run 0.21, wait 0.21-1.14, run 1.14, done 1.14", None),
        # A step that load stretched past 0.1 s, as seen with 130 interpreters on two busy cores.
        ("run 0.0, wait 0.0-1.0, run 1.0, done 1.0", "block 0.0-0.15, wait 0.15-1.0, run 1.0, done 1.0", None),
        ("block 0.0-0.1, wait 0.1-1.0, run 1.0, done 1.0", "run 0.0, wait 0.0-1.0, run 1.0, done 1.0", None),
        ("block 0.0-3.0, done 3.0", "block 0.0-3.4, done 3.4", None),
        ("block 0.0-3.0, done 3.0", "block 0.0-3.6, done 3.6", "documented block 0-3 s; this run: block 0.00-3.60 s"),
    ],
)
def test_task_lanes_compare_under_the_timing_rule(documented, actual, problem):
    problems = timeline.compare_lane(
        lane(f"task Task-1 main(): {documented}"), lane(f"task Task-1 main(): {actual}"), outputs.DEFAULT_RULE
    )
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def timeline_of(*lanes: str) -> timeline.Timeline:
    return timeline.parse(Path("x.timeline"), "python: 3.11\n" + "\n".join(lanes) + "\n")


AS_COMPLETED = (
    "task Task-1 main(): run 0.0, wait 0.0-3.0, run 3.0, done 3.0",
    "task Task-2 fetch(): run 0.0, wait 0.0-1.0, run 1.0, done 1.0",
    "task Task-3 fetch(): run 0.0, wait 0.0-3.0, run 3.0, done 3.0",
    "task Task-4 fetch(): run 0.0, wait 0.0-2.0, run 2.0, done 2.0",
)


def test_tasks_asyncio_numbered_match_in_any_order_among_the_same_coroutine():
    """as_completed takes a set: which fetch() becomes Task-3 follows memory order, not the example."""
    documented = timeline_of(*AS_COMPLETED)
    renumbered = timeline_of(AS_COMPLETED[0], AS_COMPLETED[1].replace("Task-2", "Task-4"),
                             AS_COMPLETED[2].replace("Task-3", "Task-2"), AS_COMPLETED[3].replace("Task-4", "Task-3"))
    assert timeline.compare(documented, renumbered, outputs.DEFAULT_RULE) == {}
    # Still wrong: two fetches that take as long as each other, where one of them should take 3 s.
    wrong = timeline_of(AS_COMPLETED[0], AS_COMPLETED[1], AS_COMPLETED[2].replace("3.0", "2.0"), AS_COMPLETED[3])
    problems = timeline.compare(documented, wrong, outputs.DEFAULT_RULE)
    assert list(problems) == ["task Task-3 fetch()"], problems
    # Tasks the example named keep their names: they are never paired with another.
    named = [lane.replace("Task-", "fetch-") for lane in AS_COMPLETED[1:]]
    swapped = [named[0].replace("fetch-2", "fetch-4"), named[1], named[2].replace("fetch-4", "fetch-2")]
    problems = timeline.compare(timeline_of(AS_COMPLETED[0], *named), timeline_of(AS_COMPLETED[0], *swapped),
                                outputs.DEFAULT_RULE)
    assert set(problems) == {"task fetch-2 fetch()", "task fetch-4 fetch()"}, problems


def test_threads_compare_what_they_ran_and_when():
    rule = outputs.DEFAULT_RULE
    documented = lane("thread asyncio_0: run 0.1-3.1 time.sleep()")
    assert timeline.compare_lane(documented, lane("thread asyncio_0: run 0.1-3.2 time.sleep()"), rule) == []
    assert timeline.compare_lane(documented, lane("thread asyncio_0: run 0.1-3.1 input()"), rule)
    assert timeline.compare_lane(documented, lane("thread asyncio_0: run 0.1-1.1 time.sleep()"), rule)


# --- The drawing -------------------------------------------------------------------------------


def drawing(name: str, until: float | None = None) -> str:
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import timeline as drawing_module  # _ext/timeline.py, as Sphinx imports it
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    example = ROOT / "asyncio" / "examples" / f"{name}.py"
    found = timeline.parse(timeline.timeline_path(example))
    return drawing_module.render_html(example.name, found, outputs.parse(example.with_suffix(".out")), "t-1", until)


def test_svg_has_an_accessible_name_description_and_legend():
    page = drawing("blocking_sleep")
    root = ElementTree.fromstring(f"<div>{page.split('<div', 1)[1].split('>', 1)[1].rsplit('</div>', 1)[0]}</div>")
    ns = {"svg": "http://www.w3.org/2000/svg"}
    svg = root.find("svg:svg", ns)
    assert svg is not None and svg.get("role") == "img"
    assert svg.get("viewBox", "").startswith("0 0 360 ") and svg.get("width") is None  # it scales
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"svg:title[@id='{title_id}']", ns).text == "Timeline of blocking_sleep.py"
    description = svg.find(f"svg:desc[@id='{desc_id}']", ns).text
    assert "Task-1 main(): ran at 0.0 s; waited from 0.0 to 0.1 s; blocked the event loop from 0.1 to 3.1 s" in description
    assert "Task-2 say_after(): ran at 0.0 s; waited from 0.0 to 3.1 s; ran at 3.1 s; done at 3.1 s." in description
    assert "Printed: 4 lines at 0.0 s; 4 lines at 3.1 s." in description
    # Blocking is a pattern, not only a colour; each printed moment has its lines as a tooltip.
    assert 'fill="url(#t-1-stripes)"' in page and '<pattern id="t-1-stripes"' in page
    assert "4 lines printed at 3.1 s:\nafter the delay, before awaiting the tasks\nhello" in page
    legend = root.find("ul[@class='timeline-legend']")
    assert ["".join(item.itertext()) for item in legend] == [
        "running: its code ran",
        "blocking the event loop: one step took 0.1 s or more, and nothing else ran",
        "waiting: suspended, or ready while the loop ran other code",
        "lines printed at that moment (point at it to read them)",
    ]
    assert root.find("details/summary").text == "The timeline as text"


def test_main_thread_without_a_loop_is_drawn_blocked():
    """what_sequential_waits runs no event loop: its main thread, blocked in each sleep, is its one lane."""
    page = drawing("what_sequential_waits")
    assert "thread MainThread: time.sleep()" in page
    words = "thread MainThread: ran at 0.0 s; was blocked in time.sleep() from 0.0 to 1.0 s; ran at 1.0 s;"
    assert words in page.split("<details>", 1)[1]  # the text version
    assert "blocked: the thread waited in a blocking call" in page and "blocking the event loop" not in page
    assert "or was blocked</div>" in page


def test_callback_lanes_are_drawn_and_told():
    S = timeline.Segment
    ticks = timeline.Timeline(
        [timeline.Lane("callback", "tick()", (S("run", 1, 1), S("run", 2, 2), S("block", 3, 3.5)))], "3.11")
    documented = outputs.parse(Path("x.out"), "0.0 out| start\n3.5 exit 0\n")
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import timeline as drawing_module
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    page = drawing_module.render_html("ticks.py", ticks, documented, "t-2")
    told = "callback tick(): ran at 1.0 s; ran at 2.0 s; blocked the event loop from 3.0 to 3.5 s."
    assert told in page.split("<details>", 1)[1] and told in page.split("<desc", 1)[1]
    assert page.count('class="tl-run"') == 2 and 'class="tl-lane tl-callback"' in page
    assert "when each callback ran, waited, or blocked the event loop" in page


def test_svg_draws_threads_and_processes_and_a_shared_axis():
    page = drawing("when_cpu_bound")
    assert "thread ThreadPoolExecutor-0_0: crunch()" in page
    # From 3.14 on, pool workers come from multiprocessing's fork server (tests/test_timeline_processes.py).
    assert "process ForkServerProcess-2: ran crunch() from 0.5 to 0.6 s." in page
    assert "process python3.15 (1)" in drawing("testing_run_programs_at_once")
    assert ">0.5 s</text>" in page and ">3 s</text>" not in page
    assert ">3 s</text>" in drawing("when_cpu_bound", until=3.0)
