import asyncio


class Countdown:
    """An async iterator written by hand: what an async generator does for you."""

    def __init__(self, start):
        self.current = start

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.current == 0:
            raise StopAsyncIteration  # ends the async for
        await asyncio.sleep(0.3)
        self.current -= 1
        return self.current + 1


async def main():
    async for n in Countdown(3):
        print(n)
    print("liftoff")


asyncio.run(main())
