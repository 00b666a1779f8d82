"""A process pool's workers have their lanes in the timeline, whichever way multiprocessing starts them.

Up to Python 3.13 a pool's workers on Linux are forked from the example, and
inherit its timeline probe. From 3.14 on they are forked by multiprocessing's
fork server, a fresh interpreter; with "spawn" each worker is one. The probe
loads itself into those interpreters (timeline_probe._wrap_spawnv_passfds), so that
on every Python, and with every start method, each worker has a lane with the
function it ran; the fork server, multiprocessing's own, has none. Recording
changes nothing the example prints, and leaves no probe module the example's
code could import.
"""

import asyncio
import textwrap

import pytest

from harness import compare, pythons, timeline
from harness.runner import Job, run_all

NAP = 0.5  # each worker's one job; two workers start together, so each takes one

POOL = """
    import multiprocessing
    import sys
    import time
    from concurrent.futures import ProcessPoolExecutor

    METHOD = {method!r}


    def nap(seconds):
        time.sleep(seconds)
        # What the worker could import of the harness: nothing.
        return sorted(name for name in sys.modules if name.startswith(("_boot_", "harness")) or "timeline" in name)


    if __name__ == "__main__":
        context = None if METHOD == "default" else multiprocessing.get_context(METHOD)
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            print(list(pool.map(nap, [{nap}, {nap}])))
"""

METHODS = ("default", "forkserver", "spawn")
PREFIXES = {"fork": "ForkProcess-", "forkserver": "ForkServerProcess-", "spawn": "SpawnProcess-"}


def interpreters() -> list[tuple[pythons.Version, str]]:
    found = [(version, pythons.find(version)) for version in pythons.SUPPORTED]
    return [(version, interpreter.path) for version, interpreter in found if interpreter.found]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each start method's example on each Python found, with the probe and without, all at once."""
    folder = tmp_path_factory.mktemp("pools")
    paths = {}
    for method in METHODS:
        path = folder / f"pool_{method}.py"
        path.write_text(textwrap.dedent(POOL.format(method=method, nap=NAP)).lstrip("\n"))
        paths[method] = path
    cases = [(method, version, python) for method in METHODS for version, python in interpreters()]
    if not cases:
        pytest.skip("no Python found")
    jobs = [Job(paths[method], python, timeline=probe) for method, _, python in cases for probe in (True, False)]
    done = asyncio.run(run_all(jobs))
    return {(method, version): done[2 * i: 2 * i + 2] for i, (method, version, _) in enumerate(cases)}


def default_method(version: pythons.Version) -> str:
    return "fork" if version < (3, 14) else "forkserver"


CASES = [(method, version) for method in METHODS for version in pythons.SUPPORTED]


@pytest.mark.parametrize("method, version", CASES, ids=[f"{m}-py{pythons.text(v)}" for m, v in CASES])
def test_each_worker_has_a_lane_with_its_job(method, version, runs):
    if (method, version) not in runs:
        pytest.skip(pythons.missing_message(pythons.find(version)))
    with_probe, without = runs[method, version]
    assert with_probe.exit_status == 0, with_probe.lines
    drawn = timeline.build(with_probe)
    assert drawn.notes == []
    prefix = PREFIXES[default_method(version) if method == "default" else method]
    lanes = [lane for lane in drawn.lanes if lane.kind == "process"]
    told = "\n".join(timeline.format_lane(lane) for lane in drawn.lanes)
    assert [lane.name for lane in lanes] == [f"{prefix}1", f"{prefix}2"], told
    for lane in lanes:
        (job,) = lane.segments
        assert job.what == "nap()" and job.duration >= NAP - 0.05, told
    # The probe in the workers changes nothing they print, and leaves nothing they can import.
    text = lambda run: [(line.stream, line.text) for line in compare.normalized_lines(run)]  # noqa: E731
    assert text(with_probe) == text(without) == [("out", "[[], []]")]
    assert with_probe.left_running == []


@pytest.mark.parametrize("payload", ["another Python", "cut short"])
def test_a_child_interpreter_that_cannot_take_the_probe_says_so_and_runs_on(payload, tmp_path):
    """The prelude fails: multiprocessing's code still runs, and the events file says why the lanes are missing."""
    import json
    import os
    import subprocess
    import sys

    from harness import timeline_probe

    events = tmp_path / "events.jsonl"
    events.touch()
    timeline_probe._compile_for_children()
    data = timeline_probe._payload()
    data = b"2.7.18\0" + data.partition(b"\0")[2] if payload == "another Python" else data[:-100]
    read, write = os.pipe()
    os.write(write, data)
    os.close(write)
    code = timeline_probe._PRELUDE % (read, str(events), os.getpid()) + "print('multiprocessing runs')"
    done = subprocess.run([sys.executable, "-c", code], pass_fds=[read], capture_output=True, text=True)
    os.close(read)
    assert (done.returncode, done.stdout, done.stderr) == (0, "multiprocessing runs\n", "")
    (event,) = [json.loads(line) for line in events.read_text().splitlines()]
    (problem,) = event["probe_problems"]
    assert problem.startswith("multiprocessing's child interpreter: ")
    assert ("another Python" in problem) == (payload == "another Python"), problem
