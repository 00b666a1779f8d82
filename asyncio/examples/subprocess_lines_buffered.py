import asyncio
import sys

CHILD = """
import time
for n in range(3):
    time.sleep(0.3)
    print(f"line {n}")
"""


async def main():
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-I", "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    async for line in child.stdout:  # hoping for each line as it is printed
        print(f"got {line.decode().strip()}")
    print(f"exit status {await child.wait()}")


asyncio.run(main())
