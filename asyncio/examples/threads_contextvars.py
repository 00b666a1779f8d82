import asyncio
import contextvars

current_global = "none"
current = contextvars.ContextVar("current", default="none")


async def handle(request, delay):
    global current_global
    print(f"{request}: starts with the context var at {current.get()!r}")
    current_global = request  # BUG: one variable for every task
    current.set(request)  # each task sets its own copy
    await asyncio.sleep(delay)
    print(f"{request}: global {current_global!r}, context var {current.get()!r}")


async def main():
    current.set("main")  # copied into each task created after this line
    await asyncio.gather(handle("a", 0.4), handle("b", 0.2))
    print(f"main: context var {current.get()!r}")


asyncio.run(main())
