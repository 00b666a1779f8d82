"""Read an interpreter's standard library into the page cache before timing a run that starts it afresh.

An example that starts fresh interpreters (``sys.executable -c ...``, a tool
run with ``-m``) waits for them to read their modules from disk. When the
system has dropped those files from its page cache, as machines short of
memory and virtual machines that hand memory back do, each start takes
several times longer: 0.46 s instead of 0.19 s for seeing_profile_dump.py on
Python 3.15 after ``echo 3 > /proc/sys/vm/drop_caches``. Lines that wait for
those starts would come late for a reason that has nothing to do with the
example, so the runner reads the files first (quick when they are cached).
"""

from __future__ import annotations

import functools
import os
import subprocess

SKIPPED = {"test", "tests", "idlelib", "tkinter", "turtledemo", "lib2to3", "ensurepip", "site-packages"}
CHUNK = 1 << 20


@functools.lru_cache(maxsize=None)
def stdlib_folder(python: str) -> str | None:
    """The folder of the interpreter's standard library, asked of it once."""
    try:
        found = subprocess.run([python, "-S", "-c", "import os; print(os.path.dirname(os.__file__))"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    folder = found.stdout.strip()
    return folder if found.returncode == 0 and os.path.isdir(folder) else None


def warm(python: str) -> int:
    """Read the compiled modules and extensions of the interpreter's standard library (tests and GUI left out); bytes read."""
    folder = stdlib_folder(python)
    if folder is None:
        return 0
    total = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIPPED]
        for name in files:
            if not name.endswith((".pyc", ".so")) or ".opt-" in name:
                continue  # what an import reads: the compiled module (not optimised), or the extension
            try:
                with open(os.path.join(root, name), "rb", buffering=0) as file:
                    while chunk := file.read(CHUNK):
                        total += len(chunk)
            except OSError:
                continue
    return total
