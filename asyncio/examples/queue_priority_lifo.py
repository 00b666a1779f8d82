import asyncio


async def drain(queue):
    items = []
    while not queue.empty():
        items.append(await queue.get())
    return items


async def main():
    jobs = [(2, "resize image"), (0, "charge card"), (1, "send email")]
    for queue in (asyncio.Queue(), asyncio.LifoQueue(), asyncio.PriorityQueue()):
        for job in jobs:
            await queue.put(job)
        print(f"{type(queue).__name__:<13} gives {[name for _, name in await drain(queue)]}")


asyncio.run(main())
