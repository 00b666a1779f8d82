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
    for result in results:
        if isinstance(result, Exception):
            print(f"failed: {result!r}")
        else:
            print(result)


asyncio.run(main())
