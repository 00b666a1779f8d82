# hint: The slow child was still running when main() ended: a time limit
# stops the waiting, not the child. When asyncio.wait_for gives up, call
# child.kill(), then await child.wait() to collect its exit.
import asyncio
import sys

LIMIT = 1  # seconds each child may run; then it is killed
CHILDREN = {  # name: the child's Python code
    "slow": "import time; time.sleep(3)",
    "quick": "import sys, time; time.sleep(0.3); sys.stdout.write('ok')",
    "chatty": "import sys; sys.stdout.write('x' * 1_000_000)",  # more than a pipe holds
}


async def run(name, code):
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, stdout=asyncio.subprocess.PIPE
    )
    try:
        output, _ = await asyncio.wait_for(child.communicate(), LIMIT)
    except asyncio.TimeoutError:
        print(f"{name}: killed at the time limit")  # BUG: it was not
    else:
        print(f"{name}: exit status {child.returncode}, {len(output):_} bytes of output")
    return child


async def main():
    children = await asyncio.gather(*(run(name, code) for name, code in CHILDREN.items()))
    still_running = [child for child in children if child.returncode is None]
    print(f"children still running: {len(still_running)}")


asyncio.run(main())
