import asyncio
import time


async def say_after(delay, what):
    print(f"{time.strftime('%X')} start say_after({delay}, {what!r})")
    await asyncio.sleep(delay)
    print(f"{time.strftime('%X')} {what}")


async def main():
    start = time.time()
    print(start, "before creating tasks")
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    await asyncio.sleep(0.1)
    time.sleep(3)
    print(f"{time.time() - start:.2f} seconds: after the blocking sleep")
    await task1
    await task2
    print(task1, hex(id(task1)))


asyncio.run(main())
