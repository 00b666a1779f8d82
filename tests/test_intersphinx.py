"""Links into the Python docs point at the newest supported Python, with 3.11 only for names since gone."""

import importlib.util
from pathlib import Path

from harness import pythons

FOLDER = Path(__file__).parent.parent / "_intersphinx"


def load_maker():
    spec = importlib.util.spec_from_file_location("make_removed_inventory", FOLDER / "make_removed_inventory.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_main_inventory_is_the_newest_supported_pythons():
    newest = pythons.text(pythons.SUPPORTED[-1])
    header = (FOLDER / f"python-{newest}.inv").read_bytes().split(b"\n")[2]
    assert header.decode().startswith(f"# Version: {newest}")
    conf = (FOLDER.parent / "conf.py").read_text()
    assert f'"python": ("https://docs.python.org/{newest}/", str(HERE / "_intersphinx" / "python-{newest}.inv"))' in conf


def test_the_removed_names_inventory_is_3_11_less_3_15():
    maker = load_maker()
    old = maker.entries(maker.load("python-3.11.inv"))
    new = maker.entries(maker.load("python-3.15.inv"))
    removed = maker.entries(maker.load("python-removed.inv"))
    expected = {key for key in old if key not in new and key[0].startswith("py:")}
    assert set(removed) == expected, "run '.venv/bin/python _intersphinx/make_removed_inventory.py'"
    assert ("py:function", "asyncio.gather") in new and ("py:function", "asyncio.gather") not in removed
