# hint: asyncio.gather raises the first exception at once, but it does not
# cancel the other awaitables: the progress task still runs. Cancel it.
import asyncio


async def fail_after(delay):
    await asyncio.sleep(delay)
    raise ValueError("upload failed")


async def progress(delay):
    await asyncio.sleep(delay)
    print("progress bar updated")  # must not happen once the upload failed


async def main():
    try:
        await asyncio.gather(fail_after(0.2), progress(0.5))
    except ValueError as error:
        print(f"main caught: {error}")
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
