import asyncio


async def fetch(url):
    if not url.startswith("https://"):
        raise ValueError(f"not https: {url}")
    await asyncio.sleep(1)
    print(f"fetched {url}")


async def load(path):
    raise FileNotFoundError(f"no such file: {path}")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch("https://example.org/a"))
            group.create_task(fetch("ftp://example.org/b"))
            group.create_task(fetch("http://example.org/c"))
            group.create_task(load("settings.toml"))
    except* ValueError as group:
        for error in group.exceptions:
            print(f"bad address: {error}")
    except* OSError as group:
        print(f"file errors: {group.exceptions}")
    print("main() goes on")


asyncio.run(main())
