"""A run alone is judged disturbed only by CPU that is really other programs'.

The example's session, everything it started included (multiprocessing's fork
server and pool workers, which no process of the example waits for), is its own
CPU; the cores' busy time less that and the harness's is other programs'.
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
        time.sleep(0.5)  # sampled once more
        os._exit(0)
    os._exit(0)
""")


def test_the_cpu_of_processes_an_example_started_and_never_waited_for_is_its_own(tmp_path):
    if cores.cpu_times() is None:
        pytest.skip("needs /proc")

    async def measure():
        done = tmp_path / "done"
        process = await asyncio.create_subprocess_exec(sys.executable, "-c", ORPHANED_BURNER, str(done),
                                                       start_new_session=True)
        session = cores.SessionCpu(process.pid, interval=0.05)
        following = asyncio.ensure_future(session.follow())
        await process.wait()
        for _ in range(300):  # the orphan burns on: 0.6 s of CPU, longer on a busy machine
            if done.exists():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.2)
        following.cancel()
        return session.seconds(), process.pid

    seconds, pid = asyncio.run(measure())
    assert seconds >= 0.55, f"the session of {pid} used {seconds:.2f} s of CPU; its orphan alone burned 0.6 s"


def test_other_sessions_are_not_counted():
    outsider = subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
    try:
        async def measure():
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "import time; time.sleep(0.8)", start_new_session=True)
            session = cores.SessionCpu(process.pid, interval=0.05)
            following = asyncio.ensure_future(session.follow())
            await process.wait()
            following.cancel()
            return session.seconds()

        assert asyncio.run(measure()) < 0.3
    finally:
        outsider.kill()
        outsider.wait()
