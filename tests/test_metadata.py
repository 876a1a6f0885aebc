"""What reference managers, search engines and spreadsheets read from the built site: each
record page's description and citation tags (read as Zotero reads them), robots.txt, the
sitemap's dates, and the "cite this" copy buttons in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from generator.diagnostics import Span
from generator.history import Change
from generator.pages.headmeta import DESCRIPTION_LIMIT, description, front_matter, head_tags
from generator.pipeline import PLACEHOLDER_SITE_URL
from generator.records import KINDS, Record
from tests.conftest import ROOT

SITE_TITLE = "China Crypto Crackdown Tracker"
PAGES = ["events/2017-09-04-ico-ban", "exchanges/huobi", "authorities/pboc", "platforms/wechat", "glossary/bitebi"]


class MetaTags(HTMLParser):
    """Every <meta> of a page as (its name, or else its property; its content), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("name") or found.get("property")
        if tag == "meta" and name and found.get("content"):
            self.tags.append((name, found["content"] or ""))


# What Zotero's "Embedded Metadata" translator does with a page's meta tags, for the fields
# asserted here (zotero/translators, "Embedded Metadata.js": init, HIGHWIRE_MAPPINGS and
# addHighwireMetadata; "RDF.js": detectType and importItem).
RDF_PREFIXES = {"dc", "dcterms", "og", "prism", "bib", "bibo", "eprints", "so", "z"}
HIGHWIRE = {"citation_title": "title", "citation_publication_date": "date", "citation_date": "date",
            "citation_public_url": "url", "citation_language": "language", "citation_publisher": "publisher"}


def zotero_item(html: str) -> dict[str, object]:
    """The item Zotero makes of ``html``: item type, title, date, URL, website title, authors.
    RDF statements (Dublin Core, Open Graph) come first, the first of each kept; Highwire
    `citation_*` tags then overwrite the fields they map to; `og:type` "website" makes a web
    page, whose website title is `og:site_name`; otherwise `citation_title` guesses a journal article."""
    parser = MetaTags()
    parser.feed(html)
    rdf: dict[tuple[str, str], str] = {}
    highwire: dict[str, str] = {}
    authors: list[str] = []
    for names, value in parser.tags:
        for tag in names.split():
            parts = re.split(r"[.:_]", tag)
            prefix, length = (parts[1].lower(), len(parts[0]) + len(parts[1]) + 1) if len(parts) > 2 else ("", 0)
            if prefix not in RDF_PREFIXES:
                prefix, length = parts[0].lower(), len(parts[0])
            if prefix in RDF_PREFIXES:
                prop = tag[length + 1:]
                rdf.setdefault((prefix, prop[:1].lower() + prop[1:]), value)
            elif tag in HIGHWIRE:
                highwire.setdefault(HIGHWIRE[tag], value)
            elif tag == "citation_author":
                authors.append(value)
    item_type = {"website": "webpage", "article": None}.get(rdf.get(("og", "type"), ""))
    item_type = item_type or ("journalArticle" if "title" in highwire else "webpage")
    item: dict[str, object] = {
        "itemType": item_type,
        "title": rdf.get(("dc", "title")) or rdf.get(("og", "title")),
        "date": rdf.get(("dc", "date")),
        "url": rdf.get(("og", "url")),
        "websiteTitle": rdf.get(("og", "site_name")) if item_type == "webpage" else None,
        "creators": authors,
    }
    item.update(highwire)
    return item


def parses_as_date(text: str) -> bool:
    """Zotero's strToDate reads year/month/day in either of these forms."""
    return re.fullmatch(r"\d{4}([-/])\d{2}\1\d{2}|\d{4}(-\d{2})?", text) is not None


def last_changed(site: Path) -> dict[str, str | None]:
    """Each record page's last change, as the downloads publish it ({"events/<id>": date})."""
    out = {}
    for kind in KINDS.values():
        for row in json.loads((site / "data" / f"{kind.plural}.json").read_text("utf-8")):
            out[f"{kind.folder}/{row['id']}"] = row["last_changed"]
    return out


@pytest.mark.parametrize("path", PAGES)
def test_zotero_reads_title_date_url_and_site_name_from_record_pages(built_site: Path, path: str) -> None:
    html = (built_site / path / "index.html").read_text("utf-8")
    item = zotero_item(html)
    changed = last_changed(built_site)[path]
    url = f"{PLACEHOLDER_SITE_URL}{path}/"
    assert item["itemType"] == "webpage" and item["websiteTitle"] == SITE_TITLE
    assert item["url"] == url and f'<link rel="canonical" href="{url}">' in html
    cite = BeautifulSoup(html, "html.parser").select_one("p.cite-text").get_text()
    assert item["title"] and f"“{item['title']}.”" in cite, "the same title as the page's own citation"
    assert not item["creators"]  # the records name no personal authors: none are made up
    if changed:
        assert parses_as_date(str(item["date"])) and str(item["date"]).replace("/", "-") == changed
    tags = MetaTags()
    tags.feed(html)
    names = [name for name, _ in tags.tags]
    assert names.count("description") == 1, "the record's description replaces the site's"


