import asyncio


async def fetch(url):
    if not url.startswith("https://"):
        raise ValueError(f"not https: {url}")
    await asyncio.sleep(1)
    print(f"fetched {url}")


async def load(path):
    raise FileNotFoundError(f"no such file: {path}")


async def main():
    results = await asyncio.gather(
        fetch("https://example.org/a"),
        fetch("ftp://example.org/b"),
        fetch("http://example.org/c"),
        load("settings.toml"),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, ValueError):
            print(f"bad address: {result}")
    file_errors = tuple(r for r in results if isinstance(r, OSError))
    print(f"file errors: {file_errors}")
    print("main() goes on")


asyncio.run(main())
