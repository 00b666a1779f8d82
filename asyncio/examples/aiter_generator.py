import asyncio


async def readings():
    for value in (21, 22, 24):
        await asyncio.sleep(0.3)  # e.g. wait for the sensor
        yield value


async def main():
    async for value in readings():  # each value as soon as it is yielded
        print(f"async for got {value}")

    values = [value async for value in readings()]  # all of them, then the list
    print(f"the comprehension made {values}")


asyncio.run(main())
