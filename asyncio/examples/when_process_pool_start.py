import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

JOBS = 3
WAIT = 0.5


def wait(seconds):
    time.sleep(seconds)
    return os.getpid()


def timed(how, pool):
    start = time.perf_counter()
    processes = set(pool.map(wait, [WAIT] * JOBS))
    elapsed = time.perf_counter() - start
    print(f"{how:<22} {elapsed:.1f} s   processes: {len(processes)}")


if __name__ == "__main__":
    print(f"start method: {multiprocessing.get_start_method()}")
    with ProcessPoolExecutor(max_workers=JOBS) as pool:
        timed("first jobs, new pool", pool)
        timed("same jobs again", pool)
