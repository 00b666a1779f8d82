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


async def download_all():
    async with asyncio.TaskGroup() as inner:
        inner.create_task(job("image 1", 0.3, fail=True))
        inner.create_task(job("image 2", 1))


async def main():
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(download_all())
            outer.create_task(job("index page", 1))
    except* ValueError as errors:
        print(f"main: {errors!r}")


asyncio.run(main())
