import asyncio


async def save():
    await asyncio.sleep(0.1)


def schedule_save():
    save()  # the await is missing


def store(draft):
    schedule_save()


def handle_request():
    store("draft")


async def main():
    handle_request()
    await asyncio.sleep(0.1)


asyncio.run(main(), debug=True)
