"""JavaScript that the browser tests run in a page, each returning plain data."""

DESCRIBE = """
const describe = el => {
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  for (const name of el.classList) text += '.' + name;
  return text;
};
"""

# How wide the page is, and every element that sticks out past the right edge of
# the screen without a box of its own to scroll in (only the outermost of each).
LAYOUT = "() => {" + DESCRIBE + """
  const width = window.innerWidth;
  const fits = el => el.getBoundingClientRect().right <= width + 0.5;
  const clipsX = el => getComputedStyle(el).overflowX !== 'visible';
  const escaping = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if ((box.width === 0 && box.height === 0) || box.right <= width + 0.5) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (clipsX(a) && fits(a)) { clipped = true; break; }
    }
    if (!clipped && !escaping.has(el.parentElement)) escaping.add(el);
  }
  const escapes = [...escaping].filter(el => !escaping.has(el.parentElement))
    .map(el => `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`);
  // A box too narrow for its content must scroll, not cut the content off.
  const cutOff = [...document.querySelectorAll('pre, div.highlight, table, .wy-table-responsive, .example-output')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .filter(el => !['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
    .filter(el => !el.closest('pre, .highlight, .wy-table-responsive') || el.matches('pre'))
    .map(el => `${describe(el)}: ${el.scrollWidth}px of content in ${el.clientWidth}px, overflow-x ${getComputedStyle(el).overflowX}`);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    viewport: width,
    escapes: escapes.slice(0, 20),
    cutOff: cutOff,
  };
}"""

# The pictures of the page's content (timeline SVGs, images): where they are
# and whether a reader sees them. Icons inside buttons are not pictures.
PICTURES = "() => {" + DESCRIBE + """
  const found = new Set();
  for (const el of document.querySelectorAll('.example img, .example svg, [role="main"] img, [role="main"] svg')) {
    if (el.closest('button') || (el.parentElement && el.parentElement.closest('svg'))) continue;
    if (el.closest('[hidden], details:not([open])')) continue;  // in a tab panel not shown, or folded away
    found.add(el);
  }
  return [...found].map(el => {
    const box = el.getBoundingClientRect();
    return {
      what: describe(el) + (el.getAttribute('src') ? ` src=${el.getAttribute('src')}` : ''),
      inExample: !!el.closest('.example'),
      width: box.width,
      height: box.height,
      left: box.left,
      right: box.right,
      loaded: el.tagName.toLowerCase() === 'img' ? el.complete && el.naturalWidth > 0 : true,
      visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    };
  });
}"""

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# axe.run on the whole page, or on the element that 'within' selects.
AXE_RUN = """async ([tags, within]) => {
  const context = within ? document.querySelector(within) : document;
  const results = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""

# The favicons the page names, fetched as a browser would.
FAVICONS = """async () => {
  const icons = [...document.querySelectorAll('link[rel~="icon"]')].map(l => l.href);
  const results = [];
  for (const url of icons) {
    try {
      const response = await fetch(url);
      results.push({url, status: response.status, type: response.headers.get('content-type') || ''});
    } catch (error) {
      results.push({url, status: 0, type: String(error)});
    }
  }
  return results;
}"""

SETTLED = "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => r())))"
