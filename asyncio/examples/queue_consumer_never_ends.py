import asyncio


async def producer(queue):
    for item in ["a", "b", "c"]:
        await queue.put(item)
        print(f"put {item}")


async def consumer(queue):
    while True:  # nothing ever tells this loop to stop
        item = await queue.get()
        print(f"got {item}")
        await asyncio.sleep(0.3)  # handle the item


async def main():
    queue = asyncio.Queue()
    try:
        await asyncio.wait_for(asyncio.gather(producer(queue), consumer(queue)), timeout=2)
    except asyncio.TimeoutError:
        print("timed out: the consumer is still waiting for a fourth item")


asyncio.run(main())
