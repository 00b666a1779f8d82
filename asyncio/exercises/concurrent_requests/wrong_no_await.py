# hint: The list holds coroutine objects, and nothing waited for them:
# calling a coroutine function runs nothing until the coroutine is awaited,
# directly or through asyncio.gather.
import asyncio


async def fetch(name):
    await asyncio.sleep(1)  # stands in for a request over the network
    return f"reply to {name}"


async def main():
    replies = [fetch(name) for name in ("A", "B", "C")]
    print(replies)


asyncio.run(main())
