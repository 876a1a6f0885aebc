"""Render phase: corpus → pages (a path and its Markdown), nothing written yet.

Python prepares everything a template prints: sorting, grouping, links and labels
(architecture decision 5). The Jinja environment escapes every printed value for Markdown
and HTML unless it is Markup built here (`finalize=md`), so a template that forgets a
filter cannot let record text inject markup (decision 6).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import charts
from .diagnostics import CODES
from .escape import attr, mark_chinese, md, zh
from .feeds import FEED_KINDS, FEED_LIMIT, feed_path, feeds
from .history import Changed
from .link import Corpus
from .opendata import downloads, page_url
from .records import EVENT_TYPES, KINDS, Field, PartialDate, Record
from .scaffold import EXAMPLES, template
from .search import dictionary_words, has_han, load_readers, name_parts, names, segmentable_names, simplified, spellings

TEMPLATES = Path(__file__).parent / "templates"
SITE_TITLE = "China Crypto Crackdown Tracker"
MISSING = Markup("*not found in the sources*")
LATEST_ON_HOME = 10


class Page:
    """A generated file: its path (relative to the output folder, POSIX separators) and its
    text. Pages are made when their text is asked for (when the writer writes them), so a
    build holds one page's text at a time, not the whole site (10,000 events: hundreds of
    MB); the writer counts the time it takes as render's. Only valid, linked data reaches
    render, so making a page cannot fail on the data."""

    __slots__ = ("path", "_text", "_make", "narrow", "spells")

    def __init__(self, path: str, text: str | None = None, make: Callable[[], str] | None = None,
                 narrow: bool = False, spells: bool = False) -> None:
        self.path, self._text, self._make = path, text, make
        # For the writer's forked copy (write.py): narrow, an event page (it reads its event and
        # the few records it names); spells, a page that spells names (it needs pypinyin, OpenCC
        # and jieba's dictionary, which only the build process uses).
        self.narrow, self.spells = narrow, spells

    @property
    def text(self) -> str:
        if self._text is not None:
            return self._text
        text = self._make()  # type: ignore[misc]
        return text if text.endswith("\n") else text + "\n"

    def __repr__(self) -> str:
        return f"Page({self.path!r})"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=md,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat per page
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
    """posixpath.relpath of a file's path from a folder (both POSIX, inside the output folder),
    by their parts (relpath asks the file system for the working directory twice a call), cached."""
    if base in ("", "."):
        return path
    parts, base_parts = path.split("/"), base.split("/")
    common = 0
    while common < len(base_parts) and common < len(parts) - 1 and parts[common] == base_parts[common]:
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + parts[common:])


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
    """Publisher: linked title (published) · archived copy — “quote”. Every part is escaped
    (md, external) before it is joined as plain text, then marked safe once."""
    line = f"{md(source['publisher'])}: {external(source['url'], source['title'])}"
    if source.get("published"):
        published = md("(" + str(source["published"]) + ")")
        line = f"{line} {published}"  # f-strings, not +: str + Markup would escape the line again
    if source.get("archived"):
        line = f"{line} · {external(source['archived'], 'archived copy')}"
    if source.get("quote"):
        line = f"{line} — “{md(source['quote'])}”"
    return Markup(line)


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
            "title_zh": event.get("title_zh"), "actors": Markup(", ").join(actors(event, corpus, links)),
            "sources": Markup(", ").join(external(s["url"], s["publisher"]) for s in event.values.get("sources", ())),
            "filters": filter_attributes(event)}


def filter_attributes(event: Record) -> Markup:
    """The attribute list the timeline's filter script reads: ids and enum values only, so
    nothing a contributor types reaches an attribute unescaped (attr() all the same)."""
    parts = [f'data-year="{event.values["date"].year}"', f'data-type="{attr(event.values["type"])}"']
    for name, field_name in (("authority", "authorities"), ("exchange", "exchanges"), ("platform", "platforms")):
        ids = event.get(field_name, ())
        if ids:
            parts.append(f'data-{name}="{attr(" ".join(ids))}"')
    return Markup("{ " + " ".join(parts) + " }")


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


def bibtex_escape(text: str) -> str:
    """Characters LaTeX treats as commands, escaped so a title prints as written."""
    return re.sub(r"\s+", " ", text).translate(BIBTEX_SPECIALS)


BIBTEX_SPECIALS = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                                 "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


def citation(record: Record, site_url: str, changed: str | None) -> dict[str, Any]:
    """"Cite this": a plain-text line and a BibTeX entry with the permanent URL and last change."""
    url = page_url(site_url, record)
    title = label(record)
    when = f"last changed {changed}" if changed else "last change not recorded"
    fields = [("title", "{" + bibtex_escape(title) + "}"), ("author", f"{{{SITE_TITLE} contributors}}"),
              ("howpublished", SITE_TITLE), ("url", url)]
    if changed:
        fields += [("year", changed[:4]), ("date", changed), ("note", f"Last changed {changed}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    bibtex = f"@misc{{cccct-{record.kind}-{record.id},\n{body}\n}}"
    return {"text": Markup(f"{SITE_TITLE} contributors. “") + md(title) + Markup(f".” {SITE_TITLE}, {when}. <{attr(url)}>"),
            # A raw <pre> block: Markdown leaves it alone, so record text is HTML-escaped here.
            "bibtex": Markup(f'<pre class="cite-bibtex"><code>{mark_chinese(attr(bibtex))}</code></pre>'),
            "changed": changed}


def chinese(text: str | None) -> Markup | str:
    """Chinese in its script's language tag: traditional forms say zh-Hant."""
    if text and has_han(text) and is_traditional(text):
        return zh(text, "zh-Hant")
    return md(text or "")  # simplified runs get lang="zh-Hans" from md()


