import asyncio


async def step(number):
    await asyncio.sleep(0.4)
    print(f"step {number} done")


async def main():
    # meant: "the three steps, in one second at most"
    try:
        for number in (1, 2, 3):
            await asyncio.wait_for(step(number), timeout=1.0)
        print("all steps done")
    except asyncio.TimeoutError:
        print("TimeoutError")


asyncio.run(main())
