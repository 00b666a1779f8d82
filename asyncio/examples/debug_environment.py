import os
import subprocess
import sys

# A child Python that reports whether its event loop runs in debug mode.
CHILD = "import asyncio\nasync def main():\n    print(asyncio.get_running_loop().get_debug())\nasyncio.run(main())"

for setting in ({}, {"PYTHONASYNCIODEBUG": "1"}):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONASYNCIODEBUG"}
    result = subprocess.run([sys.executable, "-c", CHILD], env={**env, **setting},
                            capture_output=True, text=True, check=True)
    print(f"{setting or 'no setting'}: debug mode {result.stdout.strip()}")
result = subprocess.run([sys.executable, "-X", "dev", "-c", CHILD], capture_output=True, text=True, check=True)
print(f"python -X dev: debug mode {result.stdout.strip()}")
