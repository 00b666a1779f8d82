import asyncio


async def runner(name, delay, start_line):
    await asyncio.sleep(delay)  # get ready
    print(f"{name} is ready")
    await start_line.wait()  # wait for all 3
    print(f"{name} starts")


async def main():
    start_line = asyncio.Barrier(3)
    await asyncio.gather(
        runner("Ann", 0.1, start_line),
        runner("Bob", 0.3, start_line),
        runner("Cid", 0.6, start_line),
    )


asyncio.run(main())
