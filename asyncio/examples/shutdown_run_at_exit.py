import asyncio
import time


async def upload():
    try:
        print("upload starts")
        await asyncio.sleep(2)
        print("upload done")
    finally:
        print("upload's finally runs")


async def readings():
    try:
        while True:
            yield 42
            await asyncio.sleep(0.1)
    finally:
        print("readings' finally runs")


sensor = readings()  # a global: still referenced when main() returns


async def main():
    background = asyncio.create_task(upload())
    print(f"first reading: {await sensor.__anext__()}")
    thread_job = asyncio.create_task(asyncio.to_thread(time.sleep, 1))
    await asyncio.sleep(0.5)
    print("main() returns")


asyncio.run(main())
print("asyncio.run() returned")
