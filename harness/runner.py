"""Run examples for real, concurrently, on one asyncio event loop: the scheduler.

Each example runs in its own interpreter (harness/example_process.py), forked
by a fork server started once per Python (harness/forkserver.py and
harness/zygote.py), so that dozens of examples start in a tenth of a second;
each looks to its example as a freshly started ``python boot.py`` would.
Examples declared ``runs-alone`` (they burn CPU, so sharing the cores would
change their timing and the others') run one at a time after the rest, on
idle cores (harness/cores.py).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from harness import cores
from harness.cores import cpu_times as _cpu_times
from harness.example_process import BOOT, READY, ExampleProcess, Run, Stalled
from harness.forkserver import ForkServerError, ForkServers, clean_environment

__all__ = ["BOOT", "READY", "DEFAULT_TIMEOUT", "ForkServerError", "Job", "Run", "Stalled", "clean_environment",
           "run_all", "run_example"]

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Job:
    """One example to run under one interpreter."""

    example: Path
    python: str = sys.executable
    timeout: float = DEFAULT_TIMEOUT
    alone: bool = False  # it burns CPU: run it with nothing else running
    timeline: bool = True  # also record when its tasks, threads and processes ran (harness/timeline.py)


async def start(jobs: list[tuple[str, Job]], servers: ForkServers, folder: Path) -> list[ExampleProcess]:
    """Fork an interpreter for each (name, job) and wait until all are ready; each records its events in folder/name."""
    processes = [ExampleProcess(job.example, job.python, job.timeout, job.timeline) for _, job in jobs]
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


# Seconds that all the examples of one run_all that must run alone, together, wait
# for idle cores (and run again) before they run anyway, and are reported disturbed.
IDLE_WAIT = 20.0
ALONE_ATTEMPTS = 3
# Other programs may use this share of one core during a run that must run alone.
OTHERS_ALLOWED = 0.1


async def _run_alone(job: Job, servers: ForkServers, folder: Path, name: str, deadline: float,
                     prepared: ExampleProcess | None = None) -> Run:
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
            (process,) = await start([(f"{name}-{attempt}", job)], servers, folder)
        await cores.wait_for_idle_cores(deadline)
        before, own_before = _cpu_times(), process.cpu_so_far()
        started = time.monotonic()
        run = await process.go_and_finish()
        after = _cpu_times()
        if before is None or after is None:
            return run
        busy = cores.busy_seconds(before, after)
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
        async with ForkServers() as servers:
            processes = dict(zip(together + alone, await start(
                [(str(index), jobs[index]) for index in together + alone], servers, folder)))
            runs = await asyncio.gather(*(processes[index].go_and_finish() for index in together))
            results.update(zip(together, runs))
            deadline = time.monotonic() + IDLE_WAIT
            for index in alone:
                results[index] = await _run_alone(
                    jobs[index], servers, folder, str(index), deadline, processes[index])
    return [results[index] for index in range(len(jobs))]
