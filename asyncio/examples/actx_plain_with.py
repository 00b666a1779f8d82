import asyncio


class Connection:
    async def __aenter__(self):
        await asyncio.sleep(0.1)  # e.g. the handshake with a server
        print("connected")
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        await asyncio.sleep(0.1)  # e.g. say goodbye to the server
        print("disconnected")


async def main():
    try:
        with Connection():  # a plain with, on an async context manager
            print("working")
    except (TypeError, AttributeError) as error:
        print(f"{type(error).__name__}: {error}")


asyncio.run(main())
