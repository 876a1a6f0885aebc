"""Validate phase: nodes → frozen records, one small check per rule.

Each check yields diagnostics and never raises; a record with errors is still returned
where its id is known, so later checks (duplicate ids, references) can report too and the
contributor sees every problem in one run.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics, Span
from .load import DEFAULT_MAX_FILE_BYTES, Mapping, Node, RawDocument, Scalar, Sequence, read_records
from .records import Field, Kind, PartialDate, Record, Ref
from .valuechecks import TYPE_NAMES, first_line
from .values import archived_page, closest, same_page

YAML11_NULL = {"", "~", "null", "Null", "NULL"}


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
        self.refs: list[Ref] = []  # what the record names, in the order written
        self.spans: dict[str, Span] = {}
        self.prefix = ""  # the path of the list item being read ("history[0]."), for its spans
        if (id_entry := node.entries.get("id")) is not None:
            self.spans["id"] = id_entry.value.span  # where a duplicate id is reported (unique_ids)
        values = self.mapping(node, self.kind.fields)
        for rule in self.kind.rules:  # what a kind checks across its fields (records.Kind)
            rule(values, node, self.diags)
        record_id = values.get("id")
        if not isinstance(record_id, str):
            return None
        return Record(self.kind.name, record_id, values, node.span, tuple(self.refs), self.spans)

    def mapping(self, node: Mapping, fields: tuple[Field, ...]) -> dict[str, Any]:
        """The values of ``fields`` in ``node``, each checked by its type; unknown fields are E202."""
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
                spec.type.missing(spec, entry, node, self)
                continue
            value = spec.type.check(spec, entry.value, self)
            if value is not None:
                values[spec.name] = value
        self.cross_field(values, node)
        return values

    def cross_field(self, values: dict, node: Mapping) -> None:
        start, end = values.get("date"), values.get("end")
        if isinstance(start, PartialDate) and isinstance(end, PartialDate):
            precision = min(start.precision, end.precision)
            if end.truncated(precision) < start.truncated(precision):
                self.diags.add("E210", node.entries["end"].value.span, f"end {end} is before date {start}")
        self.archived_page(values, node)
        for name in ("date", "published", "founded", "updated"):
            value = values.get(name)
            if name == "date" and values.get("scheduled"):
                continue  # a scheduled event is expected to lie in the future; nothing else is
            if isinstance(value, PartialDate) and value.first_day() > self.today:
                self.diags.add("W202", node.entries[name].value.span,
                               f"'{value}' is in the future (today is {self.today.isoformat()})",
                               "check the date" + (", or mark the event `scheduled: true`" if name == "date" else ""))


    def archived_page(self, values: dict, node: Mapping) -> None:
        """A source's `archived` copy, where its address names the page, is of the source's own `url`."""
        url, archived = values.get("url"), values.get("archived")
        page = archived_page(archived) if isinstance(archived, str) else None
        if isinstance(url, str) and page is not None and not same_page(page, url):
            self.diags.add("E218", node.entries["archived"].value.span,
                           f"the archived copy is of another page ({page}) than the source's url",
                           f"archive {url} itself, or cite the page the copy is of")


def is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.plain and node.value in YAML11_NULL


def load_and_validate(kind: Kind, path: Path, diags: Diagnostics, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
                      today: dt.date | None = None) -> tuple[RawDocument, list[Record], float]:
    """Load one kind's file, validating each record as soon as the loader has read it, so the
    file's node tree is never held whole. Returns the document, its records and the seconds
    spent validating.

    What validation finds is kept only if the whole file parses: a file with a syntax error
    reports that error alone (the contributor fixes it first), as when validation came after.
    Duplicate ids are not checked here (unique_ids)."""
    held = Diagnostics()
    validator = Validator(kind, held, today)
    records: list[Record] = []
    seconds = 0.0
    doc, nodes = read_records(path, diags, max_bytes)
    for node in nodes:
        start = time.perf_counter()
        record = validator.record(node)
        if record is not None:
            records.append(record)
        seconds += time.perf_counter() - start
    if isinstance(doc.root, Sequence):
        diags.extend(held)
        return doc, records, seconds
    return doc, Validator(kind, diags).records(doc), seconds  # unreadable (nothing), or not a list (E111)


def unique_ids(records: list[Record], diags: Diagnostics) -> Iterator[Record]:
    seen: dict[str, Record] = {}
    for record in records:
        first = seen.get(record.id)
        if first is not None:
            diags.add("E205", record.spans["id"], f"duplicate {record.kind} id '{record.id}'",
                      f"first used at line {first.span.line}")
            continue
        seen[record.id] = record
        yield record
