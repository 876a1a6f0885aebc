"""The page kinds, one module each: a function from the site being made (the linked corpus,
its address, the last changes) to its pages, printed by its template. `PAGE_KINDS` lists
them; render runs them all. A new record kind adds its row to the field table
(records.py), one module here and its template."""

from __future__ import annotations

from . import (
    authority,
    contributing,
    downloads,
    event,
    exchange,
    feeds,
    home,
    on_this_day,
    platform,
    publisher,
    sections,
    term,
    timeline,
)
from .common import Site

PAGE_KINDS = (event, exchange, authority, platform, term, publisher, sections, timeline, home, downloads, feeds, on_this_day,
              contributing)

__all__ = ["PAGE_KINDS", "Site"]
