"""Search that answers (issue 19, item 4), in real Chromium: a query typed into Material's box,
and its FIRST result read. Ranking lives in overrides/assets/javascripts/workers/search-ranked.js,
the search spellings' own index field in generator/mkdocs_hook.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser import open_search, search

# Query → the page that must come first.
FIRST = [
    ("huobi wechat 2018", "events/2018-03-wechat-blocks-okex-huobi-accounts/"),  # all words above some
    ("人民银行", "authorities/pboc/"), ("中国人民银行", "authorities/pboc/"),  # a whole word, part of a name
    ("比特币", "glossary/bitebi/"),  # the term 比特币 above BTCC (比特币中国)
    ("币安", "exchanges/binance/"), ("火币", "exchanges/huobi/"),  # an exchange above a term of its name
    ("Houbi", "exchanges/huobi/"), ("Binanse", "exchanges/binance/"),  # no result: one edit of tolerance
    ("ICO ban", "events/2017-09-04-ico-ban/"),
]
# A name shared by a record and a glossary term: the record first, the term second.
SHARED = [("火币", ["exchanges/huobi/", "glossary/huobi/"]), ("币安", ["exchanges/binance/", "glossary/bian/"]),
          ("Huobi", ["exchanges/huobi/", "glossary/huobi/"])]
# Pages about the project or listing a section, which must come after every record for a record's name.
NOT_RECORDS = {"", "about/", "methodology/", "contributing/", "data/", "timeline/", "events/", "exchanges/",
               "authorities/", "platforms/", "glossary/", "publishers/"}


@pytest.fixture(scope="module")
def search_page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    yield page
    page.close()


def first_results(page: Page, base: str, query: str, n: int) -> list[str]:
    """The first ``n`` result pages (each once: Material lists a page's sections under it)."""
    out: list[str] = []
    for url in search(page, base, query):
        path = url.removeprefix(base)
        if path not in out:
            out.append(path)
    return out[:n]


@pytest.mark.parametrize("query, expected", FIRST, ids=[q for q, _ in FIRST])
def test_the_first_result_is_the_answer(search_page: Page, edition_url: str, query: str, expected: str) -> None:
    assert first_results(search_page, edition_url, query, 5)[0] == expected


@pytest.mark.parametrize("query, expected", SHARED, ids=[q for q, _ in SHARED])
def test_a_record_comes_before_the_term_of_its_name(search_page: Page, edition_url: str, query: str,
                                                     expected: list[str]) -> None:
    assert first_results(search_page, edition_url, query, 2) == expected


def page_text(built_site: Path, location: str) -> str:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    docs = [d for d in index["docs"] if d["location"].split("#")[0] == location]
    return " ".join(d["title"] + " " + re.sub(r"<[^>]+>", " ", d["text"]) for d in docs)


def test_ico_ban_is_followed_by_pages_with_both_words_not_bank(search_page: Page, site_url: str,
                                                               built_site: Path) -> None:
    results = first_results(search_page, site_url, "ICO ban", 5)
    assert len(results) == 5
    for location in results[1:]:
        text = page_text(built_site, location)
        assert re.search(r"\bICOs?\b", text, re.I), location
        assert re.search(r"\bban(s|ned|ning)?\b", text, re.I), f"{location} matched only through bank…"


@pytest.mark.parametrize("query", ["WeChat", "微信", "Huobi", "火币", "PBoC", "私募", "Binance"])
def test_records_rank_above_project_and_index_pages(search_page: Page, edition_url: str, query: str) -> None:
    results = first_results(search_page, edition_url, query, 50)
    others = [i for i, r in enumerate(results) if r in NOT_RECORDS]
    records = [i for i, r in enumerate(results) if r not in NOT_RECORDS]
    assert records, results
    assert not others or max(records) < min(others), results


def test_pasted_text_is_searched_without_a_key(search_page: Page, site_url: str) -> None:
    """A paste fires `paste` and `input`, no key: the results must come all the same."""
    open_search(search_page, site_url)
    search_page.wait_for_timeout(1500)  # let the worker build the index; no key is pressed after this
    search_page.eval_on_selector("input.md-search__input", """el => {
        el.focus();
        el.dispatchEvent(new ClipboardEvent("paste", {bubbles: true, cancelable: true}));
        el.value = "Binance";
        el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste", data: "Binance"}));
    }""")
    search_page.wait_for_selector(".md-search-result__item", timeout=20000)
    first = search_page.eval_on_selector(".md-search-result__item > a", "a => a.href")
    assert first.split("?")[0].removeprefix(site_url) == "exchanges/binance/"


def test_spellings_are_searchable_but_shown_neither_on_the_page_nor_in_results(search_page: Page,
                                                                                edition_url: str) -> None:
    search_page.goto(edition_url + "glossary/bitebi/")
    article = search_page.locator("article").inner_text()
    assert "Spellings for search" not in article and "bi te bi" not in article
    assert first_results(search_page, edition_url, "bi te bi", 1) == ["glossary/bitebi/"]
    shown = search_page.locator(".md-search-result").inner_text()
    assert "bi te bi" not in shown and "Spellings" not in shown
