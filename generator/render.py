"""Render phase: corpus → pages (a path and its Markdown), nothing written yet.

Python prepares everything a template prints: sorting, grouping, links and labels
(architecture decision 5). The Jinja environment escapes every printed value for Markdown
and HTML unless it is Markup built here (`finalize=md`), so a template that forgets a
filter cannot let record text inject markup (decision 6).
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .diagnostics import CODES
from .escape import attr, md
from .link import Corpus
from .records import EVENT_TYPES, KINDS, Field, Record
from .scaffold import EXAMPLES, template
from .search import names, spellings

TEMPLATES = Path(__file__).parent / "templates"
MISSING = Markup("*not found in the sources*")
LATEST_ON_HOME = 10


@dataclass(frozen=True)
class Page:
    path: str  # relative to the output folder, POSIX separators
    text: str


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=md,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(MISSING=MISSING, EVENT_TYPES=EVENT_TYPES)
    return env


def page_path(record: Record) -> str:
    return f"{KINDS[record.kind].folder}/{record.id}.md"


def label(record: Record) -> str:
    """The name a link shows: English first, Chinese beside it (readers search in both)."""
    if record.kind == "event":
        return record.values["title"]
    if record.kind == "term":
        return f"{record.values['term']} ({record.values['pinyin']})"
    name_zh = record.get("name_zh")
    return f"{record.values['name']} ({name_zh})" if name_zh else record.values["name"]


@functools.lru_cache(maxsize=65536)
def relative(path: str, base: str) -> str:
    """posixpath.relpath, cached: a site links the same few folders to each other thousands of times."""
    return posixpath.relpath(path, base)


class Links:
    """Relative Markdown links from one page, so MkDocs checks them (a broken one fails --strict)."""

    def __init__(self, from_path: str) -> None:
        self.base = posixpath.dirname(from_path)

    def href(self, path: str) -> str:
        return relative(path, self.base or ".")

    def to(self, record: Record, text: str | None = None) -> Markup:
        return Markup(f"[{md(text if text is not None else label(record))}]({self.href(page_path(record))})")

    def page(self, path: str, text: str) -> Markup:
        return Markup(f"[{md(text)}]({self.href(path)})")


def external(url: str, text: str) -> Markup:
    """A source link: raw HTML with an escaped attribute, since URLs may hold `(` `)` that end Markdown links."""
    return Markup(f'<a href="{attr(url)}">{md(text)}</a>')


def source_line(source: dict[str, Any]) -> Markup:
    parts = [md(source["publisher"]) + Markup(": ") + external(source["url"], source["title"])]
    if source.get("published"):
        parts.append(md(f"({source['published']})"))
    if source.get("archived"):
        parts.append(Markup("· ") + external(source["archived"], "archived copy"))
    if source.get("quote"):
        parts.append(Markup("— “") + md(source["quote"]) + Markup("”"))
    return Markup(" ").join(parts)


def short_english(english: str) -> str:
    """The equivalent before any gloss: "'cutting leeks' - fleecing small investors" → "'cutting leeks'".

    Page titles weigh most in search: a gloss in the title (which may name WeChat or OKEx)
    would rank the term above the record a reader is looking for."""
    return re.split(r" - |; |\. ", english, maxsplit=1)[0].strip()


def title_alias(record: Record) -> str:
    """The first short Latin alias (PBoC, OKEx, HTX), shown in the title: readers and search
    know the record by it as much as by its full name."""
    name = (record.get("name") or "").casefold()
    for alias in record.get("aliases", ()):
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9.]{1,11}", alias) and alias.casefold() != name:
            return alias
    return ""


LIBRARY_WORDS = {"pypinyin": "generated with the pypinyin library, checked by hand",
                 "opencc": "converted by machine with OpenCC"}


def provenance(value: str | None) -> Markup | str:
    """Where a reading came from, in a reader's words: a source link, or how a library derived it."""
    if not value:
        return ""
    if value.startswith(("http://", "https://")):
        return external(value, "source")
    return md(LIBRARY_WORDS.get(value, value))


def actors(event: Record, corpus: Corpus, links: Links) -> list[Markup]:
    out = []
    for kind, field_name in (("authority", "authorities"), ("exchange", "exchanges"), ("platform", "platforms")):
        for rid in event.get(field_name, ()):
            out.append(links.to(corpus.get(kind, rid), corpus.get(kind, rid).values["name"]))
    out.extend(md(a) for a in event.get("other_actors", ()))
    return out


def timeline_entry(event: Record, corpus: Corpus, links: Links) -> dict[str, Any]:
    return {"date": event.values["date"].text, "type": event.values["type"], "link": links.to(event),
            "title_zh": event.get("title_zh"), "actors": Markup(", ").join(actors(event, corpus, links))}


def related(record: Record, corpus: Corpus, links: Links) -> dict[str, list[Markup]]:
    """Records this one names, by section title, each as a link."""
    groups: dict[str, list[Markup]] = {}
    for ref in record.refs:
        if record.kind == "event" and ref.kind != "term":
            continue  # an event's actors are listed at its top already
        target = corpus.records[ref.kind].get(ref.id)
        if target is not None:
            groups.setdefault(KINDS[ref.kind].title, []).append(links.to(target))
    return {title: list(dict.fromkeys(items)) for title, items in groups.items()}


