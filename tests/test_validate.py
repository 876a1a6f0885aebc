"""Validate phase: one rule per test, on small inline documents."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.load import load_file
from generator.pipeline import source_date
from generator.records import KINDS, PartialDate
from generator.validate import Validator, load_and_validate, unique_ids
from generator.values import ARCHIVE_RE, closest, did_you_mean, url_problem

BASE = """- id: wechat
  name: WeChat
  summary: Messaging app.
  sources:
    - url: https://example.org/a
      title: A
      publisher: P
"""


PINNED = dt.date(2025, 11, 25)  # 'today' for the future-date rule


def check(tmp_path: Path, text: str, kind: str = "platform"):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    diags = Diagnostics()
    records = Validator(KINDS[kind], diags, today=PINNED).records(load_file(path, diags))
    return records, [(d.code, d.span.line, d.span.column) for d in diags.sorted()], diags


def test_base_is_valid(tmp_path: Path) -> None:
    records, found, _ = check(tmp_path, BASE)
    assert found == [] and records[0].id == "wechat"


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    _, found, diags = check(tmp_path, BASE + "  onwer: Tencent\n")
    assert found == [("E202", 8, 3)] and diags.items[0].hint == "did you mean 'owner'?"


@pytest.mark.parametrize("value, ok", [("2018", True), ("2018-03", True), ("2018-02-29", False), ("2020-02-29", True),
                                       ("2018-13", False), ("18-03-01", False), ("2018/03/01", False)])
def test_dates(tmp_path: Path, value: str, ok: bool) -> None:
    _, found, _ = check(tmp_path, BASE + f"      published: {value}\n")
    assert (found == []) is ok


def test_future_date_warns_unless_scheduled(tmp_path: Path) -> None:
    event = EVENT.replace("  date: 2020\n", "  date: 2030-01-01\n") + (
        "  sources:\n    - url: https://example.org/a\n      title: A\n      publisher: P\n")
    _, found, _ = check(tmp_path, event, "event")
    assert found == [("W202", 2, 9)]
    _, found, _ = check(tmp_path, event + "  scheduled: true\n", "event")
    assert found == []


def test_end_before_date(tmp_path: Path) -> None:
    event = BASE.replace("- id: wechat\n  name: WeChat\n  summary: Messaging app.\n",
                         "- id: e\n  date: 2021-09\n  end: 2021-08-30\n  title: T\n  type: statement\n  summary: S\n"
                         "  authorities: []\n  exchanges: []\n  platforms: []\n  terms: []\n")
    _, found, _ = check(tmp_path, event, "event")
    assert found == [("E210", 3, 8)]


def test_yaml11_ambiguous_text_warns(tmp_path: Path) -> None:
    _, found, _ = check(tmp_path, BASE + "  owner: no\n")
    assert found == [("W201", 8, 10)]
    _, found, _ = check(tmp_path, BASE + '  owner: "no"\n')
    assert found == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                 "//evil.example/x", "https://a b.org", "https://user:pw@example.org/", "example.org/x",
                                 "java\tscript:alert(1)", "ftp://example.org"])
def test_unsafe_urls(url: str) -> None:
    assert url_problem(url) is not None


def test_http_urls_pass() -> None:
    assert url_problem("https://example.org/OKX_(company)?a=1&b=2#x") is None


def test_partial_dates_sort_as_first_day() -> None:
    assert PartialDate(2018, 3, text="2018-03").first_day() < PartialDate(2018, 3, 2, text="2018-03-02").first_day()


TERM = """- id: t
  term: 比特币
  pinyin: bǐtèbì
  english: bitcoin
  summary: S
"""
EVENT = """- id: e
  date: 2020
  title: T
  type: statement
  summary: S
  authorities: []
  exchanges: []
  platforms: []
  terms: []
