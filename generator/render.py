"""Render phase: the linked corpus → pages (a path and its Markdown), nothing written yet.

Each page kind lives in a module of its own under pages/ (pages.PAGE_KINDS); this runs
them all. Pages are made lazily, when their text is asked for (see page.Page), so a
forked copy can make event pages while this process loads what the other pages need
(OpenCC's t2s, jieba's dictionary; pypinyin and OpenCC's s2t are loaded already, when the
glossary was validated).
"""

from __future__ import annotations

from .history import Changed
from .link import Corpus
from .page import Page
from .pages import PAGE_KINDS, Site

__all__ = ["Page", "render"]


def render(corpus: Corpus, site_url: str = "", changed: Changed | None = None) -> list[Page]:
    """Every generated page and file, sorted by path."""
    site = Site(corpus, site_url, changed or {})
    site.env.get_template("event.md.j2")  # compiled before a copy may fork (making.py), not in both processes
    return sorted((page for kind in PAGE_KINDS for page in kind.pages(site)), key=lambda p: p.path)
