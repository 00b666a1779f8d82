import asyncio


async def poller(state):
    while not state["ready"]:
        await asyncio.sleep(0.3)  # look again every 0.3 s
    print("the poller notices")


async def waiter(ready):
    await ready.wait()  # suspended until set() is called
    print("the event waiter notices")


async def main():
    state = {"ready": False}
    ready = asyncio.Event()
    tasks = [asyncio.create_task(poller(state)), asyncio.create_task(waiter(ready))]
    await asyncio.sleep(0.5)
    print("ready")
    state["ready"] = True
    ready.set()
    await asyncio.gather(*tasks)


asyncio.run(main())
