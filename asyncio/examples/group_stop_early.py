import asyncio


class Found(Exception):
    """Raised by the first task to answer, to end the group."""


async def ask(mirror, delay, found):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{mirror}: cancelled")
        raise
    print(f"{mirror}: answered")
    found.append(mirror)
    raise Found


async def main():
    found = []
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(ask("mirror A", 0.6, found))
            group.create_task(ask("mirror B", 0.3, found))
            group.create_task(ask("mirror C", 1.0, found))
    except* Found:
        pass  # the group ending early is the point
    print(f"main: the group ended; first: {found[0]}")


asyncio.run(main())
