# hint: asyncio.wait returns as soon as one download is done, but it does not
# stop the others: they still send their files. Cancel the pending tasks.
import asyncio


async def download(mirror, seconds):
    await asyncio.sleep(seconds)
    print(f"{mirror} sent the file")
    return mirror


async def main():
    mirrors = [download("mirror-a", 0.6), download("mirror-b", 0.2), download("mirror-c", 1.0)]
    tasks = [asyncio.create_task(mirror) for mirror in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"using {done.pop().result()}")
    await asyncio.sleep(0.5)  # the program goes on with other work
    print("main done")


asyncio.run(main())
