import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.2)
    except asyncio.TimeoutError:  # the name asyncio has always had
        print("asyncio.TimeoutError caught")
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.2)
    except TimeoutError:  # the built-in exception: asyncio raises it from 3.11 on
        print("TimeoutError caught")


asyncio.run(main())
