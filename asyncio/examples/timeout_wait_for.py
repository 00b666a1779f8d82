import asyncio


async def fetch():
    print(f"fetch: runs in {asyncio.current_task().get_name()}")
    try:
        await asyncio.sleep(2)  # a reply that takes too long
    except asyncio.CancelledError:
        print("fetch: CancelledError at the await")
        raise


async def main():
    try:
        await asyncio.wait_for(fetch(), timeout=0.5)
    except TimeoutError:
        print("main: TimeoutError")


asyncio.run(main())
