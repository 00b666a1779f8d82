import asyncio

printer = asyncio.Lock()  # one printer: one job on it at a time


async def print_job(run, name):
    async with printer:
        await asyncio.sleep(0.1)  # the printer is busy
        print(f"run {run}: printed {name}")


async def main(run):
    await asyncio.gather(print_job(run, "a"), print_job(run, "b"))


asyncio.run(main(1))
asyncio.run(main(2))  # a second run, as a second test would do
