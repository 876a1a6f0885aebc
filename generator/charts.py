"""Charts as inline SVG, drawn at build time: no charting library, nothing from a CDN.

Each chart is an accessible image (role="img" named by its <title> and <desc>) with the
same numbers in a table beside it, for screen readers and for readers who copy figures.
Colours come from the Okabe-Ito palette (distinguishable with common colour blindness) and
are set as SVG presentation attributes, not style attributes, which the site's CSP forbids;
the dark scheme recolours text, lines and the palette's black in tracker.css (a stylesheet
wins over presentation attributes).

Every chart is drawn twice: a wide layout for a column of 680 px or more, and a narrow one,
laid out for a phone's column (about 300 px), that the stylesheet shows below that width
(a container query on the figure). Scaling the wide drawing down to a phone would shrink
its 13 px text to 6 px; each layout keeps its text at 11 CSS px or more where it is shown.
Python computes every coordinate; nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from .editions import EN, Edition
from .records import EVENT_TYPES, HISTORY_STATUSES, PartialDate, Record

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#999999")
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE, strict=True))
STATUS_COLOURS = {"operating": "#009E73", "restricted": "#E69F00", "blocked": "#D55E00", "suspended": "#CC79A7",
                  "exited-mainland": "#0072B2", "renamed": "#56B4E9", "closed": "#000000"}
assert set(STATUS_COLOURS) == set(HISTORY_STATUSES)
TEXT = "#222222"
GRID = "#cccccc"
FONT = 'font-family="sans-serif"'
WIDE, NARROW = 760, 300  # viewBox widths: a desktop column, a phone's (288 px wide on a 320 px phone: 11.5 px text)
Counts = dict[int, Counter[str]]  # events per type in each year
WIDE_FONT, NARROW_FONT = 13, 12  # the wide one is shown from 680 px: 13 × 680/760 = 11.6 px at the least


def esc(text: object) -> str:
    """Escaped, on one line: the SVG sits in a raw HTML block, which a blank line would end."""
    return html.escape(" ".join(str(text).split()), quote=True)


def text(x: float, y: float, words: object, size: int, anchor: str = "start") -> str:
    """One line of chart text in the text colour (which the dark scheme replaces)."""
    return (f'<text class="chart-text" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{TEXT}" {FONT}>{esc(words)}</text>')


def line(x1: float, x2: float, y1: float, y2: float, colour: str = GRID) -> str:
    """A gridline (grey) or an axis (in the text colour)."""
    role = "chart-axis" if colour == TEXT else "chart-grid"
    return f'<line class="{role}" x1="{x1:.1f}" x2="{x2:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1"/>'


def svg(chart_id: str, layout: str, width: int, height: float, title: str, desc: str, body: Iterable[str]) -> str:
    """An accessible SVG image of one layout ("wide" or "narrow"), named by its title and
    description; the narrow copy's ids carry a suffix so that ids stay unique on the page."""
    cid = chart_id if layout == "wide" else f"{chart_id}-{layout}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{layout}" role="img" '
            f'viewBox="0 0 {width} {height:.0f}" width="100%" aria-labelledby="{cid}-title {cid}-desc">'
            f'<title id="{cid}-title">{title}</title><desc id="{cid}-desc">{desc}</desc>{"".join(body)}</svg>')


def round_ticks(peak: int, most: int = 5) -> list[int]:
    """Axis ticks from 0 at a round step (1, 2 or 5 times a power of ten), the last at or
    above ``peak``, at most ``most`` steps: 17 gives 0, 5, 10, 15, 20."""
    peak = max(peak, 1)
    power = 10 ** math.floor(math.log10(peak / most)) if peak > most else 1
    step = next(s * power for s in (1, 2, 5, 10) if peak / (s * power) <= most)
    return list(range(0, math.ceil(peak / step) * step + 1, step))


def year_counts(events: list[Record]) -> tuple[list[int], dict[int, Counter[str]]]:
    """Every year from the first to the last event (empty years included), with counts by type."""
    counts: dict[int, Counter[str]] = {}
    for event in events:
        counts.setdefault(event.values["date"].year, Counter())[event.values["type"]] += 1
    if not counts:
        return [], {}
    years = list(range(min(counts), max(counts) + 1))
    return years, {y: counts.get(y, Counter()) for y in years}


def bar(x: float, y: float, w: float, h: float, colour: str, tip: str) -> str:
    """A bar with its tooltip (and its words for the tests: "2018: 3 regulation")."""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}"><title>{esc(tip)}</title></rect>'


