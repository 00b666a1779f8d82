import asyncio


async def func(n):
    await asyncio.sleep(1)
    return n * 10


async def main():
    results = await asyncio.gather(func(1), func(2), func(3))
    print(results)


asyncio.run(main())
