"""What readers see on the built pages: Chinese marked as Chinese, readable anchors, charts with their numbers."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup, NavigableString
from mkdocs.config import load_config

from tests.conftest import ROOT

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def unmarked_chinese(page: BeautifulSoup) -> list[str]:
    """Text in the article with Han characters and no lang="zh…" on it or an ancestor.

    Code is exempt (the contributor's guide shows YAML templates as code blocks, printed
    verbatim); the BibTeX block of "cite this" is marked all the same."""
    out = []
    for node in page.select_one("article").descendants:
        if (isinstance(node, NavigableString) and HAN.search(node) and node.parent.name not in ("script", "style")
                and not node.find_parent("code")):
            owner = node.parent
            while owner is not None and not (owner.get("lang") or "").startswith("zh"):
                owner = owner.parent
            if owner is None:
                out.append(node.strip())
    return out


def test_chinese_text_carries_its_language_on_every_page(built_site: Path) -> None:
    checked = 0
    for html in sorted(built_site.rglob("index.html")):
        page = soup(html)
        if page.select_one("article") is None:
            continue
        assert unmarked_chinese(page) == [], html.relative_to(built_site)
        checked += 1
    assert checked > 150


def test_traditional_forms_say_zh_hant(built_site: Path) -> None:
    page = soup(built_site / "exchanges" / "huobi" / "index.html")
    # Its alias 火幣 (the machine-made variants such as 火幣網 are in the search index, not on the page).
    assert [s.get_text() for s in page.select('article [lang="zh-Hant"]')][:1] == ["火幣"]
    assert page.select_one('article h1 [lang="zh-Hans"]').get_text() == "火币"
    term = soup(built_site / "glossary" / "bitebi" / "index.html")
    assert term.select_one('article [lang="zh-Hant"]').get_text() == "比特幣"


def test_the_language_check_catches_unmarked_chinese() -> None:
    page = BeautifulSoup('<article><p lang="zh-Hans">比特币</p><p>火币 plain</p></article>', "html.parser")
    assert unmarked_chinese(page) == ["火币 plain"]


def test_headings_in_chinese_get_readable_stable_anchors() -> None:
    """The site's own Markdown configuration, as MkDocs loads it from mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    html = md.convert("## 比特币\n\n## 私募 与 ICO\n\n## Sources\n")
    assert re.findall(r'<h2 id="([^"]+)"', html) == ["比特币", "私募-与-ico", "sources"]


def test_timeline_chart_is_an_accessible_svg_with_its_numbers_in_a_table(built_site: Path) -> None:
    page = soup(built_site / "timeline" / "index.html")
    svg = page.select_one("article figure svg[role=img]")
    ids = svg["aria-labelledby"].split()
    assert [svg.select_one(f"#{i}").name for i in ids] == ["title", "desc"]
    events = yaml.safe_load((ROOT / "data" / "events.yaml").read_text("utf-8"))
    by_year_type = Counter((str(e["date"])[:4], e["type"]) for e in events)
    drawn = Counter()
    for rect in svg.select("rect > title"):
        year, count, kind = re.fullmatch(r"(\d{4}): (\d+) (\S+)", rect.get_text()).groups()
        drawn[(year, kind)] += int(count)
    assert drawn == by_year_type
    table = svg.find_parent("figure").find_next("table")
    header = [th.get_text() for th in table.select("thead th")]
    assert header[0] == "Year" and header[-1] == "All"
    assert table.find_parent("div", attrs={"role": "region", "tabindex": "0"}), "scrollable from the keyboard"
    rows = {tr.select_one("th").get_text(): [int(td.get_text()) for td in tr.select("td")] for tr in table.select("tbody tr")}
    for (year, kind), count in by_year_type.items():
        assert rows[year][header.index(kind) - 1] == count
    assert sum(r[-1] for r in rows.values()) == len(events)
    assert rows["2015"][-1] == 0, "years without events are shown, not skipped"


def test_exchange_pages_chart_every_status_change(built_site: Path) -> None:
    exchanges = yaml.safe_load((ROOT / "data" / "exchanges.yaml").read_text("utf-8"))
    charted = 0
    for exchange in exchanges:
        page = soup(built_site / "exchanges" / exchange["id"] / "index.html")
        svg = page.select_one("article figure svg[role=img]")
        history = exchange.get("history") or []
        if not history:
            assert svg is None
            continue
        bars = [t.get_text() for t in svg.select("rect > title")]
        assert sorted(bars) == sorted(f"{h['date']}: {h['status']}" for h in history)
        assert svg.select_one("title").get_text().startswith(exchange["name"])
        assert len(page.select("article table tbody tr")) >= len(history)
        charted += 1
    assert charted >= 5
