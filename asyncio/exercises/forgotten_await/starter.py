import asyncio


async def greet(name):
    await asyncio.sleep(0.5)
    print(f"hello, {name}")


async def main():
    greet("Ada")
    print("main done")


asyncio.run(main())
