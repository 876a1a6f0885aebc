"""Publisher pages: who publishes, its tier and hosts, and every record that cites it
(publisher.md.j2). Which sources resolve to which publisher is the link phase's (sources.py)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..escape import md
from ..page import Page
from ..records import KINDS, PUBLISHER_TIERS, Record
from .common import RelativeLinks, Site
from .record import named_context, record_pages


def pages(site: Site) -> list[Page]:
    return record_pages(site, "publisher", publisher_context)


def publisher_context(publisher: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    """Its tier with what the tier means, its hosts, and the records citing it by section."""
    return {**named_context(publisher, site, links),
            "tier_meaning": PUBLISHER_TIERS[publisher.values["tier"]],
            "domains": Markup(", ").join(Markup(f"`{md(d)}`") for d in publisher.get("domains", ())),
            "cited_by": citing(publisher, site, links)}


def citing(publisher: Record, site: Site, links: RelativeLinks) -> dict[str, list[Markup]]:
    """Every record whose sources resolve to this publisher, by section title, each as a link
    (events newest first, then the others by id)."""
    groups: dict[str, list[Markup]] = {}
    for record in site.corpus.cited_by.get(publisher.id, ()):
        groups.setdefault(KINDS[record.kind].title, []).append(links.to(record))
    return groups
