"""The fork server (harness/zygote.py): a forked example sees what a freshly started interpreter sees.

- An example that prints what it can observe of its interpreter (arguments,
  ``__main__``, folder, environment, standard streams, signal handlers, open
  descriptors, threads, the names of new tasks, threads and processes, atexit
  handlers) prints the same forked by the server as started by
  ``python boot.py``, the way the runner started examples before it, on every
  Python found.
- Children forked one after another by one server each start their counters
  afresh; exit statuses, signals and CPU times are reported as subprocess
  reports them; end of file on the output pipes waits for grandchildren.
- A server that dies, or that cannot start, is an error that says so, at once.
"""

import asyncio
import difflib
import json
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from harness import pythons, runner
from harness.forkserver import ForkServers
from harness.runner import ForkServerError, Job, run_all

FRESH = """
    import asyncio
    import atexit
    import multiprocessing
    import os
    import signal
    import sys
    import threading
    import traceback
    from concurrent.futures import ThreadPoolExecutor


    def fact(name, value):
        print(f"{name}: {value}")


    def handler(signum):
        found = signal.getsignal(signum)
        return getattr(found, "__name__", found)


    fact("argv", sys.argv)
    fact("name", __name__)
    fact("file", __file__)
    fact("builtins", type(__builtins__).__name__)
    fact("path0", sys.path[0])
    fact("cwd: another folder, empty", (os.getcwd() != os.path.dirname(__file__), os.listdir()))
    fact("main module", sys.modules["__main__"].__dict__ is globals())
    fact("own session", os.getsid(0) == os.getpid() == os.getpgid(0))
    fact("environment", sorted((k, v) for k, v in os.environ.items() if k.startswith("PYTHON")))
    fact("stdin", (sys.stdin.fileno(), sys.stdin.encoding, sys.stdin.seekable(), sys.stdin.isatty(), sys.stdin.read()))
    for stream in (sys.__stdout__, sys.__stderr__):
        fact("stream", (stream.fileno(), stream.encoding, stream.errors, stream.line_buffering,
                        stream.write_through, stream.seekable(), stream.isatty()))
    fact("flags", sys.flags)
    fact("signals", [(s.name, handler(s)) for s in sorted(signal.valid_signals()) if isinstance(s, signal.Signals)])
    fact("wakeup fd", signal.set_wakeup_fd(-1))
    fact("descriptors", sorted(int(fd) for fd in os.listdir("/proc/self/fd")))
    fact("threads", [t.name for t in threading.enumerate()])
    fact("new thread", threading.Thread().name)
    with ThreadPoolExecutor() as pool:
        fact("executor thread", pool.submit(lambda: threading.current_thread().name).result())
    child = multiprocessing.get_context("fork").Process(target=fact, args=("in the child", "hello"))
    fact("fork process", child.name)
    child.start()
    child.join()
    fact("process", (multiprocessing.current_process().name, multiprocessing.parent_process()))
    fact("original dir is the cwd", multiprocessing.process.ORIGINAL_DIR == os.getcwd())
    fact("stack depth", len(traceback.extract_stack()))
    fact("atexit handlers", atexit._ncallbacks())
    fact("modules with atexit-like state", "multiprocessing.util" in sys.modules)


    async def main():
        fact("task", asyncio.current_task().get_name())
        fact("created task", asyncio.create_task(asyncio.sleep(0)).get_name())
        fact("loop", type(asyncio.get_running_loop()).__name__)


    asyncio.run(main())
"""

COUNTERS = """
    import asyncio
    import multiprocessing
    import threading
    from concurrent.futures import ThreadPoolExecutor


    async def main():
        print(asyncio.current_task().get_name(), asyncio.create_task(asyncio.sleep(0)).get_name())
        print(await asyncio.to_thread(lambda: threading.current_thread().name))


    asyncio.run(main())
    print(threading.Thread().name)
    with ThreadPoolExecutor() as pool:
        print(pool.submit(lambda: threading.current_thread().name).result())
    print(multiprocessing.get_context("fork").Process().name, multiprocessing.Process().name)
"""


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source).lstrip("\n"))
    return path


