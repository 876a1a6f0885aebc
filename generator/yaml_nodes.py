"""YAML as our nodes: libyaml's parser events turned into Scalar, Sequence and Mapping nodes
with spans (1-based lines, code-point columns from libyaml's marks), without PyYAML's own
node tree; anchors and aliases are never expanded."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass

import yaml

from .diagnostics import Diagnostics, Span

MAX_DEPTH = 32


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


def parser_events(text: str) -> Iterator[yaml.Event]:
    """libyaml's parser events, read by calling its C parser directly (yaml.parse asks it
    twice per event, check_event then get_event)."""
    loader = yaml.CSafeLoader(text)
    try:
        yield from iter(loader.get_event, None)
    finally:
        loader.dispose()


EMPTY = Scalar("", Span("", 1, 1, 1, 1), plain=True)  # a stream with no document


class EventConverter:
    """Builds our node tree straight from libyaml's parser events, as the composer would
    (same spans, same errors), without first building PyYAML's node tree: at 10,000 events
    that tree alone took some 260 MB. An alias is never expanded (its value is dropped, and
    reported by `refuse_anchors_and_tags`), so an alias bomb costs nothing."""

    def __init__(self, name: str, diags: Diagnostics, line_offset: int = 0) -> None:
        self.name, self.diags, self.line_offset = name, diags, line_offset
        self.anchors: dict[str, yaml.Mark] = {}
        self.too_deep = False
        self.root: Node | None = None

    def span(self, start: yaml.Mark, end: yaml.Mark) -> Span:
        """1-based lines (moved down by ``line_offset``: a record read apart from its file) and columns."""
        return Span(self.name, start.line + 1 + self.line_offset, start.column + 1,
                    end.line + 1 + self.line_offset, end.column + 1)

    def items(self, events) -> Iterator[Node]:
        """Each item of the document's top-level list, as soon as it is read (none is kept).
        Afterwards ``root`` is that list, without its items, or the whole root when it is not a
        list, or EMPTY for a stream with no document. A syntax error raises from here."""
        events = iter(events)
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            self.root = EMPTY
            return
        doc_start = event.start_mark  # DocumentStart
        event = next(events)
        if isinstance(event, yaml.SequenceStartEvent):
            self.anchor(event)
            end = yield from self.sequence_items(events, 0)
            self.root = Sequence([], self.span(event.start_mark, end))
        else:
            self.root = self.convert(event, events, 0)
        next(events)  # DocumentEnd
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", doc_start,
                                              "but found another document", event.start_mark)

    def sequence_items(self, events, depth: int) -> Generator[Node, None, yaml.Mark]:
        """The converted items of a sequence at ``depth``, up to its end, whose mark it returns
        (the parser raises on an unterminated one)."""
        while not isinstance(item := next(events), yaml.SequenceEndEvent):
            converted = self.convert(item, events, depth + 1)
            if converted is not None:
                yield converted
        return item.end_mark

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
        """Read past a value without converting it (nothing inside is reported, but its anchors
        are defined); its end mark."""
        open_collections = 0
        while True:
            self.anchor(event)  # an end event has no anchor
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_collections += 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                open_collections -= 1
            if not open_collections:
                return event.end_mark
            event = next(events)

    def convert(self, event, events, depth: int) -> Node | None:
        if self.too_deep or depth > MAX_DEPTH:  # the rest of a too-deep field is read, not kept
            self.too_deep = True
            self.skip(event, events)
            return None
        self.anchor(event)
        if isinstance(event, yaml.AliasEvent):
            return None
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, self.span(event.start_mark, event.end_mark), plain=not event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            reading = self.sequence_items(events, depth)
            while True:
                try:
                    items.append(next(reading))
                except StopIteration as done:
                    node: Node = Sequence(items, self.span(event.start_mark, done.value))
                    break
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
        while not isinstance(key := next(events), yaml.MappingEndEvent):  # the parser raises on an unterminated one
            if not isinstance(key, yaml.ScalarEvent):
                key_span = self.span(key.start_mark, self.skip(key, events))
                self.skip(next(events), events)
                if isinstance(key, yaml.AliasEvent):
                    continue  # reported by refuse_anchors_and_tags
                self.diags.add("E113", key_span, "a key must be a plain name, not a list or mapping")
                continue
            self.anchor(key)
            key_span = self.span(key.start_mark, key.end_mark)
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
        return Mapping(entries, self.span(start.start_mark, key.end_mark))
