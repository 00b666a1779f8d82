import re
import subprocess
import sys

# A program in which one task blocks the loop while another waits.
CHILD = """
import asyncio, time
def check_stock():
    time.sleep(5)
async def order():
    print("blocking", flush=True)
    check_stock()
async def poll():
    while True:
        await asyncio.sleep(0.1)
async def main():
    async with asyncio.TaskGroup() as group:
        group.create_task(poll(), name="poll")
        group.create_task(order(), name="order")
asyncio.run(main())
"""

program = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
program.stdout.readline()  # "blocking": the order task holds the loop from now on
dump = subprocess.run([sys.executable, "-m", "profiling.sampling", "dump", "--async-aware",
                       str(program.pid)], capture_output=True, text=True)
program.kill()  # no need to wait for the blocking call
program.wait()

sections = [section.split("\n", 1) for section in (dump.stdout or dump.stderr).strip().split("\n\n")]
headers = [re.sub(r"\d+", "<n>", header) for header, _ in sections]  # pids and task ids vary
stacks = sorted(stack for _, stack in sections)  # the tool lists the tasks in no fixed order
for header, stack in zip(headers, stacks):
    print(f"{header}\n{stack}\n")
