"""Feeds, downloads and citations of the built site, read back with the libraries a reader would use."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from functools import cache
from pathlib import Path

import icalendar
import jsonschema
import pytest
import rnc2rng
import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from generator.diagnostics import Diagnostics
from generator.feeds import FEED_LIMIT, permanent_id
from generator.load import load_file
from generator.opendata import csv_cell, ics_fold, ics_text, kind_csv
from generator.pipeline import PLACEHOLDER_SITE_URL
from generator.records import KINDS
from generator.validate import Validator
from tests.conftest import ROOT

# Last-changed dates come from git; a copy of the project without its history has none, and
# then the pages must say "not recorded" rather than invent one.
HAS_HISTORY = (subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", "data"],
                              capture_output=True, text=True).stdout.strip() != ""
               and subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
                                  capture_output=True, text=True).stdout.strip() == "false")
ATOM_RNC = ROOT / "tests" / "schemas" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_KINDS = ("exchange", "authority", "platform")  # the kinds with `feed=True` in the field table


def records(kind: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / KINDS[kind].file).read_text("utf-8"))


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's RELAX NG compact schema, converted with rnc2rng. rnc2rng declares the empty
    `local` prefix as xmlns:local="", which XML forbids; the prefix is unused once converted."""
    rng = rnc2rng.dumps(rnc2rng.load(ATOM_RNC.open(encoding="utf-8")))
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def atom_problems(xml: bytes) -> list[str]:
    """RELAX NG errors, plus RFC 4287's two Schematron rules lxml does not run."""
    doc = etree.fromstring(xml)
    schema = atom_schema()
    problems = [] if schema.validate(doc) else [str(e) for e in schema.error_log]
    feed_author = doc.find(f"{ATOM}author") is not None
    for entry in doc.findall(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        if not any(link.get("rel", "alternate") == "alternate" for link in links) and entry.find(f"{ATOM}content") is None:
            problems.append("an entry without an alternate link or content")
        if not feed_author and entry.find(f"{ATOM}author") is None:
            problems.append("an entry without an author in a feed without one")
    return problems


@pytest.mark.parametrize("edition", ["", "zh/"], ids=["en", "zh"])
def test_every_feed_is_valid_atom(built_site: Path, edition: str) -> None:
    feeds = sorted((built_site / edition / "feeds").rglob("*.atom"))
    expected = 1 + sum(len(records(kind)) for kind in FEED_KINDS)
    assert len(feeds) == expected
    for feed in feeds:
        assert atom_problems(feed.read_bytes()) == [], feed


def test_the_atom_check_catches_an_invalid_feed(built_site: Path) -> None:
    good = (built_site / "feeds" / "events.atom").read_bytes()
    no_id = re.sub(rb"<id>[^<]*</id>", b"", good, count=1)
    bad_date = re.sub(rb"<updated>[^<]*</updated>", b"<updated>last week</updated>", good, count=1)
    no_link = re.sub(rb"<link href=\"[^\"]*/events/[^\"]*\"[^>]*/>", b"", good, count=1)
    for broken in (no_id, bad_date, no_link):
        assert broken != good
        assert atom_problems(broken) != []


def test_the_site_feed_lists_the_newest_events_first(built_site: Path) -> None:
    """Every event while there are at most FEED_LIMIT of them, else the newest FEED_LIMIT."""
    doc = etree.parse(str(built_site / "feeds" / "events.atom"))
    entries = doc.findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_LIMIT, len(records("event")))
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    page = "events/2021-09-24-pboc-ten-agency-notice"
    notice = next(e for e in entries if e.find(f"{ATOM}link").get("href").endswith(f"/{page}/"))
    assert notice.findtext(f"{ATOM}id") == permanent_id(page), "ids do not depend on the domain"
    assert notice.findtext(f"{ATOM}published") == "2021-09-24T00:00:00+00:00"


