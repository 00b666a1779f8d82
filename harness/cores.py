"""What the machine's cores are doing: how much of them other programs leave free.

Read from /proc/stat (all cores' idle and total time since boot); where it is
missing, nothing is known and callers carry on as if the cores were free.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

IDLE_FRACTION = 0.9  # of all cores' time, over one sample, for the machine to count as idle


def cpu_times() -> tuple[int, int] | None:
    """(idle, total) jiffies of all cores since boot; None where /proc/stat is missing."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return fields[3] + fields[4], sum(fields)


def busy_seconds(before: tuple[int, int], after: tuple[int, int]) -> float:
    """CPU seconds all cores spent busy between two cpu_times() readings."""
    return ((after[1] - after[0]) - (before[1] - before[0])) / os.sysconf("SC_CLK_TCK")


async def wait_for_idle_cores(deadline: float, sample: float = 0.1) -> float | None:
    """Wait until other programs leave the cores free, or the deadline; return the idle fraction seen.

    An example that burns CPU measures how fast work runs on free cores: run
    while something else keeps them busy, it would measure the other program.
    One sample is taken even past the deadline.
    """
    idle = None
    while idle is None or time.monotonic() < deadline:
        before = cpu_times()
        await asyncio.sleep(sample)
        after = cpu_times()
        if before is None or after is None or after[1] == before[1]:
            return None
        idle = (after[0] - before[0]) / (after[1] - before[1])
        if idle >= IDLE_FRACTION:
            return idle
    return idle


async def free_cores(sample: float = 0.5) -> float:
    """How many cores other programs leave free, over `sample` seconds (all of them if unknown)."""
    cores = float(os.cpu_count() or 1)
    before = cpu_times()
    await asyncio.sleep(sample)
    after = cpu_times()
    if before is None or after is None or after[1] == before[1]:
        return cores
    return cores * (after[0] - before[0]) / (after[1] - before[1])


def stat_fields(pid: str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def process_cpu(pid: int) -> float:
    """CPU seconds a live process (all its threads) has used so far; 0.0 if it is gone or /proc is missing."""
    fields = stat_fields(str(pid))
    if fields is None:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def others_cpu(session: int, harness: list[int]) -> dict[str, int] | None:
    """Clock ticks each process outside an example's session and the harness has used, its reaped children included.

    Two of these, before and after a run, tell what other programs took
    (others_seconds), without needing to see the example's own processes
    (pool workers, multiprocessing's fork server), which may end unseen.
    None where /proc cannot be read.
    """
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    # init adopts orphans and reaps them: the example's own processes that outlive it (multiprocessing's
    # fork server) would count as others through its reaped children's time.
    skip, own = {"1", *(str(pid) for pid in harness)}, str(session)
    found = {}
    for pid in pids:
        fields = stat_fields(pid)
        if fields is None or pid in skip or fields[3] == own:
            continue
        found[pid] = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return found


def others_seconds(before: dict[str, int], after: dict[str, int]) -> float:
    """CPU seconds other programs used between two others_cpu() readings (a process new since, all of its)."""
    ticks = sum(value - before.get(pid, 0) for pid, value in after.items() if value >= before.get(pid, 0))
    return ticks / os.sysconf("SC_CLK_TCK")
