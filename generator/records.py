"""The data contract: every field of every record kind, in one table.

This table is the single source of truth: the validator walks it, the contributing page
and the JSON Schemas are generated from it, so the three cannot disagree. Records are
frozen values produced by the validate phase; their references are still unresolved ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .chinese import chinese_forms
from .diagnostics import Diagnostics, Span
from .fieldlists import HISTORY, HOSTS, MAPPING, REFS, SOURCES, TEXTS
from .fieldtypes import (
    ARCHIVE_URL,
    BOOL,
    DATE,
    DAY,
    ENUM,
    HOST,
    ID,
    LANGUAGE,
    PROVENANCE,
    TEXT,
    TITLE,
    URL,
    ZH_TEXT,
    FieldType,
    first_line,
)
from .values import (  # noqa: F401 - the value types and patterns, where the field table's readers look for them
    ARCHIVE_HOSTS,
    DATE_PATTERN,
    DERIVING_LIBRARIES,
    ID_PATTERN,
    ID_RE,
    PartialDate,
    Ref,
)
from .vocabulary import (  # noqa: F401 - the closed sets, where the field table's readers look for them
    CONFIDENCE,
    EVENT_TYPES,
    EXCHANGE_STATUSES,
    HISTORY_STATUSES,
    LEVELS,
    PRIMARY_TYPES,
    PUBLISHER_TIERS,
)


@dataclass(frozen=True)
class Field:
    """One field: its name, type, whether it is required, and what it means.

    ``type`` is a field type object (fieldtypes.py, fieldlists.py): it checks the value and
    describes it. ``values``: an enum's closed set; ``ref``: the kind a list of ids refers
    to; ``fields``: the fields of a mapping or of each mapping in a list; ``placeholder``:
    the value the template of `new` shows, where the type's own does not fit.
    """

    name: str
    type: FieldType
    required: bool
    doc: str
    values: tuple[str, ...] = ()
    ref: str | None = None
    fields: tuple[Field, ...] = ()
    placeholder: str = ""
    # A list of ids of actors (authorities, exchanges, platforms) whose records the event names
    # without their acting in it: not among its actors, listed apart under ``heading``.
    acting: bool = True
    heading: str = ""
    # The field that holds this one's text in Chinese (`summary` → `summary_zh`): the Chinese
    # edition prints it, or this field's English marked as such where it is missing.
    zh: str = ""
    # The language free text is written in where the field fixes it (a term's English): marked so
    # on pages of another language.
    lang: str = ""


SOURCE_FIELDS = (
    Field("url", URL, True, "Address of the page (http or https)."),
    Field("title", TITLE, True, "The page's own title, as published: not a description in brackets (E215)."),
    Field("publisher", TEXT, True, "Who published it, as credited; it names the publisher the URL's host resolves to "
          "(its `name` or an alias, E307) and may say more: whose text a repost carries."),
    Field("publisher_id", ID, False, "The publisher's id (data/publishers.yaml), required on a shared host "
          "(mp.weixin.qq.com, weibo.com, x.com, t.me, medium.com …) where the account decides who speaks; "
          "elsewhere the host decides and this, if given, must agree (E306)."),
    Field("published", DATE, False, "Date the source shows, as precise as it shows it."),
    Field("archived", ARCHIVE_URL, False, "A copy in a web archive: `https://web.archive.org/web/<timestamp>/` and the "
          "`url`, an archive.today address or a perma.cc link (`python -m generator archive` adds Wayback copies)."),
    Field("language", LANGUAGE, False, "Language of the page: `en`, `zh`, …"),
    Field("quote", TEXT, False, "A short verbatim fragment (15 words or fewer) that supports the record."),
)

COMMON_FIELDS = (
    Field("sources", SOURCES, True, "Where the facts come from: at least one source.", fields=SOURCE_FIELDS),
    Field("disputed", TEXT, False, "What the sources disagree on (dates, counts, who did what); shown on the page.",
          zh="disputed_zh"),
    Field("disputed_zh", ZH_TEXT, False, "`disputed` in Chinese, in your own words."),
    Field("confidence", ENUM, False, "How well the sources support the record.", values=CONFIDENCE),
    Field("updated", DAY, False, "Day the record last changed in substance: `YYYY-MM-DD`."),
)


def _id(doc: str) -> Field:
    return Field("id", ID, True, doc + " Lowercase letters, digits and single hyphens; permanent (it is the URL).")


def _refs(name: str, kind: str, doc: str, required: bool = True) -> Field:
    return Field(name, REFS, required, doc, ref=kind)


EVENT_FIELDS = (
    _id("Short name of the event, e.g. `2017-09-04-ico-ban`."),
    Field("date", DATE, True, "When it happened: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the sources allow."),
    Field("end", DATE, False, "When it ended, for events that last; not before `date`."),
    Field("title", TEXT, True, "One line in English.", zh="title_zh"),
    Field("title_zh", ZH_TEXT, False, "One line in Chinese: the title a Chinese source gives the event where there is "
          "one (name that source in `title_zh_source`), else ours, written from the sources."),
    Field("title_zh_source", URL, False, "The `url` of the source whose headline `title_zh` is (one of the record's "
          "`sources`, E220); leave it out when the Chinese title is ours."),
    Field("type", ENUM, True, "What kind of move it was.", values=tuple(EVENT_TYPES)),
    Field("summary", TEXT, True, "What happened, in plain text and your own words.", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "What happened, in Chinese and your own words, from the sources: the same "
          "facts as `summary`, no more."),
    _refs("authorities", "authority", "Authorities that acted (ids); `[]` if none."),
    Field("named_authorities", REFS, False, "Authorities the event names without their acting in it (ids): asked or "
          "proposed to act, addressed, mentioned. Not among its actors; an id goes in one list only (E309).",
          ref="authority", acting=False, heading="Named, not acting"),
    _refs("exchanges", "exchange", "Exchanges involved (ids); `[]` if none."),
    _refs("platforms", "platform", "Platforms involved (ids); `[]` if none."),
    _refs("terms", "term", "Glossary terms the event uses (ids); `[]` if none."),
    Field("related", REFS, False, "Other events of the same story, told from another side (ids), e.g. a block and "
          "the report of the policy behind it; each page lists the other.", ref="event", heading="Same story"),
    Field("other_actors", TEXTS, False, "Minor actors that have no record of their own, as free text."),
    Field("document", MAPPING, False, "The official notice, if the event is one.", fields=(
        Field("number", TEXT, False, "Document number, e.g. 银发〔2021〕237号."),
        Field("title", TEXT, False, "English title of the notice.", zh="title_zh"),
        Field("title_zh", ZH_TEXT, False, "Chinese title of the notice."),
    )),
    Field("scheduled", BOOL, False, "`true` for an event announced for a future date."),
    Field("primary_missing", TEXT, False, "Why a regulation, enforcement or court event cites no `official` source "
          "(the notice was never published, the site is gone and no archive holds it …); W304 otherwise.",
          zh="primary_missing_zh"),
    Field("primary_missing_zh", ZH_TEXT, False, "`primary_missing` in Chinese."),
    Field("landmark", TEXT, False, "For one of the story's turning points (about ten in all): one line, in your own "
          "words and grounded in the summary, saying why it matters; the home page shows these as its timeline.",
          zh="landmark_zh"),
    Field("landmark_zh", ZH_TEXT, False, "`landmark` in Chinese."),
) + COMMON_FIELDS

HISTORY_FIELDS = (
    Field("date", DATE, True, "When the change happened."),
    Field("status", ENUM, True, "The exchange's status from then on.", values=HISTORY_STATUSES),
    Field("summary", TEXT, True, "What changed, in plain text.", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "What changed, in Chinese."),
    Field("sources", SOURCES, True, "Sources for this entry.", fields=SOURCE_FIELDS),
)

EXCHANGE_FIELDS = (
    _id("Most used name, e.g. `okex`, `huobi`; a renamed exchange keeps its id."),
    Field("name", TEXT, True, "Name as most sources give it.", zh="name_zh"),
    Field("name_zh", ZH_TEXT, False, "Chinese name, where one exists (as the body or a Chinese source gives it)."),
    Field("aliases", TEXTS, True, "Former and other names (OKX, 火币网, huobicom…); `[]` if none."),
    Field("summary", TEXT, True, "Who they are and their China story, in plain text.", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "`summary` in Chinese, in your own words."),
    Field("founded", DATE, False, "Founding date, only when the sources agree."),
    Field("headquarters", TEXT, False, "Where it is based, as the sources say."),
    Field("status", ENUM, False, "Status as the latest sources show it.", values=EXCHANGE_STATUSES),
    Field("history", HISTORY, False, "Dated status changes of its China story, each sourced.", fields=HISTORY_FIELDS),
) + COMMON_FIELDS

AUTHORITY_FIELDS = (
    _id("Common abbreviation, e.g. `pboc`, `cac`."),
    Field("name", TEXT, True, "Full English name.", zh="name_zh"),
    Field("name_zh", ZH_TEXT, False, "Chinese name, where one exists (as the body or a Chinese source gives it)."),
    Field("aliases", TEXTS, True, "Abbreviations and other names (PBoC, 央行, central bank); `[]` if none."),
    Field("summary", TEXT, True, "What it is and its part in the crackdown.", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "`summary` in Chinese, in your own words."),
    Field("level", ENUM, False, "Level of government.", values=LEVELS),
) + COMMON_FIELDS

PLATFORM_FIELDS = (
    _id("Most used name, e.g. `wechat`."),
    Field("name", TEXT, True, "English name.", zh="name_zh"),
    Field("name_zh", ZH_TEXT, False, "Chinese name, where one exists (as the body or a Chinese source gives it)."),
    Field("aliases", TEXTS, False, "Other names (Weixin, 微信)."),
    Field("owner", TEXT, False, "The company that runs it."),
    Field("summary", TEXT, True, "What it is and what it blocked, when.", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "`summary` in Chinese, in your own words."),
) + COMMON_FIELDS

PUBLISHER_FIELDS = (
    _id("Short name of the outlet or body, e.g. `reuters`, `pboc`."),
    Field("name", TEXT, True, "Name as the publisher gives it; sources' `publisher` text names it (or an alias).",
          zh="name_zh"),
    Field("name_zh", ZH_TEXT, False, "Chinese name, where one exists (as the body or a Chinese source gives it)."),
    Field("aliases", TEXTS, False, "Other names sources credit it by (Reuters Japan, 钛媒体)."),
    Field("domains", HOSTS, True, "Hosts that are theirs, e.g. `reuters.com`: a source's host matches a domain or "
          "any subdomain of it, the longest match winning; `[]` for an account that speaks only on shared hosts.",
          placeholder='["example.com"]'),
    Field("shared", BOOL, False, "`true` for hosts where the account decides who speaks (weibo.com, x.com, "
          "medium.com …): each source there names its publisher in `publisher_id` (E305)."),
    Field("tier", ENUM, True, "How close to the facts it stands; `copy` may never be cited.",
          values=tuple(PUBLISHER_TIERS)),
    Field("original", HOST, False, "For a `copy`: the host of the site it copies, when its pages keep the "
          "original's paths (the hint of E308 then gives the original address)."),
    Field("country", TEXT, False, "Where it is based, as a source says (ISO 3166 code: `CN`, `HK`, `US` …)."),
    Field("language", LANGUAGE, False, "The main language of its pages: `en`, `zh`, …"),
    Field("summary", TEXT, False, "What it is; for a `copy`, why it is one (required there, E217).", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "`summary` in Chinese."),
) + COMMON_FIELDS


def copy_says_why(values: dict[str, Any], node: Any, diags: Diagnostics) -> None:
    """A publisher of the `copy` tier says why it is a copy (E217): the error it causes
    elsewhere points readers here."""
    if values.get("tier") == "copy" and not values.get("summary"):
        diags.add("E217", first_line(node.span), f"copy publisher '{values.get('id', '')}' does not say why it is a copy",
                  "add `summary`: whose pages it copies and how (a mirror, a staging host, a pirated book …)")


def chinese_title_sourced(values: dict[str, Any], node: Any, diags: Diagnostics) -> None:
    """`title_zh_source` names one of the record's sources, and there is a `title_zh` it is the
    source of (E220)."""
    url = values.get("title_zh_source")
    if url is None:
        return
    span = node.entries["title_zh_source"].value.span
    if not values.get("title_zh"):
        diags.add("E220", span, "'title_zh_source' is given but there is no 'title_zh'",
                  "add the Chinese headline as `title_zh`, or remove `title_zh_source`")
    elif url not in {source.get("url") for source in values.get("sources") or ()}:
        diags.add("E220", span, "'title_zh_source' is not the url of one of the record's sources",
                  "copy the `url` of the source whose headline `title_zh` is, or add that source")


TERM_FIELDS = (
    _id("Pinyin without tones, e.g. `bitebi`."),
    Field("term", TEXT, True, "The word in simplified characters."),
    Field("traditional", TEXT, False, "Traditional characters, only where they differ; a form OpenCC's s2t, s2tw "
          "or s2hk does not give is a warning (W203)."),
    Field("pinyin", TEXT, True, "Pinyin with tone marks, e.g. `bǐtèbì`: one dictionary reading per Han character "
          "(erhua as `r`). Lowercase except proper names (`Huǒbì`); a word's syllables together, one space between "
          "words, an apostrophe before a, o or e inside a word (`Bì'ān`)."),
    Field("english", TEXT, True, "English equivalent.", lang="en"),
    Field("literal", TEXT, False, "Literal meaning, where it differs from the English.", lang="en"),
    Field("summary", TEXT, True, "How the word is used, in plain text.", zh="summary_zh"),
    Field("summary_zh", ZH_TEXT, False, "How the word is used, in Chinese."),
    _refs("related", "term", "Related terms (ids).", required=False),
    Field("pinyin_source", PROVENANCE, False, "A source URL for the pinyin, or the library that derived it (`pypinyin`)."),
    Field("traditional_source", PROVENANCE, False, "A source URL for the traditional form, or `opencc`.",
          placeholder='"opencc"'),
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
    # Checks across a record's fields, after each field is checked: (values, the record's
    # node, diagnostics) → None, adding what they find.
    rules: tuple[Callable[[dict[str, Any], Any, Diagnostics], None], ...] = ()
    # Dated moves, on the timeline (events); the records of the other kinds are what they name.
    dated: bool = False
    # What a link to a record shows: the first field, and the second in brackets where given.
    label: tuple[str, ...] = ("name", "name_zh")
    # Records that act in events (authorities, exchanges, platforms): an event lists them as
    # its actors, the timeline filters by them, each has an Atom feed of its events.
    actor: bool = False
    # The section's index page (kinds that are not dated): a sentence under its title, and the
    # columns of its table after the record's link: (field, column heading).
    intro: str = ""
    columns: tuple[tuple[str, str], ...] = ()
    # Sources resolve to these records by their address's host (publishers): each lists who cites it.
    cited: bool = False


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("event", "events", "events.yaml", "events", "Events", EVENT_FIELDS, rules=(chinese_title_sourced,), dated=True,
             label=("title",)),
        Kind("exchange", "exchanges", "exchanges.yaml", "exchanges", "Exchanges", EXCHANGE_FIELDS, actor=True,
             intro="Exchanges that served users in mainland China, with their former names and their China story.",
             columns=(("name_zh", "Chinese name"), ("aliases", "Other names"), ("status", "Status"))),
        Kind("authority", "authorities", "authorities.yaml", "authorities", "Authorities", AUTHORITY_FIELDS, actor=True,
             intro="The regulators, ministries, courts and bodies behind the crackdown.",
             columns=(("name_zh", "Chinese name"), ("aliases", "Abbreviations"), ("level", "Level"))),
        Kind("platform", "platforms", "platforms.yaml", "platforms", "Platforms", PLATFORM_FIELDS, actor=True,
             intro="Social networks, search engines, payment services and app stores, and what they blocked.",
             columns=(("name_zh", "Chinese name"), ("owner", "Owner"))),
        Kind("term", "terms", "glossary.yaml", "glossary", "Glossary", TERM_FIELDS, rules=(chinese_forms,),
             label=("term", "pinyin"),
             intro="Chinese words of the crackdown and of crypto slang, with pinyin and English. 术语表.",
             columns=(("traditional", "Traditional"), ("pinyin", "Pinyin"), ("english", "English"))),
        Kind("publisher", "publishers", "publishers.yaml", "publishers", "Publishers", PUBLISHER_FIELDS,
             rules=(copy_says_why,), cited=True),
    )
}
# The fields by which a dated record names who acted, in the table's order: (field, the actor's kind).
ACTOR_FIELDS = tuple((f.name, f.ref) for kind in KINDS.values() if kind.dated for f in kind.fields
                     if f.ref and KINDS[f.ref].actor and f.acting)
# The fields by which it names actors that did not act: (field, the heading they are listed under).
NAMED_FIELDS = tuple((f.name, f.heading) for kind in KINDS.values() if kind.dated for f in kind.fields
                     if f.ref and KINDS[f.ref].actor and not f.acting)


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

    @property
    def dated(self) -> bool:
        """A dated move on the timeline (an event), not a record that moves name."""
        return KINDS[self.kind].dated
