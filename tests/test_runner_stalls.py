"""No silent hang: every wait of the harness ends, with an error naming what it waited for.

Each test provokes one stall (a fork server that never says it is ready, one
stopped before it answers or while the control socket is full, an example whose
imports hang before its ready signal, a fork server that never reports an exit,
output kept open by a process in another session) with the bound made short,
and checks the error names the example, the Python and the wait. A run killed
as hung reports where its Python code was waiting.
"""

import asyncio
import os
import signal
import socket
import sys
import textwrap
import time

import pytest

from harness import example_process, forkserver
from harness.compare import report, verdict
from harness.example_process import ExampleProcess
from harness.forkserver import ForkServerError, ForkServers
from harness.runner import Job, Stalled, run_all, start
from tests.test_runner_race import _small_seqpacket_pairs


def write(folder, name, source):
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source).lstrip("\n"))
    return path


def bounded(coroutine, seconds=30):
    """Run it, failing (not hanging) the test if it outlives `seconds`."""
    return asyncio.run(asyncio.wait_for(coroutine, seconds))


def test_a_fork_server_that_never_gets_ready(tmp_path, monkeypatch):
    monkeypatch.setattr(forkserver, "STARTUP_TIMEOUT", 1.0)
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    example = write(tmp_path, "hello", "print('hi')")
    started = time.monotonic()
    with pytest.raises(ForkServerError, match=rf"fork server for {fake} .* did not say it was ready within 1 s "
                                              r"\(started for hello\.py\)"):
        bounded(run_all([Job(example, str(fake))]))
    assert time.monotonic() - started < 10


async def _with_stopped_server(tmp_path, jobs):
    """Start the fork server, stop it (SIGSTOP), then ask it for the jobs' interpreters."""
    async with ForkServers() as servers:
        server = await servers.get(sys.executable, False)
        os.kill(server.process.pid, signal.SIGSTOP)
        try:
            await start([(str(i), job) for i, job in enumerate(jobs)], servers, tmp_path)
        finally:
            os.kill(server.process.pid, signal.SIGCONT)


def test_a_fork_server_that_does_not_answer(tmp_path, monkeypatch):
    monkeypatch.setattr(forkserver, "FORK_TIMEOUT", 1.0)
    example = write(tmp_path, "hello", "print('hi')")
    with pytest.raises(ForkServerError, match=rf"fork server for {sys.executable} .* did not fork hello\.py within 1 s: "
                                              r"waited for the server's answer"):
        bounded(_with_stopped_server(tmp_path, [Job(example, timeline=False)]))


def test_a_control_socket_that_stays_full(tmp_path, monkeypatch):
    """Requests beyond what the socket holds wait their turn to send; each gives up in time, saying which wait."""
    monkeypatch.setattr(forkserver, "FORK_TIMEOUT", 1.0)
    monkeypatch.setattr(socket, "socketpair", _small_seqpacket_pairs(socket.socketpair))
    example = write(tmp_path, "hello", "print('hi')")

    async def fork_many(count):
        async with ForkServers() as servers:
            server = await servers.get(sys.executable, False)
            os.kill(server.process.pid, signal.SIGSTOP)
            try:
                processes = [ExampleProcess(example, sys.executable, 5.0, timeline=False) for _ in range(count)]
                return await asyncio.gather(
                    *(p.start(tmp_path / f"{i}.jsonl", servers) for i, p in enumerate(processes)),
                    return_exceptions=True)
            finally:
                os.kill(server.process.pid, signal.SIGCONT)

    started = time.monotonic()
    errors = bounded(fork_many(20))
    assert time.monotonic() - started < 15
    assert all(isinstance(error, ForkServerError) for error in errors), errors
    messages = {str(error).split(": waited for ")[-1] for error in errors}
    assert messages == {"its turn to send the request, and the control socket to take it",
                        "the server's answer (the forked pid)"}, messages
    assert all("did not fork hello.py within 1 s" in str(error) for error in errors)


def test_an_interpreter_that_never_says_it_is_ready(tmp_path, monkeypatch):
    """boot.py imports the example's imports before the ready signal: one that hangs stalls it."""
    monkeypatch.setattr(example_process, "READY_TIMEOUT", 1.0)
    write(tmp_path, "slow_module", """
        import time
        def hang_at_import():
            time.sleep(30)
        hang_at_import()
    """)
    example = write(tmp_path, "imports_slowly", "import slow_module\n")
    started = time.monotonic()
    with pytest.raises(Stalled, match=rf"(?s)imports_slowly\.py on {sys.executable}: its interpreter did not say it "
                                      r"was ready within 1 s.*hang_at_import"):
        bounded(run_all([Job(example)]))
    assert time.monotonic() - started < 10


