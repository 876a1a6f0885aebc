"""Render phase: the linked corpus → pages (a path and its Markdown), nothing written yet.

Each page kind lives in a module of its own under pages/ (pages.PAGE_KINDS); this runs
them all. Pages are made lazily, when their text is asked for (see page.Page), so a
forked copy can make event pages while this process makes the others (making.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .editions import EDITIONS, Edition
from .history import Changed
from .link import Corpus
from .page import Page
from .pages import PAGE_KINDS, Site
from .pages.common import COMPILED_FOR, environment
from .records import KINDS

__all__ = ["Page", "render"]


def render(corpus: Corpus, site_url: str = "", changed: Changed | None = None,
           cache_dir: Path | None = None, epoch: dt.date | None = None) -> list[Page]:
    """Every generated page and file of every edition, sorted by path. ``cache_dir``: where
    compiled templates are kept between builds; ``epoch``: the reference date SOURCE_DATE_EPOCH
    gives, if any. Each edition is a Site of its own (its language, its address under the
    site's) over the one corpus, with one template environment."""
    env = environment(cache_dir / f"templates-{COMPILED_FOR}" if cache_dir else None)
    for kind in KINDS.values():  # loaded before a copy may fork (making.py), not in both processes
        env.get_template(f"{kind.name}.md.j2")
    sites = [Site(corpus, edition_url(site_url, edition), changed or {}, env, epoch, edition) for edition in EDITIONS]
    return sorted((page for site in sites for kind in PAGE_KINDS for page in kind.pages(site)), key=lambda p: p.path)


def edition_url(site_url: str, edition: Edition) -> str:
    """An edition's own address: the site's, with the edition's folder under it."""
    return f"{site_url.rstrip('/')}/{edition.root}" if site_url and edition.root else site_url
