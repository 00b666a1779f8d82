import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        results = await asyncio.gather(asyncio.sleep(1, result="slept"), loop=loop)
    except TypeError as error:
        print(f"TypeError: {error}")
    else:
        print(results)


asyncio.run(main())
