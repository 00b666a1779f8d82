import asyncio
from contextlib import AsyncExitStack, asynccontextmanager


@asynccontextmanager
async def connect(name):
    await asyncio.sleep(0.1)  # the handshake
    if name == "cache":
        raise ConnectionError(f"{name} is down")
    print(f"{name} open")
    try:
        yield name
    finally:
        await asyncio.sleep(0.1)  # the goodbye
        print(f"{name} closed")


async def work_with(names):
    async with AsyncExitStack() as stack:  # as many as there are names
        for name in names:
            await stack.enter_async_context(connect(name))
        print(f"working with {', '.join(names)}")


async def main():
    await work_with(["users", "orders"])
    try:
        await work_with(["users", "orders", "cache"])
    except ConnectionError as error:
        print(f"main() caught {error!r}")


asyncio.run(main())
