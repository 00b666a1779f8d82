# hint: Cancelling again does not help: a task that catches CancelledError
# ignores every request the same way, and the polls go on. Change the poller
# so that its except clause does not catch CancelledError.
import asyncio


async def poller():
    for n in range(1, 6):
        try:
            await asyncio.sleep(0.2)
            print(f"poll {n}")
        except BaseException as error:  # keep polling, whatever happens
            print(f"poller: ignoring {error!r}")


async def main():
    task = asyncio.create_task(poller())
    await asyncio.sleep(0.5)
    task.cancel()  # the poller must stop here, at 0.5 s
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print(f"main: poller cancelled: {task.cancelled()}")


asyncio.run(main())
