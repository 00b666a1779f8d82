# hint: the first mirror of the list is not the fastest one. Wait for whichever
# finishes first (asyncio.wait with return_when=asyncio.FIRST_COMPLETED).
import asyncio


async def download(mirror, seconds):
    await asyncio.sleep(seconds)
    print(f"{mirror} sent the file")
    return mirror


async def main():
    mirrors = [download("mirror-a", 0.6), download("mirror-b", 0.2), download("mirror-c", 1.0)]
    tasks = [asyncio.create_task(mirror) for mirror in mirrors]
    first = await tasks[0]
    for task in tasks[1:]:
        task.cancel()
    print(f"using {first}")
    await asyncio.sleep(0.5)  # the program goes on with other work
    print("main done")


asyncio.run(main())
