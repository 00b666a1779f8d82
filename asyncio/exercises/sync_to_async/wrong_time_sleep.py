# hint: The functions are coroutines now, but time.sleep still blocks the only
# thread: each fetch waits in turn. Await asyncio.sleep instead.
import asyncio
import time


async def fetch(name):
    print(f"sent {name}")
    time.sleep(1)  # waiting for the reply
    print(f"got {name}")


async def main():
    await asyncio.gather(*(fetch(name) for name in ("A", "B", "C")))


asyncio.run(main())
