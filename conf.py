"""Sphinx configuration for the asyncio guide."""

import hashlib
import logging
import sys
from pathlib import Path

import sphinx_copybutton
import sphinx_tabs.tabs

HERE = Path(__file__).parent.resolve()
sys.path[:0] = [str(HERE / "_ext"), str(HERE)]

project = "asyncio, verified"
author = "The asyncio guide's contributors"
copyright = "2026, " + author

extensions = [
    "sphinx.ext.intersphinx",
    "sphinx_rtd_theme",
    "sphinx_tabs.tabs",
    "sphinx_copybutton",
    "myst_parser",
    # The guide's own extensions, one per file in _ext/.
    "example",
    "output_figures",
    "solution",
    "toctree_neighbours",
    "api_index",
]

# The pages are read again whenever the code that renders them changes.
example_tooling_hash = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted([*HERE.glob("_ext/*.py"), *HERE.glob("harness/*.py")]))
).hexdigest()

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    ".venv",
    ".ci",
    ".github",
    ".pytest_cache",
    "node_modules",
    "test-artifacts",
    "tests",
    "harness",
    "_ext",
    # Repository files that pages pull in with an include directive.
    "README.md",
    "CONTRIBUTING.md",
]

nitpicky = True
highlight_language = "python3"

# Links into the Python documentation resolve offline, against the newest
# supported Python. python-3.15.inv is the objects.inv of the Python 3.15
# documentation, copied from Debian's python3.15-doc package
# (/usr/share/doc/python3.15/html/objects.inv); python-removed.inv holds the
# names of Python 3.11 that 3.15 no longer documents, linked to the 3.11
# documentation (written by _intersphinx/make_removed_inventory.py).
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.15/", str(HERE / "_intersphinx" / "python-3.15.inv")),
    "python-3.11": ("https://docs.python.org/3.11/", str(HERE / "_intersphinx" / "python-removed.inv")),
}
intersphinx_timeout = 5

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

html_theme = "sphinx_rtd_theme"
html_title = "asyncio, verified"
# Sphinx pickles the configuration after the builder starts, and compares it
# with conf.py's at the next build: a value changed in between makes every
# build say "The configuration has changed". So the values below are written as
# the builder leaves them: the CSS and JavaScript files with the priority Sphinx
# gives a project's own files (after the extensions', priority 800), and the
# static folders with those sphinx-tabs and sphinx-copybutton add at start
# ('setup' below drops their second copy).
html_static_path = [
    Path(sphinx_tabs.tabs.__file__).parent.joinpath("static").as_posix(),
    "_static",
    str(Path(sphinx_copybutton.__file__).parent.joinpath("_static").absolute()),
]
html_css_files = [("guide.css", {"priority": 800}), ("timeline.css", {"priority": 800})]
html_js_files = [("a11y.js", {"priority": 800})]
html_favicon = "_static/favicon.svg"
html_theme_options = {
    "navigation_depth": 3,
    "prev_next_buttons_location": "both",
}
html_show_sourcelink = False

# The copy button copies code only: no line numbers, prompts or output.
copybutton_exclude = ".linenos, .gp, .go"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False

sphinx_tabs_disable_tab_closing = True


def _drop_repeated_static_folders(app) -> None:
    seen = set()
    path = app.config.html_static_path
    path[:] = [folder for folder in path if not (folder in seen or seen.add(folder))]


class _MystSettingsFilter(logging.Filter):
    """MyST logs all of its settings at every build; a changed one is already
    named by Sphinx's "The configuration has changed" line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "myst v%s:" not in str(record.msg)


def setup(app):
    app.connect("builder-inited", _drop_repeated_static_folders, priority=900)
    logging.getLogger("sphinx.myst_parser.sphinx_ext.main").addFilter(_MystSettingsFilter())
