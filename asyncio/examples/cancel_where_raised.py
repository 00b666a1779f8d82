import asyncio


async def download():
    print("download: started")
    try:
        await asyncio.sleep(2)
        print("download: finished")  # never printed
    except asyncio.CancelledError:
        print("download: CancelledError raised at the await")
        raise
    finally:
        print("download: cleanup in finally")


async def main():
    task = asyncio.create_task(download())
    await asyncio.sleep(0.5)
    task.cancel()
    print("main: cancel() returned; the task has not stopped yet")
    try:
        await task
    except asyncio.CancelledError:
        print("main: awaiting the task raised CancelledError")
    print(f"main: task.cancelled() is {task.cancelled()}")


asyncio.run(main())
