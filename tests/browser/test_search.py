"""Searching finds the chapters, and its results page is accessible too."""

from tests.browser import probes, site
from tests.browser.test_accessibility import describe

GATHER_RESULT = f'#search-results ul.search li a[href^="{site.GATHER_CHAPTER}"]'


def test_searching_gather_lists_the_gather_chapter(open_tab):
    tab = open_tab("search.html?q=gather")
    tab.page.wait_for_selector(GATHER_RESULT, timeout=5_000)
    summary = tab.page.locator("#search-results .search-summary").inner_text()
    assert "found" in summary.lower(), summary
    assert tab.problems == [], "\n".join(tab.problems)


def test_the_search_box_searches(open_tab):
    tab = open_tab(site.HOME)
    tab.page.locator('.wy-side-nav-search input[name="q"]').fill("gather")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert "search.html?q=gather" in tab.page.url
    tab.page.wait_for_selector(GATHER_RESULT, timeout=5_000)
    assert tab.problems == [], "\n".join(tab.problems)


def test_search_results_have_no_accessibility_violations(open_tab, axe_source):
    tab = open_tab("search.html?q=gather")
    tab.page.wait_for_selector(GATHER_RESULT, timeout=5_000)
    tab.page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent.includes('Preparing')")
    tab.page.add_script_tag(path=axe_source)
    violations = tab.page.evaluate(probes.AXE_RUN, [probes.AXE_TAGS, None])
    assert violations == [], f"search.html?q=gather, WCAG 2.2 A/AA:\n{describe(violations)}"
