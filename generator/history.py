"""When each record last changed, from the git history of its lines (never the build time).

A record's "last changed" date is the newest commit date among the lines it spans, from
`git blame`. Lines not yet committed are skipped (their date would be the build time), so
a working copy shows the date of the last commit that touched the record. Lines blame
pins on the boundary of a shallow clone are skipped too (their date is the clone's, not the
record's), as are whitespace-only changes and moved lines (`-w -M`). Outside a git
repository or in a shallow clone there is simply less to say: records without a date print
"not recorded". A record's own `updated` field always wins (see `last_changed`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from .records import KINDS, PartialDate, Record

UNCOMMITTED = "0" * 40

# Builds from a copy of the data (tests, benchmarks) can name the folder whose history counts.
HISTORY_ENV = "GENERATOR_HISTORY_DIR"


def line_dates(data_file: Path, history_dir: Path | None = None) -> dict[int, dt.date]:
    """Committer date (UTC) of every committed line of one file: {line number: date}."""
    folder = history_dir or data_file.parent
    target = folder / data_file.name
    try:
        proc = subprocess.run(["git", "-C", str(folder), "blame", "--root", "-w", "-M", "--line-porcelain", "--", target.name],
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    cut = shallow_commits(folder)
    dates: dict[int, dt.date] = {}
    commit, line, when, boundary = "", 0, None, False
    for row in proc.stdout.splitlines():
        if row.startswith("\t"):
            if commit != UNCOMMITTED and when is not None and not boundary:
                dates[line] = when
            continue
        head, _, rest = row.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            commit, line, boundary = head, int(rest.split()[1]), head in cut
        elif row == "boundary":
            boundary = True
        elif head == "committer-time":
            when = dt.datetime.fromtimestamp(int(rest), dt.UTC).date()
    return dates


def shallow_commits(folder: Path) -> set[str]:
    """The commits where a shallow clone's history is cut: their parents are missing, so blame
    gives them every older line (with --root, which dates a real first commit's lines)."""
    try:
        proc = subprocess.run(["git", "-C", str(folder), "rev-parse", "--git-path", "shallow"],
                              capture_output=True, text=True, timeout=30)
        path = Path(proc.stdout.strip())
        if not path.is_absolute():
            path = folder / path
        return set(path.read_text("utf-8").split()) if proc.returncode == 0 and path.is_file() else set()
    except (OSError, subprocess.SubprocessError):
        return set()


def history_dir() -> Path | None:
    """The folder whose git history dates the data: GENERATOR_HISTORY_DIR, else the data folder."""
    override = os.environ.get(HISTORY_ENV)
    return Path(override) if override else None


def last_changed(record: Record, dates: dict[int, dt.date]) -> str | None:
    """The record's `updated` field, else the newest commit date of its lines, as YYYY-MM-DD."""
    updated = record.get("updated")
    if isinstance(updated, PartialDate):
        return updated.text
    span = record.span
    last = span.end_line - 1 if span.end_column == 1 and span.end_line > span.line else span.end_line
    found = [dates[n] for n in range(span.line, last + 1) if n in dates]
    return max(found).isoformat() if found else None


Changed = dict[tuple[str, str], str | None]  # (kind, id) → YYYY-MM-DD or None


def changed_dates(records: dict[str, dict[str, Record]], data_dir: Path) -> Changed:
    """Last-changed date of every record: one `git blame` per data file."""
    folder = history_dir()
    out: Changed = {}
    for kind, by_id in records.items():
        dates = line_dates(data_dir / KINDS[kind].file, folder) if by_id else {}
        for record in by_id.values():
            out[(kind, record.id)] = last_changed(record, dates)
    return out
