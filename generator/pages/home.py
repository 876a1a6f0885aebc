"""The home page: the latest events, the counts and the years covered (home.md.j2)."""

from __future__ import annotations

from ..feeds import feed_path
from ..page import Page
from ..records import KINDS
from .common import RelativeLinks, Site, timeline_entry

LATEST_ON_HOME = 10


def pages(site: Site) -> list[Page]:
    corpus, home = site.corpus, RelativeLinks("index.md")
    return [site.page("index.md", "home.md.j2", lambda: {
        "latest": [timeline_entry(e, corpus, home) for e in corpus.timeline[:LATEST_ON_HOME]],
        "counts": [(home.page("timeline/index.md" if k.dated else f"{k.folder}/index.md", k.title),
                    len(corpus.records[k.name])) for k in KINDS.values()],
        "first": corpus.timeline[-1].values["date"].year if corpus.timeline else None,
        "last": corpus.timeline[0].values["date"].year if corpus.timeline else None,
        "timeline": home.page("timeline/index.md", "full timeline"), "data": home.page("data/index.md", "download the data"),
        "feed": home.page(feed_path(), "Atom feed")})]
