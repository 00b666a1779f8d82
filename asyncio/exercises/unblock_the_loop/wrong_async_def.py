# hint: Putting async in front of def does not stop time.sleep from blocking:
# the event loop still waits for it, and the heartbeat with it. Keep slow_report
# as it is and run it in a thread with asyncio.to_thread.
import asyncio
import time


async def slow_report():
    time.sleep(1)  # a library call that blocks, e.g. a synchronous database query
    return "report ready"


async def heartbeat():
    for _ in range(4):
        print("tick")
        await asyncio.sleep(0.3)


async def main():
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)  # let the heartbeat start
    print(await slow_report())
    await beat


asyncio.run(main())
