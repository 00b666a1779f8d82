import asyncio


async def handle(reader, writer):
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    print("server: replied")  # BUG: returns without writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    print(f"client: got {await reader.readline()!r}")
    try:  # read to the end of the stream, as an HTTP client would
        rest = await asyncio.wait_for(reader.read(), timeout=1)
        print(f"client: end of stream, then {rest!r}")
    except asyncio.TimeoutError:
        print("client: still no end of stream")
    writer.close()
    await writer.wait_closed()
    server.close()
    try:
        await asyncio.wait_for(server.wait_closed(), timeout=1)
        print("server: closed")
    except asyncio.TimeoutError:
        print("server: still not closed")


asyncio.run(main())
