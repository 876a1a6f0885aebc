"""Event pages: what happened, who acted, its sources (template event.md.j2)."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..editions import Edition
from ..page import Page
from ..records import NAMED_FIELDS, Record
from .common import MISSING, RelativeLinks, Site, actors
from .record import record_pages


def pages(site: Site) -> list[Page]:
    return record_pages(site, "event", event_context)


def event_context(event: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    """An event lists its actors, and the bodies it names that did not act, at the top; it leads
    back to the timeline, not to a section."""
    edition, title_zh = site.edition, event.get("title_zh")
    return {"actors": edition.t(", ").join(actors(event, site, links)),
            # Under the title, the title in the other language: the Chinese on English pages, the English on Chinese ones.
            "other_title": (edition.english(event.values["title"]) if edition.chinese else title_zh) if title_zh else "",
            "document": document_lines(event.get("document"), edition),
            "named": [(edition.t(heading), edition.t(", ").join(links.to(r, site.name(r)) for r in named))
                      for role, heading in NAMED_FIELDS if (named := site.corpus.names(event, role))],
            "section": links.page("timeline/index.md", edition.t("Timeline")),
            # A Chinese page is found by its English title too, as the English page by its Chinese one:
            # in the search index's spellings field (generator/mkdocs_hook.py), shown nowhere.
            "search_spellings": Markup(json.dumps([event.values["title"]], ensure_ascii=False)) if edition.chinese else ""}


def document_lines(document: dict[str, Any] | None, edition: Edition) -> list[tuple[Markup, Any]]:
    """The official notice's number and titles, as (label, value) lines; none without a notice."""
    if document is None:
        return []
    missing = edition.t(MISSING)
    title = edition.english(document["title"]) if "title" in document else missing
    return [(edition.t("Document number:"), document.get("number", missing)),
            (edition.t("Document title:"), title), (edition.t("Chinese title:"), document.get("title_zh", missing))]
