import asyncio


async def fetch(name):
    print(f"sent {name}")
    await asyncio.sleep(1)  # waiting for the reply
    print(f"got {name}")


async def main():
    await asyncio.gather(*(fetch(name) for name in ("A", "B", "C")))


asyncio.run(main())
