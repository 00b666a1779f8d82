# hint: The task was created, but main() returned before it finished, and
# asyncio.run cancelled it: await the task (or the coroutine itself).
import asyncio


async def greet(name):
    await asyncio.sleep(0.5)
    print(f"hello, {name}")


async def main():
    asyncio.create_task(greet("Ada"))
    print("main done")


asyncio.run(main())
