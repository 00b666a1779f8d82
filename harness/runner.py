"""Run examples for real, all at once, on one asyncio event loop.

Each example is a subprocess started through boot.py, which stamps every
printed line with the system-wide monotonic clock. Examples declared
``runs-alone`` (they burn CPU, so sharing the two cores would change their
timing and the others') run one at a time after the rest.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.outputs import Line

BOOT = Path(__file__).with_name("boot.py")
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


def _clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    return env


READY = b"\x00ready\n"  # what boot.py prints once it is ready to start the example
STARTUP_TIMEOUT = 60.0  # for an interpreter to start up and import, on a busy machine


class _ExampleProcess:
    """One example's interpreter: started, then released, then collected."""

    def __init__(self, example: Path, python: str, timeout: float, timeline: bool = True):
        self.run = Run(example=example, python=python)
        self.timeout = timeout
        self.timeline = timeline
        self.raw: list[tuple[float, str, str]] = []  # output that bypassed boot.py's writers
        self.ready = asyncio.Event()

    async def start(self, events_path: Path) -> None:
        self.events_path = events_path
        self.process = await asyncio.create_subprocess_exec(
            self.run.python, str(BOOT), *(["--timeline"] if self.timeline else []),
            str(events_path), str(self.run.example),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=self.run.example.parent,
            env=_clean_environment(),
            start_new_session=True,
        )
        self.readers = asyncio.gather(
            self._collect(self.process.stdout, "out"), self._collect(self.process.stderr, "err")
        )

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

    async def go_and_finish(self) -> Run:
        run, process = self.run, self.process
        try:
            process.stdin.write(b"g")
            await process.stdin.drain()
            process.stdin.close()
        except (BrokenPipeError, ConnectionResetError):
            pass  # it has already exited
        try:
            await asyncio.wait_for(process.wait(), self.timeout)
        except asyncio.TimeoutError:
            run.timed_out = self.timeout
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            await process.wait()
        ended = time.monotonic()
        await self.readers
        run.exit_status = process.returncode
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


async def _run_together(jobs: list[Job]) -> list[Run]:
    """Start the interpreters, wait until all are ready, release them at once."""
    with tempfile.TemporaryDirectory(prefix="examples-") as tmp:
        processes = [_ExampleProcess(job.example, job.python, job.timeout, job.timeline) for job in jobs]
        await asyncio.gather(*(p.start(Path(tmp) / f"{i}.jsonl") for i, p in enumerate(processes)))
        await asyncio.gather(*(p.wait_ready() for p in processes))
        return list(await asyncio.gather(*(p.go_and_finish() for p in processes)))


async def run_example(example: Path, python: str = sys.executable, timeout: float = DEFAULT_TIMEOUT) -> Run:
    """Run one example; kill it (and its children) if it outlives `timeout` seconds."""
    (run,) = await _run_together([Job(example, python, timeout)])
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
IDLE_WAIT = 60.0  # seconds to wait for idle cores before running anyway


def _cpu_times() -> tuple[int, int] | None:
    """(idle, total) jiffies of all cores since boot; None where /proc/stat is missing."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return fields[3] + fields[4], sum(fields)


async def wait_for_idle_cores(sample: float = 0.3) -> float | None:
    """Wait until other programs leave the cores free; return the idle fraction seen.

    An example that burns CPU measures how fast work runs on free cores: run
    while something else keeps them busy, it would measure the other program.
    """
    deadline = time.monotonic() + IDLE_WAIT
    idle = None
    while time.monotonic() < deadline:
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


async def _run_alone(job: Job) -> Run:
    """Run a CPU-burning example on idle cores; run it again if others took the CPU meanwhile."""
    for attempt in range(1, ALONE_ATTEMPTS + 1):
        await wait_for_idle_cores()
        before, own_before = _cpu_times(), _children_cpu()
        started = time.monotonic()
        (run,) = await _run_together([job])
        after, own_after = _cpu_times(), _children_cpu()
        if before is None or after is None:
            return run
        busy = ((after[1] - after[0]) - (before[1] - before[0])) / os.sysconf("SC_CLK_TCK")
        run.others_cpu = max(0.0, busy - (own_after - own_before))
        if run.others_cpu <= OTHERS_ALLOWED * (time.monotonic() - started) or attempt == ALONE_ATTEMPTS:
            return run
    return run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def run_all(jobs: list[Job]) -> list[Run]:
    """Run the jobs concurrently, then those that must run alone, one by one; in order."""
    together = [job for job in jobs if not job.alone]
    results = dict(zip(together, await _run_together(together)))
    for job in jobs:
        if job.alone:
            results[job] = await _run_alone(job)
    return [results[job] for job in jobs]
