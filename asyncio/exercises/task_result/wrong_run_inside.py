# hint: asyncio.run starts an event loop, and one is already running: inside a
# coroutine, await the task (or the coroutine) instead.
import asyncio


async def compute():
    await asyncio.sleep(0.5)
    return 42


async def main():
    task = asyncio.create_task(compute())
    print(f"result: {asyncio.run(compute())}")


asyncio.run(main())
