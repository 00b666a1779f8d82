import asyncio


async def save():
    print("save: started")
    try:
        await asyncio.sleep(1)
        print("save: written")
    except asyncio.CancelledError:
        print("save: cancelled, nothing written")
        raise


async def handle_request(saving):
    try:
        await asyncio.shield(saving)
    except asyncio.CancelledError:
        print("handle_request: CancelledError at once, despite the shield")
        raise


async def main():
    saving = asyncio.create_task(save())
    handler = asyncio.create_task(handle_request(saving))
    await asyncio.sleep(0.3)
    handler.cancel()
    await asyncio.gather(handler, return_exceptions=True)
    await asyncio.sleep(0.3)
    await saving  # keep the loop running until the shielded work is done
    print("main: returns after the save")


asyncio.run(main())
