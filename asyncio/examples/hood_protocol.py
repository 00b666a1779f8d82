import asyncio


class Shout(asyncio.Protocol):
    """The loop calls these methods as events happen on one connection."""

    def connection_made(self, transport):
        self.transport = transport
        print("server: connection made")

    def data_received(self, data):
        print(f"server: data received {data!r}")
        self.transport.write(data.upper())  # the transport sends, without waiting
        self.transport.close()

    def connection_lost(self, error):
        print("server: connection lost")


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Shout, "127.0.0.1", 0)  # port 0: any free port
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    print(f"client: read {await reader.read()!r}")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
