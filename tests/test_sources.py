"""Sources and their publishers (generator/sources.py, values.placeholder_title): the parts
the case folders do not pin down one by one."""

from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics, Span
from generator.records import Record
from generator.sources import (
    Hosts,
    Resolver,
    named_host,
    names_publisher,
    new_publisher_hint,
    original_address,
    sources_of,
)
from generator.values import host_of, placeholder_title, same_page

SPAN = Span("publishers.yaml", 1, 1, 1, 2)


def publisher(pid: str, domains: list[str], tier: str = "press", **values) -> Record:
    return Record("publisher", pid, {"id": pid, "name": values.pop("name", pid), "domains": tuple(domains),
                                     "tier": tier, **values}, SPAN)


@pytest.mark.parametrize("title", ["(news flash list)", "[Chinese abstract]", "（微信文章）", "【快讯】",
                                   "((nested) description)", "Bitcoin explainer (title not shown in excerpt)",
                                   "老外眼… (title truncated in the URL)", "Untitled", "Title unknown"])
def test_placeholder_titles(title: str) -> None:
    assert placeholder_title(title)


@pytest.mark.parametrize("title", ["【快讯】微信封禁数字货币公众号", "(Bloomberg) China's WeChat crackdown",
                                   "(a) and (b)", "China central bank warns banks (update)", "Titles of nobility"])
def test_real_titles(title: str) -> None:
    assert placeholder_title(title) is None


def test_the_longest_domain_wins_and_a_host_claimed_twice_is_reported() -> None:
    diags = Diagnostics()
    hosts = Hosts({"a": publisher("a", ["example.net"]), "b": publisher("b", ["news.example.net"]),
                   "c": publisher("c", ["example.net"])}, diags)
    assert hosts.lookup("news.example.net").id == "b"
    assert hosts.lookup("www.news.example.net").id == "b"
    assert hosts.lookup("www.example.net").id == "a"
    assert hosts.lookup("example.org") is None
    assert hosts.lookup("badexample.net") is None  # a parent domain, not a suffix of the text
    assert [d.code for d in diags.items] == ["E304"]


def test_the_original_address_of_a_copy() -> None:
    coindesk = publisher("coindesk", ["coindesk.com"])
    mirror = publisher("mirror", ["mirror.pages.dev"], "copy")
    staging = publisher("staging", ["uat.coindesk.com"], "copy", original="www.coindesk.com")
    hosts = Hosts({p.id: p for p in (coindesk, mirror, staging)}, Diagnostics())
    assert original_address("https://mirror.pages.dev/crypto-news-coindesk.com/markets/a?b=1", mirror, hosts) == \
        "https://coindesk.com/markets/a?b=1"
    assert original_address("https://mirror.pages.dev/js-https-notes.wordpress.com/tag/x", mirror, hosts) == \
        "https://notes.wordpress.com/tag/x"
    assert original_address("https://uat.coindesk.com/markets/a/amp", staging, hosts) == \
        "https://www.coindesk.com/markets/a/amp"
    assert original_address("https://mirror.pages.dev/content/chapter_25.xhtml", mirror, hosts) is None


def test_the_credited_text_names_the_publisher_by_name_alias_chinese_name_or_domain() -> None:
    tmt = publisher("tmtpost", ["tmtpost.com"], name="TMTPost", name_zh="钛媒体", aliases=("TMT",))
    assert names_publisher("TMTPost (钛媒体)", tmt) and names_publisher("钛媒体", tmt)
    assert names_publisher("tmt", tmt) and names_publisher("tmtpost.com repost", tmt)
    assert not names_publisher("Caixin", tmt)


def test_a_copy_path_names_the_longest_host_a_publisher_owns_not_a_copy_and_else_what_follows_the_scheme() -> None:
    hosts = Hosts({p.id: p for p in (publisher("coindesk", ["coindesk.com"]), publisher("news", ["news-coindesk.com"]),
                                     publisher("mirror", ["crypto-news-mirror.com"], "copy"))}, Diagnostics())
    assert named_host("crypto-news-coindesk.com", hosts) == "news-coindesk.com"  # the longest suffix first
    assert named_host("x-coindesk.com", hosts) == "coindesk.com"
    assert named_host("crypto-news-mirror.com", hosts) is None  # a copy's host is not an original
    assert named_host("js-https-notes.wordpress.com", hosts) == "notes.wordpress.com"
    assert named_host("js-http-a-http-b.org", hosts) == "b.org"  # after the last scheme
    assert named_host("chapter-25", hosts) is None


