import asyncio
import gc
import weakref


class Notifier:
    def __init__(self):
        self.waiters = weakref.WeakSet()

    def wait(self):
        future = asyncio.get_running_loop().create_future()
        self.waiters.add(future)
        return future

    def notify(self, message):
        for future in self.waiters:
            future.set_result(message)


async def listen(notifier):
    try:
        print(f"listener got {await notifier.wait()!r}")
    finally:
        print("listener ends")


background_tasks = set()


def start(coroutine):
    task = asyncio.create_task(coroutine)
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)


async def main():
    notifier = Notifier()
    start(listen(notifier))
    await asyncio.sleep(0.5)
    gc.collect()
    await asyncio.sleep(0.5)
    notifier.notify("hello")
    await asyncio.sleep(0.1)
    print(f"{len(background_tasks)} background tasks left")


asyncio.run(main())
