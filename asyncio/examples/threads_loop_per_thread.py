import asyncio
import threading

loops = {}


async def wait(name):
    await asyncio.sleep(0.5)
    print(f"{name}: done")


async def main(thread):
    loops[thread] = asyncio.get_running_loop()
    await asyncio.gather(wait(f"{thread}, task a"), wait(f"{thread}, task b"))


def worker(thread):
    asyncio.run(main(thread))  # a new event loop, for this thread only


threads = [threading.Thread(target=worker, args=(name,)) for name in ["thread 1", "thread 2"]]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("two loops:", loops["thread 1"] is not loops["thread 2"])
