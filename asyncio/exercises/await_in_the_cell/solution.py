import asyncio


async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} fetched")
    return name


async def fetch_both():
    return await asyncio.gather(fetch("prices", 0.4), fetch("rates", 0.5))


async def notebook_cell():
    # A notebook runs each cell inside an event loop that is already running.
    results = await fetch_both()
    print("cell result:", results)


asyncio.run(notebook_cell())  # stands for the notebook running the cell
