"""On this day: one small JSON file per day of the year, for the home page's script."""

from __future__ import annotations

import datetime as dt
import json

from ..page import Page
from ..records import PartialDate
from .common import Site


def pages(site: Site) -> list[Page]:
    """One file per day of the year (data/on-this-day/MM-DD.json) with its day-precise
    events: computed in the browser, so the build does not depend on the day it runs; one
    file per day, so a phone fetches a few hundred bytes, not them all. Quiet days get an
    empty list rather than a 404."""
    if site.edition.chinese:
        return []  # one set of files for both editions: each entry has its Chinese title too
    days: dict[str, list[dict[str, str]]] = {}
    for event in reversed(site.corpus.timeline):
        date: PartialDate = event.values["date"]
        if date.precision == 3:
            days.setdefault(f"{date.month:02d}-{date.day:02d}", []).append(
                {"date": date.text, "title": event.values["title"], "title_zh": event.get("title_zh", ""),
                 "path": f"events/{event.id}/"})
    every_day = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]  # 2024 has 29 February
    return [Page(f"data/on-this-day/{d:%m-%d}.json", json.dumps(days.get(f"{d:%m-%d}", []), ensure_ascii=False) + "\n")
            for d in every_day]
