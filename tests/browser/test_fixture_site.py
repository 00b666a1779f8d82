"""The theme's components that the guide's pages may use, checked before a page uses them.

tests/browser/fixture_site (tabs, every kind of admonition, a signature, a
table, a wide code block, a picture...) is built with the guide's conf.py and
_static/, and checked like a page of the guide.
"""

import pytest

from tests.browser.test_accessibility import describe
from tests.browser.test_pages import assert_pictures_visible

FIXTURE_PAGES = ["index.html", "second.html"]


@pytest.mark.parametrize("path", FIXTURE_PAGES)
def test_fixture_page(visit, fixture_site, axe_source, path, width):
    seen = visit(fixture_site, path, width)
    where = f"fixture site {path} at {width}px"
    assert seen.problems == [], f"{where}:\n" + "\n".join(seen.problems)
    assert seen.violations == [], f"{where}, WCAG 2.2 A/AA:\n{describe(seen.violations)}"
    layout = seen.layout
    assert layout["scrollWidth"] <= layout["viewport"] and not layout["escapes"], f"{where}: {layout}"
    assert not layout["cutOff"], f"{where}: {layout['cutOff']}"
    if path == "index.html":
        assert seen.pictures, f"{where}: the figure is not found"
    assert_pictures_visible(seen.pictures, where)
