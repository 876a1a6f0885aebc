"""The home page: a lead, the numbers that matter, the landmark moves as a timeline, the
latest events as cards, on this day, then the counts of every section (home.md.j2)."""

from __future__ import annotations

from typing import Any

from ..editions import record_values
from ..feeds import feed_path
from ..link import Corpus
from ..page import Page
from ..records import KINDS, Record
from .common import RelativeLinks, SharedFiles, Site, timeline_entry

LATEST_ON_HOME = 8


def pages(site: Site) -> list[Page]:
    corpus, home, t = site.corpus, RelativeLinks("index.md"), site.edition.t
    return [site.page("index.md", "home.md.j2", lambda: {
        "numbers": numbers(corpus, site),
        "landmarks": landmarks(site, home),
        "latest": [timeline_entry(e, site, home) for e in corpus.timeline[:LATEST_ON_HOME]],
        "counts": [(home.page("timeline/index.md" if k.dated else f"{k.folder}/index.md", t(k.title)),
                    len(corpus.records[k.name])) for k in KINDS.values()],
        "first": corpus.timeline[-1].values["date"].year if corpus.timeline else None,
        "timeline": home.page("timeline/index.md", t("full timeline")),
        "data": home.page("data/index.md", t("download the data")), "feed": home.page(feed_path(), t("Atom feed")),
        # The day files are the English tree's (pages/on_this_day.py): the Chinese home reads them there.
        "on_this_day": SharedFiles("index.md").href("data/on-this-day/") if site.edition.chinese else "data/on-this-day/"})]


def latest_past(events: list[Record]) -> Record | None:
    """The newest event that has happened: a `scheduled` one is announced, not yet a move."""
    return next((e for e in events if not e.get("scheduled")), None)


def numbers(corpus: Corpus, site: Site) -> list[tuple[str, str]]:
    """The figures the home page leads with, each (what, value): the events, the years they
    span, the date of the latest one. Empty without events."""
    events = corpus.timeline
    if not events:
        return []
    first, last = events[-1].values["date"].year, events[0].values["date"].year
    latest = latest_past(events)
    t = site.edition.t
    out = [(t("events recorded"), str(len(events))),
           (t("home.years", first=str(first), last=str(last)), str(last - first + 1))]
    if latest is not None:
        out.append((t("date of the latest event"), site.edition.date(latest.values["date"])))
    return out


def landmarks(site: Site, links: RelativeLinks) -> list[dict[str, Any]]:
    """The events the data flags as landmarks, oldest first (the story in order), each with
    its reason and its card's fields."""
    flagged = [e for e in reversed(site.corpus.timeline) if e.get("landmark")]
    return [{**timeline_entry(e, site, links), "year": e.values["date"].year, "why": record_values(e, site.edition)["landmark"]}
            for e in flagged]
