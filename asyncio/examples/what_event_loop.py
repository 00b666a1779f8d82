import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(f"main() runs inside a {type(loop).__name__}")
    print(f"is the loop running? {loop.is_running()}")
    return loop


loop = asyncio.run(main())
print(f"after asyncio.run(): is the loop closed? {loop.is_closed()}")