def test_the_description_is_the_records_own_summary(built_site: Path) -> None:
    events = yaml.safe_load((ROOT / "data" / "events.yaml").read_text("utf-8"))
    event = next(e for e in events if e["id"] == "2017-09-04-ico-ban")
    tags = MetaTags()
    tags.feed((built_site / "events" / "2017-09-04-ico-ban" / "index.html").read_text("utf-8"))
    (own,) = [content for name, content in tags.tags if name == "description"]
    assert own == description(event["summary"]) and len(own) <= DESCRIPTION_LIMIT
    home = MetaTags()
    home.feed((built_site / "index.html").read_text("utf-8"))
    assert [n for n, _ in home.tags].count("description") == 1
    assert not any(n.startswith("citation_") for n, _ in home.tags)


def test_robots_txt_names_the_sitemap(built_site: Path) -> None:
    lines = (built_site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {PLACEHOLDER_SITE_URL}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") and line.strip() != "Disallow:" for line in lines)


def test_sitemap_dates_record_pages_by_their_last_change(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring((built_site / "sitemap.xml").read_bytes())
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in root.findall("s:url", ns)}
    dated = 0
    for path, changed in last_changed(built_site).items():
        url = f"{PLACEHOLDER_SITE_URL}{path}/"
        assert url in lastmod, path
        if changed:
            assert lastmod[url] == changed, path
            dated += 1
    assert dated, "a build from the repository dates its records"
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d or "") for d in lastmod.values())


def test_copy_buttons_copy_the_citation_and_bibtex_with_todays_access_date(site_url: str, browser: Browser) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(site_url + "exchanges/huobi/")
        bibtex = page.locator("pre.cite-bibtex").inner_text()
        assert "urldate" not in bibtex, "a build never writes an access date"
        page.get_by_role("button", name="Copy the citation").click()
        page.get_by_role("status").filter(has_text="Copied").wait_for()
        plain = page.evaluate("navigator.clipboard.readText()")
        assert plain == " ".join(page.locator("p.cite-text").inner_text().split())
        assert plain.startswith(f"{SITE_TITLE} contributors.") and f"{PLACEHOLDER_SITE_URL}exchanges/huobi/" in plain
        page.get_by_role("button", name="Copy BibTeX with today's access date").click()
        page.wait_for_function("document.querySelector('.cite-status').textContent.includes('BibTeX')")
        copied = page.evaluate("navigator.clipboard.readText()")
        today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]"
                              ".map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); })()")
        assert dt.date.fromisoformat(today)
        assert copied.startswith("@misc{cccct-exchange-huobi,") and copied.endswith(f",\n  urldate = {{{today}}}\n}}")
        assert copied.count("{") == copied.count("}") and copied.count("urldate") == 1
    finally:
        context.close()



def test_the_chinese_copy_button_adds_the_access_date_gb_t_7714_asks_for(site_url: str, browser: Browser) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(site_url + "zh/exchanges/huobi/")
        shown = " ".join(page.locator("p.cite-text").inner_text().split())
        assert "[EB/OL]" in shown and shown.endswith("/zh/exchanges/huobi/.")
        page.get_by_role("button", name="复制引文").click()
        page.get_by_role("status").filter(has_text="已复制").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]"
                              ".map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); })()")
        url = shown.rsplit(" ", 1)[1]
        assert copied == shown.removesuffix(" " + url).removesuffix(".") + f"[{today}]. {url}", copied
        assert re.search(r", (\d{4})\(\1-\d\d-\d\d\)\[", copied), "year, (update date)[access date]"
    finally:
        context.close()

# Fast: what the head carries, from the Python that prepares it.

def test_description_keeps_a_short_summary_and_cuts_a_long_one_at_a_boundary() -> None:
    assert description("  Short\n summary. ") == "Short summary."
    sentences = "First sentence is here and it is long enough. " * 6
    cut = description(sentences)
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith(".") and not cut.endswith(" .")
    words = "word " * 80
    assert description(words).endswith("word…") and len(description(words)) <= DESCRIPTION_LIMIT
    assert len(description("比" * 300)) == DESCRIPTION_LIMIT


def test_head_tags_survive_the_front_matter_whatever_the_text() -> None:
    hostile = 'Quote " and </script><script>alert(1)</script>: {x} \u2028 line'
    record = Record(kind="event", id="x", values={"summary": hostile}, span=Span("events.yaml", 1, 1, 1, 1))
    tags = head_tags(record, hostile, "https://example.org/events/x/", Change("2024-05-01"))
    assert yaml.safe_load(f"head_meta: {front_matter(tags)}")["head_meta"] == [list(t) for t in tags]
    assert ("name", "citation_publication_date", "2024/05/01") in tags and ("name", "DC.date", "2024-05-01") in tags
    assert not any(name == "citation_publication_date" for _, name, _ in head_tags(record, "t", "u", Change()))
