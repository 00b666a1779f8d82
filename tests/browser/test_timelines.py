"""Every timeline picture, on a phone's screen: inside the page, readable, and told in text as well."""

import pytest

from tests.browser import site

PHONE = site.WIDTHS[0]
SMALLEST_TEXT = 11  # px: the height of a line of the picture's smallest text, at least

MEASURE = r"""() => [...document.querySelectorAll('.example-timeline')].map(figure => {
  const svg = figure.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height);
  const named = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
    .map(id => document.getElementById(id)).filter(el => el && el.textContent.trim()).length;
  return {
    caption: figure.querySelector('.example-timeline-caption').textContent,
    shown: box.width > 0 && box.height > 0,
    width: box.width,
    room: figure.getBoundingClientRect().width,
    smallestText: texts.length ? Math.min(...texts) : 0,
    names: named,
    lanes: [...svg.querySelectorAll('.tl-lane .tl-label')].map(t => t.textContent.split(':')[0].replace(/ \((done|failed|cancelled|pending)\)$/, '')),
    told: [...figure.querySelectorAll('details li')].map(li => li.textContent),
  };
})"""


def timeline_pages():
    return site.pages_with("example-timeline") or [None]


@pytest.mark.parametrize("timeline_page", timeline_pages())
def test_timelines_read_on_a_phone(open_tab, timeline_page):
    if timeline_page is None:
        pytest.fail("no page shows a timeline: every example's page must (run 'make html')", pytrace=False)
    tab = open_tab(timeline_page, width=PHONE)
    figures = tab.page.evaluate(MEASURE)
    shown = [f for f in figures if f["shown"]]  # the others are in tabs not selected
    assert shown, f"{timeline_page}: no timeline is visible at {PHONE}px"
    for figure in shown:
        where = f"{timeline_page} at {PHONE}px, {figure['caption']!r}"
        assert figure["width"] <= figure["room"] + 0.5, f"{where}: the picture is wider than its box"
        assert figure["smallestText"] >= SMALLEST_TEXT, (
            f"{where}: text {figure['smallestText']:.1f}px high, less than {SMALLEST_TEXT}px")
    for figure in figures:
        where = f"{timeline_page}, {figure['caption']!r}"
        assert figure["names"] == 2, f"{where}: the picture lacks its title or description"
        assert figure["lanes"], f"{where}: no lane drawn"
        untold = [lane for lane in figure["lanes"] if not any(line.startswith(lane) for line in figure["told"])]
        assert not untold, f"{where}: lanes drawn but not in the text version: {untold}"
    assert tab.problems == [], "\n".join(tab.problems)
