"""The charts' numbers and the reference date they run to (fast tier: no browser).

What they look like at 390 px and in the dark scheme is tested in Chromium (test_phone.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator import charts
from generator.diagnostics import Span
from generator.link import Corpus
from generator.pages.common import Site
from generator.pages.exchange import status_note
from generator.records import PartialDate, Record
from tests.conftest import MINI, build_fixture

SPAN = Span("x", 1, 1, 1, 1)


def day(text: str) -> PartialDate:
    return PartialDate(*(int(p) for p in text.split("-")), text=text)


def event(rid: str, date: str, **values) -> Record:
    return Record("event", rid, {"date": day(date), "type": "regulation", **values}, SPAN)


def exchange(status: str | None, *changes: tuple[str, str]) -> Record:
    values = {"name": "Ex", "history": tuple({"date": day(d), "status": s, "summary": "", "sources": ()} for d, s in changes)}
    return Record("exchange", "ex", values | ({"status": status} if status else {}), SPAN)


@pytest.mark.parametrize(("peak", "ticks"), [(17, [0, 5, 10, 15, 20]), (1, [0, 1]), (3, [0, 1, 2, 3]), (5, [0, 1, 2, 3, 4, 5]),
                                             (8, [0, 2, 4, 6, 8]), (40, [0, 10, 20, 30, 40]), (230, [0, 50, 100, 150, 200, 250])])
def test_year_ticks_are_round(peak: int, ticks: list[int]) -> None:
    assert charts.round_ticks(peak) == ticks


def test_the_year_chart_is_drawn_wide_and_narrow_with_round_ticks() -> None:
    events = [event(f"e{i}", f"{2013 + i % 5}-01-0{1 + i % 7}") for i in range(17)] + \
             [event(f"x{i}", "2021-06-01") for i in range(17)]
    svg = str(charts.events_per_year(events))
    wide, narrow = re.findall(r"<svg .*?</svg>", svg)
    assert 'class="chart chart--wide"' in wide and 'viewBox="0 0 760 ' in wide
    assert 'class="chart chart--narrow"' in narrow and 'viewBox="0 0 300 ' in narrow
    for drawing in (wide, narrow):
        labels = re.findall(r'class="chart-text"[^>]*>(\d+)</text>', drawing)
        assert [n for n in labels if len(n) < 4] == ["0", "5", "10", "15", "20"], "the count axis, 17 rounded up to 20"
        assert sorted(set(re.findall(r'font-size="(\d+)"', drawing))) in (["13"], ["12"])
    ids = re.findall(r' id="([^"]+)"', svg)
    assert len(ids) == len(set(ids)) == 4, "the narrow copy's title and desc have ids of their own"


def test_a_status_chart_runs_to_the_reference_date() -> None:
    ex = exchange("exited-mainland", ("2014-04", "restricted"), ("2021-09-24", "exited-mainland"))
    wide, narrow = re.findall(r"<svg .*?</svg>", str(charts.status_timeline(ex, dt.date(2026, 5, 1))))
    for drawing, right in ((wide, 740), (narrow, 290)):
        last = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', drawing)[-1]
        assert float(last[0]) + float(last[1]) == pytest.approx(right, abs=0.2), "the current state reaches the axis's end"
        years = re.findall(r'>(\d{4})</text>', drawing)
        assert years[0] == "2014" and years[-1] == "2026"
    assert "2014 to 2026" in wide and "the last one to 2026-05-01" in wide


def test_a_change_after_the_reference_date_still_gets_a_bar() -> None:
    ex = exchange(None, ("2022-01", "renamed"))
    svg = str(charts.status_timeline(ex, dt.date(2018, 3, 3)))
    assert "2022 to 2022" in svg and 'width="0.0"' not in svg


def corpus(*events: Record) -> Corpus:
    return Corpus(records={"event": {e.id: e for e in events}}, timeline=list(events))


def test_the_reference_date_is_the_epoch_else_the_newest_unscheduled_event_never_the_clock() -> None:
    events = corpus(event("a", "2024-05-06"), event("b", "2025-02"), event("c", "2031-01-01", scheduled=True))
    assert Site(events).reference_date == dt.date(2025, 2, 1)
    assert Site(events, epoch=dt.date(2026, 1, 2)).reference_date == dt.date(2026, 1, 2)


def test_the_build_takes_the_epoch_from_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 UTC
    result = build_fixture(MINI, tmp_path / "out")
    page = (tmp_path / "out" / "exchanges" / "okex.md").read_text("utf-8")
    assert "to 2026" in page and result.corpus is not None
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build_fixture(MINI, tmp_path / "out2")
    assert "2022 to 2022" in (tmp_path / "out2" / "exchanges" / "okex.md").read_text("utf-8"), \
        "without it, the fixture's newest event (2018) is before okex's one change: the chart ends with it"


@pytest.mark.parametrize(("status", "changes", "note"), [
    ("exited-mainland", [("2021-09-24", "exited-mainland")], ""),
    (None, [("2021-09-24", "blocked")], ""),
    ("exited-mainland", [("2021-09-24", "exited-mainland"), ("2023-09-13", "renamed")],
     "; the last change in the China story below (2023-09-13) is a change of name, not of status"),
    ("exited-mainland", [("2020-10", "operating"), ("2018-01-02", "exited-mainland")],
     "; the last dated change in the China story below (2020-10) reads operating: "
     "this status is the record's reading of the latest sources as a whole"),
])
def test_the_header_status_agrees_with_the_last_change_or_says_why_not(status, changes, note) -> None:
    assert status_note(exchange(status, *changes)) == note
