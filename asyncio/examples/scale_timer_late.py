import asyncio
import time

STEP = 0.00004  # each ready task uses 40 microseconds of CPU


async def busy_step():
    end = time.perf_counter() + STEP
    while time.perf_counter() < end:
        pass  # no await: the loop can run nothing else meanwhile


async def timer(label):
    start = time.perf_counter()
    await asyncio.sleep(0.1)
    print(f"{label}: asked for 0.10 s, woke after {time.perf_counter() - start:.2f} s")


async def main():
    await timer("idle loop")
    alarm = asyncio.create_task(timer("10,000 tasks ready"))
    await asyncio.sleep(0)  # the timer is set: it is due at 0.1 s
    ready = [asyncio.create_task(busy_step()) for _ in range(10_000)]
    await asyncio.gather(alarm, *ready)


asyncio.run(main())
