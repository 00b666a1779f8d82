import asyncio
import contextvars

current = contextvars.ContextVar("current", default="none")


def where_am_i(how):
    print(f"{how}: context var {current.get()!r}")


async def main():
    current.set("request 42")
    await asyncio.to_thread(where_am_i, "to_thread")  # copies the context
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, where_am_i, "run_in_executor")
    await loop.run_in_executor(None, contextvars.copy_context().run, where_am_i, "copy_context")


asyncio.run(main())
