# hint: "all 6 jobs done" came before the jobs were: queue.join() waits for
# one task_done() per item, and a worker that calls it as soon as it takes an
# item, before handling it, lets join() return too early. Call task_done()
# after the work.
import asyncio


async def worker(queue):
    while True:
        job = await queue.get()
        queue.task_done()
        await asyncio.sleep(0.3)  # handle the job


async def main():
    queue = asyncio.Queue()
    for job in range(6):
        queue.put_nowait(job)
    workers = [asyncio.create_task(worker(queue)) for _ in range(3)]
    await queue.join()
    print("all 6 jobs done")
    for task in workers:
        task.cancel()


asyncio.run(main())
