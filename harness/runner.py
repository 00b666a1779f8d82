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

from harness import admission, cores, page_cache
from harness.stalls import StallWatch
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
    expected: float | None = None  # its documented duration, for its cost until one is measured


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
                     watch: StallWatch) -> Run:
    """Run a CPU-burning example on idle cores; run it again if others took the CPU meanwhile.

    Its interpreter is forked and ready before the cores are sampled: nothing
    but the example runs between the sample and the end. Past the deadline it
    runs once more at most; a run that other programs still disturbed is
    returned marked so. Other programs' CPU is what every process outside the
    example's session (it, and the processes it started: pool workers,
    multiprocessing's fork server) and the harness (this process, reading its
    records, and the fork servers) used meanwhile, read from /proc before and
    after: the example's own processes may end between two samples, others'
    seldom matter when they do.
    """
    for attempt in range(1, ALONE_ATTEMPTS + 1):
        # The interpreters it may start read their modules from the page cache, not from disk.
        await asyncio.to_thread(page_cache.warm, job.python)
        (process,) = await start([(f"{name}-{attempt}", job)], servers, folder)
        await cores.wait_for_idle_cores(deadline)
        harness = [os.getpid(), *servers.pids(), watch.pid]
        before = cores.others_cpu(process.pid, harness)
        started = time.monotonic()
        run = await process.go_and_finish()
        after = cores.others_cpu(process.pid, harness)
        if before is None or after is None:
            return run
        run.others_cpu = cores.others_seconds(before, after)
        run.disturbed = run.others_cpu > OTHERS_ALLOWED * (time.monotonic() - started)
        if not run.disturbed or time.monotonic() >= deadline:
            return run
    return run


PREPARE_AHEAD = 24  # interpreters forked and ready, waiting for their release, at most
FORKS_AT_ONCE = 6  # interpreters being forked and started at once, at most
FREE_SAMPLE = 0.25  # seconds over which the cores other programs leave free are measured, at the start


def _cost(job: Job, known: dict[str, dict]) -> admission.Cost:
    found = admission.kept(known, admission.key(job.example, job.python, job.timeline))
    return found if found is not None else admission.estimate(job.example, job.expected)


def _harness_cpu(servers: ForkServers) -> dict[int, float]:
    """CPU seconds the runner's process and each fork server (not the examples they forked) have used so far."""
    return {pid: cores.process_cpu(pid) for pid in (os.getpid(), *servers.pids())}


async def _run_together(items: list[tuple[int, Job]], servers: ForkServers, folder: Path,
                        measured: dict[str, admission.Cost]) -> dict[int, Run]:
    """Run these jobs, released longest first at the pace the free cores allow (harness/admission.py).

    Interpreters are forked and made ready ahead of their release, a few at a
    time and at most PREPARE_AHEAD waiting, so that memory stays bounded and
    starting them does not crowd the cores the running examples need.
    """
    loop = asyncio.get_running_loop()
    free = await cores.free_cores(FREE_SAMPLE)
    rate = admission.capacity(free, os.cpu_count() or 1)
    bucket = admission.Bucket(rate, rate * admission.BURST, loop.time())
    known = admission.load()
    costs = {index: _cost(job, known) for index, job in items}
    per_run = admission.harness_cpu(known)
    harness_before = _harness_cpu(servers)
    order = sorted(items, key=lambda item: -costs[item[0]].duration)
    forking = asyncio.Semaphore(FORKS_AT_ONCE)

    async def prepare(index: int, job: Job) -> ExampleProcess:
        async with forking:
            (process,) = await start([(str(index), job)], servers, folder)
        return process

    # The k-th interpreter is forked once the (k - PREPARE_AHEAD)-th is released: the ones released
    # next are always being prepared, whatever order the forks finish in.
    preparing: list[asyncio.Future] = []
    running: list[tuple[int, Job, ExampleProcess, asyncio.Future]] = []
    try:
        preparing += [asyncio.ensure_future(prepare(index, job)) for index, job in order[:PREPARE_AHEAD]]
        for position, (index, job) in enumerate(order):
            process = await preparing[position]
            cost = costs[index].cpu + per_run
            while (delay := bucket.wait_for(cost, loop.time())) > 0:
                await asyncio.sleep(delay)
            bucket.take(cost, loop.time())
            running.append((index, job, process, asyncio.ensure_future(process.go_and_finish())))
            if position + PREPARE_AHEAD < len(order):
                preparing.append(asyncio.ensure_future(prepare(*order[position + PREPARE_AHEAD])))
        await asyncio.gather(*(task for *_, task in running))
    finally:
        tasks = [*preparing, *(task for *_, task in running)]
        for task in tasks:
            if not task.done():
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if len(items) >= admission.MEASURE_HARNESS_FROM:
        harness_after = _harness_cpu(servers)
        spent = sum(cpu - harness_before.get(pid, 0.0) for pid, cpu in harness_after.items())
        measured[admission.HARNESS_KEY] = admission.Cost(spent / len(items), 0.0)
    results = {}
    for index, job, process, task in running:
        run = results[index] = task.result()
        if run.started and run.timed_out is None:
            measured[admission.key(job.example, job.python, job.timeline)] = admission.Cost(process.cpu, run.exit_time)
    return results


async def run_all(jobs: list[Job]) -> list[Run]:
    """Run the jobs concurrently, then those that must run alone, one by one; in order.

    Every interpreter is forked by a fork server (harness/zygote.py), one per
    Python, started here and stopped at the end. The jobs that share the cores
    are released at the pace the cores allow (harness/admission.py); what each
    cost is kept for the next time. Each run is handed the moments the whole
    machine stalled while it ran (harness/stalls.py).
    """
    together = [(index, job) for index, job in enumerate(jobs) if not job.alone]
    alone = [index for index, job in enumerate(jobs) if job.alone]
    results: dict[int, Run] = {}
    measured: dict[str, admission.Cost] = {}
    with tempfile.TemporaryDirectory(prefix="examples-") as tmp:
        folder = Path(tmp)
        async with ForkServers() as servers, StallWatch(folder) as watch:
            if together:
                results.update(await _run_together(together, servers, folder, measured))
            deadline = time.monotonic() + IDLE_WAIT
            for index in alone:
                results[index] = await _run_alone(jobs[index], servers, folder, str(index), deadline, watch)
        for run in results.values():
            if run.origin is not None:
                run.stalls = watch.during(run.origin, run.origin + run.exit_time)
    admission.save(measured)
    return [results[index] for index in range(len(jobs))]
