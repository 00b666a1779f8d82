import asyncio


async def main():
    print(f"running in a {type(asyncio.get_running_loop()).__name__}")


# The old way to choose a loop implementation: a policy, for the whole program.
asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
asyncio.run(main())
