import asyncio


async def fetch(name):
    await asyncio.sleep(1)  # stands in for a request over the network
    return f"reply to {name}"


async def main():
    replies = []
    for name in ("A", "B", "C"):
        replies.append(await fetch(name))
    print(replies)


asyncio.run(main())
