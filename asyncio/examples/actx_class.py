import asyncio


class Connection:
    async def __aenter__(self):
        await asyncio.sleep(0.1)  # e.g. the handshake with a server
        print("connected")
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        await asyncio.sleep(0.1)  # e.g. say goodbye to the server
        print(f"disconnected (the block raised {exc!r})")
        return False  # do not swallow the exception


async def main():
    try:
        async with Connection():
            print("working")
            await asyncio.sleep(0.3)
            raise ValueError("bad query")
    except ValueError as error:
        print(f"main() caught {error!r}")


asyncio.run(main())
