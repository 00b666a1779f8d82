import asyncio
from contextlib import asynccontextmanager


class Pool:
    def __init__(self, size):
        self.free = [f"connection {n}" for n in range(size)]
        self.slots = asyncio.BoundedSemaphore(size)

    @asynccontextmanager
    async def connection(self):
        await self.slots.acquire()  # waits while every connection is in use
        connection = self.free.pop()
        try:
            yield connection  # the body of the async with runs here
        finally:  # even when the body raises
            self.free.append(connection)
            self.slots.release()


async def job(n, pool):
    async with pool.connection():
        print(f"job {n} got a connection")
        await asyncio.sleep(0.3)  # the query
        if n < 2:
            raise ValueError(f"job {n}: bad query")


async def main():
    pool = Pool(2)
    results = await asyncio.gather(*(job(n, pool) for n in range(4)), return_exceptions=True)
    print(results)
    print(f"done with {len(pool.free)} free connections")


asyncio.run(main())
