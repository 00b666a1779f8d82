import os
import pstats
import subprocess
import sys
import tempfile

# seeing_profile_cprofile.py's program, without cProfile.
PROGRAM = """import asyncio, time
def check_stock():
    time.sleep(0.5)
async def order():
    check_stock()
async def poll():
    for _ in range(5):
        await asyncio.sleep(0.1)
async def main():
    await asyncio.gather(order(), poll())
asyncio.run(main())
"""
lines = PROGRAM.splitlines()

with tempfile.TemporaryDirectory() as folder:
    script, profile = os.path.join(folder, "shop.py"), os.path.join(folder, "shop.pstats")
    with open(script, "w") as file:
        file.write(PROGRAM)
    subprocess.run([sys.executable, "-m", "profiling.sampling", "run", "--async-aware", "--async-mode", "all",
                    "-o", profile, script], capture_output=True, check=True)
    rows = pstats.Stats(profile).stats  # one row per line of code the samples found the tasks at

for (file, line, name), (_, _, _, with_callees, _) in sorted(rows.items(), key=lambda row: row[0][1]):
    if file == script and with_callees >= 0.05:  # lines seen for under 0.05 s would print 0.0 s
        print(f"{name:<6} line {line:<3}{lines[line - 1].strip():<40}{with_callees:.1f} s")
