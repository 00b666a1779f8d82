import asyncio


async def job(name, seconds, error=None):
    await asyncio.sleep(seconds)
    if error is not None:
        raise error
    return f"{name} ok"


async def main():
    try:
        results = await asyncio.gather(
            job("a", 0.2, OSError("disk full")),
            job("b", 0.4, TimeoutError("no reply")),
            job("c", 0.6),
        )
        print(results)
    except Exception as error:
        print(f"failed: {error!r}")


asyncio.run(main())
