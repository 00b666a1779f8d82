import asyncio


async def download(mirror, seconds):
    await asyncio.sleep(seconds)
    print(f"{mirror} finished")
    return mirror


async def main():
    tasks = {
        asyncio.create_task(download("mirror-a", 0.3)),
        asyncio.create_task(download("mirror-b", 0.6)),
        asyncio.create_task(download("mirror-c", 1.0)),
    }
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"{len(done)} done, {len(pending)} pending")
    print(f"using {done.pop().result()}")
    await asyncio.sleep(1)  # main() goes on with other work


asyncio.run(main())
