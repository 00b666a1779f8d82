# hint: The three requests still ran one after another. Creating a task and
# awaiting it at once is sequential: create all three before awaiting any, or
# hand all three coroutines to asyncio.gather in one call.
import asyncio


async def fetch(name):
    await asyncio.sleep(1)  # stands in for a request over the network
    return f"reply to {name}"


async def main():
    replies = []
    for name in ("A", "B", "C"):
        task = asyncio.create_task(fetch(name))
        replies.append(await task)
    print(replies)


asyncio.run(main())
