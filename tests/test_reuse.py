"""Reuse between builds in one process (generator/reuse.py, used by `mkdocs serve`): after
every kind of edit the records and the messages are exactly those of a build from scratch,
and only the records whose text changed are parsed again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import BuildOptions, build
from generator.pipeline import BuildResult
from generator.reuse import Memo, record_chunks
from tests.conftest import MINI


def check(data: Path, memo: Memo | None) -> BuildResult:
    return build(BuildOptions(data_dir=data, out_dir=data.parent / "out", write=False, memo=memo))


def snapshot(result: BuildResult) -> tuple:
    """Everything the later phases and the messages depend on: values, spans and references."""
    assert result.corpus is not None
    records = {(r.kind, r.id): (r.values, r.span, r.refs, r.spans)
               for by_id in result.corpus.records.values() for r in by_id.values()}
    return records, [(d.span, d.code, d.message, d.hint) for d in result.diagnostics]


FIRST_SUMMARY = "  summary: The central bank and six other regulators"
# (name, function of the events file's text, records parsed again, or None: read the ordinary way)
EDITS = [
    ("nothing", lambda t: t, 0),
    ("a summary edited in place", lambda t: t.replace(FIRST_SUMMARY, FIRST_SUMMARY + " (edited)"), 1),
    ("a line added to the first record: every later record moves down", lambda t: t.replace(
        "  confidence: high\n", "  confidence: high\n  # checked again\n", 1), 1),
    ("an unknown field", lambda t: t.replace("  title: WeChat", "  titel: WeChat"), None),
    ("the field fixed again", lambda t: t.replace("  titel: WeChat", "  title: WeChat"), 0),
    ("an unknown reference (found by link)",
     lambda t: t.replace("exchanges: [okex, huobi]", "exchanges: [okx-global, huobi]"), 1),
    ("a duplicate id (the record that was last is parsed again too: it gained a line break)",
     lambda t: t + "\n" + t[t.index("- id: 2017-09-04-ico-ban"):t.index("\n\n- id:")] + "\n", 2),
    ("a quote never closed", lambda t: t.replace("  title: Seven", '  title: "Seven'), None),
    ("a tab", lambda t: t.replace("  type: regulation", "\ttype: regulation"), None),
    ("a second document", lambda t: "---\n" + t, None),
]


def test_every_edit_gives_what_a_build_from_scratch_gives(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    events = data / "events.yaml"
    memo = Memo()
    first = check(data, memo)
    assert snapshot(first) == snapshot(check(data, None)) and not first.diagnostics
    assert memo.parsed == 4 + 2 + 1 + 2 + 1 + 8  # every record of every file, once (4 events, 8 publishers)
    for name, edit, parsed in EDITS:
        events.write_text(edit(events.read_text("utf-8")), "utf-8")
        reused = check(data, memo)
        assert snapshot(reused) == snapshot(check(data, None)), name
        if parsed is not None:
            assert memo.parsed == parsed, name
        else:
            assert reused.diagnostics, name  # the whole file was read the ordinary way, its messages given


@pytest.mark.parametrize("text", ["[]\n", "---\n- id: a\n", "key: value\n", "  - id: indented\n", "\t- id: a\n",
                                  "# only a comment\n"])
def test_files_that_are_not_a_plain_list_of_records_are_read_whole(text: str) -> None:
    assert record_chunks(text.split("\n")) is None


def test_records_are_cut_where_they_start() -> None:
    lines = "# a comment\n- id: a\n  name: A\n\n# between\n- id: b\n".split("\n")
    assert record_chunks(lines) == [(2, "- id: a\n  name: A\n\n# between\n"), (6, "- id: b\n")]
