"""axe-core finds no WCAG 2.2 A or AA violation on any page, at a phone's width or a desktop's."""

import pytest

from tests.browser import probes, site


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def test_page_has_no_accessibility_violations(visit, served, axe_source, page_path, width):
    violations = visit(served, page_path, width).violations
    assert violations == [], f"{page_path} at {width}px, WCAG 2.2 A/AA:\n{describe(violations)}"


@pytest.mark.parametrize("path", [*site.pages_with("sphinx-tabs"), "fixture site: index.html"])
def test_hidden_tab_panels_have_no_accessibility_violations(request, open_tab, axe_source, path):
    """axe-core skips what is hidden: each tab panel that a page does not show at first is shown, then checked."""
    server = None
    if path.startswith("fixture site: "):
        server = request.getfixturevalue("fixture_site")
    tab = open_tab(path.removeprefix("fixture site: "), server=server)
    tab.page.add_script_tag(path=axe_source)
    # Ids first: a locator is looked up again at each use, and each click changes which tabs are selected.
    hidden_at_first = [
        (button.get_attribute("id"), button.get_attribute("aria-controls"))
        for button in tab.page.locator('.sphinx-tabs [role="tab"][aria-selected="false"]').all()
    ]
    assert hidden_at_first, f"{path} has no tab panel hidden at first"
    found = []
    for button, panel in hidden_at_first:
        tab.page.locator(f'[id="{button}"]').click()
        assert tab.page.locator(f'[id="{panel}"]').is_visible(), f"{path}: tab {button} did not show {panel}"
        found += tab.page.evaluate(probes.AXE_RUN, [probes.AXE_TAGS, f'[id="{panel}"]'])
    assert found == [], f"{path}, tab panels, WCAG 2.2 A/AA:\n{describe(found)}"
