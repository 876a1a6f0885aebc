"""Exchange pages: names, status, and the China story with its status chart (exchange.md.j2)."""

from __future__ import annotations

from typing import Any

from .. import charts
from ..page import Page
from ..records import PartialDate, Record
from .common import RelativeLinks, Site
from .record import named_context, record_pages, source_lines


def pages(site: Site) -> list[Page]:
    return record_pages(site, "exchange", exchange_context)


def exchange_context(exchange: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    return {**named_context(exchange, site, links),
            "history": [dict(h, sources=source_lines(exchange, site, links, h["sources"], f"history[{index}]."))
                        for index, h in enumerate(exchange.get("history", ()))],
            "chart": charts.status_timeline(exchange, site.reference_date),
            "status_note": status_note(exchange)}


def last_change(exchange: Record) -> dict[str, Any] | None:
    """The history entry the status chart ends on: the latest date, the later-written on a tie."""
    dated = [(h["date"].first_day(), i, h) for i, h in enumerate(exchange.get("history", ()))
             if isinstance(h["date"], PartialDate)]
    return max(dated, key=lambda d: d[:2])[2] if dated else None


def status_note(exchange: Record) -> str:
    """What the header adds to the status when it is not the chart's last state: why they
    differ, so the two never silently disagree. Empty when they agree or either is missing."""
    status, last = exchange.get("status"), last_change(exchange)
    if not status or last is None or last["status"] == status:
        return ""
    if last["status"] == "renamed":
        return f"; the last change in the China story below ({last['date']}) is a change of name, not of status"
    return (f"; the last dated change in the China story below ({last['date']}) reads {last['status']}: "
            "this status is the record's reading of the latest sources as a whole")
