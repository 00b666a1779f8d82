"""Run examples for real, all at once, on one asyncio event loop.

Each example runs in its own interpreter, which runs boot.py: it stamps every
printed line with the system-wide monotonic clock. The interpreters are forked
by a fork server, harness/zygote.py, started once per Python with asyncio
already imported, so that dozens of examples start in a tenth of a second; each
looks to its example as a freshly started ``python boot.py`` would. Examples
declared ``runs-alone`` (they burn CPU, so sharing the two cores would change
their timing and the others') run one at a time after the rest.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.outputs import Line

BOOT = Path(__file__).with_name("boot.py")
ZYGOTE = Path(__file__).with_name("zygote.py")  # forks each example's interpreter, started and ready
DEFAULT_TIMEOUT = 30.0


@dataclass
class Run:
    """What one real run of an example printed, and when."""

    example: Path
    python: str  # the interpreter that ran it
    lines: list[Line] = field(default_factory=list)
    exit_status: int | None = None
    exit_time: float = 0.0
    timed_out: float | None = None  # the timeout, if the run was killed
    version: str = ""  # e.g. "3.11.7", as the example's interpreter reports it
    stdlib: str = ""  # the interpreter's standard-library folder
    started: bool = False  # False: the interpreter failed before the example began
    events: list[dict] = field(default_factory=list)  # everything boot.py reported
    others_cpu: float | None = None  # CPU seconds other programs used during a run alone
    disturbed: bool = False  # a run alone during which other programs took more CPU than allowed
    left_behind: list[str] = field(default_factory=list)  # what it left in its scratch working folder


def _clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    return env


READY = b"\x00ready\n"  # what boot.py prints once it is ready to start the example
STARTUP_TIMEOUT = 60.0  # for an interpreter to start up and import, on a busy machine


class ForkServerError(RuntimeError):
    """A fork server (harness/zygote.py) failed to start, or died while it had examples running."""


class _ForkServer:
    """harness/zygote.py under one interpreter: it forks each example's interpreter, started and ready.

    Requests go over a unix SOCK_SEQPACKET socket, one JSON message each, with
    the example's stdin, stdout and stderr (pipes made here) attached; the
    server answers with the child's pid and, later, its exit status and the
    CPU time it used.
    """

    def __init__(self, python: str, timeline: bool):
        self.python = python
        self.timeline = timeline
        self.pending: dict[int, asyncio.Future] = {}  # request id -> the child's pid
        self.exits: dict[int, asyncio.Future] = {}  # pid -> (status, cpu seconds)
        self.ready: asyncio.Future | None = None
        self.failure: ForkServerError | None = None
        self.closing = False
        self.next_id = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.ready = loop.create_future()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = await asyncio.create_subprocess_exec(
                self.python, str(ZYGOTE), str(theirs.fileno()), *(["--timeline"] if self.timeline else []),
                stdin=asyncio.subprocess.PIPE,  # an example's standard streams are pipes: the server's too
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                pass_fds=[theirs.fileno()],
                env=_clean_environment(),
                start_new_session=True,
            )
        except OSError as error:
            ours.close()
            raise ForkServerError(f"cannot start {self.python} {ZYGOTE.name}: {error}") from error
        finally:
            theirs.close()
        ours.setblocking(False)
        self.control = ours
        self.errors = asyncio.ensure_future(self.process.stderr.read())
        self.discarded = asyncio.ensure_future(self.process.stdout.read())
        self.reader = asyncio.ensure_future(self._read())
        try:
            await asyncio.wait_for(asyncio.shield(self.ready), STARTUP_TIMEOUT)
        except asyncio.TimeoutError:
            await self.close()
            raise ForkServerError(
                f"{self.python} {ZYGOTE.name} was not ready after {STARTUP_TIMEOUT:.0f} s"
            ) from None

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                data = await loop.sock_recv(self.control, 65536)
                if not data:
                    break
                message = json.loads(data)
                if "ready" in message:
                    self.ready.set_result(message)
                elif "forked" in message:
                    pid = message["pid"]
                    self.exits[pid] = loop.create_future()
                    _resolve(self.pending.pop(message["forked"]), pid)
                elif "exited" in message:
                    future = self.exits.setdefault(message["exited"], loop.create_future())
                    _resolve(future, (message["status"], message["cpu"]))
                elif "failed" in message:
                    error = ForkServerError(f"{self.python} {ZYGOTE.name}: {message['error']}")
                    _resolve(self.pending.pop(message["failed"]), error=error)
        except Exception as error:  # noqa: BLE001 -- whatever it is, the server can no longer be trusted
            problem = f"reading its answers failed: {error!r}"
        else:
            problem = "it exited"
        await self._died(problem)

    async def _died(self, problem: str) -> None:
        """The server is gone: fail whoever waits on it, clearly, and kill its orphaned examples."""
        try:
            status = await asyncio.wait_for(self.process.wait(), 5)
        except asyncio.TimeoutError:
            status = None
        stderr = b""
        if self.errors.done() and not self.errors.cancelled():
            stderr = self.errors.result()
        elif not self.closing:
            try:
                stderr = await asyncio.wait_for(asyncio.shield(self.errors), 1)
            except asyncio.TimeoutError:
                pass
        if self.closing and not any(not f.done() for f in [*self.pending.values(), *self.exits.values()]):
            return
        text = stderr.decode("utf-8", "replace").strip()
        self.failure = ForkServerError(
            f"the fork server for {self.python} ({ZYGOTE.name}) stopped: {problem}"
            + (f" with status {status}" if status is not None else "")
            + (f"; it printed:\n{text}" if text else "")
        )
        for pid, future in self.exits.items():
            if not future.done():
                _kill_group(pid)
                _resolve(future, error=self.failure)
        for future in self.pending.values():
            _resolve(future, error=self.failure)
        self.pending.clear()
        if self.ready is not None:
            _resolve(self.ready, error=self.failure)

    async def fork(self, argv: list[str], cwd: Path, fds: tuple[int, int, int]) -> int:
        """Have the server fork a child that runs boot.py with argv, on these stdin, stdout and stderr; its pid."""
        if self.failure is not None:
            raise self.failure
        loop = asyncio.get_running_loop()
        self.next_id += 1
        request = self.next_id
        future = self.pending[request] = loop.create_future()
        message = json.dumps({"id": request, "argv": argv, "cwd": str(cwd), "env": _clean_environment()})
        while True:
            try:
                socket.send_fds(self.control, [message.encode("utf-8")], list(fds))
                break
            except BlockingIOError:
                writable = loop.create_future()
                loop.add_writer(self.control, _resolve, writable, None)
                try:
                    await writable
                finally:
                    loop.remove_writer(self.control)
            except OSError as error:
                self.pending.pop(request, None)
                raise self.failure or ForkServerError(
                    f"the fork server for {self.python} ({ZYGOTE.name}) is gone: {error}"
                ) from error
        try:
            return await asyncio.wait_for(future, STARTUP_TIMEOUT)
        except asyncio.TimeoutError:
            raise ForkServerError(
                f"the fork server for {self.python} ({ZYGOTE.name}) did not fork within {STARTUP_TIMEOUT:.0f} s"
            ) from None

    async def exited(self, pid: int) -> tuple[int, float]:
        """(exit status, CPU seconds) of a child, once it has exited."""
        return await self.exits[pid]

    async def close(self) -> None:
        self.closing = True
        if self.process.returncode is None:
            try:
                self.control.sendall(json.dumps({"exit": True}).encode("utf-8"))
            except OSError:
                pass
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except asyncio.TimeoutError:
            _kill_group(self.process.pid)
            await self.process.wait()
        for task in (self.reader, self.errors, self.discarded):
            try:
                await asyncio.wait_for(task, 5)
            except (asyncio.TimeoutError, Exception):
                pass
        self.control.close()


def _resolve(future: asyncio.Future, result=None, error: BaseException | None = None) -> None:
    if not future.done():
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class _ForkServers:
    """One fork server per interpreter, started on first use, all stopped at the end."""

    def __init__(self):
        self.servers: dict[tuple[str, bool], asyncio.Task] = {}
        self.live: list[_ExampleProcess] = []  # forked: killed at the end if still running

    def get(self, python: str, timeline: bool) -> asyncio.Task:
        key = (python, timeline)
        if key not in self.servers:
            self.servers[key] = asyncio.ensure_future(self._started(_ForkServer(python, timeline)))
        return self.servers[key]

    @staticmethod
    async def _started(server: _ForkServer) -> _ForkServer:
        await server.start()
        return server

    async def __aenter__(self) -> "_ForkServers":
        return self

    async def __aexit__(self, *exc_info) -> None:
        for process in self.live:
            process.abandon()
        for task in self.servers.values():
            if not task.done():
                task.cancel()
            try:
                server = await task
            except BaseException:
                continue
            await server.close()


def _process_cpu(pid: int) -> float:
    """CPU seconds a live single-threaded process has used so far (0.0 where /proc is missing)."""
    try:  # nanoseconds on the CPU, the figure wait4's user + system time adds up to
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        pass
    try:  # clock ticks
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


class _ExampleProcess:
    """One example's interpreter: forked by its fork server, then released, then collected."""

    def __init__(self, example: Path, python: str, timeout: float, timeline: bool = True):
        self.run = Run(example=example, python=python)
        self.timeout = timeout
        self.timeline = timeline
        self.raw: list[tuple[float, str, str]] = []  # output that bypassed boot.py's writers
        self.ready = asyncio.Event()
        self.cpu = 0.0  # CPU seconds the child used, from its exit
        self.stdin: int | None = None
        self.finished = False

    async def start(self, events_path: Path, servers: _ForkServers) -> None:
        self.events_path = events_path
        server = await servers.get(self.run.python, self.timeline)
        loop = asyncio.get_running_loop()
        stdin_r, self.stdin = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            argv = [*(["--timeline"] if self.timeline else []), str(events_path), str(self.run.example)]
            self.scratch = events_path.with_suffix(".cwd")  # its working folder, empty: what it leaves is reported
            self.scratch.mkdir()
            self.pid = await server.fork(argv, self.scratch, (stdin_r, stdout_w, stderr_w))
            servers.live.append(self)
        except BaseException:
            for fd in (self.stdin, stdout_r, stderr_r):
                os.close(fd)
            self.stdin = None
            raise
        finally:
            for fd in (stdin_r, stdout_w, stderr_w):
                os.close(fd)  # the child has them: end of file comes when it (and its children) close theirs
        self.server = server
        streams = []
        for fd in (stdout_r, stderr_r):
            reader = asyncio.StreamReader(limit=2**16)  # as asyncio.subprocess's
            await loop.connect_read_pipe(lambda reader=reader: asyncio.StreamReaderProtocol(reader), open(fd, "rb", 0))
            streams.append(reader)
        self.readers = asyncio.gather(self._collect(streams[0], "out"), self._collect(streams[1], "err"))

    async def _collect(self, stream: asyncio.StreamReader, name: str) -> None:
        async for raw in stream:
            if raw == READY and name == "out" and not self.ready.is_set():
                self.ready.set()
                continue
            self.raw.append((time.monotonic(), name, raw.decode("utf-8", "replace").rstrip("\n")))
        self.ready.set()  # it exited before it was ready: nothing to wait for

    async def wait_ready(self) -> None:
        try:
            await asyncio.wait_for(self.ready.wait(), STARTUP_TIMEOUT)
        except asyncio.TimeoutError:
            pass  # released anyway; the run's timeout applies

    def abandon(self) -> None:
        """If it never finished (an error elsewhere, or a cancel): kill it and its children, close its stdin."""
        if self.finished:
            return
        _kill_group(self.pid)
        readers = getattr(self, "readers", None)
        if readers is not None:
            readers.cancel()
            readers.add_done_callback(lambda done: done.cancelled() or done.exception())
        if self.stdin is not None:
            os.close(self.stdin)
            self.stdin = None
        self.finished = True

    def cpu_so_far(self) -> float:
        return _process_cpu(self.pid)

    async def go_and_finish(self) -> Run:
        run = self.run
        try:
            os.write(self.stdin, b"g")
        except (BrokenPipeError, ConnectionResetError):
            pass  # it has already exited
        finally:
            os.close(self.stdin)
            self.stdin = None
        exited = asyncio.ensure_future(self.server.exited(self.pid))
        try:
            await asyncio.wait_for(asyncio.shield(exited), self.timeout)
        except asyncio.TimeoutError:
            run.timed_out = self.timeout
            _kill_group(self.pid)
        status, self.cpu = await exited
        self.finished = True
        ended = time.monotonic()
        await self.readers
        run.exit_status = status
        run.left_behind = sorted(os.listdir(self.scratch))
        events = _read_events(self.events_path)
        run.events = events
        start = next((e["start"] for e in events if "start" in e), None)
        info = next((e for e in events if "python" in e), {})
        run.version, run.stdlib = info.get("python", ""), info.get("stdlib", "")
        run.started = start is not None
        origin = start if start is not None else min([t for t, _, _ in self.raw] + [ended])
        stamped = [(e["t"], e["stream"], e["text"]) for e in events if "stream" in e] + self.raw
        stamped.sort(key=lambda item: item[0])
        run.lines = [Line(round(t - origin, 4), stream, text) for t, stream, text in stamped]
        end = next((e["end"] for e in events if "end" in e), ended)
        run.exit_time = round(end - origin, 4)
        return run


