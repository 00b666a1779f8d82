import asyncio


async def worker(reply):
    try:
        done, _ = await asyncio.wait({reply}, timeout=5)
        if not done:
            raise asyncio.TimeoutError
        answer = reply.result()
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
