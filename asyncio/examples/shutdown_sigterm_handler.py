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
    main_task = asyncio.current_task()
    for signum in (signal.SIGINT, signal.SIGTERM):  # Unix only
        loop.add_signal_handler(signum, main_task.cancel)
    loop.call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)
    try:
        await worker()
    except asyncio.CancelledError:
        print("stopped by a signal")


asyncio.run(main())
print("clean exit")
