"""Writing `archived` copies into a data file as added lines, and nothing else.

The file is never re-dumped: each new `archived: …` line is inserted into the text as
written, with the indentation of its source's fields, after the last of the fields that
come before `archived` in the field table (url, title, publisher, published). Comments,
order, quoting and line endings stay as they were, so a diff shows only added lines. The
new text is validated before it replaces the file (atomically): it must hold the same
records, each source with at most the new copy added, or nothing is written.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics
from .load import LINE_BREAKS, Mapping, Node, Scalar, Sequence, load_file
from .records import SOURCE_FIELDS, Kind
from .validate import Validator

# The fields written before `archived` (the field table's order): a new copy goes after them.
BEFORE_ARCHIVED = tuple(f.name for f in SOURCE_FIELDS[: [f.name for f in SOURCE_FIELDS].index("archived")])


def source_mappings(node: Node | None) -> Iterator[Mapping]:
    """Every source of a document, those under an exchange's `history` included, in file order."""
    if isinstance(node, Sequence):
        for item in node.items:
            yield from source_mappings(item)
    elif isinstance(node, Mapping):
        for key, entry in node.entries.items():
            if key == "sources" and isinstance(entry.value, Sequence):
                yield from (item for item in entry.value.items if isinstance(item, Mapping))
            else:
                yield from source_mappings(entry.value)


def wants_copy(source: Mapping) -> str | None:
    """The source's URL when it has no `archived` copy yet (and its URL is http(s)), else None."""
    entry = source.entries.get("url")
    if "archived" in source.entries or entry is None or not isinstance(entry.value, Scalar):
        return None
    url = entry.value.value
    return url if url.startswith(("http://", "https://")) else None


def yaml_value(text: str) -> str:
    """``text`` as a YAML value: plain where YAML reads it back unchanged, else double-quoted."""
    try:
        if not text.endswith(":") and yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Insertion:
    after_line: int  # 1-based: the new line goes after this one
    indent: int
    value: str


def insertion(source: Mapping, lines: list[str], copy: str) -> Insertion | None:
    """Where the copy's line goes in a block mapping; None for a source written in flow style
    (`{url: …}`), which cannot take a line of its own."""
    first = min(source.entries.values(), key=lambda e: (e.key_span.line, e.key_span.column))
    head = lines[first.key_span.line - 1][: first.key_span.column - 1]
    if not re.fullmatch(r"[ ]*(-[ ]+)*", head):
        return None  # `{` or a key after other text on its line: flow style
    anchors = [e for name, e in source.entries.items() if name in BEFORE_ARCHIVED]
    anchor = max(anchors or source.entries.values(), key=lambda e: (e.value.span.end_line, e.value.span.end_column))
    span = anchor.value.span
    end = span.end_line - 1 if span.end_column == 1 and span.end_line > span.line else span.end_line  # block scalar
    later = [e for e in source.entries.values() if e.key_span.line > span.line]
    if any(e.key_span.line <= end for e in later):
        return None
    return Insertion(end, first.key_span.column - 1, copy)


def with_lines(text: str, insertions: list[Insertion]) -> str:
    """``text`` with each insertion's line added, every existing line and its break kept."""
    parts = re.split(f"({LINE_BREAKS.pattern})", text)
    lines = [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
    newline = "\r\n" if "\r\n" in text else "\n"
    for ins in sorted(insertions, key=lambda i: i.after_line, reverse=True):
        content, brk = lines[ins.after_line - 1]
        line = " " * ins.indent + "archived: " + yaml_value(ins.value)
        if brk:
            lines.insert(ins.after_line, (line, brk))
        else:  # the file's last line, without a line break
            lines[ins.after_line - 1] = (content, newline)
            lines.insert(ins.after_line, (line, ""))
    return "".join(content + brk for content, brk in lines)


def without_copies(value: Any) -> Any:
    """A record's values with every `archived` left out, to compare a file before and after."""
    if isinstance(value, dict):
        return {k: without_copies(v) for k, v in value.items() if k != "archived"}
    if isinstance(value, tuple | list):
        return [without_copies(v) for v in value]
    return value


def checked(path: Path, kind: Kind) -> tuple[list[Any], int, Diagnostics]:
    """The file's records (their values without copies), its number of `archived` fields and
    what validation found."""
    diags = Diagnostics()
    doc = load_file(path, diags)
    records = Validator(kind, diags).records(doc) if not diags.errors else []
    count = sum(1 for s in source_mappings(doc.root) if "archived" in s.entries)
    return [without_copies(r.values) for r in records], count, diags


@dataclass
class Written:
    added: int = 0
    skipped: list[str] | None = None  # URLs whose source is in flow style
    refused: str | None = None  # why nothing was written


def add_copies(path: Path, kind: Kind, copies: dict[str, str]) -> Written:
    """Add `archived: <copy>` to every source of ``path`` without one whose url is a key of
    ``copies``; write the file only if it still validates, holding the same records."""
    diags = Diagnostics()
    doc = load_file(path, diags)
    if diags.errors:
        return Written(refused=f"{doc.path} does not read cleanly; run `python -m generator check`")
    result = Written(skipped=[])
    insertions = []
    for source in source_mappings(doc.root):
        url = wants_copy(source)
        if url is None or url not in copies:
            continue
        ins = insertion(source, doc.lines, copies[url])
        if ins is None:
            result.skipped.append(url)
        else:
            insertions.append(ins)
    if not insertions:
        return result
    raw = path.read_bytes()
    bom, text = (b"\xef\xbb\xbf", raw[3:].decode("utf-8")) if raw.startswith(b"\xef\xbb\xbf") else (b"", raw.decode())
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".archive.tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(bom + with_lines(text, insertions).encode("utf-8"))
        before, old_count, old_diags = checked(path, kind)
        after, new_count, new_diags = checked(tmp, kind)
        if new_diags.errors or after != before or new_count != old_count + len(insertions):
            problem = new_diags.errors[0].message if new_diags.errors else "the records would change"
            return Written(refused=f"{doc.path} left as it was: with the copies added, {problem}")
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
        result.added = len(insertions)
        return result
    finally:
        tmp.unlink(missing_ok=True)
