import asyncio

lock = asyncio.Lock()  # created at import, before any event loop runs


async def use_the_lock(name):
    async with lock:
        await asyncio.sleep(0.1)
    print(f"{name}: done")


async def main():
    await asyncio.gather(use_the_lock("first"), use_the_lock("second"))


asyncio.run(main())
asyncio.run(main())  # a second event loop meets the same lock
