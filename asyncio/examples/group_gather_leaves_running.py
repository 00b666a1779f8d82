import asyncio


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name}: finished")


async def main():
    try:
        await asyncio.gather(
            job("broken", 0.3, fail=True),
            job("slow", 1),
        )
    except ValueError as error:
        print(f"main: gather raised {error!r}")
    await asyncio.sleep(1)  # main goes on; does "slow" stop?


asyncio.run(main())