"""
SOURCES = BASE[BASE.index("  sources:"):]


def full(diags: Diagnostics) -> list[tuple]:
    """Everything a contributor reads: code, full span, message and hint."""
    return [(d.code, (d.span.line, d.span.column, d.span.end_line, d.span.end_column), d.message, d.hint)
            for d in diags.sorted()]


def test_today_is_pinned_by_source_date_epoch(monkeypatch) -> None:
    from generator import BuildOptions

    assert source_date("86400") == dt.date(1970, 1, 2)
    # In UTC whatever the local time zone: the same epoch gives the same day everywhere.
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert source_date("86400") == dt.date(1970, 1, 2)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert source_date("not-a-number") == dt.date.today()
    assert source_date(None) == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # read when the options are made, nowhere else
    assert BuildOptions().today == dt.date(1970, 1, 2)


def test_closest_and_did_you_mean() -> None:
    assert closest("onwer", ["owner", "name"]) == "owner"
    assert closest("xyz", ["owner", "name"]) is None
    assert closest("abcd", ["abxy"]) is None and closest("abcde", ["abcxy"]) == "abcxy"  # the 0.6 cut-off
    assert did_you_mean("statment", ["statement", "market"]) == "did you mean 'statement'?"
    assert did_you_mean("xyz", ["statement"]) is None


def test_a_list_item_that_is_not_a_record(tmp_path: Path) -> None:
    records, _, diags = check(tmp_path, "- wechat\n" + BASE)
    assert [r.id for r in records] == ["wechat"]
    assert full(diags) == [("E200", (1, 3, 1, 9), "expected a platform record (a mapping of fields), found a single value",
                            "start the record with `- id:` and give one field per line")]


def test_a_record_without_a_valid_id_is_left_out(tmp_path: Path) -> None:
    records, found, _ = check(tmp_path, BASE.replace("- id: wechat\n  name", "- name") + BASE.replace("wechat", "Bad"))
    assert records == [] and [c for c, _, _ in found] == ["E201", "E204"]


def test_a_misspelt_required_field_is_one_error_not_two(tmp_path: Path) -> None:
    _, _, diags = check(tmp_path, BASE.replace("  name: WeChat\n", "  nmae: WeChat\n"))
    assert full(diags) == [("E202", (2, 3, 2, 7), "unknown field 'nmae' in this platform", "did you mean 'name'?")]


def test_fields_after_a_misspelt_one_are_still_checked(tmp_path: Path) -> None:
    _, _, diags = check(tmp_path, "- id: wechat\n  nmae: WeChat\n  owner: no\n")
    assert [(d.code, d.message) for d in diags.sorted()] == [
        ("E201", "missing required field 'summary'"), ("E209", "no sources given"),
        ("E202", "unknown field 'nmae' in this platform"), ("W201", "'no' is unquoted: YAML 1.1 tools read it as a boolean")]


def test_invalid_values_are_left_out_of_the_record(tmp_path: Path) -> None:
    text = BASE.replace("https://example.org/a", "javascript:alert(1)") + "      archived: https://example.org/b\n"
    text += "      language: EN\n      published: 2018-13\n  aliases: [OK, Bad\u200b]\n"
    records, found, _ = check(tmp_path, text)
    assert [c for c, _, _ in found] == ["E208", "E208", "E207", "E206", "E212"]
    assert records[0].get("sources") == ({"title": "A", "publisher": "P"},) and records[0].get("aliases") == ("OK",)


def test_invalid_text_and_provenance_are_left_out_of_the_record(tmp_path: Path) -> None:
    records, found, _ = check(tmp_path, TERM + '  literal: "a\u200bb"\n  pinyin_source: javascript:alert(1)\n' + SOURCES, "term")
    assert [c for c, _, _ in found] == ["E212", "E208"]
    assert "literal" not in records[0].values and "pinyin_source" not in records[0].values


def test_unknown_field_suggests_only_fields_not_given(tmp_path: Path) -> None:
    _, _, diags = check(tmp_path, BASE + "  nam: x\n")
    assert full(diags) == [("E202", (8, 3, 8, 6), "unknown field 'nam' in this platform",
                            "did you mean 'name_zh'?")]


def test_null_values(tmp_path: Path) -> None:
    # A required field left empty is E211 at its value; an optional one is as if absent; quoted "null" is text.
    records, _, diags = check(tmp_path, BASE.replace("  name: WeChat\n", "  name: ~\n") + "  owner: null\n  name_zh: NULL\n")
    assert full(diags) == [("E211", (2, 9, 2, 10), "'name' is empty", "English name.")]
    records, found, _ = check(tmp_path, BASE + '  owner: "null"\n  name_zh: Null\n  aliases:\n')
    assert found == [] and records[0].get("owner") == "null" and "name_zh" not in records[0].values
    assert "aliases" not in records[0].values


def test_refs_must_be_a_list_of_ids(tmp_path: Path) -> None:
    records, _, diags = check(tmp_path, TERM + "  related: simu\n" + SOURCES, "term")
    assert full(diags) == [("E203", (6, 12, 6, 16), "'related' must be a list", "write it as [simu]")]
    _, _, diags = check(tmp_path, TERM + "  related: {a: b}\n" + SOURCES, "term")
    assert full(diags) == [("E203", (6, 12, 6, 18), "'related' must be a list, found a mapping", "Related terms (ids).")]
    records, _, diags = check(tmp_path, TERM + "  related: [a, [b], a, C, b]\n" + SOURCES, "term")
    assert full(diags) == [
        ("E203", (6, 16, 6, 19), "'related' must be a single value in each list item, found a list", "Related terms (ids)."),
        ("E204", (6, 24, 6, 25), "'C' is not a valid id in 'related': use lowercase a-z, 0-9 and single hyphens", "try 'c'"),
    ]
    # A repeated id counts once; each reference keeps where it was written.
    assert records[0].get("related") == ("a", "b")
    assert [(r.kind, r.id, r.field, r.span.column) for r in records[0].refs] == [("term", "a", "related", 13),
                                                                               ("term", "b", "related", 27)]


def test_texts_keep_where_each_item_was_written(tmp_path: Path) -> None:
    records, _, diags = check(tmp_path, BASE + '  aliases: ["", " x ", "\u200by", z]\n')
    assert full(diags) == [
        ("E211", (8, 13, 8, 15), "'aliases' is empty", "Other names (Weixin, 微信)."),
        ("E212", (8, 24, 8, 28), "'aliases' contains the invisible character U+200B", "delete it (it can hide or reorder text)"),
    ]
    record = records[0]
    assert record.get("aliases") == ("x", "z")
    assert {k: (s.line, s.column, s.end_column) for k, s in record.spans.items() if not k.startswith("sources")} == {
        "id": (1, 7, 13), "aliases[0]": (8, 17, 22), "aliases[1]": (8, 30, 31)}
    # A source's url, title and publisher keep where they are written too (the link phase's rules report there).
    assert {k: (s.line, s.column) for k, s in record.spans.items() if k.startswith("sources")} == {
        "sources[0].url": (5, 12), "sources[0].title": (6, 14), "sources[0].publisher": (7, 18)}


def test_sources_must_be_a_list_of_mappings(tmp_path: Path) -> None:
    head = BASE[: BASE.index("  sources:")]
    _, _, diags = check(tmp_path, head + "  sources: {url: x}\n")
    assert full(diags) == [("E203", (4, 12, 4, 20), "'sources' must be a list of mappings, found a mapping",
                            "Where the facts come from: at least one source.")]
    _, _, diags = check(tmp_path, head + "  sources: [a]\n")
    assert full(diags) == [("E203", (4, 13, 4, 14), "'sources' must be a mapping of fields, found a single value",
                            "Where the facts come from: at least one source.")]
    records, _, diags = check(tmp_path, head + "  sources: [a, {url: 'https://example.org/b', title: B, publisher: P}]\n")
    assert [d.code for d in diags.items] == ["E203"]
    assert records[0].get("sources") == ({"url": "https://example.org/b", "title": "B", "publisher": "P"},)
    _, _, diags = check(tmp_path, head + "  sources: []\n")
    assert full(diags) == [("E209", (4, 12, 4, 14), "no sources given", "add at least one source: url, title, publisher")]


def test_exchange_history_entries(tmp_path: Path) -> None:
    exchange = "- id: x\n  name: X\n  aliases: []\n  summary: S\n" + SOURCES
    records, found, _ = check(tmp_path, exchange + "  history:\n", "exchange")
    assert found == [] and "history" not in records[0].values  # an empty optional list: no sources asked for
    records, _, diags = check(tmp_path, exchange + "  history:\n    - date: 2018\n      status: gone\n      summary: S\n"
                              "      sources: []\n", "exchange")
    assert [(d.code, d.span.line, d.span.column) for d in diags.sorted()] == [("E207", 11, 15), ("E209", 13, 16)]


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("false", False),
])
def test_scheduled_is_a_plain_boolean(tmp_path: Path, value: str, expected: bool) -> None:
    records, found, _ = check(tmp_path, EVENT + f"  scheduled: {value}\n" + SOURCES, "event")
    assert found == [] and records[0].get("scheduled") is expected


@pytest.mark.parametrize("value", ['"true"', "yes", "True"])
def test_scheduled_refuses_other_spellings(tmp_path: Path, value: str) -> None:
    _, _, diags = check(tmp_path, EVENT + f"  scheduled: {value}\n" + SOURCES, "event")
    shown = value.strip('"')
    assert full(diags) == [("E203", (10, 14, 10, 14 + len(value)), f"'scheduled' must be true or false, not '{shown}'", None)]


def test_enum_hints(tmp_path: Path) -> None:
    all_types = "regulation, enforcement, platform-block, exchange, statement, proposal, market, court, institution"
    _, _, diags = check(tmp_path, EVENT.replace("type: statement", "type: statment") + SOURCES, "event")
    assert full(diags) == [("E207", (4, 9, 4, 17), f"'statment' is not a valid type; expected one of ({all_types})",
                            "did you mean 'statement'?")]
    _, _, diags = check(tmp_path, EVENT.replace("type: statement", "type: ban") + SOURCES, "event")
    assert [d.hint for d in diags.items] == ["one of: " + all_types]


def test_document_mapping(tmp_path: Path) -> None:
    records, found, _ = check(tmp_path, EVENT + "  document: {}\n" + SOURCES, "event")
    assert found == [] and "document" not in records[0].values
    records, found, _ = check(tmp_path, EVENT + "  document: {number: 银发〔2021〕237号}\n" + SOURCES, "event")
    assert found == [] and records[0].get("document") == {"number": "银发〔2021〕237号"}
    _, _, diags = check(tmp_path, EVENT + "  document: x\n" + SOURCES, "event")
    assert full(diags) == [("E203", (10, 13, 10, 14), "'document' must be a mapping of fields, found a single value",
                            "The official notice, if the event is one.")]


@pytest.mark.parametrize("code, ok", [("en", True), ("zh", True), ("yue", True), ("zh-Hant", True), ("zh-CN", True),
                                      ("EN", False), ("e", False), ("engl", False), ("zh-a", False), ("zh_CN", False)])
def test_language_codes(tmp_path: Path, code: str, ok: bool) -> None:
    records, _, diags = check(tmp_path, BASE + f"      language: {code}\n")
    if ok:
        assert not diags.items and records[0].get("sources")[0]["language"] == code
    else:
        assert full(diags) == [("E207", (8, 17, 8, 17 + len(code)), f"'{code}' is not a language code",
                                "use a code such as en or zh")]


def test_provenance_is_a_url_or_a_known_library(tmp_path: Path) -> None:
    records, found, _ = check(tmp_path, TERM + "  pinyin_source: pypinyin\n  traditional_source: https://example.org/t\n"
                              + SOURCES, "term")
    assert found == [] and (records[0].get("pinyin_source"), records[0].get("traditional_source")) == (
        "pypinyin", "https://example.org/t")
    _, _, diags = check(tmp_path, TERM + "  pinyin_source: pinyin\n  traditional_source: xyz\n" + SOURCES, "term")
    assert full(diags) == [
        ("E207", (6, 18, 6, 24), "'pinyin' is neither a URL nor a known library", "did you mean 'pypinyin'?"),
        ("E207", (7, 23, 7, 26), "'xyz' is neither a URL nor a known library", "use a source URL, or one of: pypinyin, opencc"),
    ]
    _, _, diags = check(tmp_path, TERM + "  pinyin_source: mailto:a@b.org\n  traditional_source: http://\n" + SOURCES, "term")
    assert [d.message for d in diags.sorted()] == ["invalid URL in 'pinyin_source': scheme 'mailto' is not http or https",
                                                   "invalid URL in 'traditional_source': it has no host"]


@pytest.mark.parametrize("value, message, hint", [
    ("OKEx", "'OKEx' is not a valid id: use lowercase a-z, 0-9 and single hyphens", "try 'okex'"),
    ("Okex Global", "'Okex Global' is not a valid id: use lowercase a-z, 0-9 and single hyphens", "try 'okex-global'"),
    ("a--b", "'a--b' is not a valid id: use lowercase a-z, 0-9 and single hyphens", "try 'a-b'"),
    ("-a-", "'-a-' is not a valid id: use lowercase a-z, 0-9 and single hyphens", "try 'a'"),
    ("Café", "'Café' is not a valid id (it contains U+00E9): use lowercase a-z, 0-9 and single hyphens", "try 'cafe'"),
    ("比特币币", "'比特币币' is not a valid id (it contains U+6BD4, U+7279, U+5E01): use lowercase a-z, 0-9 and single hyphens",
     None),
])
def test_invalid_ids_and_their_suggestions(tmp_path: Path, value: str, message: str, hint: str | None) -> None:
    _, _, diags = check(tmp_path, BASE.replace("id: wechat", f"id: {value}"))
    assert full(diags) == [("E204", (1, 7, 1, 7 + len(value)), message, hint)]


def test_text_is_stripped_and_empty_text_refused(tmp_path: Path) -> None:
    records, _, diags = check(tmp_path, BASE + '  owner: "  Tencent  "\n  name_zh: "   "\n  disputed: ""\n')
    assert records[0].get("owner") == "Tencent"
    assert full(diags) == [("E211", (9, 12, 9, 17), "'name_zh' is empty",
                            "Chinese name, where one exists (as the body or a Chinese source gives it)."),
                           ("E211", (10, 13, 10, 15), "'disputed' is empty",
                            "What the sources disagree on (dates, counts, who did what); shown on the page.")]


@pytest.mark.parametrize("text, read_as", [("no", "boolean"), ("Yes", "boolean"), ("OFF", "boolean"), ("0777", "number"),
                                           ("1_000", "number"), ("0x1F", "number"), (".inf", "number"), ("22:30", "number"),
                                           ("09:30", "number (sexagesimal)"), ("2018-03-02", "date")])
def test_yaml11_readings(tmp_path: Path, text: str, read_as: str) -> None:
    _, _, diags = check(tmp_path, BASE + f"  owner: {text}\n")
    assert full(diags) == [("W201", (8, 10, 8, 10 + len(text)), f"'{text}' is unquoted: YAML 1.1 tools read it as a {read_as}",
                            f'write it in quotes: "{text}"')]


@pytest.mark.parametrize("text", ["y", "n", "1e3", "abc", "12:61", "v1.10"])
def test_yaml11_plain_text_is_not_warned(tmp_path: Path, text: str) -> None:
    _, found, _ = check(tmp_path, BASE + f"  owner: {text}\n")
    assert found == []


@pytest.mark.parametrize("value, message", [
    ("2018-3", "'2018-3' is not a date"), ("2018-03-02T10:00", "'2018-03-02T10:00' is not a date"),
    ("20180", "'20180' is not a date"),
])
def test_malformed_dates(tmp_path: Path, value: str, message: str) -> None:
    _, _, diags = check(tmp_path, BASE + f"      published: {value}\n")
    assert full(diags) == [("E206", (8, 18, 8, 18 + len(value)), message, "write YYYY, YYYY-MM or YYYY-MM-DD")]


@pytest.mark.parametrize("value, reason", [
    ("0000", "year 0 is out of range"), ("2018-00", "month must be in 1..12"), ("2018-02-00", "day is out of range for month"),
    ("2019-02-29", "day is out of range for month"), ("2018-04-31", "day is out of range for month"),
])
def test_impossible_dates(tmp_path: Path, value: str, reason: str) -> None:
    _, _, diags = check(tmp_path, BASE + f"      published: {value}\n")
    assert full(diags) == [("E206", (8, 18, 8, 18 + len(value)), f"'{value}' is not a real date ({reason})",
                            "check the day and month")]


@pytest.mark.parametrize("value", ["0999", "0100", "0001"])
def test_an_unquoted_year_with_a_leading_zero_is_an_error(tmp_path: Path, value: str) -> None:
    """YAML tools (and the JSON Schema) read `0999` as the number 999: not the year written."""
    _, _, diags = check(tmp_path, BASE + f"      published: {value}\n")
    assert full(diags) == [("E206", (8, 18, 8, 22), f"'{value}' unquoted is the number {int(value)} to YAML tools, "
                            "not a year", f'write it in quotes: "{value}"')]


@pytest.mark.parametrize("value", ["1000", "2022", '"0999"', "'2022'", "2018-03", "2018-03-06"])
def test_a_bare_year_and_quoted_dates_are_accepted(tmp_path: Path, value: str) -> None:
    records, found, _ = check(tmp_path, BASE + f"      published: {value}\n")
    assert found == []
    assert str(records[0].get("sources")[0]["published"]) == value.strip("'\"")


def test_dates_keep_their_precision(tmp_path: Path) -> None:
    records, _, _ = check(tmp_path, EVENT.replace("date: 2020", "date: 2018-03") + "  end: '2018-03-02 '\n" + SOURCES, "event")
    start, end = records[0].get("date"), records[0].get("end")
    assert (start.year, start.month, start.day, str(start)) == (2018, 3, 0, "2018-03")
    assert (end.year, end.month, end.day, str(end)) == (2018, 3, 2, "2018-03-02")


@pytest.mark.parametrize("date, end, error", [
    ("2021-09", "2021-08-30", True), ("2021-09", "2021-09-01", False), ("2021-09-02", "2021-09", False),
    ("2021-09-02", "2021-09-01", True), ("2021", "2021-01", False), ("2021-01", "2020", True),
    ("2021-09-02", "2021-09-02", False),
])
def test_end_is_compared_at_the_coarser_precision(tmp_path: Path, date: str, end: str, error: bool) -> None:
    _, _, diags = check(tmp_path, EVENT.replace("date: 2020", f"date: {date}") + f"  end: {end}\n" + SOURCES, "event")
    assert full(diags) == ([("E210", (10, 8, 10, 8 + len(end)), f"end {end} is before date {date}", None)] if error else [])


@pytest.mark.parametrize("value, warned", [("2025-11-25", False), ("2025-11-26", True), ("2025-11", False), ("2025-12", True),
                                           ("2025", False), ("2026", True)])
def test_future_is_after_today(tmp_path: Path, value: str, warned: bool) -> None:
    day = len(value) == 10  # `updated` takes a whole day only
    _, _, diags = check(tmp_path, BASE + f"      published: {value}\n" + (f"  updated: {value}\n" if day else ""))
    expected = [("W202", (8, 18, 8, 18 + len(value)), f"'{value}' is in the future (today is 2025-11-25)", "check the date"),
                ("W202", (9, 12, 9, 12 + len(value)), f"'{value}' is in the future (today is 2025-11-25)", "check the date")]
    assert full(diags) == (expected[: 2 if day else 1] if warned else [])


def test_future_event_date_hint_and_scheduled_false(tmp_path: Path) -> None:
    event = EVENT.replace("date: 2020", "date: 2026") + "  scheduled: false\n" + SOURCES
    _, _, diags = check(tmp_path, event, "event")
    assert full(diags) == [("W202", (2, 9, 2, 13), "'2026' is in the future (today is 2025-11-25)",
                            "check the date, or mark the event `scheduled: true`")]
    exchange = "- id: x\n  name: X\n  aliases: []\n  summary: S\n  founded: 2026\n" + SOURCES
    _, _, diags = check(tmp_path, exchange, "exchange")
    assert [(d.code, d.span.line, d.hint) for d in diags.items] == [("W202", 5, "check the date")]


@pytest.mark.parametrize("url, problem", [
    ("https://a b.org", "it contains spaces"), (" https://a.org", "it contains spaces"), ("https://a.org ", "it contains spaces"),
    ("https://a.org/\u3000", "it contains spaces"),
    ("https://a.org/<b>", "it contains a character that is not allowed in a URL"),
    ("https://a.org/\x7f", "it contains a character that is not allowed in a URL"),
    ("https://a.org/`x`", "it contains a character that is not allowed in a URL"),
    ("//a.org/x", "it has no scheme (protocol-relative)"),
    ("a.org/x", "scheme '(none)' is not http or https"),
    ("ftp://a.org", "scheme 'ftp' is not http or https"),
    ("JaVaScRiPt:alert(1)", "scheme 'javascript' is not http or https"),
    ("HTTPS://a.org", "write the scheme in lowercase"),
    ("https:///x", "it has no host"),
    ("https://u@a.org", "it contains credentials"), ("https://u:p@a.org", "it contains credentials"),
    ("https://@a.org", "it contains credentials"),
    ("http://a.org:8080/x?y=1#z", None), ("https://a.org", None),
])
def test_url_problems(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


@pytest.mark.parametrize("archived, ok", [
    ("https://web.archive.org/web/2018/https://example.org/a", True),
    ("http://web.archive.org/web/20180306101010id_/http://www.example.org/a/", True),
    ("https://archive.ph/AbCdE", True), ("https://archive.is/AbCdE/", True), ("https://archive.fo/AbCdE", True),
    ("https://archive.today/2018.03.06-101010/https://example.org/a", True),
    ("https://archive.md/20180306101010/https://example.org/a", True), ("https://perma.cc/AB12-CD34", True),
    ("https://web.archive.org/web/2018/x", False), ("https://web.archive.org/web/*/https://example.org/a", False),
    ("https://web.archive.org/web/2018/https://example.org/b", False),  # another page (E218)
    ("https://WEB.ARCHIVE.ORG/web/2018/https://example.org/a", False), ("https://archive.org/details/a", False),
    ("https://www.perma.cc/AB12-CD34", False), ("https://perma.cc/x", False), ("https://archive.ph/a b", False),
    ("https://ghostarchive.org/archive/AbCdE", False), ("https://notarchive.org/x", False),
    ("https://archive.org.evil.example/x", False), ("https://web.archive.org.evil.example/web/2018/https://example.org/a", False),
])
def test_archive_addresses(tmp_path: Path, archived: str, ok: bool) -> None:
    _, _, diags = check(tmp_path, BASE + f"      archived: {archived}\n")
    assert (not diags.items) is ok, diags.items
    assert (ARCHIVE_RE.match(archived) is not None) is (ok or archived.endswith("example.org/b"))  # what the schema says


def test_duplicate_ids_first_wins(tmp_path: Path) -> None:
    path = tmp_path / "platforms.yaml"
    path.write_text(BASE + BASE.replace("WeChat", "Second") + BASE.replace("wechat", "other"), "utf-8")
    diags = Diagnostics()
    out = list(unique_ids(load_and_validate(KINDS["platform"], path, diags)[1], diags))
    assert [(r.id, r.get("name")) for r in out] == [("wechat", "WeChat"), ("other", "WeChat")]
    # At the second id itself, not across the whole record.
    assert full(diags) == [("E205", (8, 7, 8, 13), "duplicate platform id 'wechat'", "first used at line 1")]


def test_a_missing_file_has_no_records(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert load_and_validate(KINDS["platform"], tmp_path / "absent.yaml", diags)[1] == []
    assert [d.code for d in diags.items] == ["E100"]


def test_a_file_over_the_cap_given_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "platforms.yaml"
    path.write_text(BASE, "utf-8")
    diags = Diagnostics()
    assert load_and_validate(KINDS["platform"], path, diags, max_bytes=len(BASE) - 1)[1] == []
    assert [d.code for d in diags.items] == ["E108"]


def test_the_time_spent_validating_counts_every_record(tmp_path: Path, monkeypatch) -> None:
    """The build reports validating apart from reading: the seconds returned are those spent
    in the validator, every record's, and no more than the whole call took."""
    path = tmp_path / "platforms.yaml"
    path.write_text(BASE + BASE.replace("wechat", "two") + BASE.replace("wechat", "three"), "utf-8")
    real = Validator.record

    def slow(self, node):
        time.sleep(0.05)
        return real(self, node)

    monkeypatch.setattr(Validator, "record", slow)
    start = time.perf_counter()
    _, records, seconds = load_and_validate(KINDS["platform"], path, Diagnostics())
    assert len(records) == 3 and 0.15 <= seconds <= time.perf_counter() - start
