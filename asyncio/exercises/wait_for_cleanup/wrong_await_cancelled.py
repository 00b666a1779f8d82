# hint: Awaiting a task that you cancelled raises CancelledError in the code
# that awaits it, so main() ends there, cancelled. Wait with
# gather(..., return_exceptions=True), which collects that error instead.
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
        await tasks[1]
        print(f"main: {error}")
    print("main: cleaning the work folder")  # convert() must be over by now
    await asyncio.sleep(1)  # the program goes on with other work
    print("main done")


asyncio.run(main())
