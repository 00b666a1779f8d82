import asyncio


async def step(number):
    await asyncio.sleep(0.4)
    print(f"step {number} done")


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 1.0  # 1 s from now
    try:
        for number in (1, 2, 3):
            left = deadline - loop.time()
            await asyncio.wait_for(step(number), timeout=left)
        print("all steps done")
    except asyncio.TimeoutError:
        print("TimeoutError")


asyncio.run(main())