@functools.lru_cache(maxsize=4096)
def is_traditional(text: str) -> bool:
    """Written in traditional characters: converting it to simplified changes it."""
    return simplified(text) != text


def record_context(record: Record, corpus: Corpus, site_url: str = "", changed: Changed | None = None,
                   known: frozenset[str] | None = None) -> dict[str, Any]:
    path = page_path(record)
    links = Links(path)
    named_by = corpus.named_by(record)
    named = {(ref.kind, ref.id) for ref in record.refs}
    return {
        "r": record.values,
        "kind": KINDS[record.kind],
        "sources": [source_line(s) for s in record.values.get("sources", ())],
        "names": related(record, corpus, links),
        # The footer lists date, type and title only: the timeline's actors and sources are not made here.
        "events": [{"date": e.values["date"].text, "type": e.values["type"], "link": links.to(e)}
                   for e in named_by if e.kind == "event"],
        # Records that name this one, less those it names itself (related terms go both ways).
        "named_by": [links.to(r) for r in named_by if r.kind != "event" and (r.kind, r.id) not in named],
        "actors": Markup(", ").join(actors(record, corpus, links)) if record.kind == "event" else "",
        "history": [dict(h, sources=[source_line(s) for s in h["sources"]]) for h in record.get("history", ())],
        "spellings": Markup(" · ").join(chinese(s) for s in spellings(record, known)) if record.kind != "event" else "",
        "traditional": chinese(record.get("traditional")),
        "aliases": Markup(", ").join(chinese(a) for a in record.get("aliases", ())),
        "cite": citation(record, site_url, (changed or {}).get((record.kind, record.id))),
        "feed": links.page(feed_path(record), "Atom feed of its events") if record.kind in FEED_KINDS else "",
        "feed_path": feed_path(record) if record.kind in FEED_KINDS else "",
        "chart": charts.status_timeline(record) if record.kind == "exchange" else "",
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


def chinese_outside_code(text: str) -> Markup:
    """Our own Markdown (field docs) with its Chinese marked, except inside `code` spans."""
    parts = text.split("`")
    return Markup("`".join(mark_chinese(p) if i % 2 == 0 else p for i, p in enumerate(parts)))


def field_rows(fields: tuple[Field, ...], prefix: str = "") -> list[dict[str, Any]]:
    """The contributing page's field table, flattened (sources.url, history.date, …)."""
    rows = []
    for f in fields:
        kind = {"refs": f"list of {f.ref} ids", "texts": "list of text", "list": "list of mappings",
                "enum": Markup("one of: " + ", ".join(f"`{v}`" for v in f.values))}.get(f.type, f.type)
        rows.append({"name": Markup(prefix + f.name), "type": kind, "required": "yes" if f.required else "no",
                     "doc": chinese_outside_code(f.doc)})
        if f.fields and not (f.name == "sources" and prefix):  # nested sources: same table as sources
            rows.extend(field_rows(f.fields, prefix + f.name + "[]." if f.type == "list" else prefix + f.name + "."))
    return rows


def filter_form(corpus: Corpus) -> Markup:
    """The timeline's filters, as a form the script reveals: without JavaScript it stays
    hidden and the page is the full list. Python lists and sorts every option."""
    events = corpus.timeline
    years = sorted({e.values["date"].year for e in events}, reverse=True)
    types = sorted({e.values["type"] for e in events})
    groups = [("year", "Year", "All years", [(str(y), str(y)) for y in years]),
              ("type", "Type", "All types", [(t, t) for t in types])]
    for name, field_name, title in (("authority", "authorities", "Authority"), ("exchange", "exchanges", "Exchange"),
                                    ("platform", "platforms", "Platform")):
        used = {rid for e in events for rid in e.get(field_name, ())}
        options = sorted(((rid, corpus.get(name, rid).values["name"]) for rid in used),
                         key=lambda o: (o[1].casefold(), o[0]))
        groups.append((name, title, f"All {KINDS[name].plural}" if name != "authority" else "All authorities", options))
    parts = ['<form class="timeline-filters" id="timeline-filters" hidden>']
    for name, title, everything, options in groups:
        # One line per value: a raw HTML block ends at a blank line, so a name's newlines must not reach it.
        opts = "".join(f'<option value="{attr(v)}">{attr(" ".join(text.split()))}</option>' for v, text in options)
        parts.append(f'<label>{title} <select name="{name}"><option value="">{everything}</option>{opts}</select></label>')
    parts.append('<button type="reset" class="md-button">Show all</button>')
    parts.append('<output id="timeline-count" aria-live="polite"></output>')
    parts.append("</form>")
    return Markup("".join(parts))


def on_this_day(corpus: Corpus) -> dict[str, str]:
    """One small file per day of the year (data/on-this-day/MM-DD.json) with its day-precise
    events, for the home page's script: computed in the browser, so the build does not depend
    on the day it runs; one file per day, so a phone fetches a few hundred bytes, not them all.
    Quiet days get an empty list rather than a 404."""
    days: dict[str, list[dict[str, str]]] = {}
    for event in reversed(corpus.timeline):
        date: PartialDate = event.values["date"]
        if date.precision == 3:
            days.setdefault(f"{date.month:02d}-{date.day:02d}", []).append(
                {"date": date.text, "title": event.values["title"], "path": f"events/{event.id}/"})
    every_day = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]  # 2024 has 29 February
    return {f"data/on-this-day/{d:%m-%d}.json": json.dumps(days.get(f"{d:%m-%d}", []), ensure_ascii=False) + "\n"
            for d in every_day}


