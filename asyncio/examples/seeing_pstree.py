import subprocess
import sys

# A program whose tasks wait, as a server's would, for two seconds.
CHILD = """
import asyncio
async def fetch():
    print("ready", flush=True)
    await asyncio.sleep(2)
async def crawl():
    async with asyncio.TaskGroup() as group:
        group.create_task(fetch(), name="fetch")
async def main():
    await asyncio.create_task(crawl(), name="crawl")
asyncio.run(main())
"""

program = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
program.stdout.readline()  # it says "ready" once its tasks are waiting
tree = subprocess.run([sys.executable, "-m", "asyncio", "pstree", str(program.pid)],
                      capture_output=True, text=True)
print(tree.stdout or tree.stderr)
program.kill()  # no need to wait the two seconds
program.wait()
