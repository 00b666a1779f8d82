# hint: cancel() only asks: the cancelled task still has to run its cleanup,
# which takes 0.2 s here, and main() went on without waiting for it. Wait
# for the cancelled tasks, with gather(..., return_exceptions=True).
import asyncio


async def upload():
    await asyncio.sleep(0.3)
    raise ValueError("upload failed")


async def convert():
    try:
        await asyncio.sleep(1)  # converting the video
        print("convert: done")
    except asyncio.CancelledError:
        await asyncio.sleep(0.2)  # deleting the half-written file
        print("convert: cancelled, temporary file deleted")
        raise


async def main():
    tasks = [asyncio.create_task(upload()), asyncio.create_task(convert())]
    try:
        await asyncio.gather(*tasks)
    except ValueError as error:
        for task in tasks:
            task.cancel()
        print(f"main: {error}")
    print("main: cleaning the work folder")  # convert() must be over by now
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
