import asyncio


async def print_job(printer, run, name):
    async with printer:
        await asyncio.sleep(0.1)  # the printer is busy
        print(f"run {run}: printed {name}")


async def main(run):
    printer = asyncio.Lock()  # made by the loop of this run
    await asyncio.gather(print_job(printer, run, "a"), print_job(printer, run, "b"))


asyncio.run(main(1))
asyncio.run(main(2))  # a second run, as a second test would do
