"""When each record last changed, from the git history of its lines (never the build time).

A record's "last changed" date is the newest commit date among the lines it spans, from
`git blame`. Lines blame pins on the boundary of a shallow clone are skipped (their date is
the clone's, not the record's), as are whitespace-only changes and moved lines (`-w -M`).
Outside a git repository or in a shallow clone there is simply less to say: records without
a date print "not recorded". A record's own `updated` field always wins (see `last_changed`).

Lines not yet committed have no date (blame would give them the build time), so a working
copy says what is not committed instead (see `Change`):

- a record whose `id` line is not committed (a new record, in a committed file or in one git
  does not track yet, or a record whose id was changed: a new page) is "not committed yet",
  never dated by an older commit (`-M` may pin lines copied from another record on it);
- a committed record with other lines not committed, or with committed lines deleted, is
  dated by its last commit and says "with uncommitted changes".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .records import KINDS, PartialDate, Record

UNCOMMITTED = "0" * 40


@dataclass
class FileHistory:
    """What `git blame` says of one data file's lines."""

    dates: dict[int, dt.date] = field(default_factory=dict)  # committed lines with a known date (UTC)
    # Lines that differ from the last commit, less blank and comment lines: a record's span runs
    # to the next record, and a new record's blank line or comment above it is not an edit.
    uncommitted: set[int] = field(default_factory=set)
    # Lines after which committed lines were deleted (0: at the top), less deletions of blank or
    # comment lines only and of whole records (a neighbour's removal is not an edit of this one).
    deleted_after: set[int] = field(default_factory=set)
    untracked: bool = False  # the file is in no commit yet: every line is uncommitted


