# hint: The chatty child was killed, although it only had to print: it filled
# its pipe, and waited for you to read it while you waited for it to exit.
# Read the output while you wait: await child.communicate() under the limit,
# instead of child.wait() then child.stdout.read().
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
        await asyncio.wait_for(child.wait(), LIMIT)  # BUG: nobody reads the pipe meanwhile
    except asyncio.TimeoutError:
        child.kill()
        await child.wait()
        print(f"{name}: killed at the time limit")
    else:
        output = await child.stdout.read()
        print(f"{name}: exit status {child.returncode}, {len(output):_} bytes of output")
    return child


async def main():
    children = await asyncio.gather(*(run(name, code) for name, code in CHILDREN.items()))
    still_running = [child for child in children if child.returncode is None]
    print(f"children still running: {len(still_running)}")


asyncio.run(main())
