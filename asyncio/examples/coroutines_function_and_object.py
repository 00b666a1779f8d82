import asyncio
import inspect


async def greet(name):
    print(f"greet({name!r}) starts")
    await asyncio.sleep(1)
    return f"Hello, {name}!"


print(greet)
print("coroutine function?", inspect.iscoroutinefunction(greet))
coro = greet("Ada")
print(coro)
print("greet('Ada') made that object, but has not run yet")
result = asyncio.run(coro)
print(f"asyncio.run() ran it and returned {result!r}")
