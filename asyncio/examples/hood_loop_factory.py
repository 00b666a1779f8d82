import asyncio


class CountingLoop(asyncio.SelectorEventLoop):
    """An event loop of our own: it counts the callbacks it is asked to schedule."""

    scheduled = 0

    def call_soon(self, callback, *args, **kwargs):
        CountingLoop.scheduled += 1
        return super().call_soon(callback, *args, **kwargs)


async def main():
    print(f"running in a {type(asyncio.get_running_loop()).__name__}")
    await asyncio.gather(asyncio.sleep(0.2), asyncio.sleep(0.2))


# Python 3.11+: choose the loop for this run only, without a global policy.
with asyncio.Runner(loop_factory=CountingLoop) as runner:
    runner.run(main())
print(f"call_soon was called: {CountingLoop.scheduled > 0}")
