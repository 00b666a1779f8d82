"""What the browser tests need to know about the built site, without a browser.

The pages are discovered from the build (_build/html), never listed by hand,
so that every page a contributor adds is tested as soon as it is built.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build" / "html"
ARTIFACTS = ROOT / "test-artifacts"
FIXTURE_SOURCE = Path(__file__).resolve().parent / "fixture_site"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

WIDTHS = (375, 1280)
HOME = "index.html"
GATHER_CHAPTER = "asyncio/gather.html"
TABS_PAGE = "asyncio/design-patterns.html"

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Folders of the build that hold no pages of the guide.
NOT_PAGES = ("_static/", "_sources/", "_downloads/", "_images/")

HOW_TO_INSTALL_CHROMIUM = (
    f"the browser tests need Chromium at {CHROMIUM}, which is missing. Install it with "
    "'sudo apt-get install chromium' (Debian, Ubuntu), or set CHROMIUM=/path/to/chromium; "
    "never 'playwright install'."
)
HOW_TO_INSTALL_AXE = (
    f"the accessibility tests need axe-core ({AXE.relative_to(ROOT)}), which is missing. "
    "Install Node.js and npm ('sudo apt-get install npm' on Debian, Ubuntu), then run "
    "'make test', which runs 'npm ci'; or run 'npm ci' yourself."
)
HOW_TO_BUILD = "there is no built site in _build/html: run 'make html' first ('make test' does)."


def unavailable(message: str) -> None:
    """Skip, saying how to get what is missing; in CI, fail instead: CI must run every test."""
    if IN_CI:
        pytest.fail(f"CI=true, and {message}", pytrace=False)
    pytest.skip(message)


def pages(build: Path = BUILD) -> list[str]:
    """Every HTML page of a build, as a path relative to it ("asyncio/gather.html")."""
    if not (build / "index.html").is_file():
        return []
    found = (p.relative_to(build).as_posix() for p in build.rglob("*.html"))
    return sorted(p for p in found if not p.startswith(NOT_PAGES))


@functools.cache
def parsed(page: str, build: Path = BUILD) -> "ParsedPage":
    parser = _Parser()
    parser.feed((build / page).read_text(encoding="utf-8"))
    return parser.result


def pages_with(css_class: str, build: Path = BUILD) -> list[str]:
    return [p for p in pages(build) if css_class in parsed(p, build).classes]


def pages_with_pictures(build: Path = BUILD) -> list[str]:
    return [p for p in pages(build) if parsed(p, build).tags & {"img", "svg"}]


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    # (attribute, value) for each href and src.
    links: list[tuple[str, str]] = field(default_factory=list)


class _Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = ParsedPage()

    def handle_starttag(self, tag, attrs):
        self.result.tags.add(tag)
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.result.ids.add(value)
            elif name == "class":
                self.result.classes.update(value.split())
            elif name in ("href", "src") and tag != "base":
                self.result.links.append((f"<{tag} {name}>", value))

    handle_startendtag = handle_starttag


def broken_links(build: Path = BUILD) -> list[str]:
    """Every internal href or src of every page whose file or anchor does not exist."""
    problems = []
    for page in pages(build):
        for what, value in parsed(page, build).links:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:  # http:, mailto:, data:, //host
                continue
            path = unquote(parts.path)
            if path:
                target = (build / page).parent / path
                if target.is_dir():
                    target = target / "index.html"
                target = target.resolve()
                if not target.is_relative_to(build.resolve()) or not target.is_file():
                    problems.append(f"{page}: {what} {value!r}: no such file")
                    continue
                target_page = target.relative_to(build.resolve()).as_posix()
            else:
                target_page = page
            fragment = unquote(parts.fragment)
            if fragment and target_page.endswith(".html"):
                if fragment not in parsed(target_page, build).ids:
                    problems.append(f"{page}: {what} {value!r}: no id {fragment!r} in {target_page}")
    return problems


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Server:
    """A folder served over HTTP on 127.0.0.1, on a free port, in a thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def build_fixture_site(destination: Path) -> Path:
    """Build tests/browser/fixture_site with the guide's own conf.py, theme and _static/.

    It holds what no page of the guide has yet (tabs, admonitions, signatures,
    a table...), so that the theme's components are checked before a page uses
    them.
    """
    source = destination / "source"
    shutil.copytree(FIXTURE_SOURCE, source)
    output = destination / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-n", "-c", str(ROOT), str(source), str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"the fixture site did not build:\n{result.stdout}{result.stderr}"
    return output
