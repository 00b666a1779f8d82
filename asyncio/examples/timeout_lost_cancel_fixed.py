import asyncio


async def worker(reply):
    try:
        async with asyncio.timeout(5):
            answer = await reply
        print(f"worker: got {answer!r}, and goes on working")
        await asyncio.sleep(0.5)
        print("worker: finished")
    except asyncio.CancelledError:
        print("worker: cancelled")
        raise


async def main():
    reply = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(worker(reply))
    await asyncio.sleep(0.5)
    reply.set_result("pong")  # the reply arrives...
    task.cancel()  # ...and the cancel, in the same step of the loop
    await asyncio.gather(task, return_exceptions=True)
    print(f"main: task.cancelled() is {task.cancelled()}")


asyncio.run(main())
