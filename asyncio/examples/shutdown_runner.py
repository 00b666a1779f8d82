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


with asyncio.Runner() as runner:
    runner.run(start_logger())
    runner.run(work("first"))
    runner.run(work("second"))
print("runner closed")
