import asyncio
import time


async def process_pages():
    try:
        for page in range(1, 4):
            time.sleep(0.4)  # parsing a page: blocks the loop, no await
            print(f"process_pages: page {page} parsed")
            await asyncio.sleep(0.1)  # fetching the next page: an await
    except asyncio.CancelledError:
        print("process_pages: CancelledError at the next await")
        raise


async def main():
    task = asyncio.create_task(process_pages())
    await asyncio.sleep(0.1)  # main() means to cancel after 0.1 s...
    print("main: calls cancel()")  # ...but runs only when the loop is free
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


asyncio.run(main())
