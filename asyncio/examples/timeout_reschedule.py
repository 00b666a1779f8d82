import asyncio


async def chunks():
    for delay in (0.3, 0.3, 0.3, 2):  # the sender stalls after three chunks
        await asyncio.sleep(delay)
        yield "chunk"


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.5) as idle:
            async for chunk in chunks():
                idle.reschedule(loop.time() + 0.5)
                print(f"got a {chunk}; deadline moved to 0.5 s from now")
    except TimeoutError:
        print("no chunk for 0.5 s: TimeoutError")
        print(f"idle.expired() is {idle.expired()}")


asyncio.run(main())
