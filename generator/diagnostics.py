"""Problems as values: spans, severities, diagnostics and the table of codes.

Every phase appends to one :class:`Diagnostics` collection instead of raising, so a
contributor sees every problem in every file in one run (architecture decision 2).
Codes are stable: contributors search for them and the contributing page lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Span(NamedTuple):
    """A 1-based range in a file; columns count Unicode code points, not bytes.

    A named tuple, not a frozen dataclass: the loader makes one per key and value (600,000
    at 10,000 events), and a tuple is made several times faster."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Code:
    """One rule: its stable code, a title, how to fix it and a bad example for the docs."""

    code: str
    title: str
    fix: str
    example: str
    severity: Severity = Severity.ERROR


CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # Reading files and YAML (E1xx).
        Code("E100", "data file missing or unreadable", "Create the file (a YAML list, possibly `[]`) or fix its permissions.", "(data/platforms.yaml does not exist)"),
        Code("E101", "file is not UTF-8", "Save the file as UTF-8 (without a byte order mark if you can).", "a file saved as GBK or UTF-16"),
        Code("E102", "YAML syntax error", "Fix the syntax at the marked place: close quotes and brackets, align indentation.", 'title: "WeChat blocks OKEx'),
        Code("E103", "tab character in indentation", "Indent with spaces only (2 per level).", "\ttitle: x"),
        Code("E104", "duplicate key in a mapping", "Keep one of the two keys; YAML would silently keep only the last.", "title: a\ntitle: b"),
        Code("E105", "anchors and aliases are not allowed", "Write the value out in full instead of `&name` / `*name`.", "authorities: &a [pboc]"),
        Code("E106", "YAML tags are not allowed", "Remove the `!tag`; every value is plain text, a list or a mapping.", "title: !!python/object/apply:os.system [ls]"),
        Code("E107", "merge keys are not allowed", "Write every field out instead of `<<: *base`.", "<<: *base"),
        Code("E108", "file too large", "Split the data or raise the size cap (`--max-file-bytes`).", "(a data file over the cap)"),
        Code("E109", "more than one YAML document in a file", "Remove the `---` separators: one file is one list.", "---\n- id: a\n---\n- id: b"),
        Code("E110", "control or NUL character in the file or a value", "Delete the invisible character, or the escape (\\\\x01) that writes it; only printable text belongs in data.", "title: a\\x00b"),
        Code("E112", "value nested too deeply", "A field holds text, a list or a mapping of text: flatten it.", "  owner: [[[[[[x]]]]]]"),
        Code("E113", "key is not a plain name", "Keys are field names: remove the `?` complex key.", "  ? [a, b]\n  : value"),
        Code("E111", "file is not a list of records", "The top level must be a list: every record starts with `- id:`.", "id: okex\nname: OKEx"),
        # Fields and values (E2xx).
        Code("E200", "record is not a mapping", "Each list item is a record: `- id: ...` followed by its fields.", "- okex"),
        Code("E201", "missing required field", "Add the field; the contributing page lists every field of each kind.", "- id: okex\n  name: OKEx   # no summary"),
        Code("E202", "unknown field", "Use a documented field name (the hint suggests the closest).", "  titel: WeChat blocks OKEx"),
        Code("E203", "wrong type of value", "Give the value the documented type: text, a list, a mapping or a date.", "  aliases: OKX   # must be a list: [OKX]"),
        Code("E204", "invalid id", "Ids are lowercase ASCII letters and digits joined by single hyphens.", "- id: OKEx_Global"),
        Code("E205", "duplicate id", "Ids are unique within their kind: rename one record or merge the two.", "- id: okex\n...\n- id: okex"),
        Code("E206", "invalid or impossible date", "Write YYYY, YYYY-MM or YYYY-MM-DD with a real calendar date.", "  date: 2018-02-30"),
        Code("E207", "value not in the closed set", "Use one of the values the hint lists.", "  type: ban"),
        Code("E208", "invalid URL", "Use a full http:// or https:// address with a host and no spaces.", "  url: javascript:alert(1)"),
        Code("E209", "record without sources", "Add at least one source with url, title and publisher.", "  sources: []"),
        Code("E210", "end before start", "`end` must not be before `date` at the same precision.", "  date: 2021-09\n  end: 2021-08"),
        Code("E211", "empty value", "Write the text, or remove the optional field.", '  title: ""'),
        Code("E212", "invisible or direction-changing character", "Delete zero-width and bidirectional control characters from text.", "  name: ok\\u200bex"),
        Code("E213", "not pinyin", "Write the reading in quotes, in tone-marked pinyin: tone marks (the neutral tone unmarked), "
             "one space between words, an apostrophe only before a/o/e inside a word (Xī'ān).", '  pinyin: "bi3 te4 bi4"'),
        Code("E214", "pinyin does not match the characters", "Give each Han character of `term` one syllable, a reading "
             "the dictionary has for it (erhua `儿` as `r`); the hint shows pypinyin's reading.", '  term: "比特币"\n  pinyin: "bǐtèbí"'),
        Code("E215", "placeholder title", "Copy the page's own title as published: a description in brackets, or a note "
             "that the title was not shown, unknown or truncated, is not one. Headlines that merely start with 【…】 are real.",
             '  title: "(article on crypto slang; title not shown)"'),
        Code("E216", "not a host name", "Write a publisher's domains as lowercase host names, without scheme or path.",
             "  domains: [https://www.reuters.com/]"),
        Code("E217", "copy publisher without a reason", "Say in `summary` why the host is a copy: whose pages it "
             "mirrors, stages or pirates.", "  tier: copy   # and no summary"),
        Code("E218", "archived copy of another page", "An `archived` address that names a page (the Wayback "
             "Machine's `web/<timestamp>/<url>`) must name the source's own `url`.",
             "  url: https://example.org/a\n  archived: https://web.archive.org/web/2018/https://example.org/b"),
        Code("E219", "Chinese field without Chinese", "A `_zh` field holds the Chinese text of its English twin: "
             "write it in Chinese (Latin names such as OKX may stay), or leave it out.", '  summary_zh: "WeChat closed the accounts."'),
        Code("E220", "Chinese title's source not cited", "`title_zh_source` names the source whose headline `title_zh` "
             "is: the `url` of one of the record's `sources`, beside a `title_zh`.",
             "  title_zh_source: https://example.cn/elsewhere   # not among sources"),
        # References between records (E3xx).
        Code("E301", "reference to an unknown record", "Use an existing id of that kind (the hint suggests the closest) or add the record.", "  exchanges: [okx-global]"),
        Code("E302", "record refers to itself", "Remove the record's own id from the list.", "- id: bitebi\n  related: [bitebi]"),
        Code("E303", "alias used by two records", "An alias must lead to one record: remove it from one of them.", "  aliases: [Huobi]   # on two exchanges"),
        Code("E309", "record named in two fields", "An event names a body either as acting (`authorities`) or as only "
             "named (`named_authorities`), not both.", "  authorities: [pboc]\n  named_authorities: [pboc]"),
        # Sources and their publishers (E304-E308, W303-W304): found when sources are resolved.
        Code("E304", "host claimed by two publishers", "A host belongs to one publisher: remove it from one of them.",
             "  domains: [reuters.com]   # on two publishers"),
        Code("E305", "source on a shared host names no publisher", "On hosts where the account decides who speaks "
             "(weibo.com, x.com, medium.com …) give the account's publisher in `publisher_id`.",
             "  url: https://weibo.com/123/abc   # and no publisher_id"),
        Code("E306", "publisher id disagrees with the host", "Off shared hosts the URL's host decides the publisher: "
             "drop `publisher_id` or make it the host's publisher.", "  url: https://www.reuters.com/…\n  publisher_id: bloomberg"),
        Code("E307", "publisher text does not name the publisher", "Make the credited text name the publisher the URL "
             "resolves to (its name or an alias); it may say more, e.g. whose text a repost carries.",
             "  url: https://news.yahoo.com/…\n  publisher: Reuters   # say: Reuters (via Yahoo News)"),
        Code("E308", "source cited from a copy", "Cite the publisher's own page (the hint gives its address where the "
             "copy's path holds it), or another source; a copy may never be cited.",
             "  url: https://uat.coindesk.com/markets/…"),
        # Output (E4xx).
        Code("E401", "refusing to overwrite a file the generator did not write", "Move the file away, or build into another folder (`--out`).", "(content/timeline/index.md written by hand)"),
        Code("E402", "cannot write output", "Check the output folder exists and is writable.", "(read-only content/)"),
        # Warnings (W).
        Code("W201", "ambiguous unquoted value", "Quote the text: YAML 1.1 tools read it as a boolean, number or time.", "  title: no", Severity.WARNING),
        Code("W202", "date in the future", "Check the date, or mark the event `scheduled: true`.", "  date: 2031-01-01", Severity.WARNING),
        Code("W203", "traditional form differs from OpenCC's", "Check `traditional`: it is none of the forms OpenCC "
             "makes of `term` (s2t, s2tw, s2hk), which the hint lists.", '  term: "比特币"\n  traditional: "比特弊"', Severity.WARNING),
        Code("W303", "source host matches no publisher", "Add the publisher to data/publishers.yaml "
             "(`python -m generator new publisher --append`) with the host in its `domains`.",
             "  url: https://new-outlet.example/story", Severity.WARNING),
        Code("W304", "no primary source", "A regulation, enforcement or court event cites an `official` source (the "
             "notice, the ruling), or says why not in `primary_missing`.", "  type: regulation   # only press sources",
             Severity.WARNING),
        # Found by `python -m generator links` only (W3xx).
        Code("W301", "dead source URL", "Find where the page moved, or add an `archived` copy from a web archive.", "  url: https://example.org/removed-page", Severity.WARNING),
        Code("W302", "redirected source URL", "Cite the address it redirects to, and add an `archived` copy.", "  url: http://example.org/old-address", Severity.WARNING),
    ]
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place. Sorts by file, line, column, then code."""

    span: Span | None
    code: str
    message: str
    hint: str | None = None
    severity: Severity = field(default=Severity.ERROR)

    def sort_key(self) -> tuple:
        s = self.span
        return (s.file, s.line, s.column, self.code, self.message) if s else ("", 0, 0, self.code, self.message)


class Diagnostics:
    """The one collection every phase adds to; never raises."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, code: str, span: Span | None, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(span, code, message, hint, CODES[code].severity))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        # The same problem can be found twice (e.g. by two passes over one node): report it once.
        return sorted(set(self.items), key=Diagnostic.sort_key)