def record_context(record: Record, corpus: Corpus) -> dict[str, Any]:
    path = page_path(record)
    links = Links(path)
    named_by = corpus.named_by(record)
    named = {(ref.kind, ref.id) for ref in record.refs}
    return {
        "r": record.values,
        "kind": KINDS[record.kind],
        "sources": [source_line(s) for s in record.values.get("sources", ())],
        "names": related(record, corpus, links),
        "events": [timeline_entry(e, corpus, links) for e in named_by if e.kind == "event"],
        # Records that name this one, less those it names itself (related terms go both ways).
        "named_by": [links.to(r) for r in named_by if r.kind != "event" and (r.kind, r.id) not in named],
        "actors": Markup(", ").join(actors(record, corpus, links)) if record.kind == "event" else "",
        "history": [dict(h, sources=[source_line(s) for s in h["sources"]]) for h in record.get("history", ())],
        "spellings": spellings(record) if record.kind != "event" else [],
        # Material's search weighs a page's tags above its title: a record's own names go there,
        # so the record outranks the events that mention it. Not pinyin or parts: with the
        # trailing wildcard, 'ban' would then match every term spelt ban…. JSON is YAML, so
        # record text cannot break the front matter.
        "tags": Markup(json.dumps(names(record), ensure_ascii=False)) if record.kind != "event" else "",
        "title_alias": title_alias(record),
        "english_short": short_english(record.values["english"]) if record.kind == "term" else "",
        "pinyin_from": provenance(record.get("pinyin_source")),
        "traditional_from": provenance(record.get("traditional_source")),
        "section": links.page(f"{KINDS[record.kind].folder}/index.md", KINDS[record.kind].title)
        if record.kind != "event" else links.page("timeline/index.md", "Timeline"),
    }


def by_year(events: list[Record], corpus: Corpus, links: Links) -> list[tuple[int, list[dict]]]:
    return [(year, [timeline_entry(e, corpus, links) for e in group])
            for year, group in groupby(events, key=lambda e: e.values["date"].year)]


def section_rows(kind: str, corpus: Corpus) -> list[dict[str, Any]]:
    links = Links(f"{KINDS[kind].folder}/index.md")
    rows = []
    for record in sorted(corpus.records[kind].values(), key=lambda r: label(r).casefold()):
        rows.append({"link": links.to(record, record.values.get("name") or record.values.get("term")),
                     "r": record.values, "count": sum(1 for e in corpus.named_by(record) if e.kind == "event")})
    return rows


def field_rows(fields: tuple[Field, ...], prefix: str = "") -> list[dict[str, Any]]:
    """The contributing page's field table, flattened (sources.url, history.date, …)."""
    rows = []
    for f in fields:
        kind = {"refs": f"list of {f.ref} ids", "texts": "list of text", "list": "list of mappings",
                "enum": Markup("one of: " + ", ".join(f"`{v}`" for v in f.values))}.get(f.type, f.type)
        rows.append({"name": Markup(prefix + f.name), "type": kind, "required": "yes" if f.required else "no",
                     "doc": Markup(f.doc)})
        if f.fields and not (f.name == "sources" and prefix):  # nested sources: same table as sources
            rows.extend(field_rows(f.fields, prefix + f.name + "[]." if f.type == "list" else prefix + f.name + "."))
    return rows


def render(corpus: Corpus) -> list[Page]:
    """Every generated page, sorted by path."""
    env = environment()
    pages: list[Page] = []

    def emit(path: str, template: str, **context: Any) -> None:
        text = env.get_template(template).render(**context)
        pages.append(Page(path, text if text.endswith("\n") else text + "\n"))

    for kind, records in corpus.records.items():
        for record in records.values():
            emit(page_path(record), f"{kind}.md.j2", **record_context(record, corpus))
        if kind != "event":
            emit(f"{KINDS[kind].folder}/index.md", f"{kind}-index.md.j2", rows=section_rows(kind, corpus),
                 kind=KINDS[kind])
    timeline_links = Links("timeline/index.md")
    emit("timeline/index.md", "timeline.md.j2", years=by_year(corpus.timeline, corpus, timeline_links),
         types=sorted(Counter(e.values["type"] for e in corpus.timeline).items()))
    emit("events/index.md", "events-index.md.j2", timeline=Links("events/index.md").page("timeline/index.md", "timeline"),
         count=len(corpus.timeline))
    home = Links("index.md")
    emit("index.md", "home.md.j2", latest=[timeline_entry(e, corpus, home) for e in corpus.timeline[:LATEST_ON_HOME]],
         counts=[(home.page(f"{k.folder}/index.md" if k.name != "event" else "timeline/index.md", k.title),
                  len(corpus.records[k.name])) for k in KINDS.values()],
         first=corpus.timeline[-1].values["date"].year if corpus.timeline else None,
         last=corpus.timeline[0].values["date"].year if corpus.timeline else None)
    pages.append(Page("contributing.md", contributing(env, standalone=False)))
    return sorted(pages, key=lambda p: p.path)


def contributing(env: jinja2.Environment | None = None, standalone: bool = True) -> str:
    """The contributor's guide: the site's page, and CONTRIBUTING.md (standalone) from the same template."""
    env = env or environment()
    # Codes and field docs are our own Markdown (backticks for code), not record text: Markup.
    codes = [{"code": c.code, "title": c.title, "fix": Markup(c.fix), "severity": c.severity.value,
              "example": Markup(c.example)} for c in CODES.values()]
    text = env.get_template("contributing.md.j2").render(
        standalone=standalone, kinds=[(k, field_rows(k.fields)) for k in KINDS.values()], codes=codes,
        event_types={Markup(k): Markup(v) for k, v in EVENT_TYPES.items()}, kind_names=Markup(", ".join(f"`{k}`" for k in KINDS)),
        templates=[(k, Markup(template(k.name)), Markup(EXAMPLES[k.name])) for k in KINDS.values()])
    return text if text.endswith("\n") else text + "\n"
