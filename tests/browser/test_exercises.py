"""An exercise's folded solution opens from the keyboard, shows its code, output and timeline, and passes axe."""

import pytest

from tests.browser import probes, site

from .test_accessibility import describe

EXERCISE_PAGES = [page for page in site.pages_with("solution") if page.startswith("asyncio/exercises/")]


def test_there_are_exercise_pages():
    assert EXERCISE_PAGES, "no exercise page with a folded solution found in the built site"


@pytest.mark.parametrize("path", EXERCISE_PAGES[:3])
def test_the_solution_opens_from_the_keyboard_and_passes_axe(open_tab, axe_source, path):
    tab = open_tab(path)
    page = tab.page
    details = page.locator("details.solution").first
    assert details.get_attribute("open") is None, f"{path}: the solution is not folded at first"
    assert not details.locator(".example-output").first.is_visible(), f"{path}: the folded output shows"
    summary = details.locator(":scope > summary")
    summary.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY", f"{path}: the summary takes no focus"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('details.solution').open")
    for part in (".example-code, div[class*='highlight']", ".example-output", "svg"):
        assert details.locator(part).first.is_visible(), f"{path}: {part} inside the opened solution is not visible"
    page.add_script_tag(path=axe_source)
    found = page.evaluate(probes.AXE_RUN, [probes.AXE_TAGS, "details.solution"])
    assert found == [], f"{path}, opened solution, WCAG 2.2 A/AA:\n{describe(found)}"
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('details.solution').open")
    assert tab.problems == [], "\n".join(tab.problems)
