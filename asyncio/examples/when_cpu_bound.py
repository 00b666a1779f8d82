import asyncio
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

JOBS = 2
WORK = 0.1  # seconds of CPU time each job needs


def crunch(seconds):
    """Stand-in for real computation: use `seconds` of this thread's CPU time."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
    return os.getpid(), threading.get_ident()


async def crunch_async(seconds):
    return crunch(seconds)  # no await inside: nothing else runs meanwhile


async def gather_all():
    return await asyncio.gather(*(crunch_async(WORK) for _ in range(JOBS)))


def timed(how, run):
    start = time.perf_counter()
    where = set(run())  # the (process, thread) pairs that ran the jobs
    elapsed = time.perf_counter() - start
    processes = len({process for process, _ in where})
    print(f"{how:<10} {elapsed:.2f} s   threads: {len(where)}   processes: {processes}")


if __name__ == "__main__":
    cores = os.cpu_count() or 1
    print(f"{JOBS} jobs of {WORK * 1000:.0f} ms of CPU time each; two cores or more: {cores >= 2}")
    timed("asyncio", lambda: asyncio.run(gather_all()))
    with ThreadPoolExecutor(max_workers=JOBS) as threads:
        timed("threads", lambda: list(threads.map(crunch, [WORK] * JOBS)))
    with ProcessPoolExecutor(max_workers=JOBS) as processes:
        list(processes.map(str, range(JOBS)))  # start the workers before timing the jobs
        timed("processes", lambda: list(processes.map(crunch, [WORK] * JOBS)))
