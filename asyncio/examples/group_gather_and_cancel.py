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


async def gather_or_cancel(*coroutines):
    tasks = [asyncio.create_task(coroutine) for coroutine in coroutines]
    try:
        return await asyncio.gather(*tasks)
    except BaseException:  # a failure, or the caller cancelled
        for task in tasks:
            task.cancel()  # does nothing to a task that is done
        await asyncio.gather(*tasks, return_exceptions=True)  # all stopped
        raise


async def main():
    try:
        await gather_or_cancel(job("broken", 0.3, fail=True), job("slow", 1))
    except ValueError as error:
        print(f"main: every task stopped; raised {error!r}")
    await asyncio.sleep(1)  # main goes on; does "slow" stop?


asyncio.run(main())
