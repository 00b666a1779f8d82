import asyncio


async def double(x):
    await asyncio.sleep(1)
    return 2 * x


async def main():
    task = asyncio.create_task(double(21))
    print(f"a Task is a Future: {isinstance(task, asyncio.Future)}")
    print(f"done right after create_task(): {task.done()}")
    try:
        task.result()
    except asyncio.InvalidStateError as error:
        print(f"result() before it is done: InvalidStateError: {error}")
    value = await task
    print(f"await task gave {value}; done: {task.done()}; result(): {task.result()}")


asyncio.run(main())
