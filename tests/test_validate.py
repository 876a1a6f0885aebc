"""Validate phase: one rule per test, on small inline documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.load import load_file
from generator.records import KINDS, PartialDate
from generator.validate import Validator, url_problem

BASE = """- id: wechat
  name: WeChat
  summary: Messaging app.
  sources:
    - url: https://example.org/a
      title: A
      publisher: P
"""


def check(tmp_path: Path, text: str, kind: str = "platform"):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    diags = Diagnostics()
    records = Validator(KINDS[kind], diags).records(load_file(path, diags))
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


def test_future_date_warns_unless_scheduled(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")  # 2025-11-25
    event = """- id: e
  date: 2030-01-01
  title: T
  type: statement
  summary: S
  authorities: []
  exchanges: []
  platforms: []
  terms: []
  sources:
    - url: https://example.org/a
      title: A
      publisher: P
"""
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
