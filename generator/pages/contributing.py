"""The contributor's guide: the site's page, and CONTRIBUTING.md (standalone), from one
template (contributing.md.j2) fed by the field table and the table of codes."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from ..diagnostics import CODES
from ..escape import mark_chinese
from ..page import Page
from ..records import EVENT_TYPES, KINDS, PUBLISHER_TIERS, Field
from ..scaffold import EXAMPLES, template
from ..schema import schema_comment
from .common import SharedFiles, Site, environment


def pages(site: Site) -> list[Page]:
    if site.edition.chinese:  # a summary in Chinese that leads to the full guide
        return [site.page("contributing.md", "contributing-summary.md.j2", lambda: {"guide": SharedFiles("contributing.md").page(
            "contributing/", "Contributing")})]
    return [Page("contributing.md", make=lambda: contributing(site.env, standalone=False))]


def contributing(env: jinja2.Environment | None = None, standalone: bool = True) -> str:
    """The contributor's guide: the site's page, and CONTRIBUTING.md (standalone) from the same template."""
    env = env or environment()
    # Codes and field docs are our own Markdown (backticks for code), not record text: Markup.
    codes = [{"code": c.code, "title": c.title, "fix": Markup(c.fix), "severity": c.severity.value,
              "example": Markup(c.example)} for c in CODES.values()]
    text = env.get_template("contributing.md.j2").render(
        standalone=standalone, kinds=[(k, field_rows(k.fields), Markup(schema_comment(k))) for k in KINDS.values()], codes=codes,
        event_types={Markup(k): Markup(v) for k, v in EVENT_TYPES.items()},
        tiers={Markup(k): Markup(v) for k, v in PUBLISHER_TIERS.items()}, kind_names=Markup(", ".join(f"`{k}`" for k in KINDS)),
        templates=[(k, Markup(template(k.name)), Markup(EXAMPLES.get(k.name, ""))) for k in KINDS.values()])
    return text if text.endswith("\n") else text + "\n"


def chinese_outside_code(text: str) -> Markup:
    """Our own Markdown (field docs) with its Chinese marked, except inside `code` spans."""
    parts = text.split("`")
    return Markup("`".join(mark_chinese(p) if i % 2 == 0 else p for i, p in enumerate(parts)))


def field_rows(fields: tuple[Field, ...], prefix: str = "") -> list[dict[str, Any]]:
    """The contributing page's field table, flattened (sources.url, history.date, …)."""
    rows = []
    for f in fields:
        rows.append({"name": Markup(prefix + f.name), "type": f.type.describe(f), "required": "yes" if f.required else "no",
                     "doc": chinese_outside_code(f.doc)})
        if f.fields and not (f.type.described_once and prefix):  # nested sources: the same table as sources
            rows.extend(field_rows(f.fields, prefix + f.name + f.type.path_step))
    return rows
