"""The timeline's filters and the home page's "on this day", in real Chromium."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.conftest import ROOT

EVENTS = yaml.safe_load((ROOT / "data" / "events.yaml").read_text("utf-8"))


def expected(**wanted: str) -> set[str]:
    """Ids of the events a combination of filters should show, computed from the data."""
    fields = {"authority": "authorities", "exchange": "exchanges", "platform": "platforms"}
    out = set()
    for e in EVENTS:
        if "year" in wanted and str(e["date"])[:4] != wanted["year"]:
            continue
        if "type" in wanted and e["type"] != wanted["type"]:
            continue
        if any(wanted[k] not in (e.get(f) or []) for k, f in fields.items() if k in wanted):
            continue
        out.add(e["id"])
    return out


def shown(page: Page) -> set[str]:
    hrefs = page.eval_on_selector_all("li[data-year]:not([hidden]) a[href*='/events/']",
                                      "els => els.map(a => a.getAttribute('href'))")
    return {h.rstrip("/").rsplit("/", 1)[1] for h in hrefs}


@pytest.fixture()
def page(browser: Browser) -> Page:
    page = browser.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("query", ["year=2018&type=platform-block", "exchange=huobi", "authority=pboc&year=2021",
                                   "platform=wechat", "year=2017&exchange=huobi&type=exchange"])
def test_filters_from_the_url_show_exactly_the_matching_events(page: Page, site_url: str, query: str) -> None:
    wanted = dict(part.split("=") for part in query.split("&"))
    page.goto(f"{site_url}timeline/?{query}")
    page.wait_for_selector("#timeline-count:not(:empty)")
    assert shown(page) == expected(**wanted)
    assert expected(**wanted), "the query must match something to mean anything"
    count = len(expected(**wanted))
    assert page.locator("#timeline-count").text_content() == f"Showing {count} of {len(EVENTS)} events."


def test_choosing_filters_updates_the_url_and_a_shared_link_reproduces_the_view(page: Page, browser: Browser,
                                                                               site_url: str) -> None:
    page.goto(f"{site_url}timeline/")
    page.wait_for_selector("#timeline-count:not(:empty)")
    assert len(shown(page)) == len(EVENTS)
    page.select_option("select[name=year]", "2018")
    page.select_option("select[name=platform]", "wechat")
    assert page.url.endswith("timeline/?year=2018&platform=wechat")
    view = shown(page)
    assert view == expected(year="2018", platform="wechat")
    # Year headings with nothing left to show are hidden with their lists.
    visible_years = page.eval_on_selector_all("h2[id^='year-']:not([hidden])", "els => els.map(h => h.id)")
    assert visible_years == ["year-2018"]
    toc = page.eval_on_selector_all(".md-sidebar--secondary li:not([hidden]) > .md-nav__link", "els => els.map(a => a.hash)")
    assert toc == ["#year-2018", "#events-per-year"], "the table of contents lists only the years shown, and the chart"

    other = browser.new_page()
    other.goto(page.url)
    other.wait_for_selector("#timeline-count:not(:empty)")
    assert shown(other) == view
    assert other.locator("select[name=platform]").input_value() == "wechat"
    other.close()

    page.click("#timeline-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('li[data-year][hidden]').length === 0")
    assert page.url.endswith("timeline/")
    assert len(shown(page)) == len(EVENTS)


def test_an_unknown_filter_value_shows_everything_and_says_so(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}timeline/?exchange=no-such-exchange")
    page.wait_for_selector("#timeline-count:not(:empty)")
    assert len(shown(page)) == len(EVENTS)
    assert "not applied: exchange “no-such-exchange”" in page.locator("#timeline-count").text_content()


def test_without_javascript_the_timeline_is_the_full_list(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}timeline/?year=2018")
    assert page.locator("#timeline-filters").is_hidden()
    assert page.locator("li[data-year]:visible").count() == len(EVENTS)
    context.close()


def day_events(month: int, day: int) -> list[str]:
    return sorted(e["title"] for e in EVENTS if len(str(e["date"])) == 10 and str(e["date"])[5:] == f"{month:02d}-{day:02d}")


def test_on_this_day_lists_the_events_of_today_in_earlier_years(page: Page, site_url: str) -> None:
    ico = next(e for e in EVENTS if e["id"] == "2017-09-04-ico-ban")
    page.clock.set_fixed_time(dt.datetime(2026, 9, 4, 10, 0))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url)
    page.wait_for_selector("#on-this-day:not([hidden])")
    titles = sorted(page.locator("#on-this-day li a").all_text_contents())
    assert titles == day_events(9, 4) and ico["title"] in titles
    assert [u for u in fetched if "/data/" in u] == [f"{site_url}data/on-this-day/09-04.json"], "one small file"
    page.locator("#on-this-day li a", has_text=ico["title"]).click()
    page.wait_for_url("**/events/2017-09-04-ico-ban/")


def test_on_this_day_says_so_when_nothing_happened(page: Page, site_url: str) -> None:
    quiet = next(dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)
                 if not day_events((dt.date(2026, 1, 1) + dt.timedelta(days=n)).month,
                                   (dt.date(2026, 1, 1) + dt.timedelta(days=n)).day))
    page.clock.set_fixed_time(dt.datetime.combine(quiet, dt.time(12)))
    page.goto(site_url)
    page.wait_for_selector("#on-this-day:not([hidden])")
    assert page.locator("#on-this-day li").count() == 0
    assert "No recorded event happened on" in page.locator("#on-this-day-date").text_content()


def test_the_home_page_without_javascript_shows_the_latest_events_not_an_empty_box(browser: Browser, site_url: str,
                                                                                   built_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("#on-this-day").is_hidden()
    assert page.locator("article li a[href*='events/']").count() >= 10
    context.close()
