import asyncio
import threading
import time


async def main():
    loop = asyncio.get_running_loop()

    def from_another_thread():
        time.sleep(0.1)
        loop.call_soon(print, "call_soon from a thread")  # not thread-safe
        time.sleep(0.2)
        loop.call_soon_threadsafe(print, "call_soon_threadsafe from a thread")

    threading.Thread(target=from_another_thread).start()
    await asyncio.sleep(1)
    print("main done")


asyncio.run(main())