def run_fresh(python: str, example: Path, events: Path, timeline: bool = True) -> tuple[list[str], int]:
    """Run the example as the runner did before the fork server: ``python boot.py`` in a new session."""
    events.with_suffix(".cwd").mkdir()  # an empty working folder, as the runner gives each example
    process = subprocess.Popen(
        [python, str(runner.BOOT), *(["--timeline"] if timeline else []), str(events), str(example)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=events.with_suffix(".cwd"), env=runner.clean_environment(), start_new_session=True,
    )
    assert process.stdout.readline() == runner.READY
    out, err = process.communicate(b"g", timeout=60)
    printed = [event["text"] for line in events.read_text().splitlines()
               for event in [json.loads(line)] if "stream" in event]
    return printed + out.decode().splitlines() + err.decode().splitlines(), process.returncode


def found_pythons() -> list[str]:
    return [found.path for found in map(pythons.find, pythons.SUPPORTED) if found.found]


@pytest.mark.parametrize("timeline", [True, False], ids=["timeline", "no-timeline"])
def test_a_forked_example_sees_a_fresh_interpreter(tmp_path, timeline):
    example = write(tmp_path, "fresh", FRESH)
    interpreters = found_pythons()
    runs = asyncio.run(run_all([Job(example, python, timeline=timeline) for python in interpreters]))
    for index, (python, run) in enumerate(zip(interpreters, runs)):
        fresh, status = run_fresh(python, example, tmp_path / f"fresh-{index}.jsonl", timeline)
        forked = [line.text for line in run.lines]
        difference = "\n".join(difflib.unified_diff(fresh, forked, "python boot.py", "forked", lineterm=""))
        assert forked == fresh, f"{python}:\n{difference}"
        assert run.exit_status == status == 0
        assert "task: Task-1" in forked and "fork process: ForkProcess-1" in forked and "in the child: hello" in forked


def test_children_of_one_server_each_start_their_counters_afresh(tmp_path):
    example = write(tmp_path, "counters", COUNTERS)
    runs = asyncio.run(run_all([Job(example) for _ in range(3)]))
    fresh, _ = run_fresh(Job.python, example, tmp_path / "fresh.jsonl")
    assert fresh[0] == "Task-1 Task-2" and fresh[-1] == "ForkProcess-1 Process-2"
    for run in runs:
        assert [line.text for line in run.lines] == fresh
        assert run.exit_status == 0


@pytest.mark.parametrize(
    "source, status",
    [
        ("raise SystemExit(3)", 3),
        ("import sys; sys.exit('a message')", 1),
        ("import os, signal; os.kill(os.getpid(), signal.SIGTERM)", -15),
        ("import os; os._exit(7)", 7),
        ("print(undefined)", 1),
    ],
)
def test_exit_statuses_are_those_of_a_fresh_interpreter(tmp_path, source, status):
    example = write(tmp_path, "ends", source)
    (run,) = asyncio.run(run_all([Job(example)]))
    fresh, fresh_status = run_fresh(Job.python, example, tmp_path / "fresh.jsonl")
    assert run.exit_status == fresh_status == status
    assert [line.text for line in run.lines] == fresh


def test_output_ends_when_the_last_writer_closes_it(tmp_path):
    """A grandchild that keeps the example's stdout open is waited for, as with the pipes of a subprocess."""
    example = write(tmp_path, "grandchild", """
        import subprocess
        subprocess.Popen(["sh", "-c", "sleep 0.5; echo from the grandchild"])
        print("the example ends")
    """)
    (run,) = asyncio.run(asyncio.wait_for(run_all([Job(example)]), 20))
    assert [line.text for line in run.lines] == ["the example ends", "from the grandchild"]
    assert run.lines[-1].time >= 0.4


def test_the_cpu_time_of_each_child_is_reported(tmp_path):
    example = write(tmp_path, "burns", """
        import time
        end = time.process_time() + 0.3
        while time.process_time() < end:
            pass
    """)

    async def burn():
        async with ForkServers() as servers:
            (process,) = await runner.start([("burns", Job(example))], servers, tmp_path)
            before = process.cpu_so_far()
            run = await process.go_and_finish()
            return run, before, process.cpu

    run, before, cpu = asyncio.run(burn())
    assert run.exit_status == 0
    assert 0.3 <= cpu - before < 1.0


def test_a_server_that_dies_is_reported_at_once(tmp_path):
    pid_file = tmp_path / "pid"
    example = write(tmp_path, "kills_its_server", f"""
        import os, signal, time
        open({str(pid_file)!r}, "w").write(str(os.getpid()))
        os.kill(os.getppid(), signal.SIGKILL)  # the fork server
        time.sleep(30)
    """)
    started = time.monotonic()
    with pytest.raises(ForkServerError, match="stopped: it exited"):
        asyncio.run(run_all([Job(example, timeout=25)]))
    assert time.monotonic() - started < 10
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "the example of a dead server must be killed"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_an_interpreter_that_cannot_serve_is_reported(tmp_path):
    example = write(tmp_path, "hello", "print('hi')")
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'this is no Python' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(ForkServerError, match="(?s)with status 3.*this is no Python"):
        asyncio.run(asyncio.wait_for(run_all([Job(example, str(fake))]), 20))
    with pytest.raises(ForkServerError, match="cannot start"):
        asyncio.run(run_all([Job(example, str(tmp_path / "missing"))]))


def test_an_example_can_interrupt_itself_when_the_check_runs_in_the_background(tmp_path):
    """A shell starts background jobs ('make test &') with SIGINT ignored; examples still get KeyboardInterrupt."""
    example = tmp_path / "interrupts_itself.py"
    example.write_text(textwrap.dedent("""
        import os, signal, time
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            print("interrupted")
    """))
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a background job starts
    try:
        (run,) = asyncio.run(run_all([Job(example, timeout=10.0)]))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert [line.text for line in run.lines] == ["interrupted"], run.lines
