import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name} finished")
    return name


async def main():
    try:
        await asyncio.gather(job("slow", 2), job("broken", 1, fail=True))
    except ValueError as error:
        print(f"gather() raised {error!r}")
    await asyncio.sleep(1.5)  # keep the loop running: does "slow" go on?


asyncio.run(main())
