"""Real Chromium (Debian's, driven by Playwright) searching the built site.

No skips: a machine without Chromium fails here, because the search is the product.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required for the browser tests: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def search(page: Page, base: str, query: str) -> list[str]:
    """Type a query into Material's search box and return the result links, best first."""
    page.goto(base)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [link.split("?", 1)[0] for link in links]  # drop Material's ?h= highlight parameter


@pytest.mark.parametrize("query, expected", [
    ("Huobi", "/exchanges/huobi/"),
    ("比特币", "/glossary/bitebi/"),
])
def test_search_finds_records(browser: Browser, site_url: str, query: str, expected: str) -> None:
    page = browser.new_page()
    try:
        results = search(page, site_url, query)
        assert any(r.endswith(expected) for r in results[:5]), results[:5]
    finally:
        page.close()
