import asyncio


async def serve(reader, writer):  # a tiny HTTP server: GET /<seconds> sleeps that long
    request = await reader.readuntil(b"\r\n\r\n")
    delay = float(request.split()[1].lstrip(b"/"))
    try:
        await asyncio.sleep(delay)
        body = f"slept {delay * 1000:.0f} ms".encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
    finally:
        writer.close()


async def get(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        status = (await reader.readline()).decode().strip()
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        return f"{status}, {(await reader.readexactly(length)).decode()}"
    finally:
        writer.close()
        await writer.wait_closed()


async def fetch(limit, port, path):
    async with limit:  # at most 3 requests at once
        try:
            async with asyncio.timeout(1):  # Python 3.11 and newer
                print(f"{path}: {await get(port, path)}")
        except TimeoutError:
            print(f"{path}: no answer in time")


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        limit = asyncio.Semaphore(3)
        paths = ["/1.1", "/0.4", "/0.4", "/0.4", "/0.4", "/0.4", "/0.4"]
        await asyncio.gather(*(fetch(limit, port, path) for path in paths))


asyncio.run(main())
