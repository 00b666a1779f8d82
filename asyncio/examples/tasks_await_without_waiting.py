import asyncio


async def no_wait():
    print("no_wait() runs and returns without waiting")


async def other():
    print("other() runs")


async def main():
    task = asyncio.create_task(other())
    await no_wait()
    print("back in main(): other() has not run yet")
    await asyncio.sleep(0)
    print("back in main() after asyncio.sleep(0): other() has run")
    await task


asyncio.run(main())
