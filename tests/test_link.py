"""Link phase: references resolved, backlinks, the timeline's order."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, Span
from generator.link import TYPO, link, newest_first, slug
from generator.records import PartialDate, Record, Ref
from tests.conftest import MINI, build_fixture

SPAN = Span("x", 1, 1, 1, 1)


def event(rid: str, date: str) -> Record:
    parts = [int(p) for p in date.split("-")]
    return Record("event", rid, {"date": PartialDate(*parts, text=date)}, SPAN)


def test_newest_first_coarse_dates_as_first_day_ties_by_id() -> None:
    events = [event("b", "2018-03"), event("a", "2018-03-01"), event("c", "2018-03-02"), event("d", "2017")]
    assert [e.id for e in newest_first(events)] == ["c", "a", "b", "d"]
    events = [event("y", "2018"), event("j", "2018-01-15"), event("x", "2018-01-01")]
    assert [e.id for e in newest_first(events)] == ["j", "x", "y"]  # 2018 is 2018-01-01


def test_backlinks_and_timeline(tmp_path: Path) -> None:
    corpus = build_fixture(MINI, tmp_path / "out", write=False).corpus
    assert [e.id for e in corpus.named_by(corpus.get("exchange", "okex"))] == ["2018-03-wechat-blocks-okex-huobi-accounts"]
    assert [r.id for r in corpus.named_by(corpus.get("term", "simu"))] == ["2017-09-04-ico-ban", "bitebi"]
    assert [e.id for e in corpus.timeline][:2] == ["2018-03-03-cppcc-wang-pengjie-proposal", "2018-03-03-hostile-text-test"]
    assert [e.id for e in corpus.named_by(corpus.get("event", "2018-03-wechat-blocks-okex-huobi-accounts"))] == [
        "2018-03-03-hostile-text-test"]  # its `related`


def test_alias_collision_after_normalisation() -> None:
    diags = Diagnostics()
    a = Record("exchange", "okex", {"name": "OKX", "aliases": ("OKEx",)}, SPAN)
    b = Record("exchange", "other", {"name": "Other", "aliases": ("ＯＫＸ",)}, SPAN)
    link({"exchange": [a, b]}, diags)
    assert [d.code for d in diags.items] == ["E303"]


def rec(kind: str, rid: str, refs: tuple = (), **values) -> Record:
    return Record(kind, rid, values, Span("x", 1, 1, 1, 1),
                  tuple(Ref(k, i, f, Span("x", n, 5, n, 5 + len(i))) for n, (k, i, f) in enumerate(refs, 2)))


def full(diags: Diagnostics) -> list[tuple]:
    return [(d.code, (d.span.line, d.span.column), d.message, d.hint) for d in diags.sorted()]


def test_undated_events_sort_last() -> None:
    events = [Record("event", "z", {}, SPAN), event("b", "0001"), event("a", "2018")]
    assert [e.id for e in newest_first(events)] == ["a", "b", "z"]


OKX = rec("exchange", "okex", name="OKX!", aliases=("OKEx", "Ouyi Exchange"))
HUOBI = rec("exchange", "huobi", name="Huobi", aliases=("HTX",))


@pytest.mark.parametrize("unknown, hint", [
    ("okx", "did you mean 'okex' (OKX!)?"),  # the name, slugged without its trailing '!'
    ("okexx", "did you mean 'okex'?"),  # the id itself
    ("htx-global", "did you mean 'huobi' (Huobi)?"),  # an alias inside the id
    ("ouyi-exchange-htx", "did you mean 'okex' (OKX!)?"),  # the longest name inside the id wins
    ("xyz", "add a record to data/exchanges.yaml first"),
    ("ox-zz", "add a record to data/exchanges.yaml first"),  # names shorter than 3 letters are not looked for
])
def test_unknown_reference_hints(unknown: str, hint: str) -> None:
    diags = Diagnostics()
    link({"exchange": [OKX, HUOBI, rec("exchange", "ox", name="Ox")],
          "event": [rec("event", "e", (("exchange", unknown, "exchanges"),), date=PartialDate(2020, text="2020"))]}, diags)
    assert full(diags) == [("E301", (2, 5), f"unknown exchange '{unknown}' in 'exchanges'", hint)]


def test_the_longest_name_inside_an_unknown_id_wins() -> None:
    diags = Diagnostics()
    link({"exchange": [OKX, HUOBI],
          "event": [rec("event", "e", (("exchange", "zz-okx-huobi-qq", "exchanges"),))]}, diags)
    assert [d.hint for d in diags.items] == ["did you mean 'huobi'?"]


def test_a_name_inside_the_id_outranks_a_closer_spelling() -> None:
    """The real data: Huobi's alias 'Huobi Global' spells more like 'okx-global' than 'okex' does."""
    diags = Diagnostics()
    link({"exchange": [OKX, rec("exchange", "huobi", name="Huobi", aliases=("Huobi Global",))],
          "event": [rec("event", "e", (("exchange", "okx-global", "exchanges"),))]}, diags)
    assert [d.hint for d in diags.items] == ["did you mean 'okex' (OKX!)?"]


def test_a_typo_outranks_a_name_inside_the_id() -> None:
    """The real data: 'daibi-faxing-rongz' is a typo of a term id, though it holds the id 'daibi'."""
    diags = Diagnostics()
    link({"term": [rec("term", "daibi", term="代币"), rec("term", "daibi-faxing-rongzi", term="代币发行融资"),
                   rec("term", "t", (("term", "daibi-faxing-rongz", "related"),), term="x")]}, diags)
    assert [d.hint for d in diags.items] == ["did you mean 'daibi-faxing-rongzi'?"]


