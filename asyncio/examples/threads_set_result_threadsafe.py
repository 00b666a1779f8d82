import asyncio
import threading
import time


def fetch_with_callback(key, callback):  # a callback API: calls back from its thread
    def work():
        time.sleep(0.2)
        callback(f"value of {key}")

    threading.Thread(target=work).start()


async def fetch(key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fetch_with_callback(key, lambda value: loop.call_soon_threadsafe(fut.set_result, value))
    return await fut


async def main():
    print(await asyncio.wait_for(fetch("x"), timeout=1))


asyncio.run(main())
