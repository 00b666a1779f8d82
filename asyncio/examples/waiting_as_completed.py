import asyncio


async def download(mirror, seconds):
    await asyncio.sleep(seconds)
    return f"{mirror}'s file"


async def main():
    tasks = [
        asyncio.create_task(download("mirror-a", 1.0), name="a"),
        asyncio.create_task(download("mirror-b", 0.3), name="b"),
        asyncio.create_task(download("mirror-c", 0.6), name="c"),
    ]
    async for task in asyncio.as_completed(tasks):
        print(f"task {task.get_name()} gave {await task}; one of ours: {task in tasks}")


asyncio.run(main())
