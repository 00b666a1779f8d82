import asyncio
import os
import signal


async def worker():
    try:
        while True:
            print("working")
            await asyncio.sleep(0.3)
    finally:
        print("saving state")  # never printed: SIGTERM ends the process at once


async def main():
    loop = asyncio.get_running_loop()
    # Unix only: stand-in for 'kill <pid>' from a terminal or a service manager
    loop.call_later(0.5, os.kill, os.getpid(), signal.SIGTERM)
    await worker()


asyncio.run(main())
