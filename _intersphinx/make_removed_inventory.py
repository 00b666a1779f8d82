"""Write python-removed.inv: the Python 3.11 names that the 3.15 documentation no longer has.

The guide links against python-3.15.inv (the objects.inv of Debian's python3.15-doc
package, /usr/share/doc/python3.15/html/objects.inv). A page that speaks of an API
removed since 3.11 still links to its 3.11 documentation through this file, made
from python-3.11.inv (Debian's python3.11-doc). Run it after replacing either:
.venv/bin/python _intersphinx/make_removed_inventory.py
"""

import zlib
from pathlib import Path

from sphinx.util.inventory import InventoryFile

HERE = Path(__file__).parent
HEADER = (
    "# Sphinx inventory version 2\n"
    "# Project: Python\n"
    "# Version: 3.11\n"
    "# The remainder of this file is compressed using zlib.\n"
)


def load(name: str):
    with open(HERE / name, "rb") as stream:
        return InventoryFile.load(stream, "", lambda base, uri: uri)


def entries(inventory) -> dict[tuple[str, str], tuple[str, str]]:
    """{(role, name): (uri, display name)} of an inventory, whatever Sphinx's in-memory form."""
    data = getattr(inventory, "data", inventory)
    found = {}
    for role, items in data.items():
        for name, item in items.items():
            uri = getattr(item, "uri", None) or item[2]
            display = getattr(item, "display_name", None) or item[3]
            found[role, name] = (uri, display)
    return found


def main() -> None:
    old, new = entries(load("python-3.11.inv")), entries(load("python-3.15.inv"))
    gone = sorted(key for key in old if key not in new and key[0].startswith("py:"))
    body = "".join(f"{name} {role} 1 {old[role, name][0]} {old[role, name][1] or '-'}\n" for role, name in gone)
    out = HERE / "python-removed.inv"
    out.write_bytes(HEADER.encode() + zlib.compress(body.encode()))
    print(f"wrote {out}: {len(gone)} names of 3.11 that 3.15 no longer documents")


if __name__ == "__main__":
    main()
