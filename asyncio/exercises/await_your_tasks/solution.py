import asyncio


async def save(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} saved")


async def main():
    draft = asyncio.create_task(save("draft", 0.3))
    photo = asyncio.create_task(save("photo", 0.6))
    print("main returns")
    await draft
    await photo


asyncio.run(main())
