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
        open(sys.argv[1], "w").close()
        os._exit(0)
    os._exit(0)
""")


@pytest.fixture
def proc():
    if cores.others_cpu(1, []) is None:
        pytest.skip("needs /proc")


def test_the_cpu_of_processes_an_example_started_and_never_waited_for_is_not_others(proc, tmp_path):
    done = tmp_path / "done"

    async def run():
        process = await asyncio.create_subprocess_exec(sys.executable, "-c", ORPHANED_BURNER, str(done),
                                                       start_new_session=True)
        before = cores.others_cpu(process.pid, [])
        await process.wait()
        for _ in range(300):  # the orphan burns on, and ends unseen: 0.6 s of CPU
            if done.exists():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.2)
        return cores.others_seconds(before, cores.others_cpu(process.pid, []))

    others = asyncio.run(run())
    assert others < 0.3, f"other programs took {others:.2f} s; the example's orphan alone burned 0.6 s"


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
    busy_harness = subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
    try:
        async def run():
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "import time; time.sleep(0.8)", start_new_session=True)
            before = cores.others_cpu(process.pid, [busy_harness.pid])
            await process.wait()
            return cores.others_seconds(before, cores.others_cpu(process.pid, [busy_harness.pid]))

        assert asyncio.run(run()) < 0.3
    finally:
        busy_harness.kill()
        busy_harness.wait()
