import asyncio


async def worker(queue):
    while True:
        job = await queue.get()
        await asyncio.sleep(0.3)  # handle the job
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for job in range(6):
        queue.put_nowait(job)
    workers = [asyncio.create_task(worker(queue))]
    await queue.join()
    print("all 6 jobs done")
    for task in workers:
        task.cancel()


asyncio.run(main())