def test_same_page_ignores_scheme_www_host_case_port_and_trailing_slash_not_path_or_query() -> None:
    assert same_page("http://www.Example.org/a/", "https://example.org/a")
    assert same_page("https://example.org:443/a%20b", "https://example.org/a b")
    assert not same_page("https://example.org/a", "https://example.org/b")
    assert not same_page("https://example.org/a?x=1", "https://example.org/a?x=2")
    assert not same_page("https://example.org/a", "https://example.net/a")
    assert not same_page("https://example.org/a/b", "https://example.org/a")


def test_host_of_is_lowercase_without_a_trailing_dot() -> None:
    assert host_of("https://WWW.Example.ORG./a") == "www.example.org"
    assert host_of("https://example.org../a") == "example.org"
    assert host_of("mailto:someone") == ""


def test_the_new_publisher_hint_fills_in_the_domain_and_an_id() -> None:
    assert new_publisher_hint("www.news-site.co.uk").endswith(
        '- id: news-site-co, name: "", domains: [news-site.co.uk], tier: press, sources: [url, title, publisher]')
    assert "- id: new-id," in new_publisher_hint("-.com")


def test_an_unknown_publisher_id_is_reported_at_the_record_when_its_line_is_not_known() -> None:
    diags = Diagnostics()
    record = Record("event", "e", {}, Span("events.yaml", 7, 3, 9, 1))  # no spans recorded
    found = Resolver({"reuters": publisher("reuters", ["reuters.com"])}, diags).resolve(
        record, "sources[0]", {"url": "https://unknown.example/a", "publisher_id": "zzzz"})
    assert found is None
    [d] = diags.items
    assert (d.code, d.span.line, d.span.column, d.hint) == ("E301", 7, 3, "add the publisher to data/publishers.yaml first")


def event(sources: list[dict], history: list[dict] | None = None, **values) -> Record:
    found = {"id": "e", "sources": sources, **values}
    if history is not None:
        found["history"] = history
    return Record("event", "e", found, Span("events.yaml", 4, 3, 9, 1))


def test_sources_of_walks_the_record_then_each_history_entry_even_one_without_sources() -> None:
    one, two, three = {"url": "https://a.example/1"}, {"url": "https://a.example/2"}, {"url": "https://a.example/3"}
    record = Record("exchange", "x", {"sources": [one], "history": [{"sources": [two]}, {"date": "2020"},
                                                                     {"sources": [three]}]}, SPAN)
    assert list(sources_of(record)) == [("sources[0]", one), ("history[0].sources[0]", two),
                                        ("history[2].sources[0]", three)]


def test_an_unknown_host_is_a_warning_unless_the_publishers_could_not_be_read() -> None:
    source = {"url": "https://www.unknown.example/a"}
    read = Diagnostics()
    assert Resolver({}, read).resolve(event([source]), "sources[0]", source) is None
    [d] = read.items
    assert (d.code, d.span.line, d.message) == ("W303", 4, "host 'www.unknown.example' matches no publisher")
    assert "domains: [unknown.example]" in d.hint
    unread = Diagnostics()
    assert Resolver({}, unread, publishers_read=False).resolve(event([source]), "sources[0]", source) is None
    assert unread.items == []


def test_a_record_s_sources_resolve_past_one_without_url_and_one_of_no_known_publisher() -> None:
    reuters = publisher("reuters", ["reuters.com"], name="Reuters")
    resolver = Resolver({"reuters": reuters}, Diagnostics(), publishers_read=False)
    record = event([{"title": "no url"}, {"url": "https://unknown.example/a"},
                    {"url": "https://www.reuters.com/a", "publisher": "Reuters"}])
    resolver.record(record)
    assert resolver.cited[("event", "e")] == {"sources[2]": reuters}
    assert resolver.cited_by == {"reuters": [record]}


def test_a_copy_and_a_publisher_not_named_are_reported_at_the_record_when_spans_are_missing() -> None:
    diags = Diagnostics()
    mirror = publisher("mirror", ["mirror.example"], "copy")
    tmt = publisher("tmtpost", ["tmtpost.com"], name="TMTPost")
    Resolver({"mirror": mirror, "tmtpost": tmt}, diags).record(event(
        [{"url": "https://mirror.example/a"}, {"url": "https://tmtpost.com/a", "publisher": "Caixin"}],
        primary_missing="none online"))
    assert [(d.code, d.span.line, d.span.column) for d in diags.items] == [("E308", 4, 3), ("E307", 4, 3)]
    assert diags.items[0].hint == "cite the publisher's own page, or another source"
    assert diags.items[1].message == "publisher 'Caixin' does not name 'TMTPost', the publisher of 'tmtpost.com'"


