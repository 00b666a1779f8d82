"""A run alone is judged disturbed only by CPU that is really other programs'.

Other programs' CPU is what every process outside the example's session and
the harness used during the run, their reaped children included. What the
example started (multiprocessing's fork server and pool workers, even orphaned
ones that end unseen) is its own.
"""

import asyncio
import subprocess
import sys
import textwrap

import pytest

from harness import cores

ORPHANED_BURNER = textwrap.dedent("""
    import os, sys, time
    if os.fork() == 0:  # a worker its parent never waits for: it outlives the parent, orphaned
        end = time.process_time() + 0.6
        while time.process_time() < end:
            pass
        with open(sys.argv[1], "w") as done:
            done.write(str(os.getpid()))
        os._exit(0)
    os._exit(0)
""")


@pytest.fixture
def proc():
    if cores.others_cpu(1, []) is None:
        pytest.skip("needs /proc")


def test_the_cpu_of_processes_an_example_started_and_never_waited_for_is_not_others(proc, tmp_path):
    """Judged by which processes are counted, not by the total, which other programs on the machine change."""
    done = tmp_path / "done"

    async def run():
        process = await asyncio.create_subprocess_exec(sys.executable, "-c", ORPHANED_BURNER, str(done),
                                                       start_new_session=True)
        before = cores.others_cpu(process.pid, [])
        await process.wait()
        for _ in range(300):  # the orphan burns on, and ends unseen: 0.6 s of CPU
            if done.exists() and done.read_text():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.2)
        return process.pid, before, cores.others_cpu(process.pid, [])

    example, before, after = asyncio.run(run())
    orphan = done.read_text()
    counted = before.keys() | after.keys()
    # Init (pid 1) adopted the orphan and reaped it: its reaped children's time would hold the orphan's.
    assert not {str(example), orphan, "1"} & counted, "the example, its orphan or init counted as other programs"


def test_other_programs_are_counted(proc):
    outsider = subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
    try:
        async def run():
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "import time; time.sleep(0.8)", start_new_session=True)
            before = cores.others_cpu(process.pid, [])
            await process.wait()
            return cores.others_seconds(before, cores.others_cpu(process.pid, []))

        assert asyncio.run(run()) > 0.5  # the outsider spun a whole core for 0.8 s
    finally:
        outsider.kill()
        outsider.wait()


def test_the_harness_is_not_counted(proc):
    """The harness's CPU (a busy process here) is left out, and only it: the rest is counted as before."""
    busy_harness = subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
    try:
        async def run():
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "import time; time.sleep(0.8)", start_new_session=True)
            before = cores.others_cpu(process.pid, [busy_harness.pid]), cores.others_cpu(process.pid, [])
            await process.wait()
            after = cores.others_cpu(process.pid, [busy_harness.pid]), cores.others_cpu(process.pid, [])
            return [cores.others_seconds(b, a) for b, a in zip(before, after)], after[0]

        (harness_left_out, all_counted), counted = asyncio.run(run())
        assert str(busy_harness.pid) not in counted
        assert all_counted - harness_left_out > 0.5  # the busy harness spun a core for 0.8 s: that is what was left out
    finally:
        busy_harness.kill()
        busy_harness.wait()
