import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()

    def from_another_thread():
        try:
            loop.call_soon(print, "called from a thread")  # not thread-safe
        except RuntimeError as error:
            print(f"RuntimeError: {error}")
        loop.call_soon_threadsafe(print, "called safely from a thread")

    thread = threading.Thread(target=from_another_thread)
    thread.start()
    await asyncio.to_thread(thread.join)
    await asyncio.sleep(0.1)


asyncio.run(main(), debug=True)
