import asyncio
import gc


async def read_reply(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        print("client waits for a reply")
        print(f"client got {await reader.readline()!r}")
    finally:
        print("client ends")
        writer.close()


async def reply_later(reader, writer):
    await asyncio.sleep(1)
    writer.write(b"hello\n")
    await writer.drain()
    writer.close()
    print("server replied")


async def main():
    server = await asyncio.start_server(reply_later, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    asyncio.create_task(read_reply(port))
    await asyncio.sleep(0.5)
    gc.collect()
    await asyncio.sleep(1)
    server.close()
    await server.wait_closed()


asyncio.run(main())
