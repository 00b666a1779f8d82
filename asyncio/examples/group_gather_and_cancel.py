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
    tasks = [
        asyncio.create_task(job("broken", 0.3, fail=True)),
        asyncio.create_task(job("slow", 1)),
    ]
    try:
        await asyncio.gather(*tasks)
    except BaseException as error:  # a failure, or main() cancelled
        for task in tasks:
            task.cancel()  # does nothing to a task that is done
        await asyncio.gather(*tasks, return_exceptions=True)  # all stopped
        print(f"main: every task stopped; raised {error!r}")
    await asyncio.sleep(1)  # main goes on; does "slow" stop?


asyncio.run(main())
