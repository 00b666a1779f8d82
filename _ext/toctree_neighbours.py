"""Rewrite every page when the table of contents changes.

Each page's previous/next links and sidebar come from the toctrees. An
incremental build reads again only the pages whose source changed, so after
reordering, adding or removing a page in a toctree, the other pages kept the
links of the old order. When a page that holds a toctree changes, or a page
comes or goes, every page is read and written again.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    toctree_changed = any(docname in env.toctree_includes for docname in changed)
    if added or removed or toctree_changed:
        return sorted(env.found_docs - added - changed)
    return []


def setup(app: Sphinx) -> dict:
    app.connect("env-get-outdated", _pages_to_rewrite)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
