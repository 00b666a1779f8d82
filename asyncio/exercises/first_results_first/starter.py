import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)  # a request to a server that takes its time
    return f"the {name} page"


async def main():
    pages = [fetch("slow", 1.0), fetch("quick", 0.2), fetch("medium", 0.5)]
    for page in await asyncio.gather(*pages):
        print(f"got {page}")


asyncio.run(main())
