import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


async def main():
    try:
        await asyncio.gather(job("first", 0.5), job("second", 1))
    except ValueError as error:
        print(f"caught {error!r}")
    await asyncio.sleep(1)  # "second" fails meanwhile: is it reported?
    print("main() ends")


asyncio.run(main())
