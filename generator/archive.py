"""`python -m generator archive`: find (or make) a Wayback Machine copy of every source that
has no `archived` copy, and write it into the data beside the source.

The data is read as `check` reads it (a file with errors is left alone). Each URL is asked
once, a few at a time (wayback.Client: timeouts, retries with backoff); what is found is
written into the data files as the run goes (archive_write: added lines only, the file still
valid), so an interrupted run loses at most the last few seconds. URLs the archive has no
copy of are kept, with the time, in a state file under `.cache/`: a run started within a day
does not ask about them again, and a second run asks nothing about sources already archived.
With ``save``, Save Page Now is asked, one capture at a time, for pages with no copy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .archive_write import add_copies, source_mappings, wants_copy
from .diagnostics import Diagnostics, Span
from .load import load_file
from .records import KINDS, Kind
from .validate import Validator
from .wayback import Client, Failed, RateLimited, copy_url

RECHECK_AFTER = dt.timedelta(days=1)  # a URL with no copy is asked again after this long
FLUSH_EVERY = 10.0  # seconds between writes of what was found
GIVE_UP_AFTER = 20  # failures in a row: the archive (or the network) is down, stop asking


@dataclass
class Wanted:
    """The sources of one URL that have no copy, and where each is written."""

    url: str
    places: list[tuple[Kind, Path, Span]] = field(default_factory=list)


@dataclass
class Summary:
    found: int = 0  # URLs with a copy found by the availability API
    saved: int = 0  # URLs Save Page Now made a copy of
    none: int = 0  # URLs with no copy (and none made)
    failed: dict[str, str] = field(default_factory=dict)  # URL → why
    written: int = 0  # `archived` lines added to the data
    refused: list[str] = field(default_factory=list)  # files left as they were, and why
    recent: int = 0  # URLs not asked: found without a copy less than RECHECK_AFTER ago
    left: int = 0  # URLs not asked: beyond --limit, or after GIVE_UP_AFTER failures in a row
    failures: list[str] = field(default_factory=list)  # `FILE:LINE:COL: URL: why`, where each failed URL is written

    def line(self) -> str:
        extra = "".join(f"; {n} {what}" for n, what in ((self.recent, "asked less than a day ago"),
                                                        (self.left, "left for another run (--limit)")) if n)
        return (f"Archive: {self.found} found, {self.saved} saved, {self.none} not archived, {len(self.failed)} failed; "
                f"{self.written} `archived` lines written{extra}.")


def wanted_sources(data_dir: Path, diags: Diagnostics) -> dict[str, Wanted]:
    """Every http(s) source URL without a copy, in file order, from the files that validate
    (a file with errors is reported to ``diags`` and left out)."""
    wanted: dict[str, Wanted] = {}
    for kind in KINDS.values():
        path = data_dir / kind.file
        found = Diagnostics()
        doc = load_file(path, found)
        Validator(kind, found).records(doc)
        if found.errors:
            diags.extend(found)
            continue
        for source in source_mappings(doc.root):
            url = wants_copy(source)
            if url is not None:
                span = source.entries["url"].value.span
                wanted.setdefault(url, Wanted(url)).places.append((kind, path, span))
    return wanted


class State:
    """URLs found without a copy, with when: `.cache/archive-state.json` (written atomically)."""

    def __init__(self, path: Path, now: dt.datetime) -> None:
        self.path, self.now = path, now
        try:
            self.none: dict[str, str] = dict(json.loads(path.read_text("utf-8")).get("none", {}))
        except (OSError, ValueError, AttributeError):
            self.none = {}

    def recent(self, url: str) -> bool:
        try:
            return self.now - dt.datetime.fromisoformat(self.none[url]) < RECHECK_AFTER
        except (KeyError, ValueError):
            return False

    def mark(self, url: str) -> None:
        self.none[url] = self.now.isoformat(timespec="seconds")

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"none": self.none}, indent=1, sort_keys=True) + "\n", "utf-8")
        os.replace(tmp, self.path)


class Run:
    """One run: what is wanted, what was found, and the pending writes."""

    def __init__(self, wanted: dict[str, Wanted], state: State, err: TextIO) -> None:
        self.wanted, self.state, self.err = wanted, state, err
        self.summary = Summary()
        self.pending: dict[str, str] = {}  # URL → its copy, not yet written
        self.last_flush = time.monotonic()
        self.done = 0
        self.total = 0

    def found(self, url: str, timestamp: str, saved: bool = False) -> None:
        if saved:
            self.summary.saved += 1
        else:
            self.summary.found += 1
        self.pending[url] = copy_url(timestamp, url)
        self.state.none.pop(url, None)
        self.tick()

    def tick(self) -> None:
        """Write what was found (and the state) when the last write is FLUSH_EVERY seconds old."""
        if time.monotonic() - self.last_flush >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write every pending copy into the files its sources are in; then the state file."""
        files = {(kind.name, path): kind for w in self.wanted.values() if w.url in self.pending
                 for kind, path, _ in w.places}
        for (_, path), kind in files.items():
            written = add_copies(path, kind, self.pending)
            self.summary.written += written.added
            if written.refused:
                self.summary.refused.append(written.refused)
            for url in written.skipped or ():
                self.err.write(f"{path}: the source of {url} is written in flow style ({{url: …}}): "
                               f"add `archived: {self.pending[url]}` by hand\n")
        self.pending.clear()
        self.state.save()
        self.last_flush = time.monotonic()

    def progress(self) -> None:
        self.done += 1
        if self.err.isatty():
            s = self.summary
            self.err.write(f"\r[{self.done}/{self.total}] {s.found} found, {s.saved} saved, {s.none} not archived, "
                           f"{len(s.failed)} failed ")
            self.err.flush()


