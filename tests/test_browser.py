"""Real Chromium (Debian's, driven by Playwright) on the built site: search, and no request
to any other host.

No skips: a machine without Chromium fails here, because the search is the product.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import serve

RESULT_LINKS = "els => els.map(e => e.href)"


def open_search(page: Page, base: str) -> None:
    page.goto(base)
    page.locator("label.md-search__icon, .md-search__input").first.click()


def type_query(page: Page, query: str) -> list[str]:
    """Type a query into Material's open search box; return the result pages, best first.

    A query typed before Material's worker has built the index is not run again once it is
    ready, so type it again if no result has come (a reader would, too).
    """
    for attempt in range(4):  # on a busy machine the worker may take a while to build the index
        page.fill("input.md-search__input", "")
        page.fill("input.md-search__input", query)
        # Material reads the query on keyup, on focus and when its worker becomes ready, not on
        # `input` (which is all fill() fires): a key that types nothing makes it read the box.
        page.press("input.md-search__input", "End")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
    # Let the worker's last answer arrive: read until the list holds still for 300 ms.
    links, previous = page.eval_on_selector_all(".md-search-result__item > a", RESULT_LINKS), None
    while links != previous:
        page.wait_for_timeout(300)
        previous, links = links, page.eval_on_selector_all(".md-search-result__item > a", RESULT_LINKS)
    return [link.split("?", 1)[0] for link in links]  # drop Material's ?h= highlight parameter


def search(page: Page, base: str, query: str) -> list[str]:
    open_search(page, base)
    return type_query(page, query)


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str) -> Iterator[Page]:
    """One page (and its cache) for all the queries; each query starts from a fresh load."""
    page = browser.new_page()
    yield page
    page.close()


# Each query a reader types, and the record page that must be among the first five results.
QUERIES = [
    # English words and names
    ("Huobi", "exchanges/huobi/"), ("WeChat", "platforms/wechat/"), ("ICO ban", "events/2017-09-04-ico-ban/"),
    ("CPPCC", "authorities/cppcc/"), ("Binance", "exchanges/binance/"), ("Telegram", "platforms/telegram/"),
    # Chinese characters, parts of longer names, traditional characters
    ("人民银行", "authorities/pboc/"), ("火币", "exchanges/huobi/"), ("比特币", "glossary/bitebi/"),
    ("私募", "glossary/simu/"), ("微信", "platforms/wechat/"), ("交易所", "glossary/jiaoyisuo/"),
    ("火幣", "exchanges/huobi/"), ("比特幣", "glossary/bitebi/"), ("中國人民銀行", "authorities/pboc/"),
    # pinyin with tone marks, without, with spaces
    ("bǐtèbì", "glossary/bitebi/"), ("bitebi", "glossary/bitebi/"), ("bi te bi", "glossary/bitebi/"),
    ("sīmù", "glossary/simu/"), ("simu", "glossary/simu/"),
    # aliases and former names
    ("OKX", "exchanges/okex/"), ("OKEx", "exchanges/okex/"), ("HTX", "exchanges/huobi/"),
    ("huobicom", "exchanges/huobi/"), ("央行", "authorities/pboc/"), ("PBoC", "authorities/pboc/"),
    ("欧易", "exchanges/okex/"),
    # terms by English
    ("private placement", "glossary/simu/"), ("leek", "glossary/jiucai/"), ("网信办", "authorities/cac/"),
]


def test_there_are_enough_queries() -> None:
    assert len(QUERIES) >= 25


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds_the_record_in_the_top_five(search_page: Page, edition_url: str, query: str, expected: str) -> None:
    results = [r.removeprefix(edition_url) for r in search(search_page, edition_url, query)]
    assert expected in results[:5], results[:5]


def foreign_requests(browser: Browser, base: str, paths: list[str], query: str | None = None) -> list[str]:
    """Every request a visit to these pages (and one search) makes to a host other than the site's."""
    seen: list[str] = []
    page = browser.new_page()
    page.context.on("request", lambda request: seen.append(request.url))  # the context sees workers' requests too
    try:
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
        if query:
            search(page, base, query)
            page.wait_for_timeout(500)
    finally:
        page.close()
    host = urlsplit(base).netloc
    return [u for u in seen if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != host]


KINDS_OF_PAGE = ["", "timeline/", "events/", "events/2017-09-04-ico-ban/", "exchanges/", "exchanges/huobi/", "authorities/",
                 "authorities/pboc/", "platforms/", "platforms/wechat/", "glossary/", "glossary/bitebi/", "publishers/",
                 "publishers/reuters/", "about/", "methodology/", "contributing/", "data/",
                 "timeline/?year=2018&exchange=huobi", "404.html",
                 # The Chinese edition: each kind of page once.
                 "zh/", "zh/timeline/", "zh/events/2017-09-04-ico-ban/", "zh/exchanges/huobi/", "zh/authorities/pboc/",
                 "zh/platforms/wechat/", "zh/glossary/", "zh/glossary/bitebi/", "zh/publishers/reuters/", "zh/data/",
                 "zh/about/", "zh/methodology/", "zh/contributing/"]


def test_no_request_leaves_the_site(browser: Browser, site_url: str) -> None:
    assert foreign_requests(browser, site_url, KINDS_OF_PAGE, query="比特币") == []


def test_no_request_fails(browser: Browser, site_url: str) -> None:
    """Every file a page asks for exists: a missing script, stylesheet or data file (or a theme
    feature fetching something we do not publish) costs readers on slow links a round trip."""
    failed: list[str] = []
    page = browser.new_page()
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    try:
        for path in KINDS_OF_PAGE:
            if path != "404.html":
                page.goto(site_url + path, wait_until="networkidle")
    finally:
        page.close()
    assert failed == []


def test_the_request_check_catches_a_planted_external_request(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    """The check above can fail: a copy of the site with one planted external image is caught."""
    planted = tmp_path / "site"
    shutil.copytree(built_site, planted)
    page = planted / "about" / "index.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace("</article>", '<img src="https://cdn.example.invalid/x.png" alt=""></article>'), "utf-8")
    with serve(planted) as base:
        assert foreign_requests(browser, base, ["about/"]) == ["https://cdn.example.invalid/x.png"]
