# hint: The requests ran at the same time, but you took the results in the
# order you asked for them, so the slow page held up the two others.
# asyncio.as_completed() gives them in the order they finish.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)  # a request to a server that takes its time
    return f"the {name} page"


async def main():
    pages = [fetch("slow", 1.0), fetch("quick", 0.2), fetch("medium", 0.5)]
    tasks = [asyncio.create_task(page) for page in pages]
    for task in tasks:
        print(f"got {await task}")


asyncio.run(main())
