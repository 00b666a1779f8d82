import asyncio
from contextlib import aclosing


async def readings():
    try:
        for value in (21, 22, 24, 23):
            await asyncio.sleep(0.2)  # e.g. wait for the sensor
            yield value
    finally:
        print("cleanup starts")
        await asyncio.sleep(0.1)  # e.g. tell the sensor goodbye
        print("cleanup done")


async def main():
    async with aclosing(readings()) as sensor:
        async for value in sensor:
            print(f"got {value}")
            if value > 21:
                break
    print("loop left")  # the generator is closed by now
    await asyncio.sleep(0.5)  # the program goes on with other work
    print("main() ends")


asyncio.run(main())
