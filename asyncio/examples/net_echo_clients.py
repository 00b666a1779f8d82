import asyncio


async def handle(reader, writer):
    async for line in reader:  # one line at a time, until the client's EOF
        await asyncio.sleep(0.5)  # the server takes its time over each line
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(name, port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name} one\n{name} two\n".encode())
    writer.write_eof()  # no more lines: the server's loop ends after two
    while line := await reader.readline():  # b"" once the server closes
        print(f"{name} got {line.decode().strip()}")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(*(client(name, port) for name in ["a", "b", "c"]))
    print("server closed")


asyncio.run(main())
