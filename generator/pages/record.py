"""What every record page shows, whatever its kind: sources, what it names and what names
it, its events, and "cite this". A kind's module adds its own fields (`record_pages`)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..editions import EN, Edition, record_values
from ..escape import md
from ..feeds import feed_path
from ..opendata import page_url
from ..page import Page
from ..records import ACTOR_FIELDS, KINDS, NAMED_FIELDS, Record
from ..search import names, spellings
from .cite import citation
from .common import RelativeLinks, Site, chinese, external, page_path
from .headmeta import front_matter, head_tags

# A kind's own fields of its page: (record, site, its links) → more template context.
Extra = Callable[[Record, Site, RelativeLinks], dict[str, Any]]


def record_pages(site: Site, kind: str, extra: Extra) -> list[Page]:
    """One lazy page per record of ``kind``, from the template named after the kind."""
    def make(record: Record) -> str:
        links = RelativeLinks(page_path(record))
        return site.render(f"{kind}.md.j2", {**record_context(record, site, links), **extra(record, site, links)})

    return [Page(site.edition.path(page_path(record)), make=functools.partial(make, record), narrow=KINDS[kind].dated,
                 spells=not KINDS[kind].dated) for record in site.corpus.records[kind].values()]


def record_context(record: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    """The context every record template has (the base template, _record.md.j2, prints it)."""
    named_by = site.corpus.named_by(record)
    named = {(r.kind, r.id) for r in site.corpus.names(record)}
    change = site.changed.get((record.kind, record.id))
    edition = site.edition
    return {
        "r": record_values(record, edition),
        "kind": KINDS[record.kind],
        "sources": source_lines(record, site, links, record.values.get("sources", ())),
        "names": related(record, site, links),
        # The footer lists date, type and title only: the timeline's actors and sources are not made here.
        "events": [{"date": edition.date(e.values["date"]), "type": edition.t(e.values["type"]),
                    "link": links.to(e, site.label(e)),
                    "named_only": named_only(e, record, site)}
                   for e in named_by if e.dated],
        # Records that name this one, less those it names itself (related terms go both ways).
        "named_by": [links.to(r, site.label(r)) for r in named_by if not r.dated and (r.kind, r.id) not in named],
        "cite": citation(record, site, site.title(record), change),
        "head_meta": front_matter(head_tags(record, site.title(record), page_url(site.site_url, record), change, edition)),
        # The sitemap's <lastmod> (overrides/sitemap.xml): the record's last committed change.
        "lastmod": Markup(json.dumps(change.date)) if change and change.date else "",
        "feed": links.page(feed_path(record), edition.t("Atom feed of its events")) if KINDS[record.kind].actor else "",
        "section": links.page(f"{KINDS[record.kind].folder}/index.md", edition.t(KINDS[record.kind].title)),
    }


def named_only(event: Record, record: Record, site: Site) -> bool:
    """Whether the event names ``record`` as a body that did not act (`named_authorities`)."""
    return any(r is record for role, _ in NAMED_FIELDS for r in site.corpus.names(event, role))


def named_context(record: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    """What the pages of named records (all but events) add: their names and spellings."""
    return {
        # Not printed: the MkDocs hook moves them from the front matter to the search index.
        "search_spellings": Markup(json.dumps(spellings(record, site.known_words), ensure_ascii=False)),
        "traditional": chinese(record.get("traditional")),
        "heading": heading(record, site) if "name" in record.values else "",
        "aliases": site.edition.t(", ").join(chinese(a) for a in record.get("aliases", ())),
        "feed_path": feed_path(record) if KINDS[record.kind].actor else "",
        # Material's search weighs a page's tags above its title: a record's own names go there,
        # so the record outranks the events that mention it. Not pinyin or parts: with the
        # trailing wildcard, 'ban' would then match every term spelt ban…. JSON is YAML, so
        # record text cannot break the front matter.
        "tags": Markup(json.dumps(names(record), ensure_ascii=False)),
        "title_alias": title_alias(record),
    }


ARCHIVE_SEARCH = "https://web.archive.org/web/*/"  # the Wayback Machine's list of a page's copies


def source_lines(record: Record, site: Site, links: RelativeLinks, sources: tuple, prefix: str = "") -> list[Markup]:
    """Each source's line, its credit linked to the publisher it resolves to (link phase,
    Corpus.cited); ``prefix`` is where the list sits in the record ("history[0].")."""
    cited = site.corpus.cited.get((record.kind, record.id), {})
    return [source_line(s, credit(s, cited.get(f"{prefix}sources[{i}]"), links, site.edition), site.edition)
            for i, s in enumerate(sources)]


def credit(source: dict[str, Any], publisher: Record | None, links: RelativeLinks, edition: Edition = EN) -> Markup:
    """The source's `publisher` text, linked to its publisher's page, with the publisher's tier."""
    if publisher is None:
        return md(source["publisher"])
    return Markup(f"{links.to(publisher, source['publisher'])} ({edition.t(publisher.values['tier'])})")


def source_line(source: dict[str, Any], who: Markup | None = None, edition: Edition = EN) -> Markup:
    """Publisher (linked, its tier): linked title (published) · archived copy — “quote”; without
    a copy, a plain link to look for one in the Wayback Machine (the page itself asks the archive
    nothing). Every part is escaped (md, external) before it is joined as plain text, then marked
    safe once."""
    line = f"{who if who is not None else md(source['publisher'])}: {external(source['url'], source['title'])}"
    if source.get("published"):
        published = md("(" + edition.date(source["published"]) + ")")
        line = f"{line} {published}"  # f-strings, not +: str + Markup would escape the line again
    if source.get("archived"):
        line = f"{line} · {external(source['archived'], edition.t('archived copy'))}"
    else:
        line = f"{line} · {external(ARCHIVE_SEARCH + source['url'], edition.t('find in the archive'))}"
    if source.get("quote"):
        line = f"{line} — “{md(source['quote'])}”"
    return Markup(line)


def related(record: Record, site: Site, links: RelativeLinks) -> dict[str, list[Markup]]:
    """Records this one names, by section title, each as a link."""
    fields = {f.name: f for f in KINDS[record.kind].fields}
    groups: dict[str, list[Markup]] = {}
    for role, target in site.corpus.links.get((record.kind, record.id), ()):
        if (role, target.kind) in ACTOR_FIELDS or not fields[role].acting:
            continue  # an event lists the actors it names, acting or not, at its top already
        heading = site.edition.t(fields[role].heading or KINDS[target.kind].title)
        groups.setdefault(heading, []).append(links.to(target, site.label(target)))
    return {title: list(dict.fromkeys(items)) for title, items in groups.items()}


def heading(record: Record, site: Site) -> Markup:
    """A named record's page title: its English name, its short alias in brackets and its
    Chinese name; on zh pages the Chinese name first."""
    name, alias, name_zh = record.values["name"], title_alias(record), record.get("name_zh")
    english = md(name) + (Markup(" (") + md(alias) + Markup(")") if alias else Markup(""))
    if site.edition.chinese and name_zh:
        return md(name_zh) + Markup(" ") + english
    return english + (Markup(" ") + md(name_zh) if name_zh else Markup(""))


def title_alias(record: Record) -> str:
    """The first short Latin alias (PBoC, OKEx, HTX), shown in the title: readers and search
    know the record by it as much as by its full name."""
    name = (record.get("name") or "").casefold()
    for alias in record.get("aliases", ()):
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9.]{1,11}", alias) and alias.casefold() != name:
            return alias
    return ""
