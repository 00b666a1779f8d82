import asyncio
import sys

CHILD = "import time; print('working', flush=True); time.sleep(10)"


async def main():
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    print(f"child: {(await child.stdout.readline()).decode().strip()}")
    try:
        await asyncio.wait_for(child.wait(), timeout=1)
    except asyncio.TimeoutError:
        print(f"too slow; still running: returncode {child.returncode}")
        child.kill()
        await child.wait()  # reap it: no zombie left behind
    print(f"exit status {child.returncode}")


asyncio.run(main())
