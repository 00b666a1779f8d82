import asyncio


async def save(name):
    await asyncio.sleep(0.5)
    raise OSError(f"disk full while saving {name}")


async def main():
    asyncio.create_task(save("forgotten"))
    kept = asyncio.create_task(save("kept"))
    await asyncio.sleep(1.5)
    print(f"main() ends; kept is done: {kept.done()}")


asyncio.run(main())
print("asyncio.run() returned")
