"""Sources and their publishers (generator/sources.py, values.placeholder_title): the parts
the case folders do not pin down one by one."""

from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics, Span
from generator.records import Record
from generator.sources import Hosts, names_publisher, original_address
from generator.values import placeholder_title

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
