import asyncio


async def producer(queue):
    for item in range(5):
        await queue.put(item)
        print(f"put {item}, {queue.qsize()} waiting")


async def consumer(queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.4)  # a slow consumer
        print(f"handled {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()  # no maxsize: it grows without limit
    worker = asyncio.create_task(consumer(queue))
    await producer(queue)
    print("producer done")
    await queue.join()
    worker.cancel()


asyncio.run(main())