def test_a_regulation_without_an_official_source_or_a_reason_is_w304_at_the_record() -> None:
    pboc = publisher("pboc", ["pbc.gov.cn"], "official", name="PBoC")
    reuters = publisher("reuters", ["reuters.com"], name="Reuters")
    for sources, codes in (([{"url": "https://reuters.com/a"}], ["W304"]), ([{"url": "https://pbc.gov.cn/a"}], [])):
        diags = Diagnostics()
        Resolver({"pboc": pboc, "reuters": reuters}, diags).record(event(sources, type="regulation"))
        assert [(d.code, d.span.line) for d in diags.items] == [(code, 4) for code in codes]


def test_the_credited_text_may_name_a_www_domain_without_www_and_a_publisher_may_have_no_domains() -> None:
    assert names_publisher("seen on pbc.gov.cn", publisher("pboc", ["www.pbc.gov.cn"], name="PBoC"))
    assert not names_publisher("www", publisher("pboc", ["www.pbc.gov.cn"], name="PBoC"))
    assert names_publisher("The Cointelegraph", Record("publisher", "ct", {"name": "Cointelegraph"}, SPAN))


def validated_publishers(tmp_path, text: str) -> tuple[list[Record], Diagnostics]:
    """The records of a publishers.yaml holding ``text``, as the validator keeps them, and its diagnostics."""
    from generator.load import load_file
    from generator.records import KINDS
    from generator.validate import Validator

    path = tmp_path / "publishers.yaml"
    path.write_text(text, "utf-8")
    diags = Diagnostics()
    return Validator(KINDS["publisher"], diags).records(load_file(path, diags)), diags


def test_a_domain_that_is_not_a_host_is_dropped_so_two_such_publishers_do_not_claim_one_host(tmp_path) -> None:
    entry = ('- id: {0}\n  name: "{0}"\n  domains: ["https://{0}.com/"]\n  tier: press\n  sources:\n'
             '    - url: "https://{0}.com/about"\n      title: "About"\n      publisher: "{0}"\n')
    records, diags = validated_publishers(tmp_path, entry.format("alpha") + entry.format("beta"))
    assert [r.get("domains") for r in records] == [(), ()]
    Hosts({r.id: r for r in records}, diags)
    assert [d.code for d in diags.items] == ["E216", "E216"]


def test_a_publisher_without_domains_owns_no_host_and_a_second_claim_is_reported_at_its_record() -> None:
    diags = Diagnostics()
    hosts = Hosts({"a": publisher("a", ["example.net"]), "x": Record("publisher", "x", {"name": "X"}, SPAN),
                   "b": Record("publisher", "b", {"domains": ("example.net",)}, Span("publishers.yaml", 40, 3, 44, 1))},
                  diags)
    assert hosts.lookup("example.net").id == "a"
    [d] = diags.items
    assert (d.code, d.span.line, d.span.column) == ("E304", 40, 3)


def publisher_file(tmp_path, lines: str) -> tuple[list[Record], list[tuple[str, int, int]]]:
    """A copy publisher with ``lines`` added, validated: its records and where each problem is."""
    records, diags = validated_publishers(tmp_path, '- id: mirror\n  name: "Mirror"\n  tier: copy\n' + lines
                                          + '  sources:\n    - url: "https://mirror.example/about"\n'
                                          '      title: "About"\n      publisher: "Mirror"\n')
    return records, [(d.code, d.span.line, d.span.column) for d in diags.items]


def test_a_copy_s_original_must_be_a_host_and_a_domain_with_a_control_character_is_e110(tmp_path) -> None:
    records, found = publisher_file(tmp_path, '  domains: [mirror.example]\n  summary: "a mirror"\n'
                                              '  original: "https://www.coindesk.com/"\n')
    assert found == [("E216", 6, 13)] and "original" not in records[0].values
    records, found = publisher_file(tmp_path, '  domains: ["mirror\\x01.example"]\n  summary: "a mirror"\n')
    assert found == [("E110", 4, 13)]
