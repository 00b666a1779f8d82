import asyncio


async def fetch(url):
    if not url.startswith("https://"):
        raise ValueError(f"not https: {url}")
    await asyncio.sleep(1)
    print(f"fetched {url}")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch("https://example.org/a"))
            group.create_task(fetch("ftp://example.org/b"))
            group.create_task(fetch("http://example.org/c"))
    except ValueError as error:
        print(f"caught {error!r}")


try:
    asyncio.run(main())
except Exception as error:
    print(f"main() raised {error!r}")
