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


loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(start_logger())
    loop.run_until_complete(work("first"))
    loop.run_until_complete(work("second"))
finally:  # what asyncio.Runner.close() does
    remaining = asyncio.all_tasks(loop)
    for task in remaining:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*remaining, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()
print("loop closed")
