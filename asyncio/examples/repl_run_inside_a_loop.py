import asyncio


async def fetch():
    await asyncio.sleep(0.2)
    return "data"


async def notebook_cell():
    # A notebook runs every cell inside an event loop that is already running.
    return asyncio.run(fetch())


asyncio.run(notebook_cell())
