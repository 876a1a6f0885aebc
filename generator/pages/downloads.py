"""The data page and the downloads it lists: every kind as JSON and CSV, their schemas and
events.ics (opendata.py makes the files)."""

from __future__ import annotations

from ..feeds import FEED_KINDS, FEED_LIMIT, feed_path
from ..opendata import downloads
from ..page import Page
from ..records import KINDS
from .common import RelativeLinks, SharedFiles, Site

PATH = "data/index.md"


def pages(site: Site) -> list[Page]:
    """The data page of each edition; the files once, in the English tree: one data set, which
    the Chinese page links to there."""
    files = [] if site.edition.chinese else [
        Page(path, make=make) for path, make in downloads(site.corpus, site.site_url, site.dates).items()]
    return [*files, site.page(PATH, "data.md.j2", lambda: data_context(site))]


def data_context(site: Site) -> dict:
    corpus, links = site.corpus, RelativeLinks(PATH)
    files = SharedFiles(PATH) if site.edition.chinese else links
    return {
        "kinds": [(k, {ext: files.page(f"data/{k.plural}.{ext}", f"{k.plural}.{ext}") for ext in ("json", "csv")},
                   files.page(f"data/schema/{k.plural}.json", site.edition.t("schema")), len(corpus.records[k.name]))
                  for k in KINDS.values()],
        "ics": files.page("data/events.ics", "events.ics"), "feed": links.page(feed_path(), "feeds/events.atom"),
        "feed_count": 1 + sum(len(corpus.records[kind]) for kind in FEED_KINDS), "site_url": site.site_url,
        "feed_limit": FEED_LIMIT, "event_count": len(corpus.timeline),
        "example_feed": next((links.page(feed_path(r), feed_path(r))
                              for kind in FEED_KINDS for r in corpus.records[kind].values()), "")}
