"""Load phase: spans in code points, values kept as written, strict YAML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import generator.load
from generator.diagnostics import Diagnostics
from generator.load import Mapping, Scalar, Sequence, load_file


def load(tmp_path: Path, text: str | bytes, **kwargs):
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    diags = Diagnostics()
    return load_file(path, diags, **kwargs), diags


def codes(diags: Diagnostics) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in diags.sorted()]


def test_values_stay_the_text_written(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n  date: 2018-03-02\n  flag: no\n  n: 1.10\n")
    assert not diags.items
    record = doc.root.items[0]
    assert isinstance(doc.root, Sequence) and isinstance(record, Mapping)
    assert [record.entries[k].value.value for k in ("date", "flag", "n")] == ["2018-03-02", "no", "1.10"]


def test_columns_count_code_points_not_bytes(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "- id: a\n  term: 比特币比特币\n  next: x\n")
    value = doc.root.items[0].entries["next"].value
    term = doc.root.items[0].entries["term"].value
    assert isinstance(term, Scalar) and (term.span.column, term.span.end_column) == (9, 15)
    assert value.span.line == 3 and value.span.column == 9


def test_bom_is_not_counted(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, b"\xef\xbb\xbf- id: a\n")
    assert not diags.items
    assert doc.root.items[0].entries["id"].key_span.column == 3
    assert doc.lines == ["- id: a", ""]  # the lines shown under carets do not start with it either


def test_duplicate_key_points_at_the_second(tmp_path: Path) -> None:
    _, diags = load(tmp_path, "- id: a\n  id: b\n")
    assert codes(diags) == [("E104", 2, 3)]


def test_alias_bomb_is_refused_without_expansion(tmp_path: Path) -> None:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    doc, diags = load(tmp_path, "\n".join(rows) + "\n")
    assert diags.items and all(d.code == "E105" for d in diags.items)


def test_python_tag_is_refused(tmp_path: Path) -> None:
    _, diags = load(tmp_path, "- id: !!python/object/apply:os.system [echo hi]\n")
    assert codes(diags) == [("E106", 1, 7)]


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n" * 100, max_bytes=50)
    assert codes(diags) == [("E108", 1, 1)] and doc.root is None


def test_unclosed_quote_points_where_it_opened(tmp_path: Path) -> None:
    _, diags = load(tmp_path, '- id: a\n  title: "open\n  x: 1\n- id: "b"\n  y: 2\n')
    assert codes(diags) == [("E102", 2, 10)]


def test_utf16_is_named(tmp_path: Path) -> None:
    _, diags = load(tmp_path, "- id: a\n".encode("utf-16"))
    assert diags.items[0].code == "E101" and "UTF-16" in diags.items[0].message


def found(diags: Diagnostics) -> list[tuple]:
    """Everything a contributor reads: code, full span, message and hint."""
    return [(d.code, (d.span.line, d.span.column, d.span.end_line, d.span.end_column), d.message, d.hint)
            for d in diags.sorted()]


def test_size_cap_message_and_a_file_at_the_cap_loads(tmp_path: Path) -> None:
    text = "- id: a\n" * 150  # 1,200 bytes
    _, diags = load(tmp_path, text, max_bytes=1000)
    assert found(diags) == [("E108", (1, 1, 1, 1), "file is 1,200 bytes; the cap is 1,000 bytes", None)]
    doc, diags = load(tmp_path, text, max_bytes=1200)
    assert not diags.items and len(doc.root.items) == 150


def test_default_cap_is_ten_mebibytes(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"[]" + b" " * (10 * 1024 * 1024 - 2))
    diags = Diagnostics()
    assert load_file(path, diags).root is not None and not diags.items
    path.write_bytes(b"[]" + b" " * (10 * 1024 * 1024 - 1))
    load_file(path, diags)
    assert [d.message for d in diags.items] == ["file is 10,485,761 bytes; the cap is 10,485,760 bytes"]


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    diags = Diagnostics()
    doc = load_file(tmp_path / "absent.yaml", diags)
    load_file(tmp_path, diags)  # a folder where the file should be
    assert doc.root is None and doc.lines == []
    assert found(diags) == [
        ("E100", (1, 1, 1, 1), "cannot read the file: Is a directory", None),
        ("E100", (1, 1, 1, 1), "data file is missing", "create it with `[]` if the kind has no records yet"),
    ]


def test_path_is_shown_relative_to_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    doc, diags = load(tmp_path / "sub", "- id: a\n  id: b\n")
    assert doc.path == "sub/x.yaml" and diags.items[0].span.file == "sub/x.yaml"


UTF16_HINT = "re-save it as UTF-8 in your editor"
UTF8_HINT = "re-save the file as UTF-8 in your editor"


@pytest.mark.parametrize("data, expected", [
    (b"\xfe\xff\x00-\x00 ", ("E101", (1, 1, 1, 2), "file is UTF-16 (it starts with a UTF-16 byte order mark); expected UTF-8",
                             UTF16_HINT)),
    (b"\xff\xfe-\x00 \x00", ("E101", (1, 1, 1, 2), "file is UTF-16 (it starts with a UTF-16 byte order mark); expected UTF-8",
                             UTF16_HINT)),
    # A quarter of the bytes NUL is UTF-16 without a BOM; fewer is a NUL in a UTF-8 file.
    (b"- id:\x00a\x00", ("E101", (1, 1, 1, 2), "file looks like UTF-16 (every other byte is NUL); expected UTF-8", UTF16_HINT)),
    (b"- id: a\x00", ("E110", (1, 8, 1, 9), "control character U+0000 in the file", "delete it")),
    (b"a\x00b\x00", ("E101", (1, 1, 1, 2), "file looks like UTF-16 (every other byte is NUL); expected UTF-8", UTF16_HINT)),
    (b"- id:\x00ab\x00", ("E110", (1, 6, 1, 7), "control character U+0000 in the file", "delete it")),  # 2 NULs in 9 bytes
    (b"a\x00b", ("E110", (1, 2, 1, 3), "control character U+0000 in the file", "delete it")),  # too short to guess
    (b"\xff- id: a\n", ("E101", (1, 1, 1, 2), "byte 0xFF is not valid UTF-8; expected UTF-8", UTF8_HINT)),
    (b"a: 1\r\nb: 2\r\nc: \xff\n", ("E101", (3, 4, 3, 5), "byte 0xFF is not valid UTF-8; expected UTF-8", UTF8_HINT)),
    (b"a: 1\rb: \xe9t\xe9\n", ("E101", (2, 4, 2, 5), "byte 0xE9 is not valid UTF-8; expected UTF-8", UTF8_HINT)),
    (b"- id: a\x00\n\xff", ("E101", (2, 1, 2, 2), "byte 0xFF is not valid UTF-8; it looks like UTF-16; expected UTF-8",
                             UTF8_HINT)),
    ("- id: a\n  name: 比特币\n".encode("gbk"),
     ("E101", (2, 9, 2, 10), "byte 0xB1 is not valid UTF-8; it looks like GBK/GB2312, a legacy Chinese encoding; expected UTF-8",
      UTF8_HINT)),
])
def test_encodings(tmp_path: Path, data: bytes, expected: tuple) -> None:
    doc, diags = load(tmp_path, data)
    assert found(diags) == [expected] and doc.root is None


def test_only_a_nul_in_the_first_200_bytes_suggests_utf16(tmp_path: Path) -> None:
    head = b"- id: a\n  name: " + b"x" * (200 - 16)
    assert len(head) == 200
    _, diags = load(tmp_path, head + b"\x00\xff\n")
    assert [d.message for d in diags.items] == ["byte 0xFF is not valid UTF-8; expected UTF-8"]
    _, diags = load(tmp_path, head[:-1] + b"\x00\xff\n")
    assert [d.message for d in diags.items] == ["byte 0xFF is not valid UTF-8; it looks like UTF-16; expected UTF-8"]


def test_control_characters_reported_once_per_line_and_nothing_parsed(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\x01b\x02\n  name: ok\n  x: \x7f\x1b\n")
    assert found(diags) == [("E110", (1, 8, 1, 9), "control character U+0001 in the file", "delete it"),
                            ("E110", (3, 6, 3, 7), "control character U+007F in the file", "delete it")]
    assert doc.root is None and doc.lines[1] == "  name: ok"


def test_tab_and_line_breaks_are_not_control_characters(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\r\n  name:\tb\r  summary: c\n")
    assert not diags.items
    assert doc.lines == ["- id: a", "  name:\tb", "  summary: c", ""]
    # YAML breaks lines at NEL and LINE SEPARATOR too: the lines kept for carets must agree.
    doc, _ = load(tmp_path, '- id: a\n  summary: "c\u2028d"\n  name: e\x85f\n')
    assert doc.lines == ["- id: a", '  summary: "c', 'd"', "  name: e", "f", ""]


def test_quoted_and_plain_values(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "- id: a\n  x: no\n  y: \"no\"\n  z: 'no'\n")
    entries = doc.root.items[0].entries
    assert [(entries[k].value.value, entries[k].value.plain) for k in "xyz"] == [("no", True), ("no", False), ("no", False)]


def test_spans_of_keys_values_and_collections(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "- id: a\n  aliases: [b, cc]\n")
    record = doc.root.items[0]
    aliases = record.entries["aliases"]
    s = aliases.key_span
    assert (s.line, s.column, s.end_line, s.end_column) == (2, 3, 2, 10)
    s = aliases.value.span
    assert (s.line, s.column, s.end_line, s.end_column) == (2, 12, 2, 19)
    s = aliases.value.items[1].span
    assert (s.line, s.column, s.end_line, s.end_column) == (2, 16, 2, 18)
    s = doc.root.span
    assert (s.line, s.column, s.end_line, s.end_column) == (1, 1, 3, 1)


TAB = "replace the tab with spaces"


# The hint where the line in error lines up with the mappings and lists above it.
ANY_COLUMN = "check the indentation: the keys of one mapping, like the items of one list, start in one column"


def test_yaml_errors_with_their_hints(tmp_path: Path) -> None:
    cases = {
        '- id: a\n  aliases: [a, "b\n': ("E102", (2, 16, 2, 17), "quoted text is never closed", "add the closing quote"),
        "- id: a\n  name: b\n bad: c\n": ("E102", (3, 2, 3, 3),
                                          "did not find expected '-' indicator (while parsing a block collection)",
                                          "check the indentation: line up `bad` under `id` (line 1), at column 3"),
        "- id: a\n  name: b\n  - c\n": ("E102", (3, 3, 3, 4), "did not find expected key (while parsing a block mapping)",
                                        ANY_COLUMN),
        "- id: a\n  sources:\n    - url: u\n     title: t\n": (
            "E102", (4, 6, 4, 7), "did not find expected '-' indicator (while parsing a block collection)",
            "check the indentation: line up `title` under `url` (line 3), at column 7"),
        "- id: a\n  sources:\n    - url: u\n      title: t\n   - url: v\n": (
            "E102", (5, 4, 5, 5), "did not find expected key (while parsing a block mapping)",
            "check the indentation: line up this `-` under the `-` on line 3, at column 5"),
        # Read upward past deeper lines (the sources above), to the mapping `confidence` is in.
        "- id: a\n  sources:\n    - url: https://example.org/a/long/address\n      title: t\n confidence: high\n": (
            "E102", (5, 2, 5, 3), "did not find expected '-' indicator (while parsing a block collection)",
            "check the indentation: line up `confidence` under `id` (line 1), at column 3"),
        # Halfway between two columns: both are named.
        "- id: a\n  document:\n    title: t\n   disputed: d\n": (
            "E102", (4, 4, 4, 5), "did not find expected key (while parsing a block mapping)",
            "check the indentation: line up `disputed` under `title` (line 3), at column 5, or under `id` (line 1), at column 3"),
        "- id: a\n  document:\n    title: t\n      number: n\n": (
            "E102", (4, 13, 4, 14), "mapping values are not allowed in this context",
            "a value containing ': ' must be quoted, or the indentation is off: line up `number` under `title` (line 3), "
            "at column 5"),
        "- id: a\n  name: b: c\n": ("E102", (2, 10, 2, 11), "mapping values are not allowed in this context",
                                    "a value containing ': ' must be quoted, or the indentation is off"),
        "- id: a\n---\n- id: b\n": ("E109", (2, 1, 2, 2), "a second YAML document starts here",
                                    "remove the `---` line and merge the documents into one list"),
        "- id: a\n  \tname: b\n": ("E103", (2, 3, 2, 4), "found a tab character that violates indentation", TAB),
        # libyaml does not name the character here, but it is a tab: E103 all the same.
        "- id: a\n  x:\n\t- b\n": ("E103", (3, 1, 3, 2), "found character that cannot start any token", TAB),
        "- id: a\n  name: @b\n": ("E102", (2, 9, 2, 10),
                                  "found character that cannot start any token (while scanning for the next token)", None),
    }
    for text, expected in cases.items():
        _, diags = load(tmp_path, text)
        assert found(diags) == [expected], text


MINI_FILES = sorted((Path(__file__).parent / "fixtures" / "mini").glob("*.yaml"))


@pytest.mark.parametrize("path", MINI_FILES, ids=[p.name for p in MINI_FILES])
def test_a_misindented_key_at_any_depth_is_told_its_column(tmp_path: Path, path: Path) -> None:
    """Every key of the fixture that is not the first of its mapping, one space too far or too
    little: the hint names the column it had, at every nesting level (not always `id`'s)."""
    lines = path.read_text("utf-8").splitlines()
    tried: list[int] = []  # the columns
    above = None  # the line above, less blank and comment lines
    for index, line in enumerate(lines):
        parsed = generator.yaml_errors.block_line(line)
        above, before = parsed or above, above
        if parsed is None or parsed.key is None or parsed.dash is not None:
            continue  # a first key after a `-`: the parser complains at the next line
        column = parsed.key_column
        if before is None or (before.dash or before.key_column) < column:
            continue  # the first key under its parent (`document:`), as above
        for moved in (" " + line, line[1:]):
            text = "\n".join([*lines[:index], moved, *lines[index + 1:]]) + "\n"
            _, diags = load(tmp_path, text)
            hints = [d.hint or "" for d in diags.errors]
            if not hints:
                continue  # still valid YAML (a key moved under a key whose value is empty)
            tried.append(column)
            assert any(re.search(rf"line up `{re.escape(parsed.key)}` .*at column {column}\b", h) for h in hints), \
                (index + 1, moved, hints)
    assert len(tried) > 10 and 3 in tried and max(tried) >= 7, "record fields and fields of a source at least"


def test_unclosed_quotes(tmp_path: Path) -> None:
    never = "quoted text is never closed on its line"
    hint = "add the closing quote (YAML read on into the following lines looking for it)"
    # An escaped '' does not close a single-quoted value; a quote at the end of the file is found too.
    for text in (
        "- id: a\n  title: 'it''s open\n  x: 1\n- id: 'b'\n  y: 2\n",
        '- id: a\n  title: "open',
        # An escaped \" does not close a double-quoted value either.
        '- id: a\n  title: "say \\"hi\n  x: 1\n- id: "b"\n',
        # A double quote inside single quotes does not close them.
        "- id: a\n  title: 'He said \"no\n  x: 1\n- id: 'b'\n  y: 2\n",
        # Closing the quote is the fix even when another error further down remains.
        '- id: a\n  title: "one\n  x: 1\n  y: "two"\n  z: [1\n',
        # The guess is tested on the quote's own line, not its neighbour.
        "- id: 'a'\n  title: \"open\n  x: 1\n- id: \"b\"\n",
    ):
        _, diags = load(tmp_path, text)
        assert found(diags) == [("E102", (2, 10, 2, 11), never, hint)], text
    # Closing it leaves an error on the same line: the guess is not proven, the parser's error stands.
    _, diags = load(tmp_path, '- id: a\n  title: "one\n  x: "two" y\n')
    assert found(diags) == [("E102", (3, 7, 3, 8), "did not find expected key (while parsing a block mapping)",
                             ANY_COLUMN)]
    # A value validly quoted over two lines is not blamed: the real error later on is reported.
    _, diags = load(tmp_path, '- id: a\n  title: "open\n    more"\n  x: [1\n')
    assert found(diags) == [("E102", (4, 6, 4, 7), "this flow sequence is never closed", "close the bracket")]
    # Closed quotes before an unrelated error are not blamed.
    _, diags = load(tmp_path, "- id: 'a'\n  title: \"b\"\n  x: [1\n")
    assert found(diags) == [("E102", (3, 6, 3, 7), "this flow sequence is never closed", "close the bracket")]


def test_anchors_aliases_and_tags_are_reported_where_written(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- &r\n  id: &x a\n  name: *x\n  aliases: !!seq [b]\n  owner: !!str c\n")
    assert found(diags) == [
        ("E105", (1, 3, 1, 4), "anchor '&r' is not allowed", "remove it; write values out in full"),
        ("E105", (2, 7, 2, 8), "anchor '&x' is not allowed", "remove it; write values out in full"),
        ("E105", (3, 9, 3, 10), "alias '*x' reuses another value", "write the value out in full"),
        ("E106", (4, 12, 4, 13), "tag 'tag:yaml.org,2002:seq' is not allowed", "remove the tag; values are plain text"),
        ("E106", (5, 10, 5, 11), "tag 'tag:yaml.org,2002:str' is not allowed", "remove the tag; values are plain text"),
    ]
    record = doc.root.items[0]
    assert "name" not in record.entries  # the alias is not expanded into a second copy
    assert record.entries["owner"].value.value == "c"


def test_markup_characters_inside_text_are_not_anchors_or_tags(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n  title: Tom &Jerry *x !y, [&z]\n")
    assert not diags.items
    assert doc.root.items[0].entries["title"].value.value == "Tom &Jerry *x !y, [&z]"


def test_merge_key_only_when_plain(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n  <<: {name: b}\n  \"<<\": c\n")
    assert found(diags) == [("E107", (2, 3, 2, 5), "merge key `<<` is not allowed", "write every field out")]
    assert list(doc.root.items[0].entries) == ["id", "<<"]


def test_complex_key(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n  ? [b]\n  : c\n  name: d\n")
    assert found(diags) == [("E113", (2, 5, 2, 8), "a key must be a plain name, not a list or mapping", None)]
    assert list(doc.root.items[0].entries) == ["id", "name"]


def test_every_later_duplicate_key_is_reported_and_the_first_kept(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n  name: b\n  name: c\n  name: d\n")
    assert found(diags) == [("E104", (3, 3, 3, 7), "duplicate key 'name'", "first given at line 2; keep one"),
                            ("E104", (4, 3, 4, 7), "duplicate key 'name'", "first given at line 2; keep one")]
    assert doc.root.items[0].entries["name"].value.value == "b"


@pytest.mark.parametrize("depth, too_deep", [(30, False), (31, True)])
def test_nesting_limit(tmp_path: Path, depth: int, too_deep: bool) -> None:
    doc, diags = load(tmp_path, "- id: a\n  x: " + "[" * depth + "b" + "]" * depth + "\n  name: c\n")
    end = 6 + 2 * depth + 1
    expected = [("E112", (2, 6, 2, end), "nested more than 32 levels deep", "a field holds text, a list or a mapping of text")]
    assert found(diags) == (expected if too_deep else [])
    assert ("x" in doc.root.items[0].entries) is not too_deep and "name" in doc.root.items[0].entries


def test_empty_file_and_comments_only(tmp_path: Path) -> None:
    for text in ("", "# nothing\n"):
        doc, diags = load(tmp_path, text)
        assert doc.root is None
        assert found(diags) == [("E111", (1, 1, 1, 1), "file has no records",
                                 "write `[]` for a kind with no records, or start a record with `- id:`")]


def test_a_parser_that_runs_out_of_stack_is_reported_not_raised(tmp_path: Path, monkeypatch) -> None:
    def too_deep(*args, **kwargs):
        raise RecursionError

    monkeypatch.setattr(generator.load, "parser_events", too_deep)
    doc, diags = load(tmp_path, "- id: a\n")
    assert doc.root is None
    assert found(diags) == [("E102", (1, 1, 1, 1), "the YAML is nested too deeply to read", None)]
    assert diags.items[0].span.file == doc.path


# The loader reads libyaml's parser events instead of composing a node tree (memory: a 10,000-event
# file's tree took ~260 MB). It must give what composing gives: the same values and spans for valid
# YAML, and for composer errors the same diagnostic that composing then report_yaml_error would give.
def composed(node: yaml.Node, seen: set[int] | None = None):
    """A composed node as (value or children, span); an alias's second visit as None."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return None
    seen.add(id(node))
    span = (node.start_mark.line + 1, node.start_mark.column + 1, node.end_mark.line + 1, node.end_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return (node.value, span, not node.style)
    if isinstance(node, yaml.SequenceNode):
        return ([c for c in (composed(i, seen) for i in node.value) if c is not None], span)
    return ({k.value: composed(v, seen) for k, v in node.value}, span)


def ours(node):
    span = (node.span.line, node.span.column, node.span.end_line, node.span.end_column)
    if isinstance(node, Scalar):
        return (node.value, span, node.plain)
    if isinstance(node, Sequence):
        return ([ours(i) for i in node.items], span)
    return ({k: ours(e.value) for k, e in node.entries.items()}, span)


@pytest.mark.parametrize("text", [
    "- id: a\n  aliases: [x, 'y', \"z\"]\n  history:\n    - date: 2018\n      sources: []\n",
    "- id: b\n  summary: |\n    two\n    lines\n  empty: \n  flow: {a: 1, b: [2, 3]}\n",
    "- {id: c, name: 'C'}\n- id: d\n",
    "[]\n",
])
def test_values_and_spans_are_those_composing_gives(tmp_path: Path, text: str) -> None:
    doc, diags = load(tmp_path, text)
    assert not diags.items
    assert ours(doc.root) == composed(yaml.compose(text, Loader=yaml.CSafeLoader))


@pytest.mark.parametrize("text", [
    "- id: a\n  owner: *nowhere\n",  # undefined alias
    "- id: a\n  x: &a 1\n  y: &a 2\n",  # duplicate anchor
    "- id: a\n  x: [&a 1]\n  y: {k: &a 2}\n",  # duplicate anchor inside collections
    "- id: a\n---\n- id: b\n",  # two documents
    "- id: a\n  x: *a\n  y: &a 1\n",  # alias before its anchor
    "- id: a\n  ? [k]\n  : &a 1\n  z: &a 2\n",  # duplicate anchor in a complex key's value
    "- id: a\n  x: &a 1\n  x: &a 2\n",  # duplicate anchor in a duplicate key's skipped value
])
def test_composer_errors_are_those_composing_gives(tmp_path: Path, text: str) -> None:
    from generator.yaml_errors import report_yaml_error

    _, diags = load(tmp_path, text)
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    want = Diagnostics()
    report_yaml_error(raised.value, str(tmp_path / "x.yaml"), want, text.split("\n"))
    assert [d for d in found(diags) if d[0] == "E102" or d[0] == "E109"] == found(want)


def test_an_alias_key_and_a_complex_key_are_reported_and_skipped(tmp_path: Path) -> None:
    doc, diags = load(tmp_path, "- id: a\n  k: &k key\n  *k : 1\n  ? {a: 1}\n  : 2\n  after: yes\n")
    record = doc.root.items[0]
    assert list(record.entries) == ["id", "k", "after"]
    assert ("E113", (4, 5, 4, 11), "a key must be a plain name, not a list or mapping", None) in found(diags)


def test_too_deep_values_are_read_past_and_the_next_field_is_kept(tmp_path: Path) -> None:
    deep = "[" * 40 + "]" * 40
    doc, diags = load(tmp_path, f"- id: a\n  x: {deep}\n  y: {{a: {deep}}}\n  z: ok\n")
    record = doc.root.items[0]
    assert list(record.entries) == ["id", "z"] and record.entries["z"].value.value == "ok"
    assert [d[0] for d in found(diags)] == ["E112", "E112"]


def test_an_anchor_in_a_skipped_value_still_defines_its_alias(tmp_path: Path) -> None:
    """Composing accepts this (the alias has its anchor): no parse error, only our own rules."""
    text = "- id: a\n  x: 1\n  x: &a 2\n  y: *a\n"
    yaml.compose(text, Loader=yaml.CSafeLoader)
    _, diags = load(tmp_path, text)
    assert [d[0] for d in found(diags)] == ["E104", "E105", "E105"]
