# hint: Each request started only when the one before had finished: awaiting
# the coroutines one by one runs them one after another. Let them all run at
# once, and take each result as it comes, with asyncio.as_completed().
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)  # a request to a server that takes its time
    return f"the {name} page"


async def main():
    pages = [fetch("slow", 1.0), fetch("quick", 0.2), fetch("medium", 0.5)]
    for page in pages:
        print(f"got {await page}")


asyncio.run(main())
