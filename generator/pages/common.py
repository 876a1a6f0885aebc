"""What every page kind uses: the Jinja environment, paths, relative links, labels and the
site being made (Site).

Python prepares everything a template prints: sorting, grouping, links and labels
(architecture decision 5). The Jinja environment escapes every printed value for Markdown
and HTML unless it is Markup built here (`finalize=md`), so a template that forgets a
filter cannot let record text inject markup (decision 6).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from ..editions import EN, Edition, record_values
from ..escape import attr, md, zh
from ..history import Changed
from ..lexicon import dictionary_words
from ..link import Corpus
from ..page import Page
from ..records import ACTOR_FIELDS, EVENT_TYPES, KINDS, PartialDate, Record
from ..search import has_han, name_parts, pinyin_key, segmentable_names, simplified

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SITE_TITLE = "China Crypto Crackdown Tracker"
MISSING = Markup("*not found in the sources*")
SIMPLIFIED_RUN = re.compile('<span lang="zh-Hans">([^<]*)</span>')
# `confidence` is the contributors' judgement of the sources, not something they say: a record
# without it has no judgement recorded, not a fact missing from its sources.
NOT_STATED = Markup("*not stated*")


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache in a folder made on first use; where it cannot be written, the
    templates are compiled again next time, and the build goes on."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


# Compiled templates are kept per version of this module (the environment's options) and of Jinja.
COMPILED_FOR = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:12]


def environment(compiled: Path | None = None) -> jinja2.Environment:
    """The templates' environment; ``compiled``: a folder that keeps compiled templates between
    builds (Jinja's bytecode cache, keyed by each template's source)."""
    env = jinja2.Environment(
        bytecode_cache=CompiledTemplates(str(compiled)) if compiled is not None else None,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=md,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )
    env.globals.update(MISSING=MISSING, NOT_STATED=NOT_STATED, EVENT_TYPES=EVENT_TYPES)
    return env


@dataclass
class Site:
    """The site being made: the linked corpus, where it is published, each record's last
    change, and the template environment every page kind renders with."""

    corpus: Corpus
    site_url: str = ""
    changed: Changed = field(default_factory=dict)
    env: jinja2.Environment = field(default_factory=environment)
    epoch: dt.date | None = None  # SOURCE_DATE_EPOCH's day, when it is set
    edition: Edition = EN  # the language its pages are made in

    @functools.cached_property
    def reference_date(self) -> dt.date:
        """The day the site speaks of as "now" (status charts run to it): SOURCE_DATE_EPOCH's
        day when it is set, else the first day of the newest dated record that is not
        `scheduled`; never the clock, so two builds of one commit agree."""
        if self.epoch is not None:
            return self.epoch
        days = [record.values["date"].first_day() for kind, records in self.corpus.records.items() if KINDS[kind].dated
                for record in records.values() if not record.get("scheduled") and isinstance(record.get("date"), PartialDate)]
        return max(days, default=dt.date(1970, 1, 1))

    @functools.cached_property
    def dates(self) -> dict[tuple[str, str], str | None]:
        """The committed last-changed date of each record, for downloads and feeds: the last
        commit's (or the `updated` field), none for a record not committed yet; they never say
        what a working copy has not committed (history.Change)."""
        return {key: change.date for key, change in self.changed.items()}

    def page(self, path: str, template: str, context, **flags: bool) -> Page:
        """A lazy page of this edition (``path`` inside its tree): ``template`` rendered with
        ``context()`` and the edition's helpers when its text is asked for."""
        return Page(self.edition.path(path), make=lambda: self.render(template, context()), **flags)

    def render(self, template: str, context: dict[str, Any]) -> str:
        """A template in this edition: it prints labels with `t`, dates with `d`. On a Chinese
        page, simplified Chinese is the page's own language: the runs md() marks for English
        pages are left unmarked (record text cannot forge the mark: md() escapes every `<`)."""
        text = self.env.get_template(template).render(t=self.edition.t, d=self.edition.date, edition=self.edition,
                                                      **context)
        return SIMPLIFIED_RUN.sub(r"\1", text) if self.edition.chinese else text

    def name(self, record: Record) -> str:
        """A named record's name in this edition: its Chinese name on zh pages where it has one."""
        return self.edition.record_name(record.values)

    def by_name(self, option: tuple[str, str]) -> tuple[str, str]:
        """The sort key of an (id, name) pair where an order is by name: the name folded in
        English; on zh pages a Chinese name by its pinyin (search.pinyin_key), so 火币 sorts as huobi."""
        rid, name = option
        return (pinyin_key(name) if self.edition.chinese else name.casefold(), rid)

    def title(self, record: Record) -> str:
        """The record's name as plain text in this edition (page head, citation): on zh pages
        an event's Chinese title, else its English; a named record's Chinese name and English."""
        if self.edition.chinese and KINDS[record.kind].dated:
            return record.get("title_zh") or record.values["title"]
        return str(self.label(record)) if not KINDS[record.kind].dated else label(record)

    def label(self, record: Record) -> Markup | str:
        """The name a link shows in this edition (see `label`): on zh pages an event's Chinese
        title (or its English, marked), a named record's Chinese name and its English beside it."""
        if not self.edition.chinese:
            return label(record)
        kind = KINDS[record.kind]
        if kind.dated:
            return record_values(record, self.edition)[kind.label[0]]
        if record.get("name_zh"):
            return f"{record.values['name_zh']} ({record.values['name']})"
        return label(record)

    @functools.cached_property
    def known_words(self) -> frozenset[str]:
        """Dictionary words among the parts of every Chinese name, looked up once for all pages."""
        chinese_names = [name for kind, records in self.corpus.records.items() if not KINDS[kind].dated
                         for record in records.values() for name in segmentable_names(record)]
        return dictionary_words(part for name in chinese_names for part in name_parts(name))


