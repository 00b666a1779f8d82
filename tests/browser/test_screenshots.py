"""Screenshots of the home page and the gather chapter, at a phone's width and a desktop's.

They are written to test-artifacts/screenshots/ for a person to look at.
"""

import pytest

from tests.browser import site


@pytest.mark.parametrize("path, name", [(site.HOME, "home"), (site.GATHER_CHAPTER, "gather")])
def test_screenshot(open_tab, path, name, width):
    tab = open_tab(path, width=width)
    folder = site.ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    picture = folder / f"{name}-{width}px.png"
    tab.page.screenshot(path=picture, full_page=True)
    assert picture.stat().st_size > 10_000, f"{picture} is almost empty"
    assert tab.problems == [], "\n".join(tab.problems)
