import asyncio


async def worker():
    print("worker: started")
    try:
        await asyncio.sleep(1)
        print("worker: finished")  # never printed: main() returns first
    except asyncio.CancelledError:
        print("worker: cancelled, cleaning up")
        await asyncio.sleep(0.2)  # cleanup that waits, e.g. closing a connection
        print("worker: cleaned up")
        raise


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print(f"main: returning, worker done: {task.done()}")


asyncio.run(main())
print("asyncio.run returned")
