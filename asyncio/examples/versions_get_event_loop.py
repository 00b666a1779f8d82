import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("main() ran")


# The style of old tutorials: ask for "the" event loop before any is running.
loop = asyncio.get_event_loop()
loop.run_until_complete(main())
loop.close()
