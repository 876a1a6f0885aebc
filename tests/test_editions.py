"""The Chinese edition (issue 20): its translation table is complete, its dates and citations
follow Chinese conventions, every page has its twin in the other edition, a missing Chinese text
shows the English marked as such, and the built site pairs the editions (switch, hreflang,
sitemaps, search indexes) and links the shared downloads where they are."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import string
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.editions import EN, ZH, localized
from generator.labels_zh import LABELS, TEXTS
from generator.pages.term import LIBRARY_WORDS
from generator.records import KINDS, PartialDate
from generator.vocabulary import CLOSED_VALUES, EVENT_TYPES, PUBLISHER_TIERS
from tests.conftest import MINI, ROOT, build_fixture

GENERATOR = ROOT / "generator"
# t("…") (or plain("…"), the same as text) in a template or a module: a label or a sentence's name.
T_CALL = re.compile(r"""\b(?:t|plain)\(\s*(["'])((?:(?!\1).)+)\1""")


def printed_keys() -> set[str]:
    """Every literal key the templates and the Python that prepares them pass to t()."""
    files = [*(GENERATOR / "templates").glob("*.j2"), *(GENERATOR / "pages").glob("*.py"), GENERATOR / "feeds.py",
             GENERATOR / "charts.py"]
    return {m.group(2) for f in files for m in T_CALL.finditer(f.read_text("utf-8"))}


def table_keys() -> set[str]:
    """What the field table and the closed sets make the pages print through t()."""
    keys = set(CLOSED_VALUES) | set(EVENT_TYPES.values()) | set(PUBLISHER_TIERS.values()) | set(LIBRARY_WORDS.values())
    for kind in KINDS.values():
        keys |= {kind.title, kind.intro} - {""}
        if kind.actor:  # the timeline's filters and each actor's feed name them
            keys |= {kind.name, kind.name.capitalize(), f"All {kind.plural}"}
        if kind.columns:  # a section index's table: the kind, then its columns
            keys |= {kind.name.capitalize(), *(heading for _, heading in kind.columns)}
        keys |= {f.heading for f in kind.fields if f.heading}
    return keys | {"*not found in the sources*", "*not stated*", "not committed yet", "with uncommitted changes",
                   "not recorded"}


def test_every_label_the_pages_print_has_its_chinese() -> None:
    missing = sorted(k for k in printed_keys() | table_keys() if k not in LABELS and k not in TEXTS)
    assert missing == [], f"add to generator/labels_zh.py: {missing}"


def test_the_label_check_reads_the_templates() -> None:
    """The scan above finds the keys (a scan that found none would pass on anything)."""
    keys = printed_keys()
    assert {"Sources disagree", "home.lead", "Cite this", "Show all"} <= keys and len(keys) > 80


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_each_sentence_has_the_same_slots_in_both_languages(key: str) -> None:
    english, chinese = TEXTS[key]
    slots = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (english, chinese)]
    assert slots[0] == slots[1], key
    assert re.search("[\u4e00-\u9fff]", chinese), f"{key}: no Chinese"


def test_every_chinese_label_is_chinese() -> None:
    latin_only = [k for k, v in LABELS.items() if not re.search("[\u4e00-\u9fff：（）、]", v)]
    assert latin_only == []


@pytest.mark.parametrize("date, expected", [(PartialDate(2018, 3, 6, "2018-03-06"), "2018年3月6日"),
                                            (PartialDate(2018, 3, 0, "2018-03"), "2018年3月"),
                                            (PartialDate(2018, 0, 0, "2018"), "2018年")])
def test_chinese_dates(date: PartialDate, expected: str) -> None:
    assert ZH.date(date) == expected
    assert EN.date(date) == date.text
    assert ZH.day("2025-11-02") == "2025年11月2日" and EN.day("2025-11-02") == "2025-11-02"


def test_a_missing_chinese_text_shows_the_english_marked_and_a_present_one_replaces_it() -> None:
    fields = KINDS["event"].fields
    values = {"title": "WeChat blocks <OKEx>", "summary": "English.", "summary_zh": "中文。"}
    out = localized(values, fields, ZH)
    assert out["summary"] == "中文。"
    assert out["title"] == '<span lang="en">WeChat blocks &lt;OKEx&gt;</span><small class="untranslated">（暂无中文）</small>'
    assert localized(values, fields, EN) is values


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> Path:
    data, out = tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("out")
    shutil.copytree(MINI, data, dirs_exist_ok=True)
    events = (data / "events.yaml").read_text("utf-8")
    first = events.index("  summary:")  # the first event gets a Chinese summary, the others keep none
    (data / "events.yaml").write_text(events[:first] + "  summary_zh: 中文的概述。\n" + events[first:], "utf-8")
    result = build_fixture(data, out)
    assert not result.errors, result.diagnostics
    return out


# The downloads and the on-this-day files are one set for both editions, in the English tree.
SHARED = re.compile(r"data/(?!index\.md).*")


def test_every_page_has_its_twin_in_the_other_edition(mini_site: Path) -> None:
    files = {p.relative_to(mini_site).as_posix() for p in mini_site.rglob("*") if p.is_file() and not p.name.startswith(".")}
    english = {f for f in files if not f.startswith("zh/") and not SHARED.fullmatch(f)}
    chinese = {f.removeprefix("zh/") for f in files if f.startswith("zh/")}
    assert english == chinese and len(english) > 20
    assert not any(SHARED.fullmatch(f) for f in chinese), "one data set, not two"


def test_chinese_pages_translate_their_labels_and_mark_the_english_they_fall_back_on(mini_site: Path) -> None:
    page = (mini_site / "zh/events/2018-03-wechat-blocks-okex-huobi-accounts.md").read_text("utf-8")
    assert "## 来源 {" in page and "- **日期：** 2018年3月" in page and "- **类型：** 平台封禁" in page
    assert '<span lang="en">8btc reported' in page and "（暂无中文）" in page
    assert "Sources" not in page.replace("Sources disagree", "") and '<span lang="zh-Hans">' not in page
    english = (mini_site / "events/2018-03-wechat-blocks-okex-huobi-accounts.md").read_text("utf-8")
    assert "## Sources {" in english and "暂无中文" not in english


def test_a_chinese_summary_replaces_the_english_one(mini_site: Path) -> None:
    chinese = [p for p in (mini_site / "zh/events").glob("*.md") if "中文的概述。" in p.read_text("utf-8")]
    assert len(chinese) == 1
    assert "中文的概述。" not in (mini_site / "events" / chinese[0].name).read_text("utf-8")


def test_chinese_pages_cite_in_gb_t_7714(mini_site: Path) -> None:
    page = (mini_site / "zh/exchanges/huobi.md").read_text("utf-8")
    line = next(line for line in page.splitlines() if "[EB/OL]" in line)
    site = "中国加密货币打击追踪"
    assert re.fullmatch(site + r"贡献者\. 火币 \\\(Huobi\\\)\[EB/OL\]\. " + site + r"(, (\d{4})\(\2-\d\d-\d\d\))?\. "
                        r"https://\S+/zh/exchanges/huobi/\.", line), line


def test_chinese_feeds_are_in_chinese_under_zh(mini_site: Path) -> None:
    feed = (mini_site / "zh/feeds/events.atom").read_text("utf-8")
    assert 'xml:lang="zh-Hans"' in feed and "<title>中国加密货币打击追踪：全部事件</title>" in feed
    assert "/zh/events/" in feed and 'xml:lang="en"' in (mini_site / "feeds/events.atom").read_text("utf-8")


def test_chinese_names_sort_by_pinyin(mini_site: Path) -> None:
    table = (mini_site / "zh/exchanges/index.md").read_text("utf-8")
    names = re.findall(r"^\| \[([^\]]+)\]", table, re.M)
    assert names == [r"火币 \(Huobi\)", r"欧易 \(OKX\)"], names  # by code point, 欧 (U+6B27) comes before 火 (U+706B)


# The real site, built by both editions' MkDocs builds.
def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


TWINS = ["", "timeline/", "events/2017-09-04-ico-ban/", "exchanges/huobi/", "glossary/bitebi/", "authorities/pboc/",
         "platforms/wechat/", "publishers/reuters/", "data/", "about/", "methodology/", "contributing/"]


@pytest.mark.parametrize("path", TWINS)
def test_each_edition_declares_its_language_and_links_its_twin(built_site: Path, path: str) -> None:
    for root, lang in (("", "en"), ("zh/", "zh-Hans")):
        page = soup(built_site, root + path)
        assert page.html["lang"] == lang
        switch = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        heads = {link["hreflang"]: link["href"] for link in page.select("head link[hreflang]")}
        assert set(switch) == set(heads) == {"en", "zh-Hans"}
        for href in switch.values():  # relative to the page, the English site's or the Chinese one's
            assert (built_site / resolve(root + path, href) / "index.html").is_file(), href
        assert heads["zh-Hans"].endswith("/zh/" + path) and not heads["en"].endswith("/zh/" + path)


def resolve(page: str, href: str) -> str:
    """A relative link's target inside the built site, from the page at ``page`` (a directory URL)."""
    target = posixpath.normpath(posixpath.join(page, href))
    assert not target.startswith(".."), f"{href} leaves the site from {page}"
    return "" if target == "." else target


def site_path(href: str) -> str:
    """A link's path inside the built site (the site's own base path removed)."""
    parts = urlsplit(href).path.strip("/").split("/", 1)
    return parts[1] if len(parts) > 1 else ""


def test_each_edition_has_its_own_search_index_and_sitemap(built_site: Path) -> None:
    english = json.loads((built_site / "search/search_index.json").read_text("utf-8"))["docs"]
    chinese = json.loads((built_site / "zh/search/search_index.json").read_text("utf-8"))["docs"]
    assert not any(d["location"].startswith("zh/") for d in english)
    assert any(d["location"] == "events/2017-09-04-ico-ban/" for d in chinese)
    assert any("中国人民银行" in d["title"] for d in chinese if d["location"] == "authorities/pboc/")
    assert any(d.get("spellings") for d in chinese), "the spellings field in the Chinese index too"
    for sitemap in ("sitemap.xml", "zh/sitemap.xml"):
        xml = (built_site / sitemap).read_text("utf-8")
        for href in re.findall(r'<xhtml:link rel="alternate" hreflang="[^"]+" href="([^"]+)"', xml):
            assert (built_site / site_path(href) / "index.html").is_file() or (built_site / site_path(href)).is_file(), href
    assert "zh/sitemap.xml" in (built_site / "robots.txt").read_text("utf-8")


def test_chinese_pages_link_the_shared_downloads_where_they_are(built_site: Path) -> None:
    for path in ("zh/data", "zh/contributing", "zh"):
        page = soup(built_site, path)
        out = [a["href"] for a in page.select("article a[href^='../']") if resolve(path, a["href"]).split("/")[0] != "zh"]
        out += [s["data-src"] for s in page.select("[data-src]")]
        assert out, path
        for href in out:
            target = built_site / resolve(path, href)
            assert target.is_file() or (target / "index.html").is_file() or target.is_dir(), href
    assert len(soup(built_site, "zh/data").select("article a[href$='.csv']")) == len(KINDS)


# In Chromium, with Material's scripts running: the header's language switch leads to the same
# page in the other edition, and back.
ROUND_TRIP = ["", "timeline/", "events/2017-09-04-ico-ban/", "glossary/bitebi/", "exchanges/huobi/", "publishers/reuters/"]


ROUND_TRIP.append("timeline/?year=2018&platform=wechat")  # the filters go along


@pytest.mark.parametrize("path", ROUND_TRIP, ids=[p or "home" for p in ROUND_TRIP])
def test_the_language_switch_round_trips(browser, site_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + path, wait_until="networkidle")
        for lang, expected in (("zh-Hans", site_url + "zh/" + path), ("en", site_url + path)):
            page.hover(".md-header .md-select")
            page.locator(f".md-header a.md-select__link[hreflang='{lang}']").click()
            page.wait_for_load_state("networkidle")
            assert page.url == expected
            assert page.evaluate("document.documentElement.lang") == lang
    finally:
        page.close()


def test_no_chinese_page_prints_a_mark_as_text(mini_site: Path) -> None:
    """Our labels carry language marks as markup: none may reach a page escaped, as text."""
    for page in (mini_site / "zh").rglob("*.md"):
        text = page.read_text("utf-8")
        assert "&lt;span" not in text and "&quot;zh-Hans" not in text, page
