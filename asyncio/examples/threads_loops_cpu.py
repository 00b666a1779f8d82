import asyncio
import os
import threading
import time

WORK = 0.5  # seconds of CPU time each loop's job needs


def crunch(seconds):
    """Stand-in for real computation: use `seconds` of this thread's CPU time."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


async def job(name):
    crunch(WORK)  # no await inside: it holds this thread's loop
    print(f"{name}: done")


def worker(name):
    asyncio.run(job(name))  # one event loop per thread


def in_loops(*names):
    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    print(f"{len(names)} × {WORK * 1000:.0f} ms of CPU: {elapsed:.1f} s")


print(f"two cores or more: {(os.cpu_count() or 1) >= 2}")
in_loops("alone")
in_loops("thread 1", "thread 2")
