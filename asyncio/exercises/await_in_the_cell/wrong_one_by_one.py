# hint: The two fetches ran one after the other: 0.9 s instead of 0.5 s.
# Await fetch_both(), which runs them at the same time, as the script did.
import asyncio


async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} fetched")
    return name


async def fetch_both():
    return await asyncio.gather(fetch("prices", 0.4), fetch("rates", 0.5))


async def notebook_cell():
    # A notebook runs each cell inside an event loop that is already running.
    results = [await fetch("prices", 0.4), await fetch("rates", 0.5)]
    print("cell result:", results)


asyncio.run(notebook_cell())  # stands for the notebook running the cell
