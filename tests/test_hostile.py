"""Record text is data everywhere it lands: article, <title>, TOC, search index, and in Chromium.

Every text field of every record carries every payload in tests/hostile.py; the site is built
by a real `mkdocs build --strict` and inspected as HTML and in real Chromium.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from tests.conftest import copy_project, mkdocs_build, serve
from tests.hostile import write_hostile_dataset
from tests.test_browser import type_query

MARKERS = ("__pwned", "evil.invalid", "javascript:", "/etc/passwd")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = write_hostile_dataset(root / "data-src")
    (root / "project").mkdir()
    project = copy_project(root / "project", data=data)
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / "site"


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup, str]]:
    for html in sorted(site.rglob("*.html")):
        text = html.read_text("utf-8")
        yield html.relative_to(site).as_posix(), BeautifulSoup(text, "html.parser"), text


def test_no_element_attribute_or_link_comes_from_record_text(hostile_site: Path) -> None:
    checked = 0
    for name, page, _ in pages(hostile_site):
        for element in page.find_all(True):
            assert element.name not in ("iframe", "svg") or "__pwned" not in str(element.attrs), name
            for attr, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                if described(element, attr):
                    continue  # a record's own text as its page's description or citation: text, checked below
                assert not attr.startswith("on"), f"{name}: event handler {attr} on <{element.name}>"
                assert not any(m in value for m in MARKERS), f"{name}: <{element.name} {attr}={value!r}>"
            if element.name == "script":
                assert "__pwned" not in (element.string or ""), f"{name}: a record's script reached the page"
        checked += 1
    assert checked > 15


# The <meta> elements whose content is a record's own text (generator/pages/headmeta.py).
HEAD_TEXT = {"description", "citation_title", "DC.title", "og:title", "og:description"}


def described(element, attr: str) -> bool:
    """Whether ``attr`` is the content of a description or citation <meta> (never http-equiv)."""
    name = element.get("name") or element.get("property")
    return element.name == "meta" and attr == "content" and name in HEAD_TEXT and not element.get("http-equiv")


def test_record_text_in_the_head_is_text(hostile_site: Path) -> None:
    """The description and citation tags hold the record's text as written: escaped, so the
    head has no element or attribute of its own from it."""
    html = (hostile_site / "platforms" / "wechat" / "index.html").read_text("utf-8")
    head = BeautifulSoup(html, "html.parser").head
    meta = {m.get("name") or m.get("property"): m["content"] for m in head.find_all("meta") if m.get("content")}
    assert '<script>window.__pwned="script"</script>' in meta["citation_title"] + meta["description"]
    assert meta["citation_title"] == meta["DC.title"] == meta["og:title"]
    assert [e.name for e in head.find_all(True) if e.name not in ("meta", "link", "title", "script", "style")] == []
    assert all(not s.string or "__pwned" not in s.string for s in head.find_all("script"))


def test_record_text_shows_literally_in_article_title_and_toc(hostile_site: Path) -> None:
    html = (hostile_site / "platforms" / "wechat" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    article = page.select_one("article").get_text()
    for payload in ('<script>window.__pwned="script"</script>', "[click](javascript:window.__pwned=1)",
                    "*[HTML]: Hijacked", "<!-- hidden -->", "{{ 7*7 }} {% raw %}", '--8<-- "/etc/passwd"'):
        assert payload in article
    assert re.search(r"<title>\s*platform:wechat\.name &lt;script&gt;", html), "the <title> must be escaped"
    toc = " ".join(a.get_text() for a in page.select("nav.md-nav--secondary a"))
    assert "Summary" in toc and "<script" not in str(page.select_one("nav.md-nav--secondary"))


def test_search_index_holds_no_markup_from_records(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            value = doc.get(field, "")
            assert not re.search(r"<(script|img|iframe|svg)\b", value), (doc["location"], field)
        assert not any("evil.invalid" in href for href in re.findall(r'href="([^"]*)"', doc.get("text", "")))


def test_no_script_from_a_record_runs_in_chromium(browser: Browser, hostile_site: Path) -> None:
    with serve(hostile_site) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            for path in ("platforms/wechat/", "events/2018-03-03-hostile-text-test/", "exchanges/huobi/",
                         "glossary/bitebi/", "timeline/", "", "exchanges/", "glossary/"):
                page.goto(base + path, wait_until="networkidle")
                assert page.evaluate("typeof window.__pwned") == "undefined", path
            page.locator("label.md-search__icon, .md-search__input").first.click()
            type_query(page, "pwned script img")  # waits for the results: the titles below are record text
            assert page.evaluate("typeof window.__pwned") == "undefined"
        finally:
            page.close()
        assert dialogs == []
