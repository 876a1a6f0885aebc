"""A 390 px phone and the dark scheme, in real Chromium (issue 19, items 3 and 6).

At 390 px no page scrolls sideways, every chart's text renders at 11 CSS px or more (the
narrow drawing is shown, not the wide one scaled down), and a table wider than the column
scrolls inside a box whose edge shows a shadow. In the dark scheme, which follows the
reader's system setting, chart text keeps a contrast of 4.5:1 or more, as in the light one.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.test_accessibility import AXE_SOURCE

PHONE = {"width": 390, "height": 844}
# Every kind of page: home, timeline, an event, an exchange with a history (the status
# chart), an authority, a platform, a glossary term, a publisher, each section index, the
# data page and the hand-written pages.
PAGES = ["", "timeline/", "events/", "events/2017-09-04-ico-ban/", "exchanges/", "exchanges/huobi/", "authorities/",
         "authorities/pboc/", "platforms/", "platforms/wechat/", "glossary/", "glossary/bitebi/", "publishers/",
         "publishers/reuters/", "data/", "about/", "methodology/", "contributing/"]
CHART_PAGES = ["timeline/", "exchanges/huobi/", "exchanges/okex/"]
SMALLEST_TEXT = 11.0

# Each visible SVG <text>: its computed font size times the scale of its user space on screen.
TEXT_SIZES = """() => [...document.querySelectorAll('svg text')].filter(t => t.getClientRects().length).map(t => {
  const m = t.getScreenCTM();
  return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)};
})"""
# Each table in the article wider than its box, with the box that scrolls it and that box's background.
WIDE_TABLES = """() => [...document.querySelectorAll('article table')].map(t => {
  let box = t;
  while (box && !(box.scrollWidth > box.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(box).overflowX))) {
    box = box.parentElement === document.querySelector('article') ? null : box.parentElement;
  }
  const header = t.querySelector('th') && t.querySelector('th').textContent;
  return box && {header, background: getComputedStyle(box).backgroundImage};
}).filter(Boolean)"""
# The fill of each visible chart text, and the colour of the ground it is drawn on.
TEXT_COLOURS = """() => [...document.querySelectorAll('svg.chart text')].filter(t => t.getClientRects().length).map(t => {
  let e = t, ground = 'rgba(0, 0, 0, 0)';
  while (e && /rgba\\(0, 0, 0, 0\\)|transparent/.test(ground)) {
    ground = getComputedStyle(e).backgroundColor;
    e = e.parentElement;
  }
  return {text: t.textContent, fill: getComputedStyle(t).fill, ground};
})"""


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    yield page
    context.close()


def visit(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url


@pytest.mark.parametrize("path", PAGES, ids=[p.rstrip("/") or "home" for p in PAGES])
def test_at_390px_nothing_scrolls_sideways_and_chart_text_is_11px_or_more(phone: Page, site_url: str, path: str) -> None:
    visit(phone, site_url + path)
    width = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path}: the page is {width[0]} px wide in a {width[1]} px window"
    small = [t for t in phone.evaluate(TEXT_SIZES) if t["px"] < SMALLEST_TEXT]
    assert not small, f"{path}: chart text under {SMALLEST_TEXT} px: {small[:5]}"
    for table in phone.evaluate(WIDE_TABLES):
        assert "radial-gradient" in table["background"], f"{path}: the table under '{table['header']}' scrolls with no cue"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_a_phone_gets_the_narrow_drawing_and_a_desktop_the_wide_one(browser: Browser, site_url: str, path: str) -> None:
    for viewport, shown in ((PHONE, "chart chart--narrow"), ({"width": 1280, "height": 900}, "chart chart--wide")):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        visit(page, site_url + path)
        drawn = page.eval_on_selector_all("figure.chart-figure svg", "els => els.filter(s => s.getClientRects().length)"
                                                                     ".map(s => s.getAttribute('class'))")
        assert drawn == [shown], (viewport, drawn)
        sizes = [t["px"] for t in page.evaluate(TEXT_SIZES)]
        assert sizes and min(sizes) >= SMALLEST_TEXT, (viewport, min(sizes))
        context.close()


def paeth(a: int, b: int, c: int) -> int:
    """PNG's Paeth predictor: of left, above and upper left, the nearest to left + above - upper left."""
    p = a + b - c
    return a if abs(p - a) <= min(abs(p - b), abs(p - c)) else b if abs(p - b) <= abs(p - c) else c


