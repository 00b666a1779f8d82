import asyncio
import os
import signal


async def worker():
    try:
        while True:
            print("working")
            await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        print("worker cancelled")
        raise
    finally:
        print("saving state")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.5, os.kill, os.getpid(), signal.SIGINT)  # as if Ctrl-C
    await worker()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("KeyboardInterrupt reached the caller")
