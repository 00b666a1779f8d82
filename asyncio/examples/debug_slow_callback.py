import asyncio
import time


async def heartbeat():
    for _ in range(3):
        print("tick")
        await asyncio.sleep(0.2)


async def main():
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.1)
    time.sleep(0.5)  # a blocking call hidden in the program
    await beat


asyncio.run(main(), debug=True)
