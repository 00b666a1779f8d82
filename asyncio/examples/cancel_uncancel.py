import asyncio


async def wait_ignoring_a_cancel(call_uncancel):
    task = asyncio.current_task()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"  worker: ignores a cancel; cancelling(): {task.cancelling()}")
        if call_uncancel:
            task.uncancel()  # the request is handled: count it off


async def worker(call_uncancel):
    try:
        async with asyncio.timeout(0.5):
            await wait_ignoring_a_cancel(call_uncancel)
            await asyncio.sleep(1)  # the timeout must cut this short
    except TimeoutError:
        print("  worker: TimeoutError, as the timeout promised")
    return "worker finished"


async def main():
    for call_uncancel in (False, True):
        print(f"call_uncancel={call_uncancel}")
        task = asyncio.create_task(worker(call_uncancel))
        await asyncio.sleep(0.2)
        task.cancel()
        try:
            print(f"  main: {await task}")
        except asyncio.CancelledError:
            print("  main: the task ended cancelled, by its own timeout")


asyncio.run(main())
