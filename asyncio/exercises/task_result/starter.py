import asyncio


async def compute():
    await asyncio.sleep(0.5)
    return 42


async def main():
    task = asyncio.create_task(compute())
    print(f"result: {task.result()}")


asyncio.run(main())
