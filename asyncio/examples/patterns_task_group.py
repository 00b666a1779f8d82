import asyncio


async def fail_after(delay):
    await asyncio.sleep(delay)
    raise ValueError("task1 failed")


async def work(delay):
    try:
        await asyncio.sleep(delay)
        print("task2 finished")
    except asyncio.CancelledError:
        print("task2 cancelled by the group")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fail_after(0.2))
            group.create_task(work(0.5))
    except* ValueError as errors:
        print(f"main caught: {errors.exceptions[0]}")
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
