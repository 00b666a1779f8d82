# hint: Awaiting the progress task first means waiting for it to finish: the
# failure is seen only at 0.5 s, after the progress bar moved. Await the upload,
# and cancel the progress task as soon as the failure is caught.
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
        await bar
        await upload
    except ValueError as error:
        print(f"main caught: {error}")
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
