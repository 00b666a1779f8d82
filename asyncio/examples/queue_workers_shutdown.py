import asyncio


async def worker(name, queue):
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:  # shut down, and nothing left to get
            print(f"{name} stops")
            return
        print(f"{name} starts job {job}")
        await asyncio.sleep(0.5)


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"worker {n}", queue)) for n in (1, 2, 3)]
    for job in range(6):
        queue.put_nowait(job)
    queue.shutdown()  # no more puts; get() raises once the queue is empty
    await asyncio.gather(*workers)
    print("all workers stopped")


asyncio.run(main())
