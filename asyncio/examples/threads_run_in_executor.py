import asyncio
import concurrent.futures
import time


def blocking_job(name):  # a synchronous library call that takes a while
    time.sleep(0.5)
    return f"{name} done"


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [loop.run_in_executor(pool, blocking_job, name) for name in "abcd"]
        for job in asyncio.as_completed(jobs):
            print(await job)
    print(await asyncio.to_thread(blocking_job, "e"))  # the default pool


asyncio.run(main())
