import asyncio
import time


def slow_report():
    time.sleep(1)  # a library call that blocks, e.g. a synchronous database query
    return "report ready"


async def heartbeat():
    for _ in range(4):
        print("tick")
        await asyncio.sleep(0.3)


async def main():
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)  # let the heartbeat start
    print(await asyncio.to_thread(slow_report))
    await beat


asyncio.run(main())
