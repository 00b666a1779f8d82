# hint: Each job makes a lock of its own, so no job ever waits for another:
# both use the printer at once. Make one lock per run, in main(), and pass
# it to both jobs.
import asyncio


async def print_job(run, name):
    async with asyncio.Lock():
        await asyncio.sleep(0.1)  # the printer is busy
        print(f"run {run}: printed {name}")


async def main(run):
    await asyncio.gather(print_job(run, "a"), print_job(run, "b"))


asyncio.run(main(1))
asyncio.run(main(2))  # a second run, as a second test would do
