"""Every page, at a phone's width and a desktop's: loads cleanly, fits the screen, shows its pictures.

A page loads cleanly when it logs no console error, no request fails (its
favicon included), and it asks nothing of any host but the local server.
"""

import pytest

from tests.browser import site


def test_page_loads_without_errors(visit, served, page_path, width):
    seen = visit(served, page_path, width)
    assert seen.problems == [], f"{page_path} at {width}px:\n" + "\n".join(seen.problems)


def test_page_favicon_loads(visit, served, page_path):
    seen = visit(served, page_path, 1280)
    assert seen.favicons, f"{page_path} names no favicon (<link rel=icon>)"
    for icon in seen.favicons:
        assert icon["status"] == 200 and icon["type"].startswith("image/"), f"{page_path}: favicon {icon}"


def test_page_fits_the_screen(visit, served, page_path, width):
    """Nothing is wider than the screen; a wide code block scrolls inside its own box."""
    layout = visit(served, page_path, width).layout
    assert layout["scrollWidth"] <= layout["viewport"] and not layout["escapes"], (
        f"{page_path} at {width}px is {layout['scrollWidth']}px wide; sticking out: {layout['escapes']}")
    assert not layout["cutOff"], f"{page_path} at {width}px cuts content off instead of scrolling: {layout['cutOff']}"


def assert_pictures_visible(pictures: list[dict], where: str):
    for picture in pictures:
        assert picture["loaded"], f"{where}: {picture['what']} did not load"
        assert picture["visible"] and picture["width"] >= 1 and picture["height"] >= 1, (
            f"{where}: {picture['what']} is not visible ({picture['width']}x{picture['height']}px)")


def test_page_pictures_are_visible(visit, served, picture_page, width):
    if picture_page is None:
        pytest.skip("no page of the guide has a picture (<img> or <svg>) yet; "
                    "the fixture site's picture is checked by test_fixture_site.py")
    seen = visit(served, picture_page, width)
    assert seen.pictures, f"{picture_page} has <img> or <svg> in its HTML, but none is shown at {width}px"
    assert_pictures_visible(seen.pictures, f"{picture_page} at {width}px")


def test_requests_for_other_hosts_are_blocked_and_reported(open_tab):
    """The guard itself: a page that reaches for another host fails its test, and the request never leaves."""
    tab = open_tab(site.HOME)
    outcome = tab.page.evaluate("fetch('https://example.org/tracker.js').then(() => 'fetched', () => 'blocked')")
    assert outcome == "blocked"
    assert "request for another host, blocked: https://example.org/tracker.js" in tab.problems
