"""The section indexes: the records of each kind that is not dated in a table whose columns the
field table gives (Kind.columns, section-index.md.j2), and the events folder's index, which
points to the timeline."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..editions import Edition
from ..escape import md
from ..page import Page
from ..records import KINDS
from ..vocabulary import CLOSED_VALUES
from .common import RelativeLinks, Site


def pages(site: Site) -> list[Page]:
    out = [site.page(f"{KINDS[kind].folder}/index.md", "section-index.md.j2",
                     lambda kind=kind: {"rows": section_rows(kind, site), "kind": KINDS[kind]})
           for kind in site.corpus.records if KINDS[kind].columns]  # others make their own
    out.append(site.page("events/index.md", "events-index.md.j2", lambda: {
        "timeline": RelativeLinks("events/index.md").page("timeline/index.md", site.edition.t("timeline")),
        "count": len(site.corpus.timeline)}))
    return out


def section_rows(kind: str, site: Site) -> list[dict[str, Any]]:
    links = RelativeLinks(f"{KINDS[kind].folder}/index.md")
    rows = []
    first, fields = KINDS[kind].label[0], {f.name: f for f in KINDS[kind].fields}
    for record in sorted(site.corpus.records[kind].values(), key=lambda r: site.by_name((r.id, str(site.label(r))))):
        shown = site.label(record) if site.edition.chinese and first == "name" else record.values[first]
        rows.append({"link": links.to(record, shown),
                     "cells": [cell(record.get(name), site.edition, fields[name].lang) for name, _ in KINDS[kind].columns],
                     "count": sum(1 for e in site.corpus.named_by(record) if e.dated)})
    return rows


def cell(value: Any, edition: Edition, lang: str = "") -> Markup | str:
    """A field's value in a table cell: a list joined with commas, nothing for a field not given;
    a value of a closed set (a status, a level) in the edition's words; English text (``lang``)
    marked as such on a Chinese page."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return edition.t(", ").join(md(item) for item in value)  # Markup's join would HTML-escape only
    if lang == "en":
        return edition.english(value)
    return edition.t(value) if value in CLOSED_VALUES else str(value)
