"""Authority pages: names, summary and the events that name it (authority.md.j2)."""

from __future__ import annotations

from ..page import Page
from .common import Site
from .record import named_context, record_pages


def pages(site: Site) -> list[Page]:
    return record_pages(site, "authority", named_context)
