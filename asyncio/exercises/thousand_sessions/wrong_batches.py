# hint: Your sessions run in batches, each batch waiting for the one before.
# A waiting task costs only memory: start all 1,000 at once and await them
# together (gather, or a TaskGroup).
import asyncio
import threading

SESSIONS = 1_000
BATCH = 500


async def session(number):
    await asyncio.sleep(0.5)  # the client thinks for half a second
    return threading.current_thread().name  # which thread served it


async def main():
    served = []
    for first in range(0, SESSIONS, BATCH):
        batch = range(first, first + BATCH)
        served += await asyncio.gather(*(session(n) for n in batch))
    print(f"{len(served):,} sessions served; threads used: {len(set(served)):,}")


asyncio.run(main())
