"""One example's interpreter: forked by its fork server, released, collected; and what its run printed.

Each interpreter runs boot.py, which stamps every printed line with the
system-wide monotonic clock and says when it is ready; the runner releases it
by writing to its stdin. Every wait here ends: for the ready signal
(READY_TIMEOUT), for the run (its own timeout, after which its Python stack is
dumped and it is killed), for its exit to be reported after the kill
(EXIT_TIMEOUT), and for its output pipes to close. A stall is a Stalled error
naming the example, the Python and what was awaited.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import cores, leftovers
from harness.forkserver import ForkServer, ForkServers, kill_group
from harness.outputs import Line

BOOT = Path(__file__).with_name("boot.py")
READY = b"\x00ready\n"  # what boot.py prints once it is ready to start the example
READY_TIMEOUT = 60.0  # from the fork to the ready signal: start-up and the example's imports
EXIT_TIMEOUT = 10.0  # for the fork server to report the exit of a run it was told was killed
OUTPUT_GRACE = 2.0  # after a kill, for the pipes of its process group to close
STACK_SIGNAL = signal.SIGUSR1  # boot.py dumps every thread's stack on it (faulthandler)
STACK_WAIT = 1.0  # for that dump to be written


class Stalled(RuntimeError):
    """Something the harness waited for did not come within its bound."""


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
    stack: str = ""  # where a run killed as hung was: its threads' Python stacks at the timeout
    cpu: float | None = None  # CPU seconds it and the children it waited for used, from the fork on
    released: float | None = None  # time.monotonic() when the runner released it
    left_behind: list[str] = field(default_factory=list)  # what it left in its scratch working folder
    left_running: list[str] = field(default_factory=list)  # processes of its session alive after it exited
    origin: float | None = None  # time.monotonic() when the example began: its lines' times count from it
    stalls: list = field(default_factory=list)  # when the whole machine stalled during it (harness/stalls.py)


def read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut short by a kill
    return events


def stack_path(events_path: Path) -> Path:
    """Where boot.py writes its stacks when asked (STACK_SIGNAL)."""
    return Path(f"{events_path}.stack")


class ExampleProcess:
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
        self.pid: int | None = None
        self.cpu_at_release = 0.0  # CPU seconds it used before it was released (start-up)

    @property
    def label(self) -> str:
        return f"{self.run.example.name} on {self.run.python}"

    async def start(self, events_path: Path, servers: ForkServers) -> None:
        self.events_path = events_path
        server: ForkServer = await servers.get(self.run.python, self.timeline, self.run.example.name)
        loop = asyncio.get_running_loop()
        stdin_r, self.stdin = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            argv = [*(["--timeline"] if self.timeline else []), str(events_path), str(self.run.example)]
            self.scratch = events_path.with_suffix(".cwd")  # its working folder, empty: what it leaves is reported
            self.scratch.mkdir()
            self.pid = await server.fork(argv, self.scratch, (stdin_r, stdout_w, stderr_w), self.run.example.name)
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
            await asyncio.wait_for(self.ready.wait(), READY_TIMEOUT)
        except asyncio.TimeoutError:
            stack = await self.dump_stack()
            raise Stalled(
                f"{self.label}: its interpreter did not say it was ready within {READY_TIMEOUT:g} s of its fork "
                "(boot.py imports the example's top-level imports first: does one of them hang?)"
                + (f"\nIts Python stack then:\n{stack}" if stack else "")
            ) from None

    async def dump_stack(self) -> str:
        """Ask boot.py for every thread's Python stack (it dumps them on STACK_SIGNAL); '' if none came."""
        path = stack_path(self.events_path)
        try:
            os.kill(self.pid, STACK_SIGNAL)
        except (ProcessLookupError, PermissionError, TypeError):
            return ""
        end, seen = time.monotonic() + STACK_WAIT, ""
        while time.monotonic() < end:
            await asyncio.sleep(0.05)
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            if text and text == seen:
                break  # written, and no longer growing
            seen = text
        return seen.strip()

    def abandon(self) -> None:
        """If it never finished (an error elsewhere, or a cancel): kill it and its children, close its stdin."""
        if self.finished:
            return
        if self.pid is not None:
            kill_group(self.pid)
        readers = getattr(self, "readers", None)
        if readers is not None:
            readers.cancel()
            readers.add_done_callback(lambda done: done.cancelled() or done.exception())
        if self.stdin is not None:
            os.close(self.stdin)
            self.stdin = None
        self.finished = True

    def cpu_so_far(self) -> float:
        return cores.process_cpu(self.pid)

    async def go_and_finish(self) -> Run:
        run = self.run
        self.cpu_at_release = self.cpu_so_far()
        try:
            os.write(self.stdin, b"g")
        except (BrokenPipeError, ConnectionResetError):
            pass  # it has already exited
        finally:
            os.close(self.stdin)
            self.stdin = None
        released = run.released = time.monotonic()
        exited = asyncio.ensure_future(self.server.exited(self.pid))
        exited.add_done_callback(lambda done: done.cancelled() or done.exception())  # also when given up on
        try:
            await asyncio.wait_for(asyncio.shield(exited), self.timeout)
        except asyncio.TimeoutError:
            await self._kill_hung()
            try:
                await asyncio.wait_for(asyncio.shield(exited), EXIT_TIMEOUT)
            except asyncio.TimeoutError:
                raise Stalled(
                    f"{self.label}: killed after its timeout ({self.timeout:g} s), but its fork server "
                    f"({self.server.name}) did not report its exit within {EXIT_TIMEOUT:g} s"
                ) from None
        # `ended`: when its fork server reaped it, not when this loop got round to the report: a run
        # that leaves no end record (killed by a signal) must not be late because the runner was busy.
        status, self.cpu, ended = await exited
        self.finished = True
        await self._output_closed(released, ended)
        run.exit_status = status
        run.left_behind = sorted(os.listdir(self.scratch))
        run.cpu = self.cpu
        events = read_events(self.events_path)
        run.events = events
        start = next((e["start"] for e in events if "start" in e), None)
        info = next((e for e in events if "python" in e), {})
        run.version, run.stdlib = info.get("python", ""), info.get("stdlib", "")
        run.started = start is not None
        origin = run.origin = start if start is not None else min([t for t, _, _ in self.raw] + [ended])
        stamped = [(e["t"], e["stream"], e["text"]) for e in events if "stream" in e] + self.raw
        stamped.sort(key=lambda item: item[0])
        run.lines = [Line(round(t - origin, 4), stream, text) for t, stream, text in stamped]
        end = next((e["end"] for e in events if "end" in e), ended)
        run.exit_time = round(end - origin, 4)
        return run

    async def _kill_hung(self) -> None:
        self.run.timed_out = self.timeout
        self.run.stack = await self.dump_stack()
        kill_group(self.pid)

    async def _output_closed(self, released: float, exited: float) -> None:
        """Wait for end of file on its stdout and stderr, and name what it left running.

        Processes it started and left running may hold its pipes: they are
        killed after leftovers.GRACE and named in run.left_running. A process
        that left its session may hold them until the example's timeout.
        """
        try:
            await asyncio.wait_for(asyncio.shield(self.readers), leftovers.GRACE)
        except asyncio.TimeoutError:
            pass
        held = not self.readers.done()  # then GRACE has passed already
        self.run.left_running = await leftovers.left_running(self.pid, grace=0 if held else leftovers.GRACE)
        left = max(released + self.timeout - time.monotonic(), OUTPUT_GRACE)
        try:
            await asyncio.wait_for(asyncio.shield(self.readers), left)
            return
        except asyncio.TimeoutError:
            pass
        if self.run.timed_out is None:
            self.run.timed_out = self.timeout
        kill_group(self.pid)  # what it started in its own session goes with it
        try:
            await asyncio.wait_for(asyncio.shield(self.readers), OUTPUT_GRACE)
        except asyncio.TimeoutError:
            self.readers.cancel()
            self.readers.add_done_callback(lambda done: done.cancelled() or done.exception())
            raise Stalled(
                f"{self.label}: its stdout and stderr stayed open {time.monotonic() - exited:.1f} s after it exited, "
                "even after its process group was killed: a process it started in another session holds them"
            ) from None
