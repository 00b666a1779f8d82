"""sphinx-tabs: a click shows the tab's panel and hides the others; the arrow keys move between tabs.

The tabs page is asyncio/design-patterns.html once it exists, else any page of
the guide with tabs, else the fixture site (tests/browser/fixture_site).
"""

import pytest

from tests.browser import site

TABLIST = '.sphinx-tabs [role="tablist"]'


@pytest.fixture
def tabs_page(request, open_tab):
    """A Watched page showing tabs, and the tablist with the most tabs on it."""
    with_tabs = site.pages_with("sphinx-tabs")
    if site.TABS_PAGE in with_tabs:
        tab = open_tab(site.TABS_PAGE)
    elif with_tabs:
        tab = open_tab(with_tabs[0])
    else:
        tab = open_tab("index.html", server=request.getfixturevalue("fixture_site"))
    tablists = tab.page.locator(TABLIST).all()
    assert tablists, f"{tab.page.url} has no tabs"
    tablist = max(tablists, key=lambda t: t.locator('[role="tab"]').count())
    assert tablist.locator('[role="tab"]').count() >= 2, f"{tab.page.url}: no tab set with two tabs or more"
    return tab, tablist


def state(tab, tablist) -> list[tuple[str, bool, bool]]:
    """For each tab: its id, whether it is selected, and whether its panel is visible."""
    result = []
    for button in tablist.locator('[role="tab"]').all():
        panel = tab.page.locator(f'[id="{button.get_attribute("aria-controls")}"]')
        result.append((button.get_attribute("id"), button.get_attribute("aria-selected") == "true", panel.is_visible()))
    return result


def assert_only_shown(tab, tablist, index: int):
    shown = state(tab, tablist)
    expected = [(tab_id, i == index, i == index) for i, (tab_id, _, _) in enumerate(shown)]
    assert shown == expected, f"after choosing tab {index}: (tab, selected, panel visible) = {shown}"


def test_clicking_a_tab_shows_its_panel_and_hides_the_others(tabs_page):
    tab, tablist = tabs_page
    tabs = tablist.locator('[role="tab"]')
    assert_only_shown(tab, tablist, 0)
    for index in [*range(1, tabs.count()), 0]:
        tabs.nth(index).click()
        assert_only_shown(tab, tablist, index)
    assert tab.problems == [], "\n".join(tab.problems)


def focused_id(tab) -> str:
    return tab.page.evaluate("document.activeElement && document.activeElement.id")


def test_arrow_keys_move_between_tabs_and_enter_chooses(tabs_page):
    """The WAI-ARIA tabs pattern as sphinx-tabs implements it: arrows move the focus
    (wrapping round), Enter or Space shows the focused tab's panel, and only the
    focused tab is in the Tab order, so Tab goes on to the panel."""
    tab, tablist = tabs_page
    tabs = tablist.locator('[role="tab"]')
    ids = [t.get_attribute("id") for t in tabs.all()]
    last = len(ids) - 1
    tabs.nth(0).focus()
    keyboard = tab.page.keyboard

    keyboard.press("ArrowRight")
    assert focused_id(tab) == ids[1]
    assert [t.get_attribute("tabindex") for t in tabs.all()] == ["0" if i == 1 else "-1" for i in range(len(ids))]
    assert_only_shown(tab, tablist, 0)  # moving the focus chooses nothing
    keyboard.press("Enter")
    assert_only_shown(tab, tablist, 1)

    keyboard.press("ArrowLeft")
    assert focused_id(tab) == ids[0]
    keyboard.press("ArrowLeft")
    assert focused_id(tab) == ids[last], "ArrowLeft on the first tab should wrap round to the last"
    keyboard.press("ArrowRight")
    assert focused_id(tab) == ids[0], "ArrowRight on the last tab should wrap round to the first"
    keyboard.press("Space")
    assert_only_shown(tab, tablist, 0)

    keyboard.press("Tab")
    assert focused_id(tab) == tabs.nth(0).get_attribute("aria-controls"), "Tab should go on to the shown panel"
    assert tab.problems == [], "\n".join(tab.problems)


def test_tabs_fixture_builds_and_works(request, open_tab):
    """The fixture site's tabs, so that the tabs test's fallback keeps working too."""
    tab = open_tab("index.html", server=request.getfixturevalue("fixture_site"))
    tablist = tab.page.locator(TABLIST).first
    tabs = tablist.locator('[role="tab"]')
    assert tabs.count() == 3
    for index in (2, 1, 0):
        tabs.nth(index).click()
        assert_only_shown(tab, tablist, index)
