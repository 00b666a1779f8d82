import asyncio

RUNNERS = 3


async def runner(name, delay, arrived, all_ready):
    await asyncio.sleep(delay)  # get ready
    print(f"{name} is ready")
    arrived.append(name)
    if len(arrived) == RUNNERS:
        all_ready.set()  # the last one in lets everyone go
    await all_ready.wait()
    print(f"{name} starts")


async def main():
    arrived, all_ready = [], asyncio.Event()
    await asyncio.gather(
        runner("Ann", 0.1, arrived, all_ready),
        runner("Bob", 0.3, arrived, all_ready),
        runner("Cid", 0.6, arrived, all_ready),
    )


asyncio.run(main())
