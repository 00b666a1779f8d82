# hint: The poller stops at 0.5 s, but it returns normally, so the task ends
# as finished, not cancelled: whoever cancelled it cannot tell. Let the
# CancelledError out of the coroutine (re-raise it, or do not catch it).
import asyncio


async def poller():
    for n in range(1, 6):
        try:
            await asyncio.sleep(0.2)
            print(f"poll {n}")
        except asyncio.CancelledError:
            return
        except Exception as error:  # keep polling, whatever happens
            print(f"poller: ignoring {error!r}")


async def main():
    task = asyncio.create_task(poller())
    await asyncio.sleep(0.5)
    task.cancel()  # the poller must stop here, at 0.5 s
    await asyncio.gather(task, return_exceptions=True)
    print(f"main: poller cancelled: {task.cancelled()}")


asyncio.run(main())
