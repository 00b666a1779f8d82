import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

JOBS = 3
WAIT = 0.5  # seconds each job waits, as for a reply over the network


def wait(seconds):
    time.sleep(seconds)  # the thread waits; the CPU is free meanwhile
    return threading.get_ident()


async def wait_async(seconds):
    await asyncio.sleep(seconds)  # the task waits; the loop runs the others
    return threading.get_ident()


async def gather_all():
    return await asyncio.gather(*(wait_async(WAIT) for _ in range(JOBS)))


def timed(how, run):
    start = time.perf_counter()
    threads = set(run())  # the threads that ran the jobs
    elapsed = time.perf_counter() - start
    print(f"{how:<10} {elapsed:.1f} s   threads: {len(threads)}")


if __name__ == "__main__":
    timed("in order", lambda: [wait(WAIT) for _ in range(JOBS)])
    timed("asyncio", lambda: asyncio.run(gather_all()))
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        timed("threads", lambda: list(pool.map(wait, [WAIT] * JOBS)))
