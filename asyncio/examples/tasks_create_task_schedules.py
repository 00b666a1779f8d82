import asyncio
import time


async def say_after(delay, what):
    print(f"start say_after({delay}, {what!r})")
    await asyncio.sleep(delay)
    print(what)


async def main():
    start = time.perf_counter()
    print("before creating the tasks")
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    print("tasks created; main() has not awaited anything yet")
    await task1
    await task2
    print(f"total: {time.perf_counter() - start:.1f} s")


asyncio.run(main())
