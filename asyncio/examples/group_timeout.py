import asyncio


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
    print(f"{name}: finished")
    return name


async def main():
    try:
        async with asyncio.timeout(0.5):
            async with asyncio.TaskGroup() as group:
                fast = group.create_task(job("fast", 0.2))
                group.create_task(job("slow", 1))
                group.create_task(job("slower", 2))
    except TimeoutError:
        print(f"main: TimeoutError; fast.result() is {fast.result()!r}")


asyncio.run(main())
