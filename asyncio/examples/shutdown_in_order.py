import asyncio
import itertools
import os
import signal


async def job(n):
    try:
        print(f"job {n} starts")
        await asyncio.sleep(0.6)
        print(f"job {n} done")
    except asyncio.CancelledError:
        print(f"job {n} cancelled")
        raise


async def accept(jobs):
    for n in itertools.count(1):
        jobs.add(asyncio.create_task(job(n)))
        await asyncio.sleep(0.2)


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)  # Unix only
    loop.call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)
    jobs = set()
    acceptor = asyncio.create_task(accept(jobs))
    await stop.wait()
    print("SIGTERM: no new jobs")
    acceptor.cancel()  # 1. stop taking work
    done, late = await asyncio.wait(jobs, timeout=0.4)  # 2. a grace period
    for task in late:  # 3. cancel what did not finish in time
        task.cancel()
    if late:
        await asyncio.wait(late)
    print("database closed")  # 4. shared resources last


asyncio.run(main())
