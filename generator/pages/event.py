"""Event pages: what happened, who acted, its sources (template event.md.j2)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..page import Page
from ..records import NAMED_FIELDS, Record
from .common import RelativeLinks, Site, actors
from .record import record_pages


def pages(site: Site) -> list[Page]:
    return record_pages(site, "event", event_context)


def event_context(event: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    """An event lists its actors, and the bodies it names that did not act, at the top; it leads
    back to the timeline, not to a section."""
    return {"actors": Markup(", ").join(actors(event, site.corpus, links)),
            "named": [(heading, Markup(", ").join(links.to(r, r.values["name"]) for r in named))
                      for role, heading in NAMED_FIELDS if (named := site.corpus.names(event, role))],
            "section": links.page("timeline/index.md", "Timeline")}