def legend(types: dict[str, str], left: float, top: float, col: float, per_row: int, size: int) -> list[str]:
    """A swatch and the type's name (``types``: type → the name shown) for each type, ``per_row`` to a row."""
    parts = []
    for i, (kind, name) in enumerate(types.items()):
        lx, ly = left + (i % per_row) * col, top + (i // per_row) * 20
        parts.append(f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{TYPE_COLOURS[kind]}"/>')
        parts.append(text(lx + 18, ly + 11, name, size))
    return parts


def year_bars_wide(years: list[int], counts: Counts, types: dict[str, str], ticks: list[int]) -> tuple[float, list[str]]:
    """Upright stacked bars, one per year, the years under them and the legend in three columns."""
    left, top, plot_h = 44, 16, 220
    step = (WIDE - left - 10) / len(years)
    width = max(4.0, step * 0.7)
    scale = plot_h / ticks[-1]
    label_every = math.ceil(40 / step)  # a year's label is about 32 px wide at 13 px
    parts = []
    for tick in ticks:
        y = top + plot_h - tick * scale
        parts += [line(left, WIDE - 10, y, y), text(left - 6, y + 4, tick, WIDE_FONT, "end")]
    for i, year in enumerate(years):
        x, y = left + i * step + (step - width) / 2, top + plot_h
        for kind in types:
            if n := counts[year][kind]:
                y -= n * scale
                parts.append(bar(x, y, width, n * scale, TYPE_COLOURS[kind], f"{year}: {n} {types[kind]}"))
        if i % label_every == 0:
            parts.append(text(x + width / 2, top + plot_h + 17, year, WIDE_FONT, "middle"))
    parts += legend(types, left, top + plot_h + 30, (WIDE - left) / 3, 3, WIDE_FONT)
    return top + plot_h + 30 + (len(types) + 2) // 3 * 20 + 8, parts


def year_bars_narrow(years: list[int], counts: Counts, types: dict[str, str], ticks: list[int]) -> tuple[float, list[str]]:
    """Lying bars, one row per year (a phone scrolls down, not across), the counts under them
    and the legend in two columns."""
    left, top, row = 42, 6, 20
    plot_w = NARROW - left - 14
    scale = plot_w / ticks[-1]
    bottom = top + len(years) * row
    parts = []
    for tick in ticks:
        x = left + tick * scale
        parts += [line(x, x, top, bottom), text(x, bottom + 16, tick, NARROW_FONT, "middle")]
    for i, year in enumerate(years):
        y, x = top + i * row, left
        parts.append(text(left - 6, y + 14, year, NARROW_FONT, "end"))
        for kind in types:
            if n := counts[year][kind]:
                parts.append(bar(x, y + 3, n * scale, row - 6, TYPE_COLOURS[kind], f"{year}: {n} {types[kind]}"))
                x += n * scale
    parts += legend(types, 8, bottom + 30, (NARROW - 8) / 2, 2, NARROW_FONT)
    return bottom + 30 + (len(types) + 1) // 2 * 20 + 4, parts


def events_per_year(events: list[Record], chart_id: str = "events-per-year", edition: Edition = EN) -> Markup:
    """Events per year stacked by type, with a legend and round ticks, in both layouts, in the edition's words."""
    years, counts = year_counts(events)
    if not years:
        return Markup("")
    types = {t: edition.plain(t) for t in EVENT_TYPES if any(counts[y][t] for y in years)}
    ticks = round_ticks(max(sum(c.values()) for c in counts.values()))
    total = sum(sum(c.values()) for c in counts.values())
    busiest = max(years, key=lambda y: (sum(counts[y].values()), -y))
    title = esc(edition.plain("chart.years.title", first=years[0], last=years[-1]))
    desc = edition.plain("chart.years.desc", total=total, busiest=busiest, most=sum(counts[busiest].values()))
    out = []
    for layout, width, draw in (("wide", WIDE, year_bars_wide), ("narrow", NARROW, year_bars_narrow)):
        height, body = draw(years, counts, types, ticks)
        out.append(svg(chart_id, layout, width, height, title, esc(desc), body))
    return Markup("".join(out))


def year_table(events: list[Record], edition: Edition = EN) -> tuple[list[str], list[list[str]]]:
    """The chart's numbers: a header row and one row per year (years with no event included)."""
    years, counts = year_counts(events)
    types = [t for t in EVENT_TYPES if any(counts[y][t] for y in years)]
    rows = [[str(y), *(str(counts[y][t]) for t in types), str(sum(counts[y].values()))] for y in years]
    return [edition.plain("Year"), *(edition.plain(t) for t in types), edition.plain("All")], rows


def year_table_html(events: list[Record], edition: Edition = EN) -> Markup:
    """The chart's numbers as an HTML table in a keyboard-scrollable region: it is wider than
    a phone, and without JavaScript (Material's focusable wrapper) a table with no link in it
    could not be scrolled from the keyboard (axe: scrollable-region-focusable)."""
    header, rows = year_table(events, edition)
    label = edition.plain("Events per year by type")
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = "".join("<tr>" + f'<th scope="row">{esc(row[0])}</th>' + "".join(f"<td>{esc(c)}</td>" for c in row[1:]) + "</tr>"
                   for row in rows)
    return Markup(f'<div class="table-scroll" role="region" tabindex="0" aria-label="{esc(label)}">'
                  f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def year_ticks(first: dt.date, end: dt.date, left: float, right: float, gap: float) -> list[tuple[float, int, str]]:
    """Ticks for a time axis from ``first`` to ``end`` drawn from x=left to x=right: the first
    year at the axis's start (its label starting there), then 1 January of every n-th year,
    n chosen so that labels stand at least ``gap`` apart; the last one is kept inside the axis."""
    span = max((end - first).days, 1)

    def x(day: dt.date) -> float:
        return left + (day - first).days / span * (right - left)

    every = max(1, math.ceil(gap / (x(dt.date(first.year + 1, 1, 1)) - x(dt.date(first.year, 1, 1)))))
    ticks = [(left, first.year, "start")]
    for year in range(first.year + 1, end.year + 1):
        at = x(dt.date(year, 1, 1))
        room = gap * 1.5 if ticks[-1][2] == "start" else gap  # a label that starts there reaches further right
        if (year - first.year) % every or at - ticks[-1][0] < room:
            continue
        ticks.append((at, year, "end" if right - at < gap / 2 else "middle"))
    return ticks


def status_bars(history: list[dict], starts: list[dt.date], end: dt.date, layout: str,
                edition: Edition = EN) -> tuple[float, list[str]]:
    """One row per change, its bar running to the next change or to ``end``: in the wide
    layout the label sits left of the bars; in the narrow one, above its bar."""
    wide = layout == "wide"
    size = WIDE_FONT if wide else NARROW_FONT
    left, right, row_h, top = (250, WIDE - 20, 24, 10) if wide else (10, NARROW - 10, 36, 4)
    first, span = starts[0], max((end - starts[0]).days, 1)

    def x(day: dt.date) -> float:
        return left + (day - first).days / span * (right - left)

    parts = []
    for row, (h, start) in enumerate(zip(history, starts, strict=True)):
        y = top + row * row_h
        nxt = starts[row + 1] if row + 1 < len(starts) else end
        x0, x1 = x(start), max(x(nxt), x(start) + 3)
        date, status = edition.date(h["date"]), edition.plain(h["status"])
        words = f"{date} · {status}"
        parts.append(text(left - 8, y + 16, words, size, "end") if wide else text(left, y + 13, words, size))
        bar_y, bar_h = (y + 4, row_h - 8) if wide else (y + 18, 12)
        parts.append(bar(x0, bar_y, x1 - x0, bar_h, STATUS_COLOURS.get(h["status"], "#999999"), f"{date}: {status}"))
    axis_y = top + row_h * len(history) + 4 - (0 if wide else 6)
    parts.append(line(left, right, axis_y, axis_y, TEXT))
    for tx, year, anchor in year_ticks(first, end, left, right, 40 if wide else 38):
        parts.append(text(tx, axis_y + 16, year, size, anchor))
    return axis_y + 26, parts


def status_timeline(record: Record, until: dt.date, chart_id: str = "status-history", edition: Edition = EN) -> Markup:
    """An exchange's China story as a Gantt-like chart in both layouts: one row per dated
    status change, its bar running until the next change, the last one to ``until`` (the
    site's reference date, pages.common.Site.reference_date), so that a state still current
    reads as current."""
    history = record.get("history") or []
    if not history:
        return Markup("")
    dated = sorted(((h["date"].first_day() if isinstance(h["date"], PartialDate) else dt.date(1970, 1, 1), i)
                    for i, h in enumerate(history)))
    starts, rows = [d for d, _ in dated], [history[i] for _, i in dated]
    end = max(until, starts[-1] + dt.timedelta(days=1))
    name = edition.record_name(record.values)
    title = esc(edition.plain("chart.status.title", name=name, first=starts[0].year, last=end.year))
    desc = esc(edition.plain("chart.status.desc", count=len(rows), first=edition.plain(rows[0]["status"]),
                             first_date=edition.date(rows[0]["date"]), last=edition.plain(rows[-1]["status"]),
                             last_date=edition.date(rows[-1]["date"]), end=edition.day(end.isoformat())))
    out = []
    for layout, width in (("wide", WIDE), ("narrow", NARROW)):
        height, body = status_bars(rows, starts, end, layout, edition)
        out.append(svg(chart_id, layout, width, height, title, desc, body))
    return Markup("".join(out))
