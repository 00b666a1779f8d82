import asyncio


async def fetch(name, delay):
    task = asyncio.current_task().get_name()
    print(f"{name} starts in {task}")
    await asyncio.sleep(delay)
    print(f"{name} finishes after {delay} s")
    return name.upper()


async def main():
    results = await asyncio.gather(fetch("slow", 2), fetch("fast", 1))
    print(results)


asyncio.run(main())
