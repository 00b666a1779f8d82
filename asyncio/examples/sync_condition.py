import asyncio

loaves = []


async def customer(name, wanted, shelf):
    async with shelf:
        await shelf.wait_for(lambda: len(loaves) >= wanted)  # releases the lock while waiting
        del loaves[:wanted]
        print(f"{name} takes {wanted} loaves")


async def baker(shelf):
    for n in range(5):
        await asyncio.sleep(0.2)  # bake one loaf
        async with shelf:
            loaves.append(n)
            shelf.notify_all()  # every waiting customer checks again


async def main():
    shelf = asyncio.Condition()
    await asyncio.gather(customer("Ann", 2, shelf), customer("Bob", 3, shelf), baker(shelf))


asyncio.run(main())