def test_record_feeds_hold_the_events_that_name_them_and_are_linked(built_site: Path) -> None:
    """A body's feed holds every event that names it, acting or only named (named_authorities),
    as its page's list of events does."""
    events = records("event")
    for kind in ("exchange", "authority", "platform"):
        fields = [f.name for f in KINDS["event"].fields if f.ref == kind]
        for record in records(kind):
            path = built_site / "feeds" / kind / f"{record['id']}.atom"
            ids = {e.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1]
                   for e in etree.parse(str(path)).findall(f"{ATOM}entry")}
            assert ids == {e["id"] for e in events if any(record["id"] in e.get(f, []) for f in fields)}, path
            page = BeautifulSoup((built_site / KINDS[kind].folder / record["id"] / "index.html").read_text("utf-8"),
                                 "html.parser")
            assert page.select_one(f'article a[href$="feeds/{kind}/{record["id"]}.atom"]'), f"{kind} {record['id']}"
            assert page.select_one(f'head link[type="application/atom+xml"][href$="{kind}/{record["id"]}.atom"]')


def test_json_downloads_hold_every_record_and_match_their_schema(built_site: Path) -> None:
    for kind in KINDS.values():
        data = json.loads((built_site / "data" / f"{kind.plural}.json").read_text("utf-8"))
        schema = json.loads((built_site / "data" / "schema" / f"{kind.plural}.json").read_text("utf-8"))
        jsonschema.validate(data, schema)
        source = records(kind.name)
        assert sorted(r["id"] for r in data) == sorted(r["id"] for r in source)
        dated = 0
        for got in data:
            want = next(r for r in source if r["id"] == got["id"])
            assert got.get("summary") == want.get("summary")  # optional for publishers
            assert got["url"] == f"{PLACEHOLDER_SITE_URL}{kind.folder}/{got['id']}/"
            # A record not committed yet has no date either.
            assert got["last_changed"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", got["last_changed"]), got
            dated += got["last_changed"] is not None
        assert bool(dated) == HAS_HISTORY, "dates exactly when there is history to take them from"
    events = json.loads((built_site / "data" / "events.json").read_text("utf-8"))
    ico = next(e for e in events if e["id"] == "2017-09-04-ico-ban")
    assert ico["date"] == "2017-09-04" and "pboc" in ico["authorities"]


def test_csv_downloads_have_a_row_per_record_and_lists_joined_by_semicolons(built_site: Path) -> None:
    for kind in KINDS.values():
        rows = list(csv.DictReader(io.StringIO((built_site / "data" / f"{kind.plural}.csv").read_text("utf-8-sig"))))
        source = {r["id"]: r for r in records(kind.name)}
        assert sorted(r["id"] for r in rows) == sorted(source)
        for row in rows:
            want = source[row["id"]]
            assert row["sources"].split("; ") == [s["url"] for s in want["sources"]]
            for field in ("aliases", "authorities", "exchanges", "platforms", "related"):
                if field in row:
                    assert row[field] == "; ".join(want.get(field) or []), (row["id"], field)


def test_csv_downloads_open_with_a_utf8_byte_order_mark(built_site: Path) -> None:
    """Excel on Windows takes a CSV for UTF-8 only when its first bytes are EF BB BF; the
    Chinese then shows as written. The data page says so."""
    for kind in KINDS.values():
        raw = (built_site / "data" / f"{kind.plural}.csv").read_bytes()
        assert raw[:3] == b"\xef\xbb\xbf" and raw[3:5] == b"id", kind.plural
        assert raw.count(b"\xef\xbb\xbf") == 1
    events = (built_site / "data" / "events.csv").read_bytes().decode("utf-8-sig")
    assert any("\u4e00" <= char <= "\u9fff" for char in events)  # the Chinese titles, intact
    page = (built_site / "data" / "index.html").read_text("utf-8")
    assert "UTF-8 with a byte-order mark" in page


def test_csv_cells_cannot_become_spreadsheet_formulas() -> None:
    text = next(f for f in KINDS["platform"].fields if f.name == "summary")
    texts = next(f for f in KINDS["platform"].fields if f.name == "aliases")
    assert csv_cell(text, "=HYPERLINK(\"http://evil.invalid\")") == "'=HYPERLINK(\"http://evil.invalid\")"
    assert csv_cell(text, "+1") == "'+1" and csv_cell(text, "@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell(text, "-") == "'-"
    assert csv_cell(text, "Huobi") == "Huobi"
    assert csv_cell(texts, ["a", "b"]) == "a; b" and csv_cell(texts, ["=a", "b"]) == "'=a; b"


EXCHANGE = """- id: okex
  name: OKX
  aliases: [OKEx, Ouyi]
  summary: An exchange.
  founded: "2017"
  history:
    - date: 2021-09
      status: exited-mainland
      summary: Left.
      sources: [{url: "https://example.org/h", title: H, publisher: P}]
    - date: 2022-01-18
      status: renamed
      summary: Renamed.
      sources: [{url: "https://example.org/r", title: R, publisher: P}]
  sources:
    - {url: "https://example.org/a", title: A, publisher: P}
    - {url: "https://example.org/b?x=1", title: B, publisher: P}
"""
EVENT = """- id: e
  date: 2030-01
  scheduled: true
  title: T
  type: proposal
  summary: S.
  authorities: [pboc, cac]
  exchanges: []
  platforms: []
  terms: []
  document: {number: "No. 1", title_zh: 通知}
  sources: [{url: "https://example.org/e", title: E, publisher: P}]
- id: f
  date: "2018"
  scheduled: false
  title: T
  type: statement
  summary: S.
  authorities: []
  exchanges: []
  platforms: []
  terms: []
  sources: [{url: "https://example.org/f", title: F, publisher: P}]
"""


def csv_rows(kind: str, text: str, tmp_path: Path) -> list[dict[str, str]]:
    """The CSV download of ``text`` (one kind's records, validated), read back as a spreadsheet would."""
    path = tmp_path / KINDS[kind].file
    path.write_text(text, "utf-8")
    diags = Diagnostics()
    records = Validator(KINDS[kind], diags).records(load_file(path, diags))
    assert not diags.errors
    text = kind_csv(KINDS[kind], records, PLACEHOLDER_SITE_URL, {})
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_cells_flatten_each_type_of_value(tmp_path: Path) -> None:
    """Dates as written, lists joined by '; ', sources by URL, an exchange's history as 'date status',
    a yes/no as true or false, a mapping in a column per field, and nothing for a missing value."""
    (okex,) = csv_rows("exchange", EXCHANGE, tmp_path)
    assert okex["founded"] == "2017" and okex["aliases"] == "OKEx; Ouyi" and okex["headquarters"] == ""
    assert okex["history"] == "2021-09 exited-mainland; 2022-01-18 renamed"
    assert okex["sources"] == "https://example.org/a; https://example.org/b?x=1"
    scheduled, past = csv_rows("event", EVENT, tmp_path)
    assert (scheduled["scheduled"], past["scheduled"]) == ("true", "false")
    assert (scheduled["date"], past["date"], past["end"]) == ("2030-01", "2018", "")
    assert scheduled["authorities"] == "pboc; cac" and past["authorities"] == ""
    assert [(k, v) for k, v in scheduled.items() if k.startswith("document")] == [
        ("document.number", "No. 1"), ("document.title", ""), ("document.title_zh", "通知")]
    assert past["document.number"] == ""


def test_the_calendar_has_an_entry_per_event_on_its_date(built_site: Path) -> None:
    cal = icalendar.Calendar.from_ical((built_site / "data" / "events.ics").read_bytes())
    items = list(cal.walk("VEVENT"))
    source = {e["id"]: e for e in records("event")}
    assert len(items) == len(source)
    assert len({str(i["UID"]) for i in items}) == len(items)
    for item in items:
        event = source[str(item["UID"]).split("@", 1)[0]]
        written = str(event["date"])
        start = item.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert start.isoformat().startswith(written) or len(written) < 10
        assert str(item["URL"]).endswith(f"/events/{event['id']}/")
        if len(written) < 10:
            assert "The sources give only the" in str(item["DESCRIPTION"])


def rfc5545_unescape(value: str) -> str:
    """TEXT unescaping as RFC 5545 3.3.11 defines it, left to right."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@given(st.text(alphabet=st.sampled_from("ab N ,;\\^\n\r比特币€𝄞"), max_size=300))
def test_calendar_text_is_escaped_and_folded_so_calendars_read_it_back(text: str) -> None:
    """The hand-written calendar reads back exactly, by the RFC and with the library readers use."""
    line = "DESCRIPTION:" + ics_text(text)
    folded = ics_fold(line)
    assert all(len(part.encode("utf-8")) < 75 for part in folded.split("\r\n "))
    assert folded.replace("\r\n ", "") == line
    want = text.replace("\r\n", "\n").replace("\r", "\n")
    assert rfc5545_unescape(line.removeprefix("DESCRIPTION:")) == want
    ics = f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{folded}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    if "\\" not in text:  # the library reads a backslash before N as a line break, whatever escapes it
        assert str(event["DESCRIPTION"]) == want


def test_the_data_page_links_every_download(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "data" / "index.html").read_text("utf-8"), "html.parser")
    folder = built_site / "data"  # the page is data/index.html: links are relative to data/
    targets = {(folder / a["href"]).resolve() for a in page.select("article a[href]")
               if not a["href"].startswith(("http", "#", "mailto:"))}
    wanted = [folder / "events.ics", built_site / "feeds" / "events.atom"]
    for kind in KINDS.values():
        wanted += [folder / f"{kind.plural}.json", folder / f"{kind.plural}.csv", folder / "schema" / f"{kind.plural}.json"]
    for path in wanted:
        assert path.exists() and path.resolve() in targets, path


@pytest.mark.parametrize("path", ["events/2017-09-04-ico-ban", "exchanges/huobi", "authorities/pboc",
                                  "platforms/wechat", "glossary/bitebi"])
def test_record_pages_say_how_to_cite_them(built_site: Path, path: str) -> None:
    page = BeautifulSoup((built_site / path / "index.html").read_text("utf-8"), "html.parser")
    heading = page.select_one("h2#cite-this")
    assert heading is not None
    url = f"{PLACEHOLDER_SITE_URL}{path}/"
    plain = heading.find_next("p").get_text(" ")
    assert url in plain
    changed = re.search(r"last changed (\d{4}-\d{2}-\d{2})", plain)
    if not HAS_HISTORY:
        assert changed is None and "last change not recorded" in plain
        return
    bibtex = page.select_one("pre.cite-bibtex").get_text()
    assert bibtex.startswith("@misc{cccct-") and bibtex.count("{") == bibtex.count("}")
    assert f"url = {{{url}}}" in bibtex and f"date = {{{changed.group(1)}}}" in bibtex
    assert dt.date.fromisoformat(changed.group(1)) <= dt.date.today()


def test_feeds_hold_the_newest_events_up_to_the_limit(tmp_path: Path) -> None:
    from benchmarks.corpus import write as write_corpus
    from generator import BuildOptions, build
    from generator.feeds import FEED_LIMIT, feeds

    result = build(BuildOptions(data_dir=write_corpus(tmp_path / "data", FEED_LIMIT + 30), write=False))
    assert not result.errors
    doc = etree.fromstring(feeds(result.corpus, PLACEHOLDER_SITE_URL, {})["feeds/events.atom"]().encode("utf-8"))
    published = [e.findtext(f"{ATOM}published") for e in doc.findall(f"{ATOM}entry")]
    assert len(published) == FEED_LIMIT
    newest = sorted((str(r.values["date"].first_day()) for r in result.corpus.timeline), reverse=True)[:FEED_LIMIT]
    assert [p[:10] for p in published] == newest


def test_on_this_day_has_a_small_file_for_every_day_of_the_year(built_site: Path) -> None:
    folder = built_site / "data" / "on-this-day"
    files = sorted(p.name for p in folder.glob("*.json"))
    assert len(files) == 366 and files[0] == "01-01.json" and "02-29.json" in files
    day = json.loads((folder / "09-04.json").read_text("utf-8"))
    want = sorted(e["id"] for e in records("event") if str(e["date"]).endswith("-09-04"))
    assert sorted(d["path"].split("/")[1] for d in day) == want and want
    assert max(p.stat().st_size for p in folder.glob("*.json")) < 4096
