import asyncio


async def download(filename, seconds):
    await asyncio.sleep(seconds)


async def monitor():
    for _ in range(2):
        await asyncio.sleep(0.2)
        names = sorted(task.get_name() for task in asyncio.all_tasks())
        print("running:", ", ".join(names))


async def main():
    asyncio.current_task().set_name("main")
    downloads = [
        asyncio.create_task(download(filename, seconds), name=f"download {filename}")
        for filename, seconds in [("a.txt", 0.3), ("b.txt", 0.6)]
    ]
    watcher = asyncio.create_task(monitor(), name="monitor")
    await asyncio.gather(*downloads, watcher)
    print("all done")


asyncio.run(main())
