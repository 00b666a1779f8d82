import asyncio


async def fail_after(delay):
    await asyncio.sleep(delay)
    raise ValueError("upload failed")


async def progress(delay):
    await asyncio.sleep(delay)
    print("progress bar updated")  # must not happen once the upload failed


async def main():
    upload = asyncio.create_task(fail_after(0.2))
    bar = asyncio.create_task(progress(0.5))
    try:
        await upload
        await bar
    except ValueError as error:
        print(f"main caught: {error}")
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