def test_a_spelling_exactly_as_alike_as_the_threshold_is_a_typo() -> None:
    """'htx-futures-exchange' is exactly TYPO alike to 'okex-future-exchange': a typo of that id,
    which wins over the alias HTX inside the unknown id."""
    assert difflib.SequenceMatcher(None, "htx-futures-exchange", "okex-future-exchange").ratio() == TYPO
    diags = Diagnostics()
    link({"exchange": [HUOBI, rec("exchange", "okex-future-exchange", name="OKEx Futures")],
          "event": [rec("event", "e", (("exchange", "htx-futures-exchange", "exchanges"),))]}, diags)
    assert [d.hint for d in diags.items] == ["did you mean 'okex-future-exchange'?"]


def test_names_compare_as_slugs() -> None:
    assert slug("Ｏ.K.X — Global!") == "o-k-x-global"
    assert slug("  火币 Huobi ") == "huobi" and slug("比特币") == ""


def test_suggestions_without_a_name() -> None:
    diags = Diagnostics()
    link({"term": [rec("term", "simu", term="私募"), rec("term", "t", (("term", "simuu", "related"),), term="x")]}, diags)
    assert full(diags) == [("E301", (2, 5), "unknown term 'simuu' in 'related'", "did you mean 'simu'?")]


def test_references_to_an_unreadable_kind_are_not_reported_but_others_are() -> None:
    diags = Diagnostics()
    refs = (("platform", "wechat", "platforms"), ("exchange", "nope", "exchanges"), ("event", "e", "related"))
    link({"event": [rec("event", "e", refs)]}, diags, unreadable=frozenset({"platform"}))
    assert full(diags) == [
        ("E301", (3, 5), "unknown exchange 'nope' in 'exchanges'", "add a record to data/exchanges.yaml first"),
        ("E302", (4, 5), "event 'e' lists itself in 'related'", "remove its own id"),
    ]


def test_backlinks_events_newest_first_then_others_by_kind_and_id() -> None:
    diags = Diagnostics()
    target = ("term", "simu", "terms")
    corpus = link({
        "term": [rec("term", "simu"), rec("term", "b", (("term", "simu", "related"),)),
                 rec("term", "a", (("term", "simu", "related"), ("term", "simu", "related")))],
        "exchange": [rec("exchange", "x", (("term", "simu", "terms"),))],
        "event": [rec("event", "old", (target,), date=PartialDate(2017, text="2017")),
                  rec("event", "new", (target,), date=PartialDate(2021, text="2021"))],
    }, diags)
    assert not diags.items
    assert [(r.kind, r.id) for r in corpus.named_by(corpus.get("term", "simu"))] == [
        ("event", "new"), ("event", "old"), ("exchange", "x"), ("term", "a"), ("term", "b")]
    assert corpus.named_by(corpus.get("exchange", "x")) == []
    assert [e.id for e in corpus.timeline] == ["new", "old"]


def test_aliases_must_name_one_record() -> None:
    diags = Diagnostics()
    a = Record("authority", "pboc", {"name": "People's Bank of China", "name_zh": "中国人民银行", "aliases": ("PBoC", "央行")},
               SPAN, spans={"aliases[1]": Span("x", 4, 20, 4, 22)})
    b = Record("authority", "other", {"name": "Other", "aliases": ("Other", "pboc", " 中国人民银行 ", "央行")},
               Span("x", 9, 3, 9, 4), spans={"aliases[3]": Span("x", 12, 30, 12, 32)})
    link({"authority": [a, b]}, diags)
    assert full(diags) == [
        # Its own name is fine; another's alias (any case), name_zh (spaces aside) are not. No span: the record's.
        ("E303", (9, 3), "alias ' 中国人民银行 ' of authority 'other' also names 'pboc'", "keep it on one record only"),
        ("E303", (9, 3), "alias 'pboc' of authority 'other' also names 'pboc'", "keep it on one record only"),
        ("E303", (12, 30), "alias '央行' of authority 'other' also names 'pboc'", "keep it on one record only"),
    ]


def test_a_record_named_in_two_fields_is_reported_at_the_second() -> None:
    diags = Diagnostics()
    refs = (("authority", "pboc", "authorities"), ("authority", "pboc", "named_authorities"))
    corpus = link({"event": [rec("event", "e", refs)], "authority": [rec("authority", "pboc")]}, diags)
    assert full(diags) == [
        ("E309", (3, 5), "authority 'pboc' is in both 'authorities' and 'named_authorities'",
         "keep it in 'authorities' if it acted, in 'named_authorities' if it was only named"),
    ]
    assert [r.id for r in corpus.named_by(corpus.get("authority", "pboc"))] == ["e"]  # named once


@pytest.mark.parametrize("first, second, hint", [
    ("named_authorities", "authorities", "keep it in 'authorities' if it acted, in 'named_authorities' if it was only named"),
    ("authorities", "named_authorities", "keep it in 'authorities' if it acted, in 'named_authorities' if it was only named"),
])
def test_the_one_role_hint_names_the_acting_field_whichever_came_first(first: str, second: str, hint: str) -> None:
    from generator.link import one_role_hint
    from generator.records import KINDS

    assert one_role_hint(KINDS["event"], first, second) == hint


def test_when_the_publishers_could_not_be_read_no_host_is_reported_as_unknown() -> None:
    sources = ({"url": "https://unknown.example/a"},)
    for unreadable, codes in ((frozenset(), ["W303"]), (frozenset({"publisher"}), [])):
        diags = Diagnostics()
        link({"event": [rec("event", "e", sources=sources, primary_missing="none")]}, diags, unreadable=unreadable)
        assert [d.code for d in diags.items] == codes
