"""Validate phase: nodes → frozen records, one small check per rule.

Each check yields diagnostics and never raises; a record with errors is still returned
where its id is known, so later checks (duplicate ids, references) can report too and the
contributor sees every problem in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .chinese import check_pinyin, check_traditional
from .diagnostics import Diagnostics, Span
from .load import CONTROL_CHARS, DEFAULT_MAX_FILE_BYTES, Mapping, Node, RawDocument, Scalar, Sequence, load_file
from .records import (
    ARCHIVE_HOSTS,
    DATE_PATTERN,
    DERIVING_LIBRARIES,
    ID_RE,
    Field,
    Kind,
    PartialDate,
    Record,
    Ref,
)

INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
LANGUAGE_RE = re.compile(LANGUAGE_PATTERN)
DATE_RE = re.compile(DATE_PATTERN)
YAML11_NULL = {"", "~", "null", "Null", "NULL"}
TYPE_NAMES = {Scalar: "a single value", Sequence: "a list", Mapping: "a mapping"}


def closest(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    best = closest(word, choices)
    return f"did you mean '{best}'?" if best else None


class Validator:
    """Checks one kind's document against its field table and builds records."""

    def __init__(self, kind: Kind, diags: Diagnostics, today: dt.date | None = None) -> None:
        self.kind = kind
        self.diags = diags
        self.today = today or dt.date.today()  # dates after it are in the future (W202)

    def records(self, doc: RawDocument) -> list[Record]:
        root = doc.root
        if root is None:
            return []
        if not isinstance(root, Sequence):
            where = root.span if root.span.end_line == root.span.line else first_line(root.span)
            self.diags.add("E111", where, f"expected a list of {self.kind.plural}, found {TYPE_NAMES[type(root)]}",
                           "start each record with `- id:`")
            return []
        out = []
        for item in root.items:
            record = self.record(item)
            if record is not None:
                out.append(record)
        return out

    def record(self, node: Node) -> Record | None:
        if not isinstance(node, Mapping):
            self.diags.add("E200", node.span, f"expected a {self.kind.name} record (a mapping of fields), found "
                           f"{TYPE_NAMES[type(node)]}", "start the record with `- id:` and give one field per line")
            return None
        refs: list[Ref] = []
        self.spans: dict[str, Span] = {}
        if (id_entry := node.entries.get("id")) is not None:
            self.spans["id"] = id_entry.value.span  # where a duplicate id is reported (unique_ids)
        values = self.mapping(node, self.kind.fields, refs)
        if self.kind.name == "term":
            self.chinese(values, node)
        record_id = values.get("id")
        if not isinstance(record_id, str):
            return None
        return Record(self.kind.name, record_id, values, node.span, tuple(refs), self.spans)

    def mapping(self, node: Mapping, fields: tuple[Field, ...], refs: list[Ref]) -> dict[str, Any]:
        by_name = {f.name: f for f in fields}
        values: dict[str, Any] = {}
        misspelt: set[str] = set()  # required fields written under a wrong name: one error, not two
        for name, entry in node.entries.items():
            if name not in by_name:
                best = closest(name, [n for n in by_name if n not in node.entries])
                if best:
                    misspelt.add(best)
                self.diags.add("E202", entry.key_span, f"unknown field '{name}' in this {self.kind.name}",
                               f"did you mean '{best}'?" if best else "known fields: " + ", ".join(by_name))
        for spec in fields:
            entry = node.entries.get(spec.name)
            if entry is None and spec.name in misspelt:
                continue
            if entry is None or is_null(entry.value):
                if spec.type == "list" and spec.name == "sources":
                    self.diags.add("E209", (entry.value.span if entry else first_line(node.span)), "no sources given",
                                   "add at least one source: url, title, publisher")
                elif spec.required:
                    if entry is None:
                        self.diags.add("E201", first_line(node.span), f"missing required field '{spec.name}'", spec.doc)
                    else:
                        self.diags.add("E211", entry.value.span, f"'{spec.name}' is empty", spec.doc)
                continue
            value = self.value(spec, entry.value, refs)
            if value is not None:
                values[spec.name] = value
        self.cross_field(values, node)
        return values

    def value(self, spec: Field, node: Node, refs: list[Ref]) -> Any:
        if spec.type in ("refs", "texts"):
            if isinstance(node, Scalar):
                self.diags.add("E203", node.span, f"'{spec.name}' must be a list", f"write it as [{node.value}]")
                return None
            if not isinstance(node, Sequence):
                return self.wrong(spec, node, "a list")
            items = []
            seen: set[str] = set()
            for item in node.items:
                if not isinstance(item, Scalar):
                    self.wrong(spec, item, "a single value in each list item")
                    continue
                if spec.type == "refs":
                    if self.check_id(item, spec):
                        if item.value in seen:
                            continue
                        seen.add(item.value)
                        refs.append(Ref(spec.ref or "", item.value, spec.name, item.span))
                        items.append(item.value)
                elif self.check_control(item, spec) and self.check_text(item, spec):
                    self.spans[f"{spec.name}[{len(items)}]"] = item.span
                    items.append(item.value.strip())
            return tuple(items)
        if spec.type == "list":
            if not isinstance(node, Sequence):
                return self.wrong(spec, node, "a list of mappings")
            if spec.name == "sources" and not node.items:
                self.diags.add("E209", node.span, "no sources given", "add at least one source: url, title, publisher")
            out = []
            for item in node.items:
                if not isinstance(item, Mapping):
                    self.wrong(spec, item, "a mapping of fields")
                    continue
                out.append(self.mapping(item, spec.fields, refs))
            return tuple(out)
        if spec.type == "mapping":
            if not isinstance(node, Mapping):
                return self.wrong(spec, node, "a mapping of fields")
            values = self.mapping(node, spec.fields, refs)
            return values or None
        if not isinstance(node, Scalar):
            return self.wrong(spec, node, "a single value")
        return self.scalar(spec, node)

    def scalar(self, spec: Field, node: Scalar) -> Any:
        text = node.value
        if not self.check_control(node, spec):
            return None
        if spec.type == "id":
            return text if self.check_id(node, spec) else None
        if spec.type in ("date", "day"):
            return self.check_date(node, whole_day=spec.type == "day")
        if spec.type == "bool":
            if text in ("true", "false") and node.plain:
                return text == "true"
            self.diags.add("E203", node.span, f"'{spec.name}' must be true or false, not '{text}'")
            return None
        if spec.type == "enum":
            if text in spec.values:
                return text
            hint = did_you_mean(text, spec.values) or "one of: " + ", ".join(spec.values)
            self.diags.add("E207", node.span, f"'{text}' is not a valid {spec.name}; expected one of "
                           f"({', '.join(spec.values)})", hint)
            return None
        if spec.type == "language":
            if LANGUAGE_RE.match(text):
                return text
            self.diags.add("E207", node.span, f"'{text}' is not a language code", "use a code such as en or zh")
            return None
        if spec.type in ("url", "archive-url"):
            return text if self.check_url(node, spec) else None
        if spec.type == "provenance":
            if text in DERIVING_LIBRARIES:
                return text
            if text.startswith(("http://", "https://")) or ":" in text:
                return text if self.check_url(node, spec) else None
            self.diags.add("E207", node.span, f"'{text}' is neither a URL nor a known library",
                           did_you_mean(text, DERIVING_LIBRARIES) or "use a source URL, or one of: "
                           + ", ".join(DERIVING_LIBRARIES))
            return None
        return text.strip() if self.check_text(node, spec) else None

    def chinese(self, values: dict, node: Mapping) -> None:
        """A term's pinyin spells its characters; its traditional form is one OpenCC gives (chinese.py)."""
        term = values.get("term")
        if not isinstance(term, str):
            return
        if isinstance(values.get("pinyin"), str):
            value = node.entries["pinyin"].value
            check_pinyin(term, values["pinyin"], value.span, self.diags, _resolve(value.value) if value.plain else "str")
        if isinstance(values.get("traditional"), str):
            check_traditional(term, values["traditional"], node.entries["traditional"].value.span, self.diags)

    def check_control(self, node: Scalar, spec: Field) -> bool:
        """A control character written as an escape ("\x01"): the file is clean, the value is not,
        and XML (the feeds) cannot carry it at all."""
        control = CONTROL_CHARS.search(node.value)
        if control:
            self.diags.add("E110", node.span, f"'{spec.name}' contains the control character U+{ord(control.group()):04X}",
                           "remove the escape sequence (feeds, calendars and pages cannot carry it)")
        return not control

    def wrong(self, spec: Field, node: Node, expected: str) -> None:
        self.diags.add("E203", node.span, f"'{spec.name}' must be {expected}, found {TYPE_NAMES[type(node)]}", spec.doc)

    def check_id(self, node: Scalar, spec: Field) -> bool:
        value = node.value
        if ID_RE.match(value):
            return True
        folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
        suggestion = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
        hint = f"try '{suggestion}'" if suggestion and ID_RE.match(suggestion) else None
        odd = [c for c in value if not (c.isascii() and c.isprintable())]
        detail = f" (it contains {', '.join(f'U+{ord(c):04X}' for c in odd[:3])})" if odd else ""
        what = "id" if spec.type == "id" else f"id in '{spec.name}'"
        self.diags.add("E204", node.span, f"'{value}' is not a valid {what}{detail}: use lowercase a-z, 0-9 and "
                       "single hyphens", hint)
        return False

    def check_text(self, node: Scalar, spec: Field) -> bool:
        if not node.value.strip():
            self.diags.add("E211", node.span, f"'{spec.name}' is empty", spec.doc)
            return False
        invisible = INVISIBLE.search(node.value)
        if invisible:
            self.diags.add("E212", node.span, f"'{spec.name}' contains the invisible character "
                           f"U+{ord(invisible.group()):04X}", "delete it (it can hide or reorder text)")
            return False
        if node.plain:
            tag = _resolve(node.value)
            if tag != "str":
                self.diags.add("W201", node.span, f"'{node.value}' is unquoted: YAML 1.1 tools read it as a {tag}",
                               f'write it in quotes: "{node.value}"')
        return True

    def check_date(self, node: Scalar, whole_day: bool = False) -> PartialDate | None:
        """The date as written, or None after an E206: YYYY, YYYY-MM or YYYY-MM-DD (only the last
        with ``whole_day``), a real calendar date, and unquoted only if YAML tools read the same
        year (1000-9999: no leading zero)."""
        text = node.value.strip()
        if not DATE_RE.match(text):
            self.diags.add("E206", node.span, f"'{text}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        parts = [int(p) for p in text.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            self.diags.add("E206", node.span, f"'{text}' is not a real date ({exc})", "check the day and month")
            return None
        if node.plain and text.isdigit() and str(int(text)) != text:
            self.diags.add("E206", node.span, f"'{text}' unquoted is the number {int(text)} to YAML tools, not a year",
                           f'write it in quotes: "{text}"')
            return None
        if whole_day and len(parts) < 3:
            self.diags.add("E206", node.span, f"'{text}' is not a whole day", "write YYYY-MM-DD: the day it changed")
            return None
        return PartialDate(*parts, text=text)

    def check_url(self, node: Scalar, spec: Field) -> bool:
        problem = url_problem(node.value)
        if problem is None and spec.type == "archive-url":
            host = (urlsplit(node.value).hostname or "").lower()
            if not any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
                problem = f"'{host}' is not a web archive (known: {', '.join(ARCHIVE_HOSTS[:4])}, …)"
        if problem:
            self.diags.add("E208", node.span, f"invalid URL in '{spec.name}': {problem}",
                           "use a full http:// or https:// address")
            return False
        return True

    def cross_field(self, values: dict, node: Mapping) -> None:
        start, end = values.get("date"), values.get("end")
        if isinstance(start, PartialDate) and isinstance(end, PartialDate):
            precision = min(start.precision, end.precision)
            if end.truncated(precision) < start.truncated(precision):
                self.diags.add("E210", node.entries["end"].value.span, f"end {end} is before date {start}")
        for name in ("date", "published", "founded", "updated"):
            value = values.get(name)
            if name == "date" and values.get("scheduled"):
                continue  # a scheduled event is expected to lie in the future; nothing else is
            if isinstance(value, PartialDate) and value.first_day() > self.today:
                self.diags.add("W202", node.entries[name].value.span,
                               f"'{value}' is in the future (today is {self.today.isoformat()})",
                               "check the date" + (", or mark the event `scheduled: true`" if name == "date" else ""))


def first_line(span: Span) -> Span:
    """A record's location is its first line, not the 25 lines it spans (annotations stay small)."""
    return Span(span.file, span.line, span.column, span.line, span.column + 1)


def is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.plain and node.value in YAML11_NULL


def url_problem(url: str) -> str | None:
    """Why a source URL is unsafe or unusable, or None. Only http(s) with a host; no credentials."""
    if url != url.strip() or re.search(r"\s", url):
        return "it contains spaces"
    if re.search(r"[\x00-\x1f\x7f<>\"\\`]", url):
        return "it contains a character that is not allowed in a URL"
    if url.startswith("//"):
        return "it has no scheme (protocol-relative)"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme '{parts.scheme or '(none)'}' is not http or https"
    if url.split(":", 1)[0] not in ("http", "https"):  # urlsplit lowercases the scheme: look at the text
        return "write the scheme in lowercase"
    if not parts.hostname:
        return "it has no host"
    if parts.username or parts.password or "@" in parts.netloc:
        return "it contains credentials"
    return None


_RESOLVER_TAGS = {"bool": "boolean", "int": "number", "float": "number", "null": "null", "timestamp": "date"}


_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1's implicit types, as other tools would read the text


def _resolve(text: str) -> str:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)).rsplit(":", 1)[-1]
    if tag == "str" and re.fullmatch(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?", text):
        return "number (sexagesimal)"
    return _RESOLVER_TAGS.get(tag, "str")


def load_and_validate(kind: Kind, path: Path, diags: Diagnostics, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
                      today: dt.date | None = None) -> tuple[RawDocument, list[Record], float]:
    """Load one kind's file, validating each record as soon as the loader has read it, so the
    file's node tree is never held whole (10,000 events: RSS after reading 241 MB holding it,
    101 MB without). Returns the document, its records and the seconds spent validating.

    What validation finds is kept only if the whole file parses: a file with a syntax error
    reports that error alone (the contributor fixes it first), as when validation came after.
    Duplicate ids are not checked here (unique_ids)."""
    held = Diagnostics()
    validator = Validator(kind, held, today)
    records: list[Record] = []
    seconds = 0.0

    def each_record(node: Node) -> None:
        nonlocal seconds
        start = time.perf_counter()
        record = validator.record(node)
        if record is not None:
            records.append(record)
        seconds += time.perf_counter() - start

    doc = load_file(path, diags, max_bytes, each_record)
    if isinstance(doc.root, Sequence):
        diags.extend(held)
        return doc, records, seconds
    return doc, Validator(kind, diags, today).records(doc), seconds  # unreadable (nothing), or not a list (E111)


def unique_ids(records: list[Record], diags: Diagnostics) -> Iterator[Record]:
    seen: dict[str, Record] = {}
    for record in records:
        first = seen.get(record.id)
        if first is not None:
            diags.add("E205", record.spans.get("id", record.span), f"duplicate {record.kind} id '{record.id}'",
                      f"first used at line {first.span.line}")
            continue
        seen[record.id] = record
        yield record
