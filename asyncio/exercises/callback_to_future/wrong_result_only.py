# hint: The error was lost: the missing key gave the result None instead of a
# KeyError. Hand the error over too, with fut.set_exception(), through
# loop.call_soon_threadsafe() like the value.
import asyncio
import threading
import time

VALUES = {"a": "value of a"}


def lookup(key, callback):  # a library: calls back from a thread of its own
    def work():
        time.sleep(0.2)
        if key in VALUES:
            callback(None, VALUES[key])
        else:
            callback(KeyError(key), None)

    threading.Thread(target=work).start()


async def fetch(key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def on_done(error, value):
        if error is not None:
            fut.set_exception(error)
        else:
            fut.set_result(value)

    lookup(key, lambda error, value: loop.call_soon_threadsafe(fut.set_result, value))
    return await fut


async def main():
    print(await asyncio.wait_for(fetch("a"), timeout=1))
    try:
        print(await asyncio.wait_for(fetch("zz"), timeout=1))
    except KeyError as error:
        print(f"no such key: {error}")


asyncio.run(main())
