import asyncio

SERVER_LIMIT = 3  # the server handles at most 3 requests at once
in_progress = 0


async def server(n):
    global in_progress
    if in_progress == SERVER_LIMIT:
        return "refused"
    in_progress += 1
    await asyncio.sleep(0.5)  # the server's work
    in_progress -= 1
    return "ok"


async def main():
    results = await asyncio.gather(*(server(n) for n in range(10)))
    print(f"{results.count('ok')} ok, {results.count('refused')} refused")


asyncio.run(main())
