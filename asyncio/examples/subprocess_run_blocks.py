import asyncio
import subprocess
import sys

CHILD = "import time; time.sleep(0.5); print('done')"


async def run(name):
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True)  # BLOCKS
    print(f"{name}: {result.stdout.decode().strip()}")


async def main():
    await asyncio.gather(run("a"), run("b"), run("c"))


asyncio.run(main())
