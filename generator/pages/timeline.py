"""The timeline: every event, newest first by year, with its filters and the chart of events
per year (timeline.md.j2)."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Any

from markupsafe import Markup

from .. import charts
from ..escape import attr
from ..feeds import feed_path
from ..page import Page
from ..records import ACTOR_FIELDS, KINDS, Record
from .common import RelativeLinks, Site, timeline_entry

PATH = "timeline/index.md"


def pages(site: Site) -> list[Page]:
    corpus, links, t = site.corpus, RelativeLinks(PATH), site.edition.t
    return [site.page(PATH, "timeline.md.j2", lambda: {
        "years": by_year(corpus.timeline, site, links),
        "types": sorted(Counter(e.values["type"] for e in corpus.timeline).items()),
        "chart": charts.events_per_year(corpus.timeline, edition=site.edition),
        "table": charts.year_table_html(corpus.timeline, site.edition),
        "filters": filter_form(site), "count": len(corpus.timeline),
        "feed": links.page(feed_path(), t("Atom feed of all events")),
        "data": links.page("data/index.md", t("downloads"))})]


def by_year(events: list[Record], site: Site, links: RelativeLinks) -> list[tuple[int, list[dict[str, Any]]]]:
    return [(year, [timeline_entry(e, site, links, filters=True) for e in group])
            for year, group in groupby(events, key=lambda e: e.values["date"].year)]


def filter_form(site: Site) -> Markup:
    """The timeline's filters, as a form shown only when scripts run (tracker.css), its
    "Showing N of M" line first: without JavaScript the page is the full list. Python lists and sorts
    every option."""
    corpus, t = site.corpus, site.edition.t
    events = corpus.timeline
    years = sorted({e.values["date"].year for e in events}, reverse=True)
    types = sorted({e.values["type"] for e in events})
    groups = [("year", t("Year"), t("All years"), [(str(y), str(y)) for y in years]),
              ("type", t("Type"), t("All types"), [(type_id, site.edition.plain(type_id)) for type_id in types])]
    for field_name, name in ACTOR_FIELDS:
        used = {rid for e in events for rid in e.get(field_name, ())}
        options = sorted(((rid, site.name(corpus.get(name, rid))) for rid in used), key=site.by_name)
        groups.append((name, t(name.capitalize()), t(f"All {KINDS[name].plural}"), options))
    parts = ['<form class="timeline-filters" id="timeline-filters">',
             '<output id="timeline-count" aria-live="polite"></output>']
    for name, title, everything, options in groups:
        # One line per value: a raw HTML block ends at a blank line, so a name's newlines must not reach it.
        opts = "".join(f'<option value="{attr(v)}">{attr(" ".join(text.split()))}</option>' for v, text in options)
        parts.append(f'<label>{title} <select name="{name}"><option value="">{everything}</option>{opts}</select></label>')
    parts.append(f'<button type="reset" class="md-button">{t("Show all")}</button>')
    parts.append("</form>")
    return Markup("".join(parts))
