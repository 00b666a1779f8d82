import asyncio


async def say(what):
    print(what)


async def main():
    say("hello")  # no await: this only creates a coroutine object
    print("main() goes on without running say('hello')")
    await say("world")


asyncio.run(main())