def render(corpus: Corpus, site_url: str = "", changed: Changed | None = None) -> list[Page]:
    """Every generated page and file, sorted by path. Nearly all are made lazily, when the
    writer asks for their text (see Page): the writer can then fork its copy at once, and the
    copy makes event pages while this process loads what the other pages need (OpenCC's t2s,
    jieba's dictionary; pypinyin and OpenCC's s2t are loaded already when the glossary was validated)."""
    env = environment()
    changed = changed or {}
    pages: list[Page] = []

    def emit(path: str, template: str, context: Callable[[], dict[str, Any]]) -> None:
        pages.append(Page(path, make=lambda: env.get_template(template).render(**context())))

    @functools.cache
    def known_words() -> frozenset[str]:
        """Dictionary words among the parts of every Chinese name, looked up once for all pages."""
        chinese_names = [name for kind, records in corpus.records.items() if kind != "event"
                         for record in records.values() for name in segmentable_names(record)]
        if chinese_names:
            load_readers()
        return dictionary_words(part for name in chinese_names for part in name_parts(name))

    def make_record_page(record: Record) -> str:
        known = known_words() if record.kind != "event" else frozenset()  # an event page spells no names
        return env.get_template(f"{record.kind}.md.j2").render(**record_context(record, corpus, site_url, changed, known))

    env.get_template("event.md.j2")  # compiled before the writer may fork (write.py), not in both processes

    for kind, records in corpus.records.items():
        for record in records.values():
            pages.append(Page(page_path(record), make=functools.partial(make_record_page, record),
                              narrow=kind == "event", spells=kind != "event"))
        if kind != "event":
            emit(f"{KINDS[kind].folder}/index.md", f"{kind}-index.md.j2",
                 lambda kind=kind: {"rows": section_rows(kind, corpus), "kind": KINDS[kind]})
    timeline_links = Links("timeline/index.md")
    emit("timeline/index.md", "timeline.md.j2", lambda: {
        "years": by_year(corpus.timeline, corpus, timeline_links),
        "types": sorted(Counter(e.values["type"] for e in corpus.timeline).items()),
        "chart": charts.events_per_year(corpus.timeline), "table": charts.year_table_html(corpus.timeline),
        "filters": filter_form(corpus), "count": len(corpus.timeline),
        "feed": timeline_links.page(feed_path(), "Atom feed of all events"),
        "data": timeline_links.page("data/index.md", "downloads")})
    emit("events/index.md", "events-index.md.j2", lambda: {
        "timeline": Links("events/index.md").page("timeline/index.md", "timeline"), "count": len(corpus.timeline)})
    home = Links("index.md")
    emit("index.md", "home.md.j2", lambda: {
        "latest": [timeline_entry(e, corpus, home) for e in corpus.timeline[:LATEST_ON_HOME]],
        "counts": [(home.page(f"{k.folder}/index.md" if k.name != "event" else "timeline/index.md", k.title),
                    len(corpus.records[k.name])) for k in KINDS.values()],
        "first": corpus.timeline[-1].values["date"].year if corpus.timeline else None,
        "last": corpus.timeline[0].values["date"].year if corpus.timeline else None,
        "timeline": home.page("timeline/index.md", "full timeline"), "data": home.page("data/index.md", "download the data"),
        "feed": home.page(feed_path(), "Atom feed")})
    whole: dict[str, str | Callable[[], str]] = dict(downloads(corpus, site_url, changed))
    whole.update(feeds(corpus, site_url, changed))
    data_links = Links("data/index.md")
    emit("data/index.md", "data.md.j2", lambda: {
        "kinds": [(k, {ext: data_links.page(f"data/{k.plural}.{ext}", f"{k.plural}.{ext}") for ext in ("json", "csv")},
                   data_links.page(f"data/schema/{k.plural}.json", "schema"), len(corpus.records[k.name]))
                  for k in KINDS.values()],
        "ics": data_links.page("data/events.ics", "events.ics"), "feed": data_links.page(feed_path(), "feeds/events.atom"),
        "feed_count": sum(1 for p in whole if p.startswith("feeds/")), "site_url": site_url,
        "feed_limit": FEED_LIMIT, "event_count": len(corpus.timeline),
        "example_feed": next((data_links.page(feed_path(r), feed_path(r)) for r in corpus.records["exchange"].values()), "")})
    pages.extend(Page(path, text) if isinstance(text, str) else Page(path, make=text) for path, text in whole.items())
    pages.extend(Page(path, text) for path, text in on_this_day(corpus).items())
    pages.append(Page("contributing.md", make=lambda: contributing(env, standalone=False)))
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
