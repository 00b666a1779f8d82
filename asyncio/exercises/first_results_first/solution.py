import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)  # a request to a server that takes its time
    return f"the {name} page"


async def main():
    pages = [fetch("slow", 1.0), fetch("quick", 0.2), fetch("medium", 0.5)]
    for next_done in asyncio.as_completed(pages):
        print(f"got {await next_done}")


asyncio.run(main())
