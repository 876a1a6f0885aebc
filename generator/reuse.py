"""Reuse between builds in one process (`mkdocs serve`): a record whose text did not change
is neither parsed nor validated again.

A save under `mkdocs serve` rebuilds everything; at 2,000 events reading and validating the
whole events file took about 0.8 s, most of it for records that did not change. With reuse,
a data file laid out as contributors write it (a list whose records start with `- ` at the
start of a line) is cut at those lines; each record's text is the key to the record
validated from it last time, moved to its new line if lines were added above it. Only new
or edited records are parsed, each on its own, on the same path as a whole file (load and
validate), with their real line numbers.

Correctness comes first: the cut is used only when every record on its own reads without a
single diagnostic. Anything else (a syntax error, a warning, an anchor, a tab, a line at the
start of the file that is not a record) sends the whole file through the ordinary load and
validate, so every message is exactly the one a clean build gives (tests/test_reuse.py
compares the two after each kind of edit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostics, Span
from .load import RawDocument, Sequence, parse_records, read_text
from .records import Kind, Record, Ref
from .validate import Validator


@dataclass
class FileMemo:
    """What one data file held at the last build: record text → (first line, record)."""

    records: dict[str, tuple[int, Record]] = field(default_factory=dict)


@dataclass
class Memo:
    """Kept by the caller between builds (the MkDocs hook keeps one for a `serve` session)."""

    files: dict[tuple[str, str], FileMemo] = field(default_factory=dict)
    parsed: int = 0  # records parsed in the last build (the rest were reused): for tests and benchmarks


def record_chunks(lines: list[str]) -> list[tuple[int, str]] | None:
    """(first line, text) of each top-level record, or None when the file is not a plain list
    of `- ` records (anything but records, comments and blank lines at the start of a line)."""
    starts: list[int] = []
    for index, line in enumerate(lines):
        if not line or line[0] == " " or line[0] == "#":
            if not starts and line.strip() and not line.lstrip().startswith("#"):
                return None  # indented content before the first record
            continue
        if line == "-" or line.startswith("- "):
            starts.append(index)
        else:
            return None
    if not starts:
        return None
    ends = starts[1:] + [len(lines)]
    # Exactly the file's text from one record's first line to the next one's (the last line
    # of the file is "" when the file ends with a line break): the same end marks as the whole file.
    return [(start + 1, "\n".join(lines[start:end]) + ("\n" if end < len(lines) else ""))
            for start, end in zip(starts, ends, strict=True)]


def moved(span: Span, delta: int) -> Span:
    return span._replace(line=span.line + delta, end_line=span.end_line + delta)


def shifted(record: Record, delta: int) -> Record:
    """The same record written ``delta`` lines further down."""
    if not delta:
        return record
    return Record(record.kind, record.id, record.values, moved(record.span, delta),
                  tuple(Ref(r.kind, r.id, r.field, moved(r.span, delta)) for r in record.refs),
                  {name: moved(span, delta) for name, span in record.spans.items()})


def parse_record(text: str, first_line: int, name: str, kind: Kind, today: dt.date | None = None) -> Record | None:
    """One record's text, read and validated on the same path as a whole file (load.parse_records,
    Validator) with its real line numbers; None if it gives any diagnostic at all (the caller
    then reads the whole file the ordinary way)."""
    quiet = Diagnostics()
    doc = RawDocument(name, text.split("\n"))
    try:
        nodes = list(parse_records(text, doc, quiet, line_offset=first_line - 1))
    except (yaml.YAMLError, RuntimeError):  # anything odd: the caller reads the whole file
        return None
    if quiet.items or not isinstance(doc.root, Sequence) or len(nodes) != 1:
        return None
    record = Validator(kind, quiet, today).record(nodes[0])
    return None if quiet.items or record is None else record


def read_records(kind: Kind, path: Path, max_bytes: int, memo: Memo,
                 today: dt.date | None = None) -> tuple[RawDocument, list[Record] | None]:
    """The file's document (lines, for carets) and its records when they could all be read
    record by record; records None means: load and validate ``document`` the ordinary way
    (its text is then re-read; this path is for files without any problem)."""
    doc, text = read_text(path, Diagnostics(), max_bytes)
    if text is None or (chunks := record_chunks(doc.lines)) is None:
        return doc, None
    last = memo.files.get((kind.name, doc.path), FileMemo())
    now = FileMemo()
    records: list[Record] = []
    for first_line, chunk in chunks:
        known = last.records.get(chunk)
        if known is not None:
            record = shifted(known[1], first_line - known[0])
        else:
            memo.parsed += 1
            record = parse_record(chunk, first_line, doc.path, kind, today)
            if record is None:
                return doc, None
        now.records[chunk] = (first_line, record)
        records.append(record)
    memo.files[(kind.name, doc.path)] = now
    return doc, records
