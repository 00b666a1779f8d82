import asyncio
import threading
import time

loop = asyncio.new_event_loop()  # one loop for both threads: the mistake


async def wait(name):
    await asyncio.sleep(0.5)
    print(f"{name}: done")


def worker(name):
    try:
        loop.run_until_complete(wait(name))
    except RuntimeError as error:
        print(f"{name}: RuntimeError: {error}")


threads = [threading.Thread(target=worker, args=(name,)) for name in ["thread 1", "thread 2"]]
for thread in threads:
    thread.start()
    time.sleep(0.1)
for thread in threads:
    thread.join()
loop.close()
