# hint: The connection came back after the failure, but not after the jobs
# that succeeded: code in an 'except' block runs only when the body raises.
# Give the connection back in a 'finally', which runs either way.
import asyncio
from contextlib import asynccontextmanager


class Pool:
    def __init__(self):
        self.free = ["the only connection"]
        self.slots = asyncio.BoundedSemaphore(1)

    @asynccontextmanager
    async def connection(self):
        await self.slots.acquire()
        connection = self.free.pop()
        try:
            yield connection
        except Exception:
            self.free.append(connection)
            self.slots.release()
            raise


async def job(n, pool):
    async with pool.connection():
        await asyncio.sleep(0.3)  # the query
        if n == 0:
            raise ValueError(f"job {n}: bad query")
        print(f"job {n} done")


async def main():
    pool = Pool()
    jobs = asyncio.gather(*(job(n, pool) for n in range(3)), return_exceptions=True)
    try:
        print(await asyncio.wait_for(jobs, timeout=1.5))
    except asyncio.TimeoutError:
        print("timed out")
    print(f"free connections: {len(pool.free)}")


asyncio.run(main())
