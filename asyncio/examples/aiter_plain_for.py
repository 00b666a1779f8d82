import asyncio


async def readings():
    for value in (21, 22, 24):
        await asyncio.sleep(0.3)  # e.g. wait for the sensor
        yield value


async def main():
    try:
        for value in readings():  # a plain for, on an async generator
            print(value)
    except TypeError as error:
        print(f"TypeError: {error}")


asyncio.run(main())
