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
        await asyncio.wait_for(fetch(), timeout=0.5)
    except asyncio.TimeoutError:  # not the built-in one before 3.11
        print("main: TimeoutError")


asyncio.run(main())
