"""Navigation: every internal link and anchor resolves; the menu and Previous / Next lead everywhere."""

from urllib.parse import urljoin, urlsplit

from tests.browser import site

MENU_CHAPTERS = ".wy-menu-vertical li.toctree-l1 > a.reference.internal"


def test_every_internal_link_and_anchor_resolves(built_site):
    problems = site.broken_links(built_site)
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems)


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="#top">fine</a><p id="top"></p><a href="other.html#here">fine</a>'
        '<a href="gone.html">no such page</a><a href="other.html#nowhere">no such anchor</a>'
        '<img src="_static/missing.svg"><a href="https://example.org/">outside, not checked</a>')
    (tmp_path / "other.html").write_text('<h1 id="here">Other</h1><a href="index.html#top">fine</a>')
    assert site.broken_links(tmp_path) == [
        "index.html: <a href> 'gone.html': no such file",
        "index.html: <a href> 'other.html#nowhere': no id 'nowhere' in other.html",
        "index.html: <img src> '_static/missing.svg': no such file",
    ]


def page_of(url: str) -> str:
    """A page's URL as a path of the site: http://127.0.0.1:1234/asyncio/gather.html#x -> asyncio/gather.html."""
    return urlsplit(url).path.lstrip("/") or site.HOME


def test_menu_opens_every_chapter(open_tab):
    tab = open_tab(site.HOME)
    page = tab.page
    links = page.locator(MENU_CHAPTERS)
    titles = links.all_inner_texts()
    assert titles, "the menu lists no chapter"
    for index, title in enumerate(titles):
        link = page.locator(MENU_CHAPTERS).nth(index)
        expected = page_of(urljoin(page.url, link.get_attribute("href")))
        if expected != page_of(page.url):
            with page.expect_navigation():
                link.click()
            tab.settle()
        assert page_of(page.url) == expected, f"the menu's {title!r} led to {page.url}"
        assert tab.problems == [], "\n".join(tab.problems)
        assert page.locator("h1").count() == 1, f"{expected} has no title"
        current = page.locator(".wy-menu-vertical li.toctree-l1.current > a").inner_text()
        assert current == title, f"on {expected}, the menu marks {current!r} as the current chapter"
    assert tab.problems == [], "\n".join(tab.problems)


def test_menu_opens_on_a_phone(open_tab):
    tab = open_tab(site.HOME, width=375)
    page = tab.page
    first = page.locator(MENU_CHAPTERS).first
    assert not first.is_visible() or first.bounding_box()["x"] + first.bounding_box()["width"] <= 0, (
        "on a phone the menu should start closed")
    page.locator('[data-toggle="wy-nav-top"]').click()
    page.wait_for_function(
        "el => { const box = el.getBoundingClientRect(); return box.left >= 0 && box.right <= innerWidth; }",
        arg=first.element_handle(), timeout=5000)
    expected = page_of(urljoin(page.url, first.get_attribute("href")))
    with page.expect_navigation():
        first.click()
    tab.settle()
    assert page_of(page.url) == expected
    assert tab.problems == [], "\n".join(tab.problems)


def follow(tab, rel: str) -> list[str]:
    """Click 'Next' (or 'Previous') until there is none; the pages seen, in order."""
    page = tab.page
    seen = [page_of(page.url)]
    while page.locator(f'a[rel="{rel}"]').count():
        targets = {page_of(urljoin(page.url, a.get_attribute("href"))) for a in page.locator(f'a[rel="{rel}"]').all()}
        assert len(targets) == 1, f"on {seen[-1]}, the {rel} buttons disagree: {targets}"
        with page.expect_navigation():
            page.locator(f'a[rel="{rel}"]').first.click()
        tab.settle()
        assert tab.problems == [], "\n".join(tab.problems)
        seen.append(page_of(page.url))
        assert seen[-1] == targets.pop()
        assert seen.count(seen[-1]) == 1, f"{rel} goes round in a circle: {seen}"
    return seen


def test_previous_and_next_walk_the_whole_guide(open_tab):
    tab = open_tab(site.HOME)
    in_menu = {
        page_of(urljoin(tab.page.url, href))
        for href in tab.page.eval_on_selector_all(
            ".wy-menu-vertical a.reference.internal", "links => links.map(a => a.getAttribute('href'))")
    }
    forward = follow(tab, "next")
    backward = follow(tab, "prev")
    assert backward == forward[::-1], f"Next goes {forward}, Previous comes back {backward}"
    missed = in_menu - set(forward)
    assert not missed, f"Next never reaches {sorted(missed)}"
    assert len(forward) >= 2, "the guide has one page only?"
    assert tab.problems == [], "\n".join(tab.problems)
