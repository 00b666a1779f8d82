# hint: The children ran one after another: the slow one was killed at 1 s, and
# only then did the others start. Start all three at once (asyncio.gather, or a
# TaskGroup on 3.11 and newer), each with its own time limit.
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
        child.kill()
        await child.wait()
        print(f"{name}: killed at the time limit")
    else:
        print(f"{name}: exit status {child.returncode}, {len(output):_} bytes of output")
    return child


async def main():
    children = [await run(name, code) for name, code in CHILDREN.items()]
    still_running = [child for child in children if child.returncode is None]
    print(f"children still running: {len(still_running)}")


asyncio.run(main())
