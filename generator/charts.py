"""Charts as inline SVG, drawn at build time: no charting library, nothing from a CDN.

Each chart is an accessible image (role="img" named by its <title> and <desc>) with the
same numbers in a table beside it, for screen readers and for readers who copy figures.
Colours come from the Okabe-Ito palette (distinguishable with common colour blindness) and
are set as SVG presentation attributes, not style attributes, which the site's CSP forbids.
Python computes every coordinate; nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter

from markupsafe import Markup

from .records import EVENT_TYPES, HISTORY_STATUSES, PartialDate, Record

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#999999")
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE, strict=True))
STATUS_COLOURS = {"operating": "#009E73", "restricted": "#E69F00", "blocked": "#D55E00", "suspended": "#CC79A7",
                  "exited-mainland": "#0072B2", "renamed": "#56B4E9", "closed": "#000000"}
assert set(STATUS_COLOURS) == set(HISTORY_STATUSES)
TEXT = "#222222"
FONT = 'font-family="sans-serif"'


def esc(text: object) -> str:
    """Escaped, on one line: the SVG sits in a raw HTML block, which a blank line would end."""
    return html.escape(" ".join(str(text).split()), quote=True)


def year_counts(events: list[Record]) -> tuple[list[int], dict[int, Counter[str]]]:
    """Every year from the first to the last event (empty years included), with counts by type."""
    counts: dict[int, Counter[str]] = {}
    for event in events:
        counts.setdefault(event.values["date"].year, Counter())[event.values["type"]] += 1
    if not counts:
        return [], {}
    years = list(range(min(counts), max(counts) + 1))
    return years, {y: counts.get(y, Counter()) for y in years}


def events_per_year(events: list[Record], chart_id: str = "events-per-year") -> Markup:
    """A stacked bar per year, one colour per event type, with a legend."""
    years, counts = year_counts(events)
    if not years:
        return Markup("")
    types = [t for t in EVENT_TYPES if any(counts[y][t] for y in years)]
    peak = max(sum(c.values()) for c in counts.values())
    width, left, top, plot_h = 760, 40, 16, 220
    step = (width - left - 10) / len(years)
    bar = max(4.0, step * 0.7)
    legend_rows = (len(types) + 2) // 3
    height = top + plot_h + 28 + legend_rows * 20 + 8
    scale = plot_h / peak
    total = sum(sum(c.values()) for c in counts.values())
    busiest = max(years, key=lambda y: (sum(counts[y].values()), -y))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">Events per year by type, {years[0]} to {years[-1]}</title>',
        f'<desc id="{chart_id}-desc">{total} events; the busiest year is {busiest} with '
        f'{sum(counts[busiest].values())}. Each bar stacks the year\'s events by type; the table below gives the numbers.</desc>',
    ]
    for tick in sorted({0, peak // 2, peak}):  # gridlines at 0, half and the peak
        y = top + plot_h - tick * scale
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#cccccc" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="{TEXT}" {FONT}>{tick}</text>')
    for i, year in enumerate(years):
        x = left + i * step + (step - bar) / 2
        y = top + plot_h
        for kind in types:
            n = counts[year][kind]
            if not n:
                continue
            h = n * scale
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{TYPE_COLOURS[kind]}">'
                         f'<title>{year}: {n} {esc(kind)}</title></rect>')
        label_y = top + plot_h + 16
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{label_y}" text-anchor="middle" font-size="11" fill="{TEXT}" '
                     f'{FONT}>{year}</text>')
    legend_top = top + plot_h + 30
    col = (width - left) / 3
    for i, kind in enumerate(types):
        lx, ly = left + (i % 3) * col, legend_top + (i // 3) * 20
        parts.append(f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{TYPE_COLOURS[kind]}"/>')
        parts.append(f'<text x="{lx + 18:.1f}" y="{ly + 11}" font-size="12" fill="{TEXT}" {FONT}>{esc(kind)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def year_table(events: list[Record]) -> tuple[list[str], list[list[str]]]:
    """The chart's numbers: a header row and one row per year (years with no event included)."""
    years, counts = year_counts(events)
    types = [t for t in EVENT_TYPES if any(counts[y][t] for y in years)]
    rows = [[str(y), *(str(counts[y][t]) for t in types), str(sum(counts[y].values()))] for y in years]
    return ["Year", *types, "All"], rows


def year_table_html(events: list[Record], label: str = "Events per year by type") -> Markup:
    """The chart's numbers as an HTML table in a keyboard-scrollable region: it is wider than
    a phone, and without JavaScript (Material's focusable wrapper) a table with no link in it
    could not be scrolled from the keyboard (axe: scrollable-region-focusable)."""
    header, rows = year_table(events)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = "".join("<tr>" + f'<th scope="row">{esc(row[0])}</th>' + "".join(f"<td>{esc(c)}</td>" for c in row[1:]) + "</tr>"
                   for row in rows)
    return Markup(f'<div class="table-scroll" role="region" tabindex="0" aria-label="{esc(label)}">'
                  f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def status_timeline(record: Record, chart_id: str = "status-history") -> Markup:
    """An exchange's China story as a Gantt-like chart: one row per dated status change, its bar
    running until the next change (the last one to the end of its year)."""
    history = record.get("history") or []
    if not history:
        return Markup("")
    starts = [h["date"].first_day() if isinstance(h["date"], PartialDate) else dt.date(1970, 1, 1) for h in history]
    order = sorted(range(len(history)), key=lambda i: starts[i])
    first = starts[order[0]]
    end = dt.date(max(starts).year + 1, 1, 1)
    label_w, width, row_h, top = 250, 760, 24, 10
    plot_w = width - label_w - 20
    span_days = max((end - first).days, 1)

    def x(day: dt.date) -> float:
        return label_w + (day - first).days / span_days * plot_w

    height = top + row_h * len(order) + 30
    name = esc(record.values.get("name", record.id))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{name}: status changes in China, {first.year} to {end.year - 1}</title>',
        f'<desc id="{chart_id}-desc">{len(order)} dated changes, from '
        f'{esc(history[order[0]]["status"])} ({esc(history[order[0]]["date"])}) to '
        f'{esc(history[order[-1]]["status"])} ({esc(history[order[-1]]["date"])}). '
        f'Each row is one change; its bar runs until the next. The table below gives the details.</desc>',
    ]
    for row, i in enumerate(order):
        h = history[i]
        y = top + row * row_h
        nxt = starts[order[row + 1]] if row + 1 < len(order) else end
        x0, x1 = x(starts[i]), max(x(nxt), x(starts[i]) + 3)
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="12" fill="{TEXT}" {FONT}>'
                     f'{esc(h["date"])} · {esc(h["status"])}</text>')
        parts.append(f'<rect x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" height="{row_h - 8}" '
                     f'fill="{STATUS_COLOURS.get(h["status"], "#999999")}"><title>{esc(h["date"])}: '
                     f'{esc(h["status"])}</title></rect>')
    axis_y = top + row_h * len(order) + 4
    parts.append(f'<line x1="{label_w}" x2="{label_w + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="{TEXT}" stroke-width="1"/>')
    years = range(first.year, end.year + 1)
    every = max(1, len(years) // 8)
    for year in years:
        if (year - first.year) % every:
            continue
        tx = x(max(dt.date(year, 1, 1), first))
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11" fill="{TEXT}" '
                     f'{FONT}>{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
