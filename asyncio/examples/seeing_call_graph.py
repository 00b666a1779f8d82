import asyncio


async def fetch_page():
    await asyncio.sleep(0.1)
    asyncio.print_call_graph()  # Python 3.14+: who is awaiting whom, right now


async def crawl():
    async with asyncio.TaskGroup() as group:
        group.create_task(fetch_page(), name="fetch")


async def main():
    await asyncio.create_task(crawl(), name="crawl")


asyncio.run(main())
