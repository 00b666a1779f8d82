import asyncio


async def fetch():
    try:
        await asyncio.sleep(2)  # a reply that takes too long
    except asyncio.CancelledError:
        print("fetch: CancelledError at the await")
        raise
    finally:
        await asyncio.sleep(0.3)  # closing the connection takes a while
        print("fetch: cleanup done")


async def main():
    try:
        async with asyncio.timeout(0.5):
            await fetch()
    except TimeoutError:
        print("main: TimeoutError")


asyncio.run(main())
