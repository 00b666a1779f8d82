import asyncio

STOP = None  # a value no real job uses


async def worker(name, queue):
    while True:
        job = await queue.get()
        if job is STOP:
            print(f"{name} stops")
            return
        print(f"{name} starts job {job}")
        await asyncio.sleep(0.5)


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"worker {n}", queue)) for n in (1, 2, 3)]
    for job in range(6):
        queue.put_nowait(job)
    for _ in workers:
        queue.put_nowait(STOP)  # one per worker: each stops on its own
    await asyncio.gather(*workers)
    print("all workers stopped")


asyncio.run(main())
