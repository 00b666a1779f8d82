import asyncio
import threading

SESSIONS = 1_000


async def session(number):
    await asyncio.sleep(0.5)  # the client thinks for half a second
    return threading.current_thread().name  # which thread served it


async def main():
    served = await asyncio.gather(*(session(n) for n in range(SESSIONS)))
    print(f"{len(served):,} sessions served; threads used: {len(set(served)):,}")


asyncio.run(main())
