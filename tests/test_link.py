"""Link phase: references resolved, backlinks, the timeline's order."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics, Span
from generator.link import link, newest_first
from generator.records import PartialDate, Record
from tests.conftest import MINI, build_fixture

SPAN = Span("x", 1, 1, 1, 1)


def event(rid: str, date: str) -> Record:
    parts = [int(p) for p in date.split("-")]
    return Record("event", rid, {"date": PartialDate(*parts, text=date)}, SPAN)


def test_newest_first_coarse_dates_as_first_day_ties_by_id() -> None:
    events = [event("b", "2018-03"), event("a", "2018-03-01"), event("c", "2018-03-02"), event("d", "2017")]
    assert [e.id for e in newest_first(events)] == ["c", "a", "b", "d"]


def test_backlinks_and_timeline(tmp_path: Path) -> None:
    corpus = build_fixture(MINI, tmp_path / "out", write=False).corpus
    assert [e.id for e in corpus.named_by(corpus.get("exchange", "okex"))] == ["2018-03-wechat-blocks-okex-huobi-accounts"]
    assert [r.id for r in corpus.named_by(corpus.get("term", "simu"))] == ["2017-09-04-ico-ban", "bitebi"]
    assert [e.id for e in corpus.timeline][0] == "2018-03-03-hostile-text-test"


def test_alias_collision_after_normalisation() -> None:
    diags = Diagnostics()
    a = Record("exchange", "okex", {"name": "OKX", "aliases": ("OKEx",)}, SPAN)
    b = Record("exchange", "other", {"name": "Other", "aliases": ("ＯＫＸ",)}, SPAN)
    link({"exchange": [a, b]}, diags)
    assert [d.code for d in diags.items] == ["E303"]
