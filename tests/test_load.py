"""Load phase: spans in code points, values kept as written, strict YAML."""

from __future__ import annotations

from pathlib import Path

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
