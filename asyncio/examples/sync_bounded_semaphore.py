import asyncio


async def job(n, limit):
    async with limit:
        print(f"job {n} starts")
        await asyncio.sleep(0.5)


async def main():
    for kind in (asyncio.Semaphore, asyncio.BoundedSemaphore):
        limit = kind(2)
        print(f"{kind.__name__}(2), released once too often:")
        try:
            limit.release()  # a bug: a release without an acquire
        except ValueError as error:
            print(f"ValueError: {error}")
            continue
        await asyncio.gather(*(job(n, limit) for n in range(3)))


asyncio.run(main())
