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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostics, Span
from .yaml_errors import report_syntax_error

# libyaml breaks lines on these, so source lines for carets must be split the same way.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# C0 and C1 controls (but tab, LF and CR) and the non-characters YAML refuses.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
MAX_DEPTH = 32
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass
class Scalar:
    value: str
    span: Span
    plain: bool  # written without quotes: YAML 1.1 tools may read it as a bool, number or date


@dataclass
class Sequence:
    items: list[Node]
    span: Span


@dataclass
class Entry:
    key_span: Span
    value: Node


@dataclass
class Mapping:
    entries: dict[str, Entry]
    span: Span


Node = Scalar | Sequence | Mapping


@dataclass
class RawDocument:
    """One data file as read: its display path, its lines (for carets) and its node tree.

    Read with ``each_record`` (load_file), a top-level list is a Sequence with no items: each
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


def load_file(path: Path, diags: Diagnostics, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
              each_record: Callable[[Node], None] | None = None) -> RawDocument:
    """Read one data file; every problem goes to ``diags``; never raises.

    ``each_record``: called with each item of a top-level list as soon as it is read, instead
    of keeping it in the root's items: a caller that turns it into a record at once never
    holds the whole file's node tree (at 10,000 events, most of the memory of reading)."""
    doc, text = read_text(path, diags, max_bytes)
    if text is not None:
        doc.root = parse(text, doc, diags, each_record)
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
    if CONTROL_CHARS.search(text) and find_control_chars(doc, diags):  # one pass over the text first
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


def find_control_chars(doc: RawDocument, diags: Diagnostics) -> bool:
    """NUL and other control characters: invisible, and YAML refuses them. Report each line once."""
    found = False
    for number, line in enumerate(doc.lines, 1):
        match = CONTROL_CHARS.search(line)
        if match:
            col = match.start() + 1
            diags.add("E110", Span(doc.path, number, col, number, col + 1),
                      f"control character U+{ord(match.group()):04X} in the file", "delete it")
            found = True
    return found


def parser_events(text: str) -> Iterator[yaml.Event]:
    """libyaml's parser events, read by calling its C parser directly (yaml.parse asks it
    twice per event, check_event then get_event)."""
    loader = yaml.CSafeLoader(text)
    try:
        yield from iter(loader.get_event, None)
    finally:
        loader.dispose()


def parse(text: str, doc: RawDocument, diags: Diagnostics,
          each_record: Callable[[Node], None] | None = None) -> Node | None:
    try:
        root = EventConverter(doc.path, diags, each_record).document(parser_events(text))
    except yaml.MarkedYAMLError as exc:
        report_syntax_error(exc, doc.path, doc.lines, diags)
        return None
    except (RecursionError, MemoryError):
        diags.add("E102", Span(doc.path, 1, 1, 1, 1), "the YAML is nested too deeply to read")
        return None
    if root is _EMPTY:
        diags.add("E111", Span(doc.path, 1, 1, 1, 1), "file has no records",
                  "write `[]` for a kind with no records, or start a record with `- id:`")
        return None
    refuse_anchors_and_tags(text, doc.path, diags)
    return root


_EMPTY = Scalar("", Span("", 1, 1, 1, 1), plain=True)  # a stream with no document


def event_span(start: yaml.Mark, end: yaml.Mark, name: str) -> Span:
    return Span(name, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class EventConverter:
    """Builds our node tree straight from libyaml's parser events, as the composer would
    (same spans, same errors), without first building PyYAML's node tree: at 10,000 events
    that tree alone took some 260 MB. An alias is never expanded (its value is dropped, and
    reported by `refuse_anchors_and_tags`), so an alias bomb costs nothing."""

    def __init__(self, name: str, diags: Diagnostics, each_record: Callable[[Node], None] | None = None) -> None:
        self.name, self.diags, self.each_record = name, diags, each_record
        self.anchors: dict[str, yaml.Mark] = {}
        self.too_deep = False

    def document(self, events) -> Node | None:
        events = iter(events)
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            return _EMPTY
        doc_start = event.start_mark  # DocumentStart
        root = self.convert(next(events), events, 0)
        next(events)  # DocumentEnd
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", doc_start,
                                              "but found another document", event.start_mark)
        return root

    def anchor(self, event) -> None:
        """Anchors are checked as the composer checks them (duplicates, undefined aliases)."""
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
            return
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            return
        if anchor in self.anchors:
            raise yaml.composer.ComposerError("found duplicate anchor; first occurrence", self.anchors[anchor],
                                              "second occurrence", event.start_mark)
        self.anchors[anchor] = event.start_mark

    def skip(self, event, events) -> yaml.Mark:
        """Read past a value without converting it (nothing inside is reported); its end mark."""
        self.anchor(event)
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return event.end_mark
        open_collections = 1
        for inner in events:
            if not isinstance(inner, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                self.anchor(inner)
            if isinstance(inner, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_collections += 1
            elif isinstance(inner, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                open_collections -= 1
                if not open_collections:
                    return inner.end_mark
        raise AssertionError("unterminated collection")  # the parser raises before this

    def convert(self, event, events, depth: int) -> Node | None:
        if self.too_deep or depth > MAX_DEPTH:  # the rest of a too-deep field is read, not kept
            self.too_deep = True
            self.skip(event, events)
            return None
        self.anchor(event)
        if isinstance(event, yaml.AliasEvent):
            return None
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, event_span(event.start_mark, event.end_mark, self.name), plain=not event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for item in events:
                if isinstance(item, yaml.SequenceEndEvent):
                    break
                converted = self.convert(item, events, depth + 1)
                if converted is None:
                    continue
                if depth == 0 and self.each_record is not None:
                    self.each_record(converted)  # handed over, not kept (see load_file)
                else:
                    items.append(converted)
            node: Node = Sequence(items, event_span(event.start_mark, item.end_mark, self.name))
        else:
            node = self.mapping(event, events, depth)
        if depth == 2 and self.too_deep:  # the value of a record's field: report nesting that goes too deep here, once
            self.too_deep = False
            self.diags.add("E112", node.span, f"nested more than {MAX_DEPTH} levels deep",
                           "a field holds text, a list or a mapping of text")
            return None
        return node

    def mapping(self, start, events, depth: int) -> Node:
        entries: dict[str, Entry] = {}
        for key in events:
            if isinstance(key, yaml.MappingEndEvent):
                return Mapping(entries, event_span(start.start_mark, key.end_mark, self.name))
            if not isinstance(key, yaml.ScalarEvent):
                key_span = event_span(key.start_mark, self.skip(key, events), self.name)
                self.skip(next(events), events)
                if isinstance(key, yaml.AliasEvent):
                    continue  # reported by refuse_anchors_and_tags
                self.diags.add("E113", key_span, "a key must be a plain name, not a list or mapping")
                continue
            self.anchor(key)
            key_span = event_span(key.start_mark, key.end_mark, self.name)
            if key.value == "<<" and not key.style and key.tag is None:
                self.diags.add("E107", key_span, "merge key `<<` is not allowed", "write every field out")
                self.skip(next(events), events)
                continue
            if key.value in entries:
                first = entries[key.value].key_span
                self.diags.add("E104", key_span, f"duplicate key '{key.value}'",
                               f"first given at line {first.line}; keep one")
                self.skip(next(events), events)
                continue
            converted = self.convert(next(events), events, depth + 1)
            if converted is not None:
                entries[key.value] = Entry(key_span, converted)
        raise AssertionError("unterminated mapping")  # the parser raises before this


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
