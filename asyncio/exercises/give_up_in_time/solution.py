import asyncio


async def fetch():
    await asyncio.sleep(1.5)  # a server that answers too slowly
    print("fetch: reply received")
    return "reply"


async def main():
    try:
        reply = await asyncio.wait_for(fetch(), timeout=0.5)
        print(f"main: got {reply!r}")
    except asyncio.TimeoutError:  # the built-in TimeoutError only from 3.11
        print("main: gave up waiting")
    await asyncio.sleep(1.2)  # the program goes on with other work
    print("main done")


asyncio.run(main())
