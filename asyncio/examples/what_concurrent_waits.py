import asyncio
import threading
import time


async def fetch(name):
    print(f"{name}: request sent, on thread {threading.current_thread().name}")
    await asyncio.sleep(1)  # stands in for waiting for a reply over the network
    print(f"{name}: reply received")


async def main():
    start = time.perf_counter()
    await asyncio.gather(fetch("A"), fetch("B"), fetch("C"))
    print(f"total: {time.perf_counter() - start:.1f} s")


asyncio.run(main())
