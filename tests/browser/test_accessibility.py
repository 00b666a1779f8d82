"""axe-core finds no WCAG 2.2 A or AA violation on any page, at a phone's width or a desktop's."""

from tests.browser import site


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