def file_history(data_file: Path, history_dir: Path | None = None) -> FileHistory:
    """Committer date of every committed line of one file, and which lines are not committed.
    Outside a git repository (or if blame fails otherwise), an empty FileHistory: nothing known."""
    folder = history_dir or data_file.parent
    target = folder / data_file.name
    try:
        proc = subprocess.run(["git", "-C", str(folder), "blame", "--root", "-w", "-M", "--line-porcelain", "--", target.name],
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return FileHistory()
    if proc.returncode != 0:
        return FileHistory(untracked=not_committed(folder, target.name))
    cut = shallow_commits(folder)
    out = FileHistory()
    commit, line, when, boundary = "", 0, None, False
    for row in proc.stdout.splitlines():
        if row.startswith("\t"):
            if commit == UNCOMMITTED:
                if row[1:].strip() and not row[1:].lstrip().startswith("#"):
                    out.uncommitted.add(line)
            elif when is not None and not boundary:
                out.dates[line] = when
            continue
        head, _, rest = row.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            commit, line, boundary = head, int(rest.split()[1]), head in cut
        elif row == "boundary":
            boundary = True
        elif head == "committer-time":
            when = dt.datetime.fromtimestamp(int(rest), dt.UTC).date()
    out.deleted_after = deletions(folder, target.name)
    return out


HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def deletions(folder: Path, name: str) -> set[int]:
    """Where the working copy deleted committed lines (`git diff -U0 HEAD`): the line after
    which each run of deleted lines stood. Runs of blank or comment lines, and runs that hold
    a whole record (a line starting `- `), are left out."""
    try:
        proc = subprocess.run(["git", "-C", str(folder), "diff", "-U0", "--no-color", "--no-ext-diff", "HEAD", "--", name],
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return set()
    found: set[int] = set()
    after, removed = None, []
    for row in [*proc.stdout.splitlines(), "@@ end"] if proc.returncode == 0 else []:
        if row.startswith("@@"):
            if after is not None and any(r.strip() and not r.lstrip().startswith("#") for r in removed) \
                    and not any(r.startswith("- ") for r in removed):
                found.add(after)
            hunk = HUNK.match(row)
            pure = hunk is not None and hunk.group(1) != "0" and hunk.group(3) == "0"
            after, removed = (int(hunk.group(2)) if pure else None), []
        elif row.startswith("-") and not row.startswith("---"):
            removed.append(row[1:])
    return found


def not_committed(folder: Path, name: str) -> bool:
    """The file is in a git work tree but not in its last commit (untracked, only staged, or
    the repository has no commit yet): blame refuses it, and every line of it is new."""
    try:
        inside = subprocess.run(["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True, timeout=30)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return False
        in_head = subprocess.run(["git", "-C", str(folder), "cat-file", "-e", f"HEAD:./{name}"],
                                 capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return in_head.returncode != 0


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


def repository_state(folder: Path) -> str | None:
    """The commit checked out and the commits a shallow clone is cut at; None outside a
    repository or before its first commit."""
    try:
        proc = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD", "--git-path", "shallow"],
                              capture_output=True, text=True, timeout=30)
        head, shallow = proc.stdout.split()
        path = Path(shallow) if Path(shallow).is_absolute() else folder / shallow
        cut = path.read_text("utf-8").split() if path.is_file() else []
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return " ".join([head, *sorted(cut)]) if proc.returncode == 0 else None


def remembered_history(data_file: Path, folder: Path | None, commit: str | None, cache_dir: Path | None) -> FileHistory:
    """file_history, or what it said last time: blame's answer depends only on the commit
    checked out, the file (where it is, its bytes) and this module, so it is kept in
    ``cache_dir`` under a digest of them (one entry per data file, replaced when one changes).
    Git settings that change blame (blame.ignoreRevsFile) are not in the digest."""
    target = (folder or data_file.parent) / data_file.name
    try:
        where = str(target.resolve())
        key = hashlib.sha256(f"{commit}\0{where}\0".encode() + target.read_bytes() + Path(__file__).read_bytes()).hexdigest()
    except OSError:
        commit = None
    if commit is None or cache_dir is None:
        return file_history(data_file, folder)
    path = cache_dir / "history" / f"{data_file.name}-{hashlib.sha256(where.encode()).hexdigest()[:12]}.json"
    try:
        saved = json.loads(path.read_text("utf-8"))
        if saved["key"] == key:
            return FileHistory({int(n): dt.date.fromisoformat(d) for n, d in saved["dates"].items()},
                               set(saved["uncommitted"]), set(saved["deleted_after"]), saved["untracked"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    history = file_history(data_file, folder)
    record = {"key": key, "dates": {n: d.isoformat() for n, d in history.dates.items()},
              "uncommitted": sorted(history.uncommitted), "deleted_after": sorted(history.deleted_after),
              "untracked": history.untracked}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(record), "utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
    return history


NEW = "not committed yet"
EDITED = "with uncommitted changes"


class Change(NamedTuple):
    """When a record last changed. ``date`` (YYYY-MM-DD) is its `updated` field, else the
    newest commit date of its lines; None if unknown, and for a record not committed yet (an
    older commit's date would be wrong). ``pending`` says what git has not recorded: "" (nothing,
    or no history), NEW or EDITED. Only ``date`` goes into downloads and feeds (pages.common.Site.dates)."""

    date: str | None = None
    pending: str = ""

    def describe(self) -> str:
        """For "last changed: …": '2024-05-01', '2024-05-01, with uncommitted changes',
        'not committed yet', 'not recorded' (or 'not recorded, with uncommitted changes')."""
        if self.pending == NEW and not self.date:
            return NEW
        return ", ".join(filter(None, [self.date or "not recorded", self.pending]))


def last_changed(record: Record, history: FileHistory) -> Change:
    """The record's `updated` field, else the newest commit date of its lines, and whether
    its lines are committed (see the module's docstring)."""
    span = record.span
    last = span.end_line - 1 if span.end_column == 1 and span.end_line > span.line else span.end_line
    lines = range(span.line, last + 1)
    id_line = record.spans.get("id", span).line
    if history.untracked or id_line in history.uncommitted:
        pending = NEW
    elif any(n in history.uncommitted or n in history.deleted_after for n in lines):
        pending = EDITED
    else:
        pending = ""
    updated = record.get("updated")
    if isinstance(updated, PartialDate):
        return Change(updated.text, pending)
    found = [history.dates[n] for n in lines if n in history.dates] if pending != NEW else []
    return Change(max(found).isoformat() if found else None, pending)


Changed = dict[tuple[str, str], Change]  # (kind, id) → when it last changed


def changed_dates(records: dict[str, dict[str, Record]], data_dir: Path, folder: Path | None = None,
                  cache_dir: Path | None = None) -> Changed:
    """When every record last changed: one `git blame` per data file, in the repository of
    ``folder`` (else of the data folder), unless ``cache_dir`` keeps what blame said of the
    same file at the same commit (remembered_history)."""
    out: Changed = {}
    commit = repository_state(folder or data_dir) if cache_dir is not None else None
    for kind, by_id in records.items():
        data_file = data_dir / KINDS[kind].file
        history = remembered_history(data_file, folder, commit, cache_dir) if by_id else FileHistory()
        for record in by_id.values():
            out[(kind, record.id)] = last_changed(record, history)
    return out
