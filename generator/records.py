"""The data contract: every field of every record kind, in one table.

This table is the single source of truth: the validator walks it, the contributing page
and the JSON Schemas are generated from it, so the three cannot disagree. Records are
frozen values produced by the validate phase; their references are still unresolved ids.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Span

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

EVENT_TYPES = {
    "regulation": "a rule, notice or ban issued by an authority",
    "enforcement": "police action, inspections, ordered closures, blocking of sites or IP addresses",
    "platform-block": "a platform (WeChat, Weibo, Baidu, app stores…) closes accounts, censors words or removes apps",
    "exchange": "an exchange's own move: halting trading, leaving the mainland, renaming, announcing",
    "statement": "an official speech, warning or meeting that issues no new rule",
    "proposal": "a proposal or draft that is not (yet) in force",
    "market": "market data, research and measurements (hash rate, volumes)",
    "court": "court rulings and judicial interpretations: courts act apart from regulators",
    "institution": "a body created, merged or abolished: it changes who regulates from then on",
}
EXCHANGE_STATUSES = ("operating", "restricted", "exited-mainland", "closed")
HISTORY_STATUSES = ("operating", "restricted", "blocked", "suspended", "exited-mainland", "renamed", "closed")
LEVELS = ("national", "provincial", "municipal", "district")
CONFIDENCE = ("high", "medium", "low")
DERIVING_LIBRARIES = ("pypinyin", "opencc")
ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "archive.li",
                 "archive.vn", "archive.md", "ghostarchive.org", "perma.cc", "webcitation.org")


@dataclass(frozen=True)
class Field:
    """One field: its name, type, whether it is required, and what it means.

    ``type`` is one of: id, text, date, day (a date with its day), enum, bool, url, archive-url, provenance, language,
    refs (a list of ids of kind ``ref``), texts (a list of text), mapping or list (of
    mappings with ``fields``).
    """

    name: str
    type: str
    required: bool
    doc: str
    values: tuple[str, ...] = ()
    ref: str | None = None
    fields: tuple[Field, ...] = ()
    example: str = ""


SOURCE_FIELDS = (
    Field("url", "url", True, "Address of the page (http or https).", example="https://www.coindesk.com/…"),
    Field("title", "text", True, "The page's own title, as published."),
    Field("publisher", "text", True, "Who published it (outlet, regulator, exchange); say so when it is a mirror or repost."),
    Field("published", "date", False, "Date the source shows, as precise as it shows it."),
    Field("archived", "archive-url", False, "A copy in a web archive (web.archive.org, archive.today, …)."),
    Field("language", "language", False, "Language of the page: `en`, `zh`, …"),
    Field("quote", "text", False, "A short verbatim fragment (15 words or fewer) that supports the record."),
)

COMMON_FIELDS = (
    Field("sources", "list", True, "Where the facts come from: at least one source.", fields=SOURCE_FIELDS),
    Field("disputed", "text", False, "What the sources disagree on (dates, counts, who did what); shown on the page."),
    Field("confidence", "enum", False, "How well the sources support the record.", values=CONFIDENCE),
    Field("updated", "day", False, "Day the record last changed in substance: `YYYY-MM-DD`."),
)


def _id(doc: str) -> Field:
    return Field("id", "id", True, doc + " Lowercase letters, digits and single hyphens; permanent (it is the URL).")


def _refs(name: str, kind: str, doc: str, required: bool = True) -> Field:
    return Field(name, "refs", required, doc, ref=kind)


EVENT_FIELDS = (
    _id("Short name of the event, e.g. `2017-09-04-ico-ban`."),
    Field("date", "date", True, "When it happened: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the sources allow."),
    Field("end", "date", False, "When it ended, for events that last; not before `date`."),
    Field("title", "text", True, "One line in English."),
    Field("title_zh", "text", False, "The Chinese title, where a source gives one."),
    Field("type", "enum", True, "What kind of move it was.", values=tuple(EVENT_TYPES)),
    Field("summary", "text", True, "What happened, in plain text and your own words."),
    _refs("authorities", "authority", "Authorities that acted (ids); `[]` if none."),
    _refs("exchanges", "exchange", "Exchanges involved (ids); `[]` if none."),
    _refs("platforms", "platform", "Platforms involved (ids); `[]` if none."),
    _refs("terms", "term", "Glossary terms the event uses (ids); `[]` if none."),
    Field("other_actors", "texts", False, "Minor actors that have no record of their own, as free text."),
    Field("document", "mapping", False, "The official notice, if the event is one.", fields=(
        Field("number", "text", False, "Document number, e.g. 银发〔2021〕237号."),
        Field("title", "text", False, "English title of the notice."),
        Field("title_zh", "text", False, "Chinese title of the notice."),
    )),
    Field("scheduled", "bool", False, "`true` for an event announced for a future date."),
) + COMMON_FIELDS

HISTORY_FIELDS = (
    Field("date", "date", True, "When the change happened."),
    Field("status", "enum", True, "The exchange's status from then on.", values=HISTORY_STATUSES),
    Field("summary", "text", True, "What changed, in plain text."),
    Field("sources", "list", True, "Sources for this entry.", fields=SOURCE_FIELDS),
)

EXCHANGE_FIELDS = (
    _id("Most used name, e.g. `okex`, `huobi`; a renamed exchange keeps its id."),
    Field("name", "text", True, "Name as most sources give it."),
    Field("name_zh", "text", False, "Chinese name."),
    Field("aliases", "texts", True, "Former and other names (OKX, 火币网, huobicom…); `[]` if none."),
    Field("summary", "text", True, "Who they are and their China story, in plain text."),
    Field("founded", "date", False, "Founding date, only when the sources agree."),
    Field("headquarters", "text", False, "Where it is based, as the sources say."),
    Field("status", "enum", False, "Status as the latest sources show it.", values=EXCHANGE_STATUSES),
    Field("history", "list", False, "Dated status changes of its China story, each sourced.", fields=HISTORY_FIELDS),
) + COMMON_FIELDS

AUTHORITY_FIELDS = (
    _id("Common abbreviation, e.g. `pboc`, `cac`."),
    Field("name", "text", True, "Full English name."),
    Field("name_zh", "text", False, "Chinese name."),
    Field("aliases", "texts", True, "Abbreviations and other names (PBoC, 央行, central bank); `[]` if none."),
    Field("summary", "text", True, "What it is and its part in the crackdown."),
    Field("level", "enum", False, "Level of government.", values=LEVELS),
) + COMMON_FIELDS

PLATFORM_FIELDS = (
    _id("Most used name, e.g. `wechat`."),
    Field("name", "text", True, "English name."),
    Field("name_zh", "text", False, "Chinese name."),
    Field("aliases", "texts", False, "Other names (Weixin, 微信)."),
    Field("owner", "text", False, "The company that runs it."),
    Field("summary", "text", True, "What it is and what it blocked, when."),
) + COMMON_FIELDS

TERM_FIELDS = (
    _id("Pinyin without tones, e.g. `bitebi`."),
    Field("term", "text", True, "The word in simplified characters."),
    Field("traditional", "text", False, "Traditional characters, only where they differ; a form OpenCC's s2t, s2tw "
          "or s2hk does not give is a warning (W203)."),
    Field("pinyin", "text", True, "Pinyin with tone marks, e.g. `bǐtèbì`: one dictionary reading per Han character "
          "(erhua as `r`). Lowercase except proper names (`Huǒbì`); a word's syllables together, one space between "
          "words, an apostrophe before a, o or e inside a word (`Bì'ān`)."),
    Field("english", "text", True, "English equivalent."),
    Field("literal", "text", False, "Literal meaning, where it differs from the English."),
    Field("summary", "text", True, "How the word is used, in plain text."),
    _refs("related", "term", "Related terms (ids).", required=False),
    Field("pinyin_source", "provenance", False, "A source URL for the pinyin, or the library that derived it (`pypinyin`)."),
    Field("traditional_source", "provenance", False, "A source URL for the traditional form, or `opencc`."),
) + COMMON_FIELDS


@dataclass(frozen=True)
class Kind:
    """A record kind: its data file, the folder of its pages and its field table."""

    name: str
    plural: str
    file: str
    folder: str
    title: str
    fields: tuple[Field, ...]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("event", "events", "events.yaml", "events", "Events", EVENT_FIELDS),
        Kind("exchange", "exchanges", "exchanges.yaml", "exchanges", "Exchanges", EXCHANGE_FIELDS),
        Kind("authority", "authorities", "authorities.yaml", "authorities", "Authorities", AUTHORITY_FIELDS),
        Kind("platform", "platforms", "platforms.yaml", "platforms", "Platforms", PLATFORM_FIELDS),
        Kind("term", "terms", "glossary.yaml", "glossary", "Glossary", TERM_FIELDS),
    )
}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as the sources allow: year, year-month or a full day; kept as written."""

    year: int
    month: int = 0
    day: int = 0
    text: str = field(default="", compare=False)

    @property
    def precision(self) -> int:
        return 3 if self.day else 2 if self.month else 1

    def first_day(self) -> dt.date:
        """A coarser date sorts as its first day (2018-03 as 2018-03-01)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def truncated(self, precision: int) -> tuple[int, ...]:
        return (self.year, self.month, self.day)[:precision]

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Ref:
    """A reference to another record, with where it was written (for E301)."""

    kind: str
    id: str
    field: str
    span: Span


@dataclass(frozen=True)
class Record:
    """One validated record. ``values`` holds only fields the contributor gave."""

    kind: str
    id: str
    values: dict[str, Any]
    span: Span
    refs: tuple[Ref, ...] = ()
    spans: dict[str, Span] = field(default_factory=dict)  # "aliases[2]" → where that item is written

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)
