import asyncio


async def func(n):
    await asyncio.sleep(1)
    return n * 10


async def main():
    task1 = asyncio.create_task(func(1))
    task2 = asyncio.create_task(func(2))
    print(await task1)
    print(await task2)


asyncio.run(main())