def pixels(png: bytes) -> list[list[tuple[int, int, int]]]:
    """The rows of an 8-bit RGB or RGBA PNG (what Chromium's screenshots are), as (r, g, b)."""
    pos, idat = 8, b""
    while pos < len(png):
        size, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body, pos = png[pos + 8:pos + 8 + size], pos + 12 + size
        if kind == b"IHDR":
            width, height, _, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
    step = 4 if colour == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * step, [], bytearray(width * step)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b, c = (line[i - step] if i >= step else 0), prev[i], (prev[i - step] if i >= step else 0)
            line[i] = (line[i] + (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 255
        rows.append([tuple(line[x * step:x * step + 3]) for x in range(width)])
        prev = line
    return rows


def test_a_wide_table_shows_a_shadow_at_the_edge_where_more_columns_wait(phone: Page, site_url: str) -> None:
    """Huobi's history: a shadow on the right before scrolling, on the left at the end; and its
    "What happened" column keeps a readable width instead of one word per line."""
    visit(phone, site_url + "exchanges/huobi/")
    box = phone.locator("article .md-typeset__scrollwrap").first
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    column = phone.eval_on_selector("article table td:nth-child(3)", "td => td.getBoundingClientRect().width")
    assert column >= 150, f"'What happened' is {column:.0f} px wide"
    edges = []
    for scroll in (0, 100000):
        box.evaluate(f"e => e.scrollLeft = {scroll}")
        phone.wait_for_timeout(100)
        bounds = box.bounding_box()
        row = pixels(phone.screenshot())[int(bounds["y"] + bounds["height"] / 2)]
        left, right = int(bounds["x"]) + 1, int(bounds["x"] + bounds["width"]) - 2
        edges.append((sum(row[left]) / 3, sum(row[right]) / 3))
    (start_left, start_right), (end_left, end_right) = edges
    assert start_right < 220 and start_left > 230, f"at the start the shadow is on the right: {edges}"
    assert end_left < 220 and end_right > 230, f"at the end the shadow is on the left: {edges}"


def luminance(colour: str, ground: tuple[float, ...] = (1.0, 1.0, 1.0)) -> tuple[float, tuple[float, ...]]:
    """The relative luminance (WCAG 2) of a CSS rgb()/rgba() colour laid over ``ground`` (0-1 RGB)."""
    parts = [float(x) for x in re.findall(r"[\d.]+", colour)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    rgb = tuple(alpha * c / 255 + (1 - alpha) * g for c, g in zip(parts[:3], ground, strict=True))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2], rgb


def contrast(fill: str, ground: str) -> float:
    ground_l, ground_rgb = luminance(ground)
    fill_l, _ = luminance(fill, ground_rgb)
    light, dark = max(fill_l, ground_l), min(fill_l, ground_l)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_scheme_follows_the_system_and_chart_text_keeps_its_contrast(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for path in CHART_PAGES:
        visit(page, site_url + path)
        assert page.get_attribute("body", "data-md-color-scheme") == {"light": "default", "dark": "slate"}[scheme]
        colours = page.evaluate(TEXT_COLOURS)
        assert colours, path
        poor = [(c["text"], c["fill"], c["ground"], round(contrast(c["fill"], c["ground"]), 2)) for c in colours
                if contrast(c["fill"], c["ground"]) < 4.5]
        assert not poor, f"{path} ({scheme}): chart text under 4.5:1: {poor[:5]}"
        if scheme == "dark":  # the palette's black would vanish on the dark ground
            fills = page.eval_on_selector_all("svg.chart rect[fill='#000000']", "els => els.map(e => getComputedStyle(e).fill)")
            assert all(f != "rgb(0, 0, 0)" for f in fills), fills
    context.close()


def test_axe_finds_nothing_serious_on_any_page_in_the_dark_scheme(browser: Browser, site_url: str) -> None:
    """axe-core (color-contrast among its rules) on every kind of page at 390 px in the dark
    scheme; test_accessibility runs it in the light one."""
    context = browser.new_context(viewport=PHONE, color_scheme="dark", bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in PAGES:
        visit(page, site_url + path)
        page.add_script_tag(content=AXE_SOURCE)
        found[path] = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' ') + ': ' + n.failureSummary))""")
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
