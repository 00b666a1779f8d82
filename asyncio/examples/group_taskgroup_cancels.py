import asyncio


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name}: finished")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("broken", 0.3, fail=True))
            group.create_task(job("slow", 1))
    except* ValueError as errors:
        print(f"main: the group raised {errors.exceptions!r}")
    await asyncio.sleep(1)  # main goes on; does "slow" stop?


asyncio.run(main())
