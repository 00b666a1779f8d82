import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def connect(name):
    await asyncio.sleep(0.1)  # the handshake
    print(f"{name} open")
    yield name  # no try/finally around it
    await asyncio.sleep(0.1)  # the goodbye: skipped when the body raises
    print(f"{name} closed")


async def main():
    async with connect("users"):
        print("working with users")
    try:
        async with connect("orders"):
            raise ValueError("bad query")
    except ValueError as error:
        print(f"main() caught {error!r}")


asyncio.run(main())
