import asyncio

background_tasks = set()


async def logger():
    try:
        while True:
            print("logger alive")
            await asyncio.sleep(0.4)
    finally:
        print("logger stops")


async def start_logger():
    task = asyncio.create_task(logger())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)


async def work(name):
    await asyncio.sleep(0.5)
    print(f"{name} done")


asyncio.run(start_logger())
asyncio.run(work("first"))
asyncio.run(work("second"))
print("all runs done")
