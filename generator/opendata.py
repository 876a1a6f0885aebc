"""Open data: every kind as JSON and CSV, the JSON Schemas, an iCalendar of events.

Readers cite and reuse the records, so the downloads carry the records as the contributors
wrote them (field table order, dates as written, ids as in URLs) plus each record's page
URL and last-changed date. Every file is a pure function of the data and the site URL:
nothing here reads the clock, so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from .link import Corpus
from .records import KINDS, Field, Kind, PartialDate, Record
from .schema import download_schema
from .valuechecks import plain

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection):
# such cells get a leading apostrophe, which spreadsheets hide and other readers can strip.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def page_url(site_url: str, record: Record) -> str:
    """The permanent address of a record's page (MkDocs' directory URLs)."""
    return f"{site_url.rstrip('/')}/{KINDS[record.kind].folder}/{record.id}/"


def record_json(record: Record, site_url: str, changed: str | None) -> dict[str, Any]:
    """One record as downloaded. ``changed`` is history.Change.date: the `updated` field, else
    the last commit's date; None for a record not committed yet (see schema.download_schema)."""
    out: dict[str, Any] = {}
    for spec in KINDS[record.kind].fields:
        if spec.name in record.values:
            out[spec.name] = plain(record.values[spec.name])
    out["url"] = page_url(site_url, record)
    out["last_changed"] = changed
    return out


def kind_json(records: list[Record], site_url: str, changed: dict[tuple[str, str], str | None]) -> str:
    """A JSON array with one record per line: a diff shows which records changed, and each line
    goes through the json module's C encoder (an indented dump goes through its Python one)."""
    rows = (json.dumps(record_json(r, site_url, changed.get((r.kind, r.id))), ensure_ascii=False) for r in records)
    return "[\n" + ",\n".join(rows) + "\n]\n"


def csv_columns(kind: Kind) -> list[tuple[str, list[Field]]]:
    """Each column's name and the fields leading to its value: one per top-level field, a
    mapping (document) one per sub-field (`document.number`); then the page and last change."""
    columns = []
    for spec in kind.fields:
        subs = {sub.name: sub for sub in spec.fields}
        columns += [(name, [spec, subs[name.split(".", 1)[1]]] if "." in name else [spec])
                    for name in spec.type.columns(spec)]
    return columns


def csv_cell(spec: Field, value: Any) -> str:
    """One cell, as the field's type flattens it (lists joined with '; ', sources by URL, an
    exchange's history as 'date status'); a cell a spreadsheet would run as a formula is
    defused with a leading apostrophe."""
    if value is None:
        return ""
    text = spec.type.cell(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# A UTF-8 byte-order mark opens every CSV file: without it, Excel on Windows reads the file in
# the system's code page and garbles the Chinese. Python reads it with encoding "utf-8-sig".
BOM = "\ufeff"


def kind_csv(kind: Kind, records: list[Record], site_url: str, changed: dict[tuple[str, str], str | None]) -> str:
    """The kind's records as CSV text, from its byte-order mark (BOM) and header row on."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\n")
    columns = csv_columns(kind)
    writer.writerow([name for name, _ in columns] + ["url", "last_changed"])
    for record in records:
        row = []
        for _, path in columns:
            value = record.get(path[0].name)
            for sub in path[1:]:
                value = (value or {}).get(sub.name)
            row.append(csv_cell(path[-1], value))
        writer.writerow(row + [page_url(site_url, record), changed.get((record.kind, record.id)) or ""])
    return buffer.getvalue()


def kind_schema_text(kind: Kind) -> str:
    return json.dumps(download_schema(kind), ensure_ascii=False, indent=2) + "\n"


def ics_text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11): backslash first, then ; , and line breaks.
    (The icalendar library also turns a written backslash-N into a line break: here it stays text.)"""
    return (value.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def ics_fold(line: str, limit: int = 75) -> str:
    """Fold a content line under ``limit`` octets, as the icalendar library does (RFC 5545 3.1):
    never inside a UTF-8 character, and an escaping backslash stays with what it escapes."""
    if line.isascii():  # one octet a character: cut by slices (at 10,000 events, 100,000 lines)
        parts = []
        while len(line) >= limit:
            cut = limit - 2 if line[limit - 2] in "\\^" else limit - 1
            parts.append(line[:cut])
            line = line[cut:]
        return "\r\n ".join([*parts, line])
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= limit:
            carried = [current.pop()] if len(current) > 1 and current[-1] in "\\^" else []
            lines.append("".join(current))
            current, size = carried, sum(len(c.encode("utf-8")) for c in carried)
        current.append(char)
        size += width
    lines.append("".join(current))
    return "\r\n ".join(lines)


def events_ics(corpus: Corpus, site_url: str, changed: dict[tuple[str, str], str | None]) -> str:
    """One all-day VEVENT per event. A month- or year-precise date starts on its first day and
    says so in the description; DTSTAMP is the record's last change (or its date), never now.

    Written by hand in the icalendar library's layout (its property order and folding; the
    tests read the file back with it and with RFC 5545's unescaping): its serializer took 2.4 s of a
    2,000-event build, folding one character at a time; this takes under 0.1 s."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//China Crypto Crackdown Tracker//events//EN",
           "X-WR-CALNAME:China crypto crackdown: events"]
    for event in reversed(corpus.timeline):  # oldest first, as calendars list them
        date: PartialDate = event.values["date"]
        end = event.get("end")
        last_day = end.first_day() if isinstance(end, PartialDate) else date.first_day()
        stamp = changed.get((event.kind, event.id)) or date.first_day().isoformat()
        precision = {1: " The sources give only the year.", 2: " The sources give only the month."}.get(date.precision, "")
        out += ["BEGIN:VEVENT", f"SUMMARY:{ics_text(event.values['title'])}",
                f"DTSTART;VALUE=DATE:{date.first_day():%Y%m%d}",
                f"DTEND;VALUE=DATE:{last_day + dt.timedelta(days=1):%Y%m%d}",
                f"DTSTAMP:{dt.date.fromisoformat(stamp):%Y%m%d}T000000Z",
                # Calendars match entries by UID across imports: it must not change with the domain.
                f"UID:{ics_text(event.id)}@china-crypto-crackdown-tracker",
                f"CATEGORIES:{ics_text(event.values['type'])}",
                f"DESCRIPTION:{ics_text(event.values['summary'] + precision)}",
                f"URL:{page_url(site_url, event)}", "END:VEVENT"]
    out.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in out)


def downloads(corpus: Corpus, site_url: str, changed: dict[tuple[str, str], str | None]) -> dict[str, Callable[[], str]]:
    """Every file under data/ of the site: {path relative to the output folder: a function
    that makes its text}, called when the file is written (large files are not held at once)."""
    files: dict[str, Callable[[], str]] = {}
    for kind in KINDS.values():
        records = corpus.timeline if kind.dated else sorted(corpus.records[kind.name].values(), key=lambda r: r.id)
        files[f"data/{kind.plural}.json"] = partial(kind_json, records, site_url, changed)
        files[f"data/{kind.plural}.csv"] = partial(kind_csv, kind, records, site_url, changed)
        files[f"data/schema/{kind.plural}.json"] = partial(kind_schema_text, kind)
    files["data/events.ics"] = partial(events_ics, corpus, site_url, changed)
    return files
