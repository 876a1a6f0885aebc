"""Load phase: bytes → YAML nodes with spans, read strictly.

Values stay the text the contributor wrote (`2018-03-02`, `no`, `1.10` are strings here);
the validate phase decides what they mean (architecture decision 4). PyYAML's libyaml
classes compose the node tree with marks: 1-based lines and code-point columns come from
those marks, never from re-dumping. Anchors, aliases, tags and merge keys are refused, so
an alias bomb is cut at its first alias instead of being expanded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostics, Span
from .yaml_errors import report_syntax_error
from .yaml_nodes import (  # noqa: F401 - the node types, where the phases look for them
    EMPTY,
    MAX_DEPTH,
    Entry,
    EventConverter,
    Mapping,
    Node,
    Scalar,
    Sequence,
    parser_events,
)

# libyaml breaks lines on these, so source lines for carets must be split the same way.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# C0 and C1 controls (but tab, LF and CR) and the non-characters YAML refuses.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass
class RawDocument:
    """One data file as read: its display path, its lines (for carets) and its node tree.

    Read record by record (read_records), a top-level list is a Sequence with no items: each
    was handed over as it was read. Its span still says where the list is."""

    path: str
    lines: list[str] = field(default_factory=list)
    root: Node | None = None


def display_path(path: Path) -> str:
    """Paths relative to the working directory where possible, as compilers print them."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def read_records(path: Path, diags: Diagnostics,
                 max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[RawDocument, Iterator[Node]]:
    """Read one data file: its document (path and lines at once; its root once every record
    is read) and its records' nodes, each as soon as it is read, so a caller that turns each
    into a record never holds the file's whole node tree. Every problem goes to ``diags``;
    never raises."""
    doc, text = read_text(path, diags, max_bytes)
    return doc, (parse_records(text, doc, diags) if text is not None else iter(()))


def load_file(path: Path, diags: Diagnostics, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> RawDocument:
    """Read one data file whole: its document with every record's node in the root's items."""
    doc, nodes = read_records(path, diags, max_bytes)
    items = list(nodes)
    if isinstance(doc.root, Sequence):
        doc.root.items = items
    return doc


def read_text(path: Path, diags: Diagnostics, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[RawDocument, str | None]:
    """The file's text and lines, checked for size, encoding and control characters; the
    text is None when one of those failed (reported), and there is nothing to parse."""
    name = display_path(path)
    doc = RawDocument(name)
    start = Span(name, 1, 1, 1, 1)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refused before reading, so a huge file costs nothing
            diags.add("E108", start, f"file is {size:,} bytes; the cap is {max_bytes:,} bytes")
            return doc, None
        data = path.read_bytes()
    except FileNotFoundError:
        diags.add("E100", start, "data file is missing", "create it with `[]` if the kind has no records yet")
        return doc, None
    except OSError as exc:
        diags.add("E100", start, f"cannot read the file: {exc.strerror}")
        return doc, None
    text = decode(data, name, diags)
    if text is None:
        return doc, None
    doc.lines = LINE_BREAKS.split(text)
    if CONTROL_CHARS.search(text):  # one pass over the whole text first, then line by line to locate
        report_control_chars(doc, diags)
        return doc, None
    return doc, text


def decode(data: bytes, name: str, diags: Diagnostics) -> str | None:
    """UTF-8 only; a UTF-8 BOM is dropped (so it never counts in columns)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.add("E101", Span(name, 1, 1, 1, 2), "file is UTF-16 (it starts with a UTF-16 byte order mark); expected UTF-8",
                  "re-save it as UTF-8 in your editor")
        return None
    head = data[:64]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):  # every other byte NUL: UTF-16 without a BOM
        diags.add("E101", Span(name, 1, 1, 1, 2), "file looks like UTF-16 (every other byte is NUL); expected UTF-8",
                  "re-save it as UTF-8 in your editor")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        position, guess = exc.start, ""
        try:
            data.decode("gbk")
            guess = "; it looks like GBK/GB2312, a legacy Chinese encoding"
            # A GBK pair can pass for UTF-8 by chance: point at the first non-ASCII byte instead.
            position = next(i for i, byte in enumerate(data) if byte >= 0x80)
        except UnicodeDecodeError:
            pass
        lines = LINE_BREAKS.split(data[:position].decode("utf-8", errors="replace"))
        line, col = len(lines), len(lines[-1]) + 1
        bad = data[position : position + 1].hex().upper()
        if b"\x00" in data[:200] and guess == "":
            guess = "; it looks like UTF-16"
        diags.add("E101", Span(name, line, col, line, col + 1), f"byte 0x{bad} is not valid UTF-8{guess}; expected UTF-8",
                  "re-save the file as UTF-8 in your editor")
        return None


def report_control_chars(doc: RawDocument, diags: Diagnostics) -> None:
    """NUL and other control characters: invisible, and YAML refuses them. Report each line
    that holds one, once, at its first."""
    for number, line in enumerate(doc.lines, 1):
        match = CONTROL_CHARS.search(line)
        if match:
            col = match.start() + 1
            diags.add("E110", Span(doc.path, number, col, number, col + 1),
                      f"control character U+{ord(match.group()):04X} in the file", "delete it")


def parse_records(text: str, doc: RawDocument, diags: Diagnostics, line_offset: int = 0) -> Iterator[Node]:
    """Each item of the text's top-level list as it is read; when they are all read,
    ``doc.root`` is the list (without its items, each was handed over), the root if it is not
    a list, or None after a problem that stops reading (reported). ``line_offset``: the text
    starts that many lines into its file (one record read apart, reuse.py)."""
    converter = EventConverter(doc.path, diags, line_offset)
    try:
        yield from converter.items(parser_events(text))
    except yaml.MarkedYAMLError as exc:
        report_syntax_error(exc, doc.path, doc.lines, diags)
        return
    except (RecursionError, MemoryError):
        diags.add("E102", Span(doc.path, 1, 1, 1, 1), "the YAML is nested too deeply to read")
        return
    if converter.root is EMPTY:
        diags.add("E111", Span(doc.path, 1, 1, 1, 1), "file has no records",
                  "write `[]` for a kind with no records, or start a record with `- id:`")
        return
    refuse_anchors_and_tags(text, doc.path, diags)
    doc.root = converter.root


# Anchors (&), aliases (*) and tags (!) can only start after a space, a bracket or a comma.
_SUSPECT = re.compile(r"(?:^|[\s\[{,])[&*!]\S", re.M)


def refuse_anchors_and_tags(text: str, name: str, diags: Diagnostics) -> None:
    """Report every anchor, alias and explicit tag where it is written.

    Composing resolves these away (an alias becomes the same node, `!!str` a plain tag), so
    the parser's events are read instead; only when the text could hold one, to keep the
    common case to one pass.
    """
    if not _SUSPECT.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark = event.start_mark
            where = Span(name, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
            if isinstance(event, yaml.AliasEvent):
                diags.add("E105", where, f"alias '*{event.anchor}' reuses another value", "write the value out in full")
                continue
            if getattr(event, "anchor", None):
                diags.add("E105", where, f"anchor '&{event.anchor}' is not allowed", "remove it; write values out in full")
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit = not any(implicit) if isinstance(implicit, tuple) else not implicit
            if tag is not None and explicit:
                diags.add("E106", where, f"tag '{tag}' is not allowed", "remove the tag; values are plain text")
    except yaml.YAMLError:
        pass  # composing reports syntax errors with a better location
