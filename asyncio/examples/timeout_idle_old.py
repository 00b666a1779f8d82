import asyncio


async def chunks():
    for delay in (0.3, 0.3, 0.3, 2):  # the sender stalls after three chunks
        await asyncio.sleep(delay)
        yield "chunk"


async def main():
    stream = chunks()
    try:
        while True:
            chunk = await asyncio.wait_for(stream.__anext__(), timeout=0.5)
            print(f"got a {chunk}; the next one has 0.5 s")
    except asyncio.TimeoutError:
        print("no chunk for 0.5 s: TimeoutError")
    except StopAsyncIteration:
        print("end of stream")


asyncio.run(main())
