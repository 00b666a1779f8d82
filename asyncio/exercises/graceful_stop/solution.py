import asyncio
import os
import signal


async def worker():
    try:
        while True:
            print("working")
            await asyncio.sleep(0.3)
    finally:
        print("saving state")


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, asyncio.current_task().cancel)
    loop.call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)  # as 'kill' would
    try:
        await worker()
    except asyncio.CancelledError:
        pass


asyncio.run(main())
print("clean exit")
