import subprocess
import sys

# What a person types into the asyncio REPL, line by line.
TYPED = "import asyncio\nawait asyncio.sleep(0.3)\nprint('done awaiting, at the top level')\n"

repl = subprocess.run([sys.executable, "-m", "asyncio"], input=TYPED, capture_output=True, text=True)
print(repl.stdout.strip())
print(f"exit status {repl.returncode}")
