# hint: Each request made a semaphore of its own, so no two requests shared
# one and nothing was limited: create one semaphore in main() and pass that
# same semaphore to every request.
import asyncio

SERVER_LIMIT = 2  # the server handles at most 2 requests at once
in_progress = 0


async def server():
    global in_progress
    if in_progress == SERVER_LIMIT:
        return "refused"
    in_progress += 1
    await asyncio.sleep(0.5)  # the server's work
    in_progress -= 1
    return "ok"


async def request():
    async with asyncio.Semaphore(SERVER_LIMIT):
        return await server()


async def main():
    results = await asyncio.gather(*(request() for _ in range(6)))
    print(f"{results.count('ok')} ok, {results.count('refused')} refused")


asyncio.run(main())
