import asyncio


class Pool:
    def __init__(self, size):
        self.free = [f"connection {n}" for n in range(size)]
        self.slots = asyncio.BoundedSemaphore(size)

    async def acquire(self):
        await self.slots.acquire()  # waits while every connection is in use
        return self.free.pop()

    def release(self, connection):
        self.free.append(connection)
        self.slots.release()


async def job(n, pool):
    connection = await pool.acquire()
    print(f"job {n} got a connection")
    await asyncio.sleep(0.3)  # the query
    if n < 2:
        raise ValueError(f"job {n}: bad query")
    pool.release(connection)  # never reached when the query fails


async def main():
    pool = Pool(2)
    jobs = asyncio.gather(*(job(n, pool) for n in range(4)), return_exceptions=True)
    try:
        await asyncio.wait_for(jobs, timeout=1)
    except asyncio.TimeoutError:
        print(f"timed out with {len(pool.free)} free connections")


asyncio.run(main())
