import asyncio


async def producer(queue):
    for item in ["a", "b", "c"]:
        await queue.put(item)
        print(f"put {item}")


async def consumer(queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.3)  # handle the item
        print(f"handled {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    worker = asyncio.create_task(consumer(queue))
    await producer(queue)
    await queue.join()  # returns once task_done() was called for every item
    print("every item handled")
    worker.cancel()  # the worker is waiting in get(): stop it
    await asyncio.gather(worker, return_exceptions=True)
    print(f"worker cancelled: {worker.cancelled()}")


asyncio.run(main())
