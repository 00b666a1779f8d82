"""Searching finds the chapters, and its results page is accessible too."""

from tests.browser import probes, site
from tests.browser.test_accessibility import describe

GATHER_RESULT = f'#search-results ul.search li a[href^="{site.GATHER_CHAPTER}"]'
SUMMARY = "#search-results .search-summary"


def wait_for_results(tab) -> str:
    """Wait until the search has listed every result and written its summary, then for their snippets; the summary.

    Sphinx's search lists the results one at a time and writes the summary
    after the last one, so a result on the page does not mean it has finished.
    """
    tab.page.wait_for_function(
        "selector => (document.querySelector(selector)?.textContent || '').trim() !== ''", arg=SUMMARY, timeout=10_000)
    tab.settle()
    return tab.page.locator(SUMMARY).inner_text()


def test_searching_gather_lists_the_gather_chapter(open_tab):
    tab = open_tab("search.html?q=gather")
    summary = wait_for_results(tab)
    assert "found" in summary.lower(), summary
    assert tab.page.locator(GATHER_RESULT).count() >= 1, f"no result links to {site.GATHER_CHAPTER}"
    assert tab.problems == [], "\n".join(tab.problems)


def test_the_search_box_searches(open_tab):
    tab = open_tab(site.HOME)
    tab.page.locator('.wy-side-nav-search input[name="q"]').fill("gather")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert "search.html?q=gather" in tab.page.url
    wait_for_results(tab)
    assert tab.page.locator(GATHER_RESULT).count() >= 1, f"no result links to {site.GATHER_CHAPTER}"
    assert tab.problems == [], "\n".join(tab.problems)


def test_search_results_have_no_accessibility_violations(open_tab, axe_source):
    tab = open_tab("search.html?q=gather")
    wait_for_results(tab)
    tab.page.add_script_tag(path=axe_source)
    violations = tab.page.evaluate(probes.AXE_RUN, [probes.AXE_TAGS, None])
    assert violations == [], f"search.html?q=gather, WCAG 2.2 A/AA:\n{describe(violations)}"
