import asyncio
import gc
import weakref


class Notifier:
    def __init__(self):
        self.waiters = weakref.WeakSet()  # weak: a waiter that is gone is skipped

    def wait(self):
        future = asyncio.get_running_loop().create_future()
        self.waiters.add(future)
        return future

    def notify(self, message):
        for future in self.waiters:
            future.set_result(message)


async def listen(name, notifier):
    try:
        print(f"{name} waits")
        print(f"{name} got {await notifier.wait()!r}")
    finally:
        print(f"{name} ends")


async def main():
    notifier = Notifier()
    asyncio.create_task(listen("listener", notifier))
    asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0.5)
    print(f"{len(asyncio.all_tasks())} tasks")
    gc.collect()  # the garbage collector runs now and then; here, now
    print(f"{len(asyncio.all_tasks())} tasks")
    await asyncio.sleep(0.5)
    notifier.notify("hello")
    await asyncio.sleep(0.1)


asyncio.run(main())
