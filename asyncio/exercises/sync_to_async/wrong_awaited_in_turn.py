# hint: Each fetch is awaited before the next one starts, so the waits do not
# overlap. Start all three together, for instance with asyncio.gather.
import asyncio


async def fetch(name):
    print(f"sent {name}")
    await asyncio.sleep(1)  # waiting for the reply
    print(f"got {name}")


async def main():
    for name in ("A", "B", "C"):
        await fetch(name)


asyncio.run(main())
