"""Atom feeds (RFC 4287): all events, and the events of each exchange, authority and platform.

Written with feedgen rather than by hand, so escaping and the element order are a kept
library's job. Every date comes from the data (an entry is updated when its record last
changed, else on the event's date), so a feed changes only when its events do.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from functools import partial

from feedgen.feed import FeedGenerator

from .link import Corpus
from .opendata import page_url
from .records import PartialDate, Record

SITE_TITLE = "China Crypto Crackdown Tracker"
# A feed carries the newest entries, as feeds do: readers poll it, often on slow links, and
# the whole record is in /data/ (JSON, CSV, iCalendar). Every event is in some feed while
# there are fewer than this many; the data page says so.
FEED_LIMIT = 100
FEED_KINDS = ("exchange", "authority", "platform")


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
    last = changed.get(("event", event.id))
    updated = max(published, midnight(last)) if last else published
    return published, updated


def feed(events: list[Record], site_url: str, changed: dict[tuple[str, str], str | None],
         title: str, path: str, about: Record | None = None, quiet_since: str = "2013-01-01") -> str:
    """One feed. ``quiet_since`` dates a feed with no entries (RFC 4287 wants an updated date):
    its record's last change, else the newest event of the site."""
    base = site_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(permanent_id(path))
    fg.title(title)
    fg.author({"name": f"{SITE_TITLE} contributors"})
    fg.link(href=f"{base}/{path}", rel="self", type="application/atom+xml")
    fg.link(href=page_url(site_url, about) if about else f"{base}/timeline/", rel="alternate", type="text/html")
    fg.language("en")
    fg.rights("Data and texts CC BY 4.0")
    fg.generator("feedgen")  # no version: a library upgrade alone must not change the file
    newest = midnight(quiet_since)
    for event in events[:FEED_LIMIT]:  # newest first, as the timeline
        published, updated = entry_dates(event, changed)
        newest = max(newest, updated)
        entry = fg.add_entry(order="append")
        entry.id(permanent_id(f"events/{event.id}"))
        entry.title(event.values["title"])
        entry.link(href=page_url(site_url, event), rel="alternate", type="text/html")
        entry.published(published)
        entry.updated(updated)
        entry.summary(event.values["summary"])
        entry.category(term=event.values["type"])
    fg.updated(newest)
    return fg.atom_str(pretty=True).decode("utf-8")


def feeds(corpus: Corpus, site_url: str, changed: dict[tuple[str, str], str | None]) -> dict[str, Callable[[], str]]:
    """{path: a function making its Atom text} for the site-wide feed and one feed per
    exchange, authority and platform (made when written, see render.Page)."""
    newest_day = corpus.timeline[0].values["date"].first_day().isoformat() if corpus.timeline else "2013-01-01"
    files = {feed_path(): partial(feed, corpus.timeline, site_url, changed, f"{SITE_TITLE}: all events", feed_path())}
    for kind in FEED_KINDS:
        for record in corpus.records[kind].values():
            events = [e for e in corpus.named_by(record) if e.kind == "event"]
            title = f"{SITE_TITLE}: events naming {record.values['name']} ({kind})"
            quiet = changed.get((kind, record.id)) or newest_day
            files[feed_path(record)] = partial(feed, events, site_url, changed, title, feed_path(record), record, quiet)
    return files