@dataclass(frozen=True)
class Job:
    """One example to run under one interpreter."""

    example: Path
    python: str = sys.executable
    timeout: float = DEFAULT_TIMEOUT
    alone: bool = False  # it burns CPU: run it with nothing else running
    timeline: bool = True  # also record when its tasks, threads and processes ran (harness/timeline.py)


async def _start(jobs: list[tuple[str, Job]], servers: _ForkServers, folder: Path) -> list[_ExampleProcess]:
    """Fork an interpreter for each (name, job) and wait until all are ready; each records its events in folder/name."""
    processes = [_ExampleProcess(job.example, job.python, job.timeout, job.timeline) for _, job in jobs]
    results = await asyncio.gather(
        *(p.start(folder / f"{name}.jsonl", servers) for (name, _), p in zip(jobs, processes)),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result
    await asyncio.gather(*(p.wait_ready() for p in processes))
    return processes


async def run_example(example: Path, python: str = sys.executable, timeout: float = DEFAULT_TIMEOUT) -> Run:
    """Run one example; kill it (and its children) if it outlives `timeout` seconds."""
    (run,) = await run_all([Job(example, python, timeout)])
    return run


def _read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut short by a kill
    return events


IDLE_FRACTION = 0.9  # of all cores' time, over one sample, for the machine to count as idle
# Seconds that all the examples of one run_all that must run alone, together, wait
# for idle cores (and run again) before they run anyway, and are reported disturbed.
IDLE_WAIT = 20.0


def _cpu_times() -> tuple[int, int] | None:
    """(idle, total) jiffies of all cores since boot; None where /proc/stat is missing."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return fields[3] + fields[4], sum(fields)


async def wait_for_idle_cores(deadline: float, sample: float = 0.1) -> float | None:
    """Wait until other programs leave the cores free, or the deadline; return the idle fraction seen.

    An example that burns CPU measures how fast work runs on free cores: run
    while something else keeps them busy, it would measure the other program.
    One sample is taken even past the deadline.
    """
    idle = None
    while idle is None or time.monotonic() < deadline:
        before = _cpu_times()
        await asyncio.sleep(sample)
        after = _cpu_times()
        if before is None or after is None or after[1] == before[1]:
            return None
        idle = (after[0] - before[0]) / (after[1] - before[1])
        if idle >= IDLE_FRACTION:
            return idle
    return idle


ALONE_ATTEMPTS = 3
# Other programs may use this share of one core during a run that must run alone.
OTHERS_ALLOWED = 0.1


async def _run_alone(job: Job, servers: _ForkServers, folder: Path, name: str, deadline: float,
                     prepared: _ExampleProcess | None = None) -> Run:
    """Run a CPU-burning example on idle cores; run it again if others took the CPU meanwhile.

    Its interpreter is forked and ready (`prepared`, or forked here) before the
    cores are sampled: nothing but the example runs between the sample and the end.
    Past the deadline it runs once more at most; a run that other programs
    still disturbed is returned marked so.
    """
    for attempt in range(1, ALONE_ATTEMPTS + 1):
        if prepared is not None and attempt == 1:
            process = prepared
        else:
            (process,) = await _start([(f"{name}-{attempt}", job)], servers, folder)
        await wait_for_idle_cores(deadline)
        before, own_before = _cpu_times(), process.cpu_so_far()
        started = time.monotonic()
        run = await process.go_and_finish()
        after = _cpu_times()
        if before is None or after is None:
            return run
        busy = ((after[1] - after[0]) - (before[1] - before[0])) / os.sysconf("SC_CLK_TCK")
        run.others_cpu = max(0.0, busy - (process.cpu - own_before))
        run.disturbed = run.others_cpu > OTHERS_ALLOWED * (time.monotonic() - started)
        if not run.disturbed or time.monotonic() >= deadline:
            return run
    return run


async def run_all(jobs: list[Job]) -> list[Run]:
    """Run the jobs concurrently, then those that must run alone, one by one; in order.

    Every interpreter is forked by a fork server (harness/zygote.py), one per
    Python, started here and stopped at the end. The interpreters of the first
    runs of those that must run alone are forked with the others, and wait.
    """
    together = [index for index, job in enumerate(jobs) if not job.alone]
    alone = [index for index, job in enumerate(jobs) if job.alone]
    results: dict[int, Run] = {}
    with tempfile.TemporaryDirectory(prefix="examples-") as tmp:
        folder = Path(tmp)
        async with _ForkServers() as servers:
            processes = dict(zip(together + alone, await _start(
                [(str(index), jobs[index]) for index in together + alone], servers, folder)))
            runs = await asyncio.gather(*(processes[index].go_and_finish() for index in together))
            results.update(zip(together, runs))
            deadline = time.monotonic() + IDLE_WAIT
            for index in alone:
                results[index] = await _run_alone(
                    jobs[index], servers, folder, str(index), deadline, processes[index])
    return [results[index] for index in range(len(jobs))]
