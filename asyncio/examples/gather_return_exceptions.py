import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name} finished")
    return name


async def main():
    results = await asyncio.gather(
        job("slow", 2), job("broken", 1, fail=True), return_exceptions=True
    )
    print(results)


asyncio.run(main())
