"""Write python-newer.inv: Python APIs the guide links to that are newer than 3.11.

python-3.11.inv (Debian's python3.11-doc) does not know them. Each entry is
(name, role, page and anchor in the Python 3.13 documentation, version added).
Run with any Python: python _intersphinx/make_newer_inventory.py
"""

import zlib
from pathlib import Path

ENTRIES = [
    ("asyncio.eager_task_factory", "py:function", "library/asyncio-task.html#$", "3.12"),
    ("asyncio.create_eager_task_factory", "py:function", "library/asyncio-task.html#$", "3.12"),
    ("asyncio.Queue.shutdown", "py:method", "library/asyncio-queue.html#$", "3.13"),
    ("asyncio.QueueShutDown", "py:exception", "library/asyncio-queue.html#$", "3.13"),
]

HEADER = (
    "# Sphinx inventory version 2\n"
    "# Project: Python\n"
    "# Version: 3.13\n"
    "# The remainder of this file is compressed using zlib.\n"
)


def main() -> None:
    body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri, _ in ENTRIES)
    out = Path(__file__).with_name("python-newer.inv")
    out.write_bytes(HEADER.encode() + zlib.compress(body.encode()))
    print(f"wrote {out} ({len(ENTRIES)} entries)")


if __name__ == "__main__":
    main()
