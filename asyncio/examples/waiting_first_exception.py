import asyncio


async def check(name, seconds, healthy=True):
    await asyncio.sleep(seconds)
    if not healthy:
        raise ConnectionError(f"{name} is down")
    print(f"{name} is up")


async def main():
    tasks = [
        asyncio.create_task(check("database", 0.2)),
        asyncio.create_task(check("cache", 0.5, healthy=False)),
        asyncio.create_task(check("queue", 1.0)),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"{len(done)} done, {len(pending)} pending")
    for task in done:
        if task.exception() is not None:
            print(f"failed: {task.exception()!r}")
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)


asyncio.run(main())
