import asyncio

background_tasks = set()


def finished(task):
    background_tasks.discard(task)
    if not task.cancelled() and task.exception() is not None:
        print(f"{task.get_name()} failed: {task.exception()!r}")


def start(coroutine, name):
    task = asyncio.create_task(coroutine, name=name)
    background_tasks.add(task)
    task.add_done_callback(finished)


async def job(seconds, error=None):
    await asyncio.sleep(seconds)
    if error is not None:
        raise error


async def main():
    start(job(1), "upload")
    start(job(0.5, OSError("disk full")), "cleanup")
    await asyncio.sleep(0.1)
    print(sorted(task.get_name() for task in asyncio.all_tasks()))
    await asyncio.sleep(1)
    print(sorted(task.get_name() for task in asyncio.all_tasks()))
    print(f"{len(background_tasks)} background tasks")


asyncio.run(main())
