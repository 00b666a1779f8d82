import asyncio


async def step(number):
    await asyncio.sleep(0.4)
    print(f"step {number} done")


async def main():
    deadline = asyncio.get_running_loop().time() + 1.0  # 1 s from now
    try:
        for number in (1, 2, 3):
            async with asyncio.timeout_at(deadline):
                await step(number)
        print("all steps done")
    except TimeoutError:
        print("TimeoutError")


asyncio.run(main())
