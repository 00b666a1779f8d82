"""Watch for moments when the whole machine stops, and tell a late run they explain from a late example.

A line can come late for a reason that has nothing to do with the example: a
virtual machine's cores taken back by its host for half a second, a disk that
holds every process writing to it. The examples running then are all late by
the same amount at the same moment. While the runner runs examples, a small
watcher process (WATCHER) sleeps TICK seconds at a time and writes one byte to
a file beside the examples' records, as they do; whenever a round takes
STALL seconds longer than it should, it reports when the machine did not let
it run. The runner hands each run the stalls that overlapped it.

A run whose only problems are lines (or an exit) later than allowed, each by
no more than the machine stalled during the run, would have passed without
the stalls: the check runs it again, alone, and judges the second run
(harness/checking.py); the report says so. A run that is late by more than the
stalls, or wrong in any other way, is judged as it is.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

TICK = 0.01  # seconds the watcher sleeps between two writes
STALL = 0.05  # a round this much longer than TICK is a stall; shorter delays are ordinary wake-up latency

# Standard library only, run with -I -S: it must start fast, and end as soon as the runner does.
WATCHER = """
import os, sys, time
path, tick, least, parent = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), os.getppid()
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
before = time.monotonic()
while os.getppid() == parent:
    time.sleep(tick)
    os.pwrite(fd, b"x", 0)
    now = time.monotonic()
    if now - before > tick + least:
        sys.stdout.write(f"{before + tick!r} {now!r}\\n")
        sys.stdout.flush()
    before = now
"""


@dataclass(frozen=True)
class Stall:
    """A moment the watcher could not run: from `start` to `end`, time.monotonic() seconds."""

    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


class StallWatch:
    """``async with StallWatch(folder) as watch:`` records the machine's stalls in ``watch.stalls`` meanwhile."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stalls: list[Stall] = []
        self.process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    async def __aenter__(self) -> "StallWatch":
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-I", "-S", "-c", WATCHER, str(self.folder / "stall-watch"), repr(TICK), repr(STALL),
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.ensure_future(self._read(self.process.stdout))
        return self

    async def _read(self, stdout: asyncio.StreamReader) -> None:
        async for line in stdout:
            start, end = (float(value) for value in line.split())
            self.stalls.append(Stall(start, end))

    async def __aexit__(self, *exc_info) -> None:
        try:
            self.process.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        await self.process.wait()
        await self._reader

    def during(self, start: float, end: float) -> list[Stall]:
        """The stalls that overlapped start..end (time.monotonic() seconds), cut to it."""
        return [Stall(max(s.start, start), min(s.end, end)) for s in self.stalls if s.start < end and s.end > start]


def total(stalls: list[Stall]) -> float:
    return sum(s.length for s in stalls)


def explains(late_by: float | None, stalls: list[Stall]) -> bool:
    """Whether the run would have passed without the stalls: late by no more than the machine stood still.

    late_by: how far past its allowed window the latest line (or the exit)
    came, when being late is all that is wrong with the run; None otherwise.
    """
    return late_by is not None and late_by > 0 and total(stalls) >= late_by


def describe(stalls: list[Stall], origin: float) -> str:
    """'0.53 s (at 2.01 s for 0.53 s)': how long the machine stalled, and when, in seconds of the run."""
    moments = ", ".join(f"at {s.start - origin:.2f} s for {s.length:.2f} s" for s in stalls[:5])
    more = f", and {len(stalls) - 5} more" if len(stalls) > 5 else ""
    return f"{total(stalls):.2f} s ({moments}{more})"