def test_a_fork_server_that_never_reports_the_exit(tmp_path, monkeypatch):
    monkeypatch.setattr(example_process, "EXIT_TIMEOUT", 1.0)
    example = write(tmp_path, "stops_its_server", """
        import os, signal, time
        os.kill(os.getppid(), signal.SIGSTOP)  # the fork server
        time.sleep(30)
    """)
    started = time.monotonic()
    with pytest.raises(Stalled, match=rf"stops_its_server\.py on {sys.executable}: killed after its timeout \(1 s\), but "
                                      r"its fork server .* did not report its exit within 1 s"):
        bounded(run_all([Job(example, timeout=1.0)]))
    assert time.monotonic() - started < 15


def test_output_held_open_by_a_process_in_another_session(tmp_path, monkeypatch):
    monkeypatch.setattr(example_process, "OUTPUT_GRACE", 0.5)
    example = write(tmp_path, "leaves_a_daemon", """
        import subprocess
        subprocess.Popen(["sleep", "30"], start_new_session=True)  # inherits stdout, outlives the kill
        print("the example ends")
    """)
    started = time.monotonic()
    with pytest.raises(Stalled, match=rf"leaves_a_daemon\.py on {sys.executable}: its stdout and stderr stayed open "
                                      r"[0-9.]+ s after it exited, even after its process group was killed"):
        bounded(run_all([Job(example, timeout=1.0)]))
    assert time.monotonic() - started < 10


def test_output_held_open_by_a_process_it_left_running_ends_a_second_after_its_exit(tmp_path):
    """A process it started and left running holds its output: named and killed, without waiting for the timeout."""
    example = write(tmp_path, "leaves_a_child", """
        import subprocess
        subprocess.Popen(["sleep", "30"])
        print("the example ends")
    """)
    started = time.monotonic()
    (run,) = bounded(run_all([Job(example, timeout=20.0)]))
    assert time.monotonic() - started < 10
    assert run.timed_out is None and [line.text for line in run.lines] == ["the example ends"]
    assert len(run.left_running) == 1 and "(sleep 30)" in run.left_running[0]


HANGS = """
    import asyncio
    import threading
    import time


    def wait_in_a_thread():
        time.sleep(30)


    async def wait_forever():
        await asyncio.get_running_loop().run_in_executor(None, wait_in_a_thread)


    print("started")
    asyncio.run(wait_forever())
"""


@pytest.mark.parametrize("timeline", [True, False], ids=["timeline", "no-timeline"])
def test_a_run_killed_as_hung_says_where_it_was_waiting(tmp_path, timeline):
    example = write(tmp_path, "hangs", HANGS)
    (run,) = bounded(run_all([Job(example, timeout=1.0, timeline=timeline)]))
    assert run.timed_out == 1.0
    # faulthandler shows threads, not suspended coroutines: the thread's wait, and the line that ran the loop.
    assert f'File "{example}", line 7 in wait_in_a_thread' in run.stack, run.stack
    assert f'File "{example}", line 15 in <module>' in run.stack, run.stack
    message = report(None, run, verdict(None, run), "hangs.py", "make update-examples EXAMPLE=hangs")
    assert "Where it was waiting when it was killed" in message and "wait_in_a_thread" in message


def test_a_runner_busy_when_an_exit_is_reported_does_not_make_the_exit_late(tmp_path, monkeypatch):
    """A run killed by a signal leaves no end record: its exit time is when its fork server reaped it.

    The runner's loop is held for a second right as the report arrives (as a long
    garbage collection in a runner holding thousands of runs' records did, in
    'make bench SCALE=8'); the exit still counts at 0.2 s, not 1.2 s.
    """
    example = write(tmp_path, "killed", """
        import os, signal, time
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGTERM)
    """)
    reported = forkserver.ForkServer.exited

    async def reported_to_a_busy_runner(self, pid):
        result = await reported(self, pid)
        time.sleep(1.0)  # blocks the loop, as a collection over a large heap does
        return result

    monkeypatch.setattr(forkserver.ForkServer, "exited", reported_to_a_busy_runner)
    (run,) = asyncio.run(asyncio.wait_for(run_all([Job(example, timeline=False)]), 60))
    assert run.exit_status == -15
    assert 0.15 <= run.exit_time < 0.6, run.exit_time
