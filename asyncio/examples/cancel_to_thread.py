import asyncio
import time


def blocking_work():
    print("thread: started")
    time.sleep(1)  # a blocking call: nothing can interrupt it
    print("thread: finished anyway")


async def main():
    task = asyncio.create_task(asyncio.to_thread(blocking_work))
    await asyncio.sleep(0.3)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: the task is cancelled")
    print("main: returns")


asyncio.run(main())
print("the program ends only when the thread does")
