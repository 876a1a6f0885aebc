"""Atom feeds: all events, and the events of each exchange, authority and platform
(generator/feeds.py makes them)."""

from __future__ import annotations

from ..feeds import feeds
from ..page import Page
from .common import Site


def pages(site: Site) -> list[Page]:
    return [Page(site.edition.path(path), make=make)
            for path, make in feeds(site.corpus, site.site_url, site.dates, site.edition).items()]
