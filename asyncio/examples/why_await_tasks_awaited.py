import asyncio
import time


async def say_after(delay, what):
    print(f"start say_after({delay}, {what!r})")
    await asyncio.sleep(delay)
    print(what)


async def main():
    start = time.perf_counter()
    print(f"main() runs in {asyncio.current_task().get_name()}")
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    print(task1)
    print(task2)
    await task1
    await task2
    print(task1)
    print(task2)
    print(f"total time elapsed: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
