# hint: Every request succeeded, but one at a time: a Lock lets one task
# through, and the server takes two at once. A Semaphore(2) lets two through.
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


async def request(lock):
    async with lock:
        return await server()


async def main():
    lock = asyncio.Lock()
    results = await asyncio.gather(*(request(lock) for _ in range(6)))
    print(f"{results.count('ok')} ok, {results.count('refused')} refused")


asyncio.run(main())
