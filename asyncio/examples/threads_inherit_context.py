import asyncio
import contextvars
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

request = contextvars.ContextVar("request", default="none")


async def handle(name, pool):
    request.set(name)
    loop = asyncio.get_running_loop()
    seen = await loop.run_in_executor(pool, request.get)
    carried = await loop.run_in_executor(pool, contextvars.copy_context().run, request.get)
    print(f"  {name}: the pool's thread reads {seen!r}; with copy_context, {carried!r}")


async def main():
    with ThreadPoolExecutor(max_workers=1) as pool:  # one thread, started by request 1
        for name in ["request 1", "request 2"]:
            await asyncio.create_task(handle(name, pool))


if sys.argv[1:] == ["child"]:
    print(f"thread_inherit_context={sys.flags.thread_inherit_context}")
    asyncio.run(main())
else:  # run this file twice: 0 is the standard build's default, 1 the free-threaded one's
    for flag in [0, 1]:
        command = [sys.executable, "-X", f"thread_inherit_context={flag}", __file__, "child"]
        subprocess.run(command, check=True)
