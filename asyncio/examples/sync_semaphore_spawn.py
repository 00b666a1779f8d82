import asyncio


async def request(n):
    print(f"request {n} sent")
    await asyncio.sleep(0.5)  # the server's work
    return "ok"


async def main():
    limit = asyncio.Semaphore(3)
    tasks = []
    for n in range(10):
        await limit.acquire()  # wait for a free slot before making the task
        task = asyncio.create_task(request(n))
        task.add_done_callback(lambda _: limit.release())  # even if it fails
        tasks.append(task)
    results = await asyncio.gather(*tasks)
    print(f"{results.count('ok')} ok")


asyncio.run(main())
