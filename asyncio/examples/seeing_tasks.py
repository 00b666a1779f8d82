import asyncio


async def download(name, seconds):
    await asyncio.sleep(seconds)


async def report():
    await asyncio.sleep(0.1)
    me = asyncio.current_task()
    print(f"{me.get_name()} sees these tasks:")
    for task in sorted(asyncio.all_tasks(), key=lambda t: t.get_name()):
        print(f"  {task.get_name():<16} done: {task.done()}")


async def main():
    asyncio.current_task().set_name("main")
    downloads = [asyncio.create_task(download(n, 0.5), name=f"download {n}") for n in "AB"]
    await asyncio.create_task(report(), name="report")
    await asyncio.gather(*downloads)


asyncio.run(main())
