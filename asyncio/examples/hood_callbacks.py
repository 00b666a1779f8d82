import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # the loop's own clock, in seconds
    loop.call_later(0.4, print, "call_later(0.4, ...)")
    loop.call_at(start + 0.2, print, "call_at(start + 0.2, ...)")
    loop.call_soon(print, "call_soon(...)")
    print("three callbacks scheduled")
    await asyncio.sleep(0.5)  # keep the loop running meanwhile


asyncio.run(main())
