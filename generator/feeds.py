"""Atom feeds (RFC 4287): all events, and the events of each exchange, authority and platform.

Printed by two small templates in a Jinja environment that escapes `& < > " '` in every
value (autoescape); characters XML cannot carry at all (controls) never reach here: the
validator refuses them in values (E110). An event's entry is the same in each of the up to
four feeds it is in, so it is printed once and reused: at 10,000 events the feedgen library,
building an element tree per feed, took 1.5 s. The tests check every feed against RFC 4287's
schema. Every date comes from the data (an entry is updated when its record last changed,
else on the event's date), so a feed changes only when its events do.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from functools import cache, partial

import jinja2
from markupsafe import Markup

from .editions import EN, Edition
from .link import Corpus
from .opendata import page_url
from .records import KINDS, PartialDate, Record

SITE_TITLE = "China Crypto Crackdown Tracker"
# A feed carries the newest entries, as feeds do: readers poll it, often on slow links, and
# the whole record is in /data/ (JSON, CSV, iCalendar). Every event is in some feed while
# there are fewer than this many; the data page says so.
FEED_LIMIT = 100
FEED_KINDS = tuple(kind.name for kind in KINDS.values() if kind.actor)  # one feed per actor


def feed_path(record: Record | None = None) -> str:
    """feeds/events.atom, or feeds/<kind>/<id>.atom for one record's events."""
    return "feeds/events.atom" if record is None else f"feeds/{record.kind}/{record.id}.atom"


# Atom ids must never change (RFC 4287, 4.2.6), but the site's address may (a custom domain
# for readers in mainland China): ids are name-based UUIDs of the record's kind and id.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/china-crypto-crackdown-tracker")


def permanent_id(path: str) -> str:
    """urn:uuid for a record ('events/2017-09-04-ico-ban') or feed path, the same on any domain."""
    return uuid.uuid5(ID_NAMESPACE, path).urn


def midnight(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), dt.UTC)


def entry_dates(event: Record, changed: dict[tuple[str, str], str | None]) -> tuple[dt.datetime, dt.datetime]:
    """(published, updated): the event's first day, and its last change if later."""
    date: PartialDate = event.values["date"]
    published = midnight(date.first_day().isoformat())
    last = changed.get((event.kind, event.id))
    updated = max(published, midnight(last)) if last else published
    return published, updated


@cache
def atom_templates() -> tuple[jinja2.Template, jinja2.Template]:
    """The feed and entry templates, in their own environment: XML escaping, not the
    Markdown escaping of the page templates."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator"), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    return env.get_template("feed.atom.j2"), env.get_template("feed-entry.atom.j2")


class Entries:
    """Each event's <entry>, printed once for all the feeds it is in."""

    def __init__(self, site_url: str, changed: dict[tuple[str, str], str | None], edition: Edition = EN) -> None:
        self.site_url, self.changed, self.edition = site_url, changed, edition
        self.printed: dict[str, tuple[Markup, dt.datetime]] = {}

    def get(self, event: Record) -> tuple[Markup, dt.datetime]:
        """The entry and its updated date."""
        if event.id not in self.printed:
            published, updated = entry_dates(event, self.changed)
            text = atom_templates()[1].render(
                id=permanent_id(f"{self.edition.root}events/{event.id}"), title=self.text(event, "title"),
                url=page_url(self.site_url, event), published=published.isoformat(), updated=updated.isoformat(),
                summary=self.text(event, "summary"), type=event.values["type"])
            self.printed[event.id] = (Markup(text.rstrip("\n")), updated)
        return self.printed[event.id]

    def text(self, event: Record, name: str) -> str:
        """A text of the event in the feed's language: its Chinese twin in a zh feed where given."""
        return event.get(name + "_zh") or event.values[name] if self.edition.chinese else event.values[name]


def feed(events: list[Record], entries: Entries, title: str, path: str, about: Record | None = None,
         quiet_since: str = "2013-01-01") -> str:
    """One feed of the newest events. ``quiet_since`` dates a feed with no entries (RFC 4287
    wants an updated date): its record's last change, else the newest event of the site."""
    base = entries.site_url.rstrip("/")
    printed = [entries.get(event) for event in events[:FEED_LIMIT]]  # newest first, as the timeline
    newest = max([midnight(quiet_since), *(updated for _, updated in printed)])
    edition = entries.edition
    return atom_templates()[0].render(
        id=permanent_id(edition.root + path), title=title, updated=newest.isoformat(), lang=edition.lang,
        author=edition.plain("feed.author", site=edition.plain(SITE_TITLE)), rights=edition.plain("Data and texts CC BY 4.0"),
        self_url=f"{base}/{path}", page_url=page_url(entries.site_url, about) if about else f"{base}/timeline/",
        entries=[entry for entry, _ in printed])


def feeds(corpus: Corpus, site_url: str, changed: dict[tuple[str, str], str | None],
          edition: Edition = EN) -> dict[str, Callable[[], str]]:
    """{path: a function making its Atom text} for the site-wide feed and one feed per
    exchange, authority and platform (made when written, see page.Page), in ``edition``'s
    language (its site_url is the edition's own address)."""
    newest_day = corpus.timeline[0].values["date"].first_day().isoformat() if corpus.timeline else "2013-01-01"
    entries = Entries(site_url, changed, edition)
    site = edition.plain(SITE_TITLE)
    files = {feed_path(): partial(feed, corpus.timeline, entries, edition.plain("feed.all", site=site), feed_path())}
    for kind in FEED_KINDS:
        for record in corpus.records[kind].values():
            events = [e for e in corpus.named_by(record) if e.dated]
            name = edition.record_name(record.values)
            title = edition.plain("feed.record", site=site, name=name, kind=edition.plain(kind))
            quiet = changed.get((kind, record.id)) or newest_day
            files[feed_path(record)] = partial(feed, events, entries, title, feed_path(record), record, quiet)
    return files
