import asyncio
import time


async def say_after(delay, what):
    print(f"start say_after({delay}, {what!r})")
    await asyncio.sleep(delay)
    print(what)


async def main():
    start = time.perf_counter()
    print("before creating tasks")
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    print("after creating tasks, before the delay")
    await asyncio.sleep(0.1)
    await asyncio.sleep(3)  # DELAY: only main() waits
    print("after the delay, before awaiting the tasks")
    await task1
    await task2
    print(f"total time elapsed: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
