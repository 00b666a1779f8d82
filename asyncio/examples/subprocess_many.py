import asyncio
import sys

CHILD = "import time; time.sleep(0.5); print('done')"


async def run(name):
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await child.communicate()  # waits for the output and the exit
    print(f"{name}: {stdout.decode().strip()}, exit status {child.returncode}")


async def main():
    await asyncio.gather(run("a"), run("b"), run("c"))


asyncio.run(main())