def page_path(record: Record) -> str:
    return f"{KINDS[record.kind].folder}/{record.id}.md"


def label(record: Record) -> str:
    """The name a link shows: English first, Chinese beside it (readers search in both)."""
    first, *second = (record.get(name) for name in KINDS[record.kind].label)
    return f"{first} ({second[0]})" if second and second[0] else first


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


class RelativeLinks:
    """Relative Markdown links from one page, so MkDocs checks them (a broken one fails --strict)."""

    def __init__(self, from_path: str) -> None:
        self.base = posixpath.dirname(from_path)

    def href(self, path: str) -> str:
        return relative(path, self.base or ".")

    def to(self, record: Record, text: str | None = None) -> Markup:
        return Markup(f"[{md(text if text is not None else label(record))}]({self.href(page_path(record))})")

    def page(self, path: str, text: str) -> Markup:
        return Markup(f"[{md(text)}]({self.href(path)})")


class SharedFiles:
    """Links from a page of another edition (``from_path``, inside its tree) to what only the
    English tree holds (the downloads, the full guide): relative to the page as the site serves it
    (directory URLs), out of the edition's folder. Raw HTML: MkDocs checks Markdown links within
    its own build only, and would call these missing (tests/test_editions.py checks them)."""

    def __init__(self, from_path: str) -> None:
        folder = from_path.removesuffix(".md").removesuffix("index").strip("/")  # data/index.md → data
        self.up = "../" * ((folder.count("/") + 1 if folder else 0) + 1)

    def href(self, path: str) -> str:
        return self.up + path

    def page(self, path: str, text: str) -> Markup:
        return Markup(f'<a href="{attr(self.href(path))}">{md(text)}</a>')


def external(url: str, text: str) -> Markup:
    """A source link: raw HTML with an escaped attribute, since URLs may hold `(` `)` that end Markdown links."""
    return Markup(f'<a href="{attr(url)}">{md(text)}</a>')


def chinese(text: str | None) -> Markup | str:
    """Chinese in its script's language tag: traditional forms say zh-Hant."""
    if text and has_han(text) and is_traditional(text):
        return zh(text, "zh-Hant")
    return md(text or "")  # simplified runs get lang="zh-Hans" from md()


@functools.lru_cache(maxsize=4096)
def is_traditional(text: str) -> bool:
    """Written in traditional characters: converting it to simplified changes it."""
    return simplified(text) != text


def actors(event: Record, site: Site, links: RelativeLinks) -> list[Markup]:
    """Who acted in an event: links to the authorities, exchanges and platforms it names, then other actors."""
    out = [links.to(actor, site.name(actor)) for role, _ in ACTOR_FIELDS for actor in site.corpus.names(event, role)]
    # Free text, in English unless it holds Chinese (a name in characters).
    out.extend(md(a) if has_han(a) else site.edition.english(a) for a in event.get("other_actors", ()))
    return out


def timeline_entry(event: Record, site: Site, links: RelativeLinks, filters: bool = False) -> dict[str, Any]:
    """An event as a card on the timeline and the home page: its date, type, title link and
    actors (one link or name each, printed as chips); ``attrs`` is the list item's attribute
    list, its type's colour class and, with ``filters``, what the timeline's filters read."""
    edition = site.edition
    return {"date": edition.date(event.values["date"]), "type": edition.t(event.values["type"]), "type_id": event.values["type"],
            "link": links.to(event, site.label(event)),
            # Beside the title, the Chinese title on English pages (none on Chinese pages: it is the title).
            "title_zh": None if edition.chinese else event.get("title_zh"), "actors": actors(event, site, links),
            "sources": Markup(", ").join(external(s["url"], s["publisher"]) for s in event.values.get("sources", ())),
            "attrs": card_attributes(event, filters)}


def card_attributes(event: Record, filters: bool) -> Markup:
    """The attribute list of an event's card: ``.event-card .type-<type>`` (tracker.css colours
    each type as the charts do) and, with ``filters``, the ids and enum values the timeline's
    filter script reads. Nothing a contributor types reaches an attribute unescaped (attr())."""
    parts = [".event-card", f'.type-{attr(event.values["type"])}']
    if filters:
        parts += [f'data-year="{event.values["date"].year}"', f'data-type="{attr(event.values["type"])}"']
        parts += [f'data-{name}="{attr(" ".join(event.get(field_name)))}"'
                  for field_name, name in ACTOR_FIELDS if event.get(field_name, ())]
    return Markup("{ " + " ".join(parts) + " }")
