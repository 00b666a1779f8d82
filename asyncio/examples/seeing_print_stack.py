import asyncio
import sys


async def fetch_page():
    await asyncio.sleep(0.5)


async def crawl():
    await asyncio.create_task(fetch_page(), name="fetch")


async def main():
    crawler = asyncio.create_task(crawl(), name="crawl")
    await asyncio.sleep(0.1)
    others = asyncio.all_tasks() - {asyncio.current_task()}
    for task in sorted(others, key=lambda t: t.get_name()):
        task.print_stack(file=sys.stdout)  # where the task is suspended (any version)
    await crawler


asyncio.run(main())
