import asyncio
import time


async def wait_half_a_second():
    await asyncio.sleep(0.5)


async def start_and_wait(count):
    start = time.perf_counter()
    tasks = [asyncio.create_task(wait_half_a_second()) for _ in range(count)]
    await asyncio.sleep(0)  # every task runs its first step, up to its sleep
    print(f"{count:>7,} tasks started in {time.perf_counter() - start:.2f} s")
    await asyncio.gather(*tasks)
    print(f"{count:>7,} tasks done")


async def main():
    for count in (1_000, 10_000):
        await start_and_wait(count)


asyncio.run(main())
