# hint: A timeout that is checked only after the await returns cannot cut the
# wait short: the await itself must be under the limit. Put the wait inside
# asyncio.wait_for (or async with asyncio.timeout on 3.11 and newer).
import asyncio
import time


async def fetch():
    await asyncio.sleep(1.5)  # a server that answers too slowly
    print("fetch: reply received")
    return "reply"


async def main():
    start = time.monotonic()
    reply = await fetch()
    if time.monotonic() - start > 0.5:
        print("main: gave up waiting")
    else:
        print(f"main: got {reply!r}")
    await asyncio.sleep(1.2)  # the program goes on with other work
    print("main done")


asyncio.run(main())
