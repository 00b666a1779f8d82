"""Fixtures of the browser tests: the built site served on 127.0.0.1, one Chromium.

One Chromium (Debian's, driven by Playwright) serves all the browser tests;
each test opens pages in fresh browser contexts, except the per-page checks,
which share one context per width. The fixtures are package-scoped: Playwright's
synchronous API holds an event loop while it runs, so it must be stopped before
the other tests, which call asyncio.run(). Every request for another host is
aborted and recorded, so nothing leaves this machine and a page that tries
fails its test. Without Chromium or axe-core the tests that need them are
skipped with a message saying how to install it, and fail instead under CI=true.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import probes, site


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        # Without a build, one test stands in to say so (see the 'served' fixture).
        metafunc.parametrize("page_path", site.pages() or [site.HOME])
    if "example_page" in metafunc.fixturenames:
        metafunc.parametrize("example_page", site.pages_with("example") or [site.GATHER_CHAPTER])
    if "picture_page" in metafunc.fixturenames:
        # None stands for "no picture yet", and says so.
        metafunc.parametrize("picture_page", site.pages_with_pictures() or [None])
    if "width" in metafunc.fixturenames:
        metafunc.parametrize("width", site.WIDTHS, ids=[f"{w}px" for w in site.WIDTHS])


@pytest.fixture(scope="package")
def built_site() -> Path:
    if not (site.BUILD / "index.html").is_file():
        pytest.fail(site.HOW_TO_BUILD, pytrace=False)
    return site.BUILD


@pytest.fixture(scope="package")
def served(built_site):
    """The built site, served over HTTP on 127.0.0.1 on a free port."""
    server = site.Server(built_site)
    yield server
    server.close()


@pytest.fixture(scope="package")
def fixture_site(tmp_path_factory):
    """tests/browser/fixture_site built with the guide's configuration, and served."""
    server = site.Server(site.build_fixture_site(tmp_path_factory.mktemp("fixture-site")))
    yield server
    server.close()


@pytest.fixture(scope="package")
def chromium():
    if not site.CHROMIUM.exists():
        site.unavailable(site.HOW_TO_INSTALL_CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        site.unavailable("the browser tests need Playwright for Python: run 'make test', which installs "
                         "requirements.txt into .venv/ (never 'playwright install': it uses Debian's Chromium)")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(site.CHROMIUM), args=site.CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="package")
def axe_source() -> Path:
    if not site.AXE.is_file():
        site.unavailable(site.HOW_TO_INSTALL_AXE)
    return site.AXE


class Watched:
    """A browser context whose requests and errors are watched and recorded.

    Every request for another host than the server's is aborted and recorded,
    as is every failed request, HTTP error, console error and uncaught
    exception, in 'problems'.
    """

    def __init__(self, browser, server: site.Server, width: int):
        self.server = server
        self.problems: list[str] = []
        self.in_flight = 0
        self.context = browser.new_context(
            viewport={"width": width, "height": 800},
            permissions=["clipboard-read", "clipboard-write"],
        )
        self.context.set_default_timeout(10_000)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", self._started)
        self.page.on("requestfinished", self._ended)
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._responded)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))

    def _local(self, url: str) -> bool:
        return urlsplit(url)._replace(path="", query="", fragment="").geturl() == self.server.origin

    def _route(self, route):
        if self._local(route.request.url):
            route.continue_()
        else:
            self.problems.append(f"request for another host, blocked: {route.request.url}")
            route.abort("blockedbyclient")

    def _started(self, request):
        self.in_flight += 1

    def _ended(self, request):
        self.in_flight -= 1

    def _failed(self, request):
        self._ended(request)
        if self._local(request.url):  # the others are recorded by _route
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _responded(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message):
        if message.type == "error":
            where = message.location or {}
            self.problems.append(f"console error: {message.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")

    def goto(self, path: str):
        """Open a page of the site and wait until it has settled; return the Playwright page."""
        response = self.page.goto(self.server.url(path))
        if response is None or not response.ok:
            self.problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
        self.settle()
        return self.page

    def settle(self, timeout: float = 5.0):
        """Wait until the fonts are ready and no request is in flight."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(probes.SETTLED)
        deadline = time.monotonic() + timeout
        while self.in_flight > 0 and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)

    def close(self):
        self.context.close()


@dataclass
class Visit:
    """What one page showed at one width: everything the per-page tests check."""

    problems: list[str]
    favicons: list[dict]
    layout: dict
    pictures: list[dict]
    violations: list[dict] | None  # None without axe-core


@pytest.fixture(scope="package")
def visit(chromium):
    """visit(server, path, width) -> Visit: each page is opened once per width, and the result kept.

    The pages of one width share one browser context, so a page loads in a
    few tens of milliseconds; the per-page tests each check their part.
    """
    watchers: dict[tuple[str, int], Watched] = {}
    visits: dict[tuple[str, str, int], Visit] = {}

    def visit_(server: site.Server, path: str, width: int) -> Visit:
        key = (server.origin, path, width)
        if key not in visits:
            watched = watchers.get((server.origin, width))
            if watched is None:
                watched = watchers[server.origin, width] = Watched(chromium, server, width)
            watched.problems = []
            page = watched.goto(path)
            favicons = page.evaluate(probes.FAVICONS)
            layout = page.evaluate(probes.LAYOUT)
            pictures = page.evaluate(probes.PICTURES)
            violations = None
            if site.AXE.is_file():
                page.add_script_tag(path=site.AXE)
                violations = page.evaluate(probes.AXE_RUN, [probes.AXE_TAGS, None])
            visits[key] = Visit(list(watched.problems), favicons, layout, pictures, violations)
        return visits[key]

    yield visit_
    for watched in watchers.values():
        watched.close()


@pytest.fixture
def open_tab(chromium, served):
    """open_tab(path=None, width=1280, server=served) -> Watched: a fresh context, for tests that click and type."""
    opened = []

    def open_(path: str | None = None, width: int = 1280, server: site.Server | None = None) -> Watched:
        watched = Watched(chromium, server or served, width)
        opened.append(watched)
        if path is not None:
            watched.goto(path)
        return watched

    yield open_
    for watched in opened:
        watched.close()
