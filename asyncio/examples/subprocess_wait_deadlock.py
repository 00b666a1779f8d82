import asyncio
import sys

CHILD = "print('x' * 1_000_000)"  # a million bytes of output


async def main():
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    try:
        await asyncio.wait_for(child.wait(), timeout=1)  # BUG: nobody reads the pipe
    except asyncio.TimeoutError:
        print(f"after the time limit: returncode {child.returncode}")
    output, _ = await child.communicate()  # reads everything, then waits
    print(f"read {len(output.strip()):_} bytes, exit status {child.returncode}")


asyncio.run(main())
