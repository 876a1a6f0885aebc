"""The real site, built by `mkdocs build --strict`, parsed as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import MINI, ROOT, copy_project, mkdocs_build

FOLDERS = {"events.yaml": "events", "exchanges.yaml": "exchanges", "authorities.yaml": "authorities",
           "platforms.yaml": "platforms", "glossary.yaml": "glossary", "publishers.yaml": "publishers"}


def records(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / name).read_text("utf-8"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("name", FOLDERS)
def test_every_record_has_a_page_with_its_sources(built_site: Path, name: str) -> None:
    for record in records(name):
        page = soup(built_site, f"{FOLDERS[name]}/{record['id']}")
        hrefs = {a["href"] for a in page.select("article a[href]")}
        for source in record["sources"]:
            assert source["url"] in hrefs, f"{record['id']} lacks source {source['url']}"
            copy = source.get("archived") or "https://web.archive.org/web/*/" + source["url"]  # or where to look
            assert copy in hrefs, f"{record['id']} lacks the archive link {copy}"


def test_pages_show_chinese_beside_english(built_site: Path) -> None:
    page = soup(built_site, "authorities/pboc")
    assert "中国人民银行" in page.h1.get_text() and "People" in page.h1.get_text()
    term = soup(built_site, "glossary/bitebi")
    assert "比特币" in term.h1.get_text() and "bǐtèbì" in term.h1.get_text()


def test_record_pages_link_what_they_name_and_what_names_them(built_site: Path) -> None:
    event = soup(built_site, "events/2018-03-wechat-blocks-okex-huobi-accounts")
    links = {a["href"] for a in event.select("article a[href]")}
    assert {"../../exchanges/okex/", "../../exchanges/huobi/", "../../platforms/wechat/"} <= links
    huobi = soup(built_site, "exchanges/huobi")
    assert "../../events/2018-03-wechat-blocks-okex-huobi-accounts/" in {a["href"] for a in huobi.select("article a")}


def test_timeline_is_newest_first_grouped_by_year(built_site: Path) -> None:
    page = soup(built_site, "timeline")
    years = [int(h.get_text(strip=True).rstrip("¶")) for h in page.select("article h2[id^=year-]")]
    assert [h["id"] for h in page.select("article h2")][-1] == "events-per-year", "the chart after the list"
    assert years == sorted(years, reverse=True) and len(years) >= 8
    dates = [re.match(r"\d{4}(-\d\d){0,2}", li.get_text(strip=True)).group() for li in page.select("article li.event-card")]
    assert len(dates) == len(records("events.yaml"))
    assert [d[:4] for d in dates] == sorted((d[:4] for d in dates), reverse=True)


def test_record_pages_stay_out_of_the_nav(built_site: Path) -> None:
    page = soup(built_site, "exchanges/huobi")
    nav_links = [a["href"] for a in page.select("nav.md-nav--primary a[href]")]
    assert 5 <= len(nav_links) <= 30
    assert not any(re.search(r"/(events|exchanges|authorities|platforms|glossary)/[a-z0-9-]+/$", h)
                   for h in nav_links if not h.rstrip("/").endswith(("timeline", "exchanges", "authorities",
                                                                     "platforms", "glossary")))


def test_the_generators_bookkeeping_stays_out_of_the_site(built_site: Path) -> None:
    assert not [p for p in built_site.rglob(".generator*")], "manifest or lock published"


def test_nothing_loads_from_another_host(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in page.find_all(tag):
                url = element.get(attr)
                if url and not (tag == "link" and element.get("rel") in (["canonical"], ["alternate"])):
                    assert not urlsplit(url).netloc, f"{html.relative_to(built_site)} loads {url}"


def test_search_index_holds_chinese_words_whole(built_site: Path) -> None:
    """jieba alone splits 比特币 into 比特/币; the data's words must reach the index whole."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    doc = next(d for d in index["docs"] if d["location"] == "glossary/bitebi/")
    tokens = set(re.split(r"[\s\u200b:()]+", doc["title"] + " " + re.sub(r"<[^>]+>", " ", doc["text"])))
    assert {"比特币", "比特幣", "bǐtèbì"} <= tokens


def test_hostile_record_text_shows_literally(tmp_path: Path) -> None:
    project = copy_project(tmp_path, data=MINI)
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    html = (project / "site" / "events" / "2018-03-03-hostile-text-test" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    article = page.select_one("article")
    assert article.find("script") is None and article.find("img") is None and article.find("iframe") is None
    assert page.h1.get_text().startswith("</title><script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}")
    assert "<img src=x onerror=alert(1)>" in article.get_text()
    assert not any(a["href"].startswith("javascript:") or "evil.invalid" in a["href"] for a in page.find_all("a", href=True))
    # Material prints the title through `striptags`, which unescapes: overrides/main.html escapes it again.
    assert re.search(r"<title>\s*&lt;/title&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;", html)
    assert not any("alert" in (s.string or "") for s in page.find_all("script")), "a record's script reached the page"


@pytest.mark.parametrize("name", [n for n in FOLDERS if n != "events.yaml"])
def test_section_pages_list_every_record_in_a_table(built_site: Path, name: str) -> None:
    page = soup(built_site, FOLDERS[name])
    rows = page.select("article table tbody tr")
    assert len(rows) == len(records(name))
    linked = {a["href"].strip("/") for a in page.select("article table tbody a[href]")}
    assert {r["id"] for r in records(name)} <= linked


def test_exchange_history_is_a_table(built_site: Path) -> None:
    page = soup(built_site, "exchanges/huobi")
    table = page.select_one("article table")
    assert table is not None and len(table.select("tbody tr")) >= 3
    assert [th.get_text() for th in table.select("thead th")] == ["Date", "Status", "What happened", "Sources"]


def test_contributing_names_fields_as_they_are_written(built_site: Path) -> None:
    page = soup(built_site, "contributing")
    codes = {c.get_text() for c in page.select("article table code")}
    assert {"title_zh", "name_zh", "sources[].url", "history[].date", "platform-block"} <= codes
    assert not any("\\" in c for c in codes)


def test_search_runs_in_the_ranking_worker_that_loads_materials_own(built_site: Path) -> None:
    """The page's config names our worker; our worker loads the worker of the installed
    Material (an upgrade that renames it fails here, not silently in readers' browsers)."""
    import material

    config = json.loads(soup(built_site, "").find("script", id="__config").string)
    assert config["search"].endswith("assets/javascripts/workers/search-ranked.js")
    workers = built_site / "assets" / "javascripts" / "workers"
    loaded = re.search(r'importScripts\("([^"]+)"\)', (workers / "search-ranked.js").read_text("utf-8")).group(1)
    assert (workers / loaded).is_file()
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text("utf-8")
    assert f'"assets/javascripts/workers/{loaded}"' in base
