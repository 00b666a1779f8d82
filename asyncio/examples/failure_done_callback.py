import asyncio


async def save(name):
    await asyncio.sleep(0.5)
    raise OSError(f"disk full while saving {name}")


def report(task):
    if task.cancelled():
        print(f"{task.get_name()} was cancelled")
    elif task.exception() is not None:
        print(f"{task.get_name()} failed: {task.exception()!r}")
    else:
        print(f"{task.get_name()} returned {task.result()!r}")


async def main():
    task = asyncio.create_task(save("report"), name="saver")
    task.add_done_callback(report)
    await asyncio.sleep(1.5)
    print("main() ends")


asyncio.run(main())
