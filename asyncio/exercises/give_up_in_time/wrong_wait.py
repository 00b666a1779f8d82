# hint: asyncio.wait stops waiting after the timeout, but it does not cancel
# what it waited for: fetch() goes on and its reply arrives at 1.5 s anyway.
# Cancel it, or use a timeout that cancels (wait_for, or asyncio.timeout).
import asyncio


async def fetch():
    await asyncio.sleep(1.5)  # a server that answers too slowly
    print("fetch: reply received")
    return "reply"


async def main():
    task = asyncio.create_task(fetch())
    done, pending = await asyncio.wait({task}, timeout=0.5)
    if task in done:
        print(f"main: got {task.result()!r}")
    else:
        print("main: gave up waiting")
    await asyncio.sleep(1.2)  # the program goes on with other work
    print("main done")


asyncio.run(main())
