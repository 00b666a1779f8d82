import asyncio


async def fetch():
    await asyncio.sleep(1.5)  # a server that answers too slowly
    print("fetch: reply received")
    return "reply"


async def main():
    reply = await fetch()  # wait 0.5 s at most
    print(f"main: got {reply!r}")
    await asyncio.sleep(1.2)  # the program goes on with other work
    print("main done")


asyncio.run(main())
