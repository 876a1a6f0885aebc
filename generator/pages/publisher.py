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
    """A page per publisher, and the publishers' index: tiers explained, and how many records cite each."""
    kind = KINDS["publisher"]
    index = site.page(f"{kind.folder}/index.md", "publisher-index.md.j2", lambda: {
        "kind": kind, "tiers": PUBLISHER_TIERS, "rows": index_rows(site)})
    return [*record_pages(site, "publisher", publisher_context), index]


def index_rows(site: Site) -> list[dict[str, Any]]:
    links = RelativeLinks(f"{KINDS['publisher'].folder}/index.md")
    return [{"link": links.to(p, site.name(p)), "r": p.values, "cited": len(site.corpus.cited_by.get(p.id, ()))}
            for p in sorted(site.corpus.records[KINDS["publisher"].name].values(),
                            key=lambda r: site.by_name((r.id, str(site.label(r)))))]


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
        groups.setdefault(site.edition.t(KINDS[record.kind].title), []).append(links.to(record, site.label(record)))
    return groups