def look_up(run: Run, client: Client, urls: list[str], workers: int, will_save: bool) -> list[str]:
    """Ask the availability API about ``urls``, a few at a time; the URLs with no copy, to
    save. Unless ``will_save``, each is counted and remembered (State) as soon as it is known."""
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait  # only `archive` runs threads

    missing: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures: dict[Future, str] = {}
        queue = iter(urls)
        in_a_row = 0
        try:
            while True:
                while (len(futures) < 2 * max(1, workers) and in_a_row < GIVE_UP_AFTER
                       and (url := next(queue, None)) is not None):
                    futures[pool.submit(client.available, url)] = url
                if not futures:
                    break
                done, _ = wait(futures, timeout=FLUSH_EVERY, return_when=FIRST_COMPLETED)
                run.tick()
                for future in done:
                    url = futures.pop(future)
                    try:
                        timestamp = future.result()
                    except Failed as exc:
                        run.summary.failed[url] = str(exc)
                        in_a_row += 1
                    else:
                        in_a_row = 0
                        if timestamp:
                            run.found(url, timestamp)
                        elif will_save:
                            missing.append(url)
                        else:
                            run.summary.none += 1
                            run.state.mark(url)
                    run.progress()
        finally:
            for future in futures:
                future.cancel()
        if in_a_row >= GIVE_UP_AFTER:
            run.summary.left += sum(1 for _ in queue)
            run.err.write(f"\nThe archive failed {in_a_row} times in a row: stopped asking; run again later.\n")
    return missing


def save_copies(run: Run, client: Client, urls: list[str], interval: float,
                sleep: Callable[[float], None] = time.sleep) -> None:
    """Ask Save Page Now for each of ``urls``, one at a time, ``interval`` seconds apart;
    stop at the first sign of its rate limit."""
    for n, url in enumerate(urls):
        if n:
            sleep(interval)
        try:
            timestamp = client.save(url)
        except RateLimited as exc:
            run.err.write(f"\nSave Page Now asks us to slow down ({exc}): {len(urls) - n} pages not saved this run.\n")
            run.summary.none += len(urls) - n
            return
        except Failed as exc:
            run.summary.failed[url] = f"Save Page Now: {exc}"
        else:
            if timestamp:
                run.found(url, timestamp, saved=True)
            else:
                run.summary.none += 1
                run.state.mark(url)


@dataclass(frozen=True)
class ArchiveOptions:
    data_dir: Path = Path("data")
    limit: int | None = None
    save: bool = False
    workers: int = 4
    save_interval: float = 10.0
    state_file: Path = Path(".cache/archive-state.json")


def archive(options: ArchiveOptions, client: Client, diags: Diagnostics, err: TextIO = sys.stderr) -> Summary:
    """Find copies for the sources without one and write them into the data; the summary.
    Files with errors go to ``diags`` and are left alone. On an interruption (Ctrl-C), what
    was found is written before the interruption goes on."""
    wanted = wanted_sources(options.data_dir, diags)
    run = Run(wanted, State(options.state_file, dt.datetime.now(dt.UTC)), err)
    urls = [url for url in wanted if not run.state.recent(url)]
    run.summary.recent = len(wanted) - len(urls)
    if options.limit is not None:
        run.summary.left, urls = max(0, len(urls) - options.limit), urls[: options.limit]
    run.total = len(urls)
    try:
        will_save = options.save and client.keys is not None
        missing = look_up(run, client, urls, options.workers, will_save)
        if missing:
            save_copies(run, client, missing, options.save_interval)
    finally:
        if err.isatty() and run.total:
            err.write("\n")
        run.flush()
        run.summary.failures = [f"{span.file}:{span.line}:{span.column}: {url}: {why}"
                                for url, why in run.summary.failed.items() for _, _, span in wanted[url].places]
    return run.summary
