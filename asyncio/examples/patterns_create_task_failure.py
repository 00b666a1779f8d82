import asyncio


async def fail_after(delay):
    await asyncio.sleep(delay)
    raise ValueError("task1 failed")


async def work(delay):
    await asyncio.sleep(delay)
    print("task2 finished, and nothing awaited it")


async def main():
    task1 = asyncio.create_task(fail_after(0.2))
    task2 = asyncio.create_task(work(0.5))
    try:
        await task1
        await task2
    except ValueError as error:
        print(f"main caught: {error}")
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
