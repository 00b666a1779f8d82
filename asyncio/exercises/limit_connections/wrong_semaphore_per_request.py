# hint: All six requests still ran at once. A semaphore limits only the tasks
# that share it: one created inside request() is a new one for every request.
# Create one asyncio.Semaphore(2) in main() and hand it to every request.
import asyncio

serving = most = 0  # connections the server serves now, and the most at once


async def handle(reader, writer):
    global serving, most
    serving += 1
    most = max(most, serving)
    await reader.readline()
    await asyncio.sleep(0.3)  # the server works on the request
    writer.write(b"done\n")
    await writer.drain()
    serving -= 1
    writer.close()
    await writer.wait_closed()


async def request(port, name):
    async with asyncio.Semaphore(2):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"{name}\n".encode())
        print(f"{name}: {(await reader.readline()).decode().strip()}")
        writer.close()
        await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(*(request(port, name) for name in "abcdef"))
    print(f"the server served at most {most} at once")


asyncio.run(main())
