"""Exchange pages: names, status, and the China story with its status chart (exchange.md.j2)."""

from __future__ import annotations

from typing import Any

from .. import charts
from ..page import Page
from ..records import Record
from .common import RelativeLinks, Site
from .record import named_context, record_pages, source_lines


def pages(site: Site) -> list[Page]:
    return record_pages(site, "exchange", exchange_context)


def exchange_context(exchange: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    return {**named_context(exchange, site, links),
            "history": [dict(h, sources=source_lines(exchange, site, links, h["sources"], f"history[{index}]."))
                        for index, h in enumerate(exchange.get("history", ()))],
            "chart": charts.status_timeline(exchange)}
