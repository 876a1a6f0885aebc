"""Exchange pages: names, status, and the China story with its status chart (exchange.md.j2)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .. import charts
from ..editions import EN, Edition, record_values
from ..page import Page
from ..records import PartialDate, Record
from .common import RelativeLinks, Site
from .record import named_context, record_pages, source_lines


def pages(site: Site) -> list[Page]:
    return record_pages(site, "exchange", exchange_context)


def exchange_context(exchange: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    return {**named_context(exchange, site, links),
            "chart": charts.status_timeline(exchange, site.reference_date, edition=site.edition),
            "history": [dict(h, sources=source_lines(exchange, site, links, h["sources"], f"history[{index}]."))
                        for index, h in enumerate(record_values(exchange, site.edition).get("history", ()))],
            "status_note": status_note(exchange, site.edition)}


def last_change(exchange: Record) -> dict[str, Any] | None:
    """The history entry the status chart ends on: the latest date, the later-written on a tie."""
    dated = [(h["date"].first_day(), i, h) for i, h in enumerate(exchange.get("history", ()))
             if isinstance(h["date"], PartialDate)]
    return max(dated, key=lambda d: d[:2])[2] if dated else None


def status_note(exchange: Record, edition: Edition = EN) -> Markup | str:
    """What the header adds to the status when it is not the chart's last state: why they
    differ, so the two never silently disagree. Empty when they agree or either is missing."""
    status, last = exchange.get("status"), last_change(exchange)
    if not status or last is None or last["status"] == status:
        return ""
    date = edition.date(last["date"])
    if last["status"] == "renamed":
        return edition.t("status.renamed", date=date)
    return edition.t("status.differs", date=date, status=edition.t(last["status"]))
