import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)  # e.g. a request to a slow server
    return f"the {name} page"


async def main():
    pages = [fetch("slow", 1.0), fetch("quick", 0.2), fetch("medium", 0.5)]
    for result in await asyncio.gather(*pages):  # waits for the slowest
        print(f"got {result}")


asyncio.run(main())
