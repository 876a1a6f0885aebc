"""The section indexes: every exchange, authority, platform and term in a table
(<kind>-index.md.j2), and the events folder's index, which points to the timeline."""

from __future__ import annotations

from typing import Any

from ..page import Page
from ..records import KINDS, PUBLISHER_TIERS
from .common import RelativeLinks, Site, label


def pages(site: Site) -> list[Page]:
    out = [site.page(f"{KINDS[kind].folder}/index.md", f"{kind}-index.md.j2",
                     lambda kind=kind: {"rows": section_rows(kind, site), "kind": KINDS[kind], "tiers": PUBLISHER_TIERS})
           for kind in site.corpus.records if kind != "event"]
    out.append(site.page("events/index.md", "events-index.md.j2", lambda: {
        "timeline": RelativeLinks("events/index.md").page("timeline/index.md", "timeline"),
        "count": len(site.corpus.timeline)}))
    return out


def section_rows(kind: str, site: Site) -> list[dict[str, Any]]:
    links = RelativeLinks(f"{KINDS[kind].folder}/index.md")
    rows = []
    for record in sorted(site.corpus.records[kind].values(), key=lambda r: label(r).casefold()):
        rows.append({"link": links.to(record, record.values.get("name") or record.values.get("term")),
                     "r": record.values, "count": sum(1 for e in site.corpus.named_by(record) if e.kind == "event"),
                     "cited": len(site.corpus.cited_by.get(record.id, ())) if kind == "publisher" else 0})
    return rows
