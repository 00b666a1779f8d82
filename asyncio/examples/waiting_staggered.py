import asyncio


async def connect(address, seconds, refused=False):
    print(f"trying {address}")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{address} given up")
        raise
    if refused:
        raise ConnectionRefusedError(address)
    return address


async def first_success(attempts, delay):
    waiting = iter(attempts)
    running = set()
    while True:
        attempt = next(waiting, None)
        if attempt is not None:
            running.add(asyncio.create_task(attempt()))
        if not running:
            raise ConnectionError("every attempt failed")
        done, running = await asyncio.wait(
            running, timeout=delay, return_when=asyncio.FIRST_COMPLETED
        )
        for task in done:
            if task.exception() is None:
                for loser in running:
                    loser.cancel()
                if running:
                    await asyncio.wait(running)
                return task.result()
            print(f"failed: {task.exception()!r}")


async def main():
    winner = await first_success([
        lambda: connect("2001:db8::1", 0.1, refused=True),
        lambda: connect("2001:db8::2", 2.0),
        lambda: connect("192.0.2.1", 0.2),
    ], delay=0.3)
    print(f"connected to {winner}")


asyncio.run(main())
