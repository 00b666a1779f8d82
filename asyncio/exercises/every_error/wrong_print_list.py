# hint: with return_exceptions=True, the exceptions are in the list, in the
# place of the jobs that raised them: print each element on a line of its own,
# "failed: <repr>" for an exception and the result itself otherwise.
import asyncio


async def job(name, seconds, error=None):
    await asyncio.sleep(seconds)
    if error is not None:
        raise error
    return f"{name} ok"


async def main():
    results = await asyncio.gather(
        job("a", 0.2, OSError("disk full")),
        job("b", 0.4, TimeoutError("no reply")),
        job("c", 0.6),
        return_exceptions=True,
    )
    print(results)


asyncio.run(main())
