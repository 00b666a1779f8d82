import asyncio
import threading


async def lookup(key):  # async code, which must run on the event loop
    await asyncio.sleep(0.4)
    return key.upper()


def sync_code(loop):  # plain synchronous code, in a thread of its own
    for key in ["a", "b"]:
        future = asyncio.run_coroutine_threadsafe(lookup(key), loop)
        print(f"thread: got {future.result(timeout=2)}")  # blocks this thread only


async def main():
    thread = threading.Thread(target=sync_code, args=(asyncio.get_running_loop(),))
    thread.start()
    for _ in range(3):
        await asyncio.sleep(0.3)
        print("loop: tick")
    await asyncio.to_thread(thread.join)


asyncio.run(main())
