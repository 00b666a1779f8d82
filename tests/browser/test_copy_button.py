"""The copy button of an example puts exactly the example's code on the clipboard.

No line numbers, no output, no prompts: what is copied is compared with the
.py file on disk (the lines the page shows, for an example shown in part).
"""

import functools
import os
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.browser import site

SKIP_DIRS = {".git", ".venv", "_build", "node_modules", "test-artifacts", "__pycache__", ".pytest_cache"}


@functools.cache
def files_by_name() -> dict[str, list[Path]]:
    """Every file of the repository by its name, outside the folders in SKIP_DIRS (walked once)."""
    found: dict[str, list[Path]] = {}
    for folder, dirs, names in os.walk(site.ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in names:
            found.setdefault(name, []).append(Path(folder, name))
    return found


def source_of(download_url: str) -> Path:
    """The file on disk that a page's download link is a copy of."""
    copy = site.BUILD / unquote(urlsplit(download_url).path).lstrip("/")
    candidates = files_by_name().get(copy.name, [])
    matching = [p for p in candidates if copy.is_file() and p.read_bytes() == copy.read_bytes()]
    assert matching, f"no file on disk matches the download {download_url} (looked at {candidates}): " \
                     "is the build stale? run 'make html'"
    return matching[0]


NOTHING_COPIED = "nothing copied yet"


def clipboard_after_copy(page, timeout: float = 5.0) -> str:
    """The clipboard once the copy has reached it: the button writes it asynchronously, after the click returns."""
    deadline = time.monotonic() + timeout
    while (copied := page.evaluate("navigator.clipboard.readText()")) == NOTHING_COPIED and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    return copied


def test_the_gather_chapter_has_examples():
    assert site.GATHER_CHAPTER in site.pages_with("example"), f"{site.GATHER_CHAPTER} shows no example"


def test_copy_button_copies_the_example_code(open_tab, example_page):
    tab = open_tab(example_page)
    page = tab.page
    examples = page.locator("div.example").all()
    assert examples, f"{example_page} has no example"
    checked = 0
    for number, example in enumerate(examples, 1):
        download = example.locator(".code-block-caption a.download")
        if not download.count():
            continue  # an example with its own :caption: has no link to its file
        source = source_of(urljoin(page.url, download.first.get_attribute("href")))
        code = example.locator(".example-code div.highlight").first
        if not code.is_visible() and example.evaluate("e => !!e.closest('details:not([open])')"):
            # In a folded block (an exercise's solution): unfold it, as a reader would.
            example.evaluate("e => e.closest('details:not([open])').querySelector(':scope > summary').click()")
        if not code.is_visible():
            # In a tab that is not selected: select it, as a reader would.
            panel_id = example.evaluate("e => e.closest('[role=tabpanel]')?.id")
            assert panel_id, f"{example_page}, example {number} is hidden outside any tab panel or folded block"
            page.locator(f"[role=tab][aria-controls='{panel_id}']").click()
        numbers = [int(n) for n in code.locator(".linenos").all_inner_texts()]
        assert numbers, f"{example_page}, example {number}: no line numbers"
        lines = source.read_text(encoding="utf-8").splitlines()
        # sphinx-copybutton leaves out the last line's newline, so that a pasted line does not run at once.
        expected = "\n".join(lines[numbers[0] - 1:numbers[0] - 1 + len(numbers)])

        page.evaluate(f"navigator.clipboard.writeText({NOTHING_COPIED!r})")
        code.hover()
        code.locator("button.copybtn").click()
        copied = clipboard_after_copy(page)
        assert copied == expected, (
            f"{example_page}, example {number} ({source.relative_to(site.ROOT)}, "
            f"lines {numbers[0]}-{numbers[-1]}): the copy button copied\n{copied!r}\ninstead of\n{expected!r}")
        checked += 1
    assert checked, f"{example_page}: no example links to its file"
    assert tab.problems == [], "\n".join(tab.problems)
