"""Making pages into the write sink, in one process or, for a large site, two.

Pages are lazy (page.Page): their text is made when asked for, here, and put into the
sink at once, so a build holds one page's text at a time. From SHARE_FROM event pages on, a
forked copy of the process makes some of them on the second core (make_in_two); without a
fork (other threads, no os.fork, a failed fork) one process makes every page. Either way
the files written are the same bytes.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from .page import Page
from .write import Sink

# From this many event pages to make, a forked copy of the process makes some of them.
SHARE_FROM = 1000


@dataclass
class Making:
    seconds: float = 0.0  # making page text (render's share of the build), in both processes when forked
    here: float = 0.0  # of which in this process (the rest ran beside it, in the copy)
    forked: bool = False  # a forked copy made and wrote some of the pages (make_in_two)
    copy_private_mb: float = 0.0  # the memory that copy held on its own when it ended


def make_pages(pages: list[Page], sink: Sink, fork: bool = True) -> Making:
    """Make every page and put it into ``sink``; in two processes when ``fork`` allows it and
    the site is large enough. No fork beside other threads (`mkdocs serve`'s server: a copy
    could inherit a lock one of them holds)."""
    made = Making()
    events = [p for p in pages if p.narrow]
    if fork and len(events) >= SHARE_FROM and hasattr(os, "fork") and threading.active_count() == 1:
        # This process makes the pages that spell names first; the copy takes event pages from
        # the back of the rest, this process the other pages from the front.
        shared = [p for p in pages if not p.narrow and not p.spells] + events
        if make_in_two(shared, sink, made, first=[p for p in pages if p.spells]):
            return made
    put_pages(pages, sink, made)
    return made


def put_pages(pages: Iterable[Page], sink: Sink, made: Making) -> None:
    """Make each page's text and put its bytes into the sink."""
    making = 0.0
    for page in pages:
        start = time.perf_counter()
        data = page.text.encode("utf-8")
        making += time.perf_counter() - start
        sink.put(page.path, data)
    made.seconds += making
    made.here += making


class Meeting:
    """Two cursors over one list of pages, in memory both processes share: this process takes
    pages from the front, the forked copy from the back, until they meet, so neither waits
    for the other however unevenly the machine runs them."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.cursors = context.RawArray("q", [0, count])  # the next from the front; one past the next from the back
        self.lock = context.Lock()

    def take(self, from_back: bool, other_alive: Callable[[], bool]) -> Iterator[int]:
        """Indices to make, one at a time. A process killed while holding the lock never
        releases it: the survivor stops waiting when the other is gone."""
        while True:
            while not self.lock.acquire(timeout=0.5):
                if not other_alive():
                    return
            try:
                front, back = self.cursors[0], self.cursors[1]
                if front >= back:
                    return
                if from_back:
                    self.cursors[1] = index = back - 1
                else:
                    self.cursors[0], index = front + 1, front
            finally:
                self.lock.release()
            yield index

    def stop(self) -> None:
        """No more pages for anyone (this process failed: the build will not complete)."""
        if self.lock.acquire(timeout=2):
            self.cursors[0] = self.cursors[1]
            self.lock.release()


class Copy:
    """The forked copy, as its parent sees it: alive or not, and how it ended."""

    def __init__(self, pid: int) -> None:
        self.pid, self.status = pid, None

    def alive(self) -> bool:
        if self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
        return self.status is None

    def wait(self) -> int:
        if self.status is None:
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status


def make_in_two(pages: list[Page], sink: Sink, made: Making, first: list[Page]) -> bool:
    """Make ``pages`` (every page that spells no names, in path order, then the event pages)
    into ``sink`` in two processes: a forked copy takes them from the back while this one
    makes ``first`` (the pages that spell names), then takes them from the front until the
    two meet, so both cores make pages. Only this process makes the pages that spell names, so only it
    asks the lexicon (lexicon.py) what the copy would not remember.

    The copy shares the corpus, but CPython writes a reference count into every object it
    touches, and a memory page written by either process is then held twice (the benchmark
    counts the copy's own memory in the generator's peak). Downloads and feeds read every
    record: this process makes them, unless the copy reaches them first.

    The copy writes through a sink of its own and reports through a pipe what it wrote (see
    take_report). False when no copy could be forked: the caller writes everything.
    """
    meeting = Meeting(len(pages))
    read_end, write_end = os.pipe()
    gc.freeze()  # neither collector scans what exists now: scanning writes to it, which copies it
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:  # no memory or process slot for a copy
        os.close(read_end)
        os.close(write_end)
        return False
    if pid == 0:
        run_copy(pages, sink.out, meeting, read_end, write_end, lambda: os.getppid() == parent)
    os.close(write_end)
    copy = Copy(pid)
    mine: list[int] = []

    def taken() -> Iterator[Page]:
        for index in meeting.take(from_back=False, other_alive=copy.alive):
            mine.append(index)
            yield pages[index]

    try:
        put_pages(first, sink, made)
        put_pages(taken(), sink, made)
    except BaseException:
        meeting.stop()
        raise
    finally:
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            text = pipe.read()
        status = copy.wait()
    done = set(mine)
    take_report(text, status, [page for n, page in enumerate(pages) if n not in done], sink, made)
    return True


def take_report(text: str, status: int, not_mine: list[Page], sink: Sink, made: Making) -> None:
    """What the forked copy reported (``text``; ``status``, how it ended), added to this
    process's results. If the copy could not write a file, its OSError is raised here
    (located as E402: the manifest stays incomplete, the next run repairs); if it failed
    otherwise or died, this process makes ``not_mine``, every page it did not make itself."""
    try:
        report = json.loads(text)
    except ValueError:
        report = {"error": f"the forked copy ended without a report (wait status {status})"}
    if "error" in report and report.get("errno") is not None:
        raise OSError(report["errno"], report["strerror"], report["filename"] or None)
    if "error" in report:  # a bug or a kill: make the rest here, as one process would have
        put_pages(not_mine, sink, made)
        return
    sink.result.written += report["written"]
    sink.result.unchanged += report["unchanged"]
    made.seconds += report["making"]
    made.forked, made.copy_private_mb = True, report["mb"]


def run_copy(pages: list[Page], out: Path, meeting: Meeting, read_end: int, write_end: int,
             parent_alive: Callable[[], bool]) -> NoReturn:
    """The forked copy: take pages from the back, report, and end without returning into the
    parent's code (its locks, buffers and callers belong to the parent)."""
    status = 1
    try:
        os.close(read_end)
        own, own_made = Sink(out), Making()
        try:
            put_pages((pages[n] for n in meeting.take(from_back=True, other_alive=parent_alive)), own, own_made)
            report = {"written": own.result.written, "unchanged": own.result.unchanged, "making": own_made.seconds,
                      "mb": private_mb()}
            status = 0
        except BaseException as exc:  # reported to the parent
            report = {"error": "".join(traceback.format_exception_only(exc)).strip(),
                      "errno": getattr(exc, "errno", None), "strerror": getattr(exc, "strerror", None),
                      "filename": str(getattr(exc, "filename", "") or "")}
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            pipe.write(json.dumps(report))
    finally:
        os._exit(status)


def private_mb() -> float:
    """This process's own memory in MB: its private pages (copied on write, new, or left to it
    alone when the other process copied them), not those it still shares. 0 without /proc
    (Linux only: elsewhere the benchmark would leave the copy's memory out)."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            kb = sum(int(line.split()[1]) for line in rollup if line.startswith(("Private_Clean:", "Private_Dirty:")))
        return kb / 1024
    except OSError:
        return 0.0
