import asyncio


async def worker():
    for attempt in range(1, 4):
        try:
            await asyncio.sleep(0.5)  # one attempt at the work
            print(f"attempt {attempt}: done")
        except BaseException as error:  # the mistake: "never die"
            print(f"attempt {attempt}: caught {error!r}, carrying on")
    return "worker finished"


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.7)
    task.cancel()
    print("main: cancel() requested")
    result = await task
    print(f"main: got {result!r}; cancelled: {task.cancelled()}")


asyncio.run(main())
