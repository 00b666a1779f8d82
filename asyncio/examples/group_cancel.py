import asyncio


async def ask(group, mirror, delay, found):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{mirror}: cancelled")
        raise
    print(f"{mirror}: answered")
    found.append(mirror)
    group.cancel()  # the goal is reached: stop the others


async def main():
    found = []
    async with asyncio.TaskGroup() as group:
        group.create_task(ask(group, "mirror A", 0.6, found))
        group.create_task(ask(group, "mirror B", 0.3, found))
        group.create_task(ask(group, "mirror C", 1.0, found))
    print(f"main: the group ended, no exception; first: {found[0]}")


asyncio.run(main())
