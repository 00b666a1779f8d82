import asyncio
import socket


async def handle(reader, writer):
    line = await reader.readline()
    print(f"server: got {line!r}")
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def blocking_client(port):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(1)
        sock.sendall(b"hello\n")
        print("client: sent, waiting for the reply")
        try:
            print(f"client: got {sock.recv(100)!r}")  # BLOCKS the event loop
        except OSError as error:  # socket.timeout (3.9), TimeoutError (3.10+)
            print(f"client: gave up: {error}")


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await blocking_client(port)
        await asyncio.sleep(0.1)  # let the server's handler finish


asyncio.run(main())
