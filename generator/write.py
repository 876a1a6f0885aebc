"""Write phase: only bytes that changed, each file atomically, stale files pruned by manifest.

The generator owns a fixed set of paths under the output folder (architecture decision 1).
It deletes a file only when the previous build's manifest lists it, and refuses to
overwrite a file it did not write, so `--out` pointed at the wrong folder cannot destroy
anyone's work. The manifest is marked incomplete before the first write and complete
after the last, so an interrupted build is visible to the next run.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

try:
    import fcntl
except ImportError:  # Windows: builds there are not serialised
    fcntl = None

from .diagnostics import Diagnostics, Span
from .render import Page

MANIFEST = ".generator-manifest.json"
LOCK = ".generator.lock"
# Test hook: stop the process dead after this many page writes, as a power cut would.
CRASH_AFTER = "GENERATOR_CRASH_AFTER_WRITES"
OWNED_FILES = ("index.md", "contributing.md")
OWNED_FOLDERS = ("timeline", "events", "exchanges", "authorities", "platforms", "glossary", "data", "feeds")


# From this many event pages to make, a forked copy of the process makes some of them (write_in_two).
SHARE_FROM = 1000


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    making: float = 0.0  # seconds making lazy pages' text (render's share), in both processes when forked
    making_here: float = 0.0  # of which in this process (the rest ran beside it, in the copy)
    forked: bool = False  # a forked copy made and wrote some of the pages (write_in_two)
    copy_private_mb: float = 0.0  # the memory that copy held on its own when it ended


def owned(path: str) -> bool:
    return path in OWNED_FILES or path.split("/", 1)[0] in OWNED_FOLDERS


def read_manifest(out: Path) -> set[str]:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        return {p for p in data.get("files", []) if isinstance(p, str) and owned(p)}
    except (OSError, ValueError, AttributeError):
        return set()


def atomic_write(path: Path, data: bytes, folders: set[Path] | None = None) -> None:
    """Write a temporary file beside the target, then rename it over the target: a reader
    (MkDocs) sees the old bytes or the new, never half. ``folders``: those already made in
    this build, so each is created once, not stat'ed per file. The temporary name carries the
    process id; the folder lock keeps other builds out."""
    if folders is None or path.parent not in folders:
        path.parent.mkdir(parents=True, exist_ok=True)
        if folders is not None:
            folders.add(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:  # named by the file being written, not the temporary one
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def manifest_complete(out: Path) -> bool:
    """False while a build is writing, or after one was interrupted (the next run completes it)."""
    try:
        return json.loads((out / MANIFEST).read_text("utf-8")).get("complete") is True
    except (OSError, ValueError, AttributeError):
        return False


@contextlib.contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """One build writes to a folder at a time: a second waits for the first to finish."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "w", encoding="utf-8") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if not (out / MANIFEST).exists():  # nothing of ours here (a refused folder): leave no trace
                (out / LOCK).unlink(missing_ok=True)
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def write_manifest(out: Path, files: set[str], complete: bool) -> None:
    body = json.dumps({"complete": complete, "files": sorted(files)}, indent=1) + "\n"
    atomic_write(out / MANIFEST, body.encode("utf-8"))


def check_writable(pages: list[Page], out: Path, diags: Diagnostics) -> None:
    """Before anything is written: refuse to overwrite files the generator does not own."""
    previous = read_manifest(out)
    for page in pages:
        target = out / page.path
        if not owned(page.path):
            raise ValueError(f"render produced a path outside the generator's folders: {page.path}")
        if target.exists() and page.path not in previous:
            diags.add("E401", Span(str(target), 1, 1, 1, 1), f"'{target}' exists and was not written by the generator",
                      "move it away, or build into another folder with --out")


def write(pages: list[Page], out: Path, diags: Diagnostics, fork: bool = True) -> WriteResult | None:
    """Check, then write, under the folder's lock; None when the check found a file not ours.

    The manifest is marked incomplete first and complete last; the incomplete one lists the
    previous build's files and this one's, so if the process dies half way the next run knows
    every file it may own, rewrites what differs and prunes the rest.
    """
    with exclusive(out):
        check_writable(pages, out, diags)
        if diags.errors:
            return None
        return write_locked(pages, out, fork)


def write_locked(pages: list[Page], out: Path, fork: bool = True) -> WriteResult:
    result = WriteResult()
    crash_after = int(os.environ.get(CRASH_AFTER, "0") or 0)
    previous = read_manifest(out)
    current = {p.path for p in pages}
    out.mkdir(parents=True, exist_ok=True)
    write_manifest(out, previous | current, complete=False)
    # No fork beside other threads (`mkdocs serve`'s server: a copy could inherit a lock one of
    # them holds), nor under the crash test hook (it counts the writes of one process).
    events = [p for p in pages if p.narrow]
    if (fork and not crash_after and len(events) >= SHARE_FROM and hasattr(os, "fork")
            and threading.active_count() == 1):
        # This process makes the pages that spell names first; the copy takes event pages from
        # the back of the rest, this process the other pages from the front.
        shared = [p for p in pages if not p.narrow and not p.spells] + events
        if write_in_two(shared, out, result, first=[p for p in pages if p.spells]):
            pages = []
    write_pages(pages, out, result, crash_after)
    order = {path: n for n, path in enumerate(sorted(current))}  # pages come sorted by path
    result.written.sort(key=order.__getitem__)
    for stale in sorted(previous - current):
        (out / stale).unlink(missing_ok=True)
        result.removed.append(stale)
        prune_empty_dirs((out / stale).parent, out)
    write_manifest(out, current, complete=True)
    return result


def write_pages(pages: Iterable[Page], out: Path, result: WriteResult, crash_after: int = 0) -> None:
    """Make each page, compare it with the file on disk, write it only if its bytes differ."""
    folders: set[Path] = set()
    making = 0.0
    for page in pages:
        target = out / page.path
        made = time.perf_counter()
        data = page.text.encode("utf-8")
        making += time.perf_counter() - made
        try:
            if target.read_bytes() == data:
                result.unchanged += 1
                continue
        except OSError:
            pass
        atomic_write(target, data, folders)
        result.written.append(page.path)
        if crash_after and len(result.written) >= crash_after:
            os._exit(75)  # a deterministic crash point for the interruption tests
    result.making += making
    result.making_here += making


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


def write_in_two(pages: list[Page], out: Path, result: WriteResult, first: list[Page]) -> bool:
    """Make and write ``pages`` (every page that spells no names, in path order, then the
    event pages) in two processes: a forked copy takes them from the back while this one
    makes ``first`` (the pages that spell names), then takes them from the front until the
    two meet. Rendering is most of a build, and one Python process uses one core (figures:
    benchmarks/results.md). The copy forks before the pages that spell names load what they
    need and only this process uses (pypinyin and OpenCC are loaded earlier, by the glossary's
    validation, and the copy shares them untouched).

    The copy shares the corpus, but CPython writes a reference count into every object it
    touches, and a memory page written by either process is then held twice (the benchmark
    counts the copy's own memory in the generator's peak). Downloads and feeds read every
    record: this process makes them, unless the copy reaches them first. Measured at 10,000
    events (5b09ce8, downloads and feeds then shared, sections not yet) against making them
    once the copy had ended: the copy's own memory 70 → 74–81 MB, this process's peak 316 MB
    either way, the build 12.2 → 10.7 s (best of three, output on tmpfs).

    The copy reports through a pipe what it wrote. If it cannot write a file, this raises
    that OSError (located as E402: the manifest stays incomplete, the next run repairs); if
    it fails otherwise or dies, this process makes every page it did not make itself.
    False when no copy could be forked: the caller writes everything.
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
        run_copy(pages, out, meeting, read_end, write_end, lambda: os.getppid() == parent)
    os.close(write_end)
    copy = Copy(pid)
    mine: list[int] = []

    def taken() -> Iterator[Page]:
        for index in meeting.take(from_back=False, other_alive=copy.alive):
            mine.append(index)
            yield pages[index]

    try:
        write_pages(first, out, result)
        write_pages(taken(), out, result)
    except BaseException:
        meeting.stop()
        raise
    finally:
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            text = pipe.read()
        status = copy.wait()
    try:
        report = json.loads(text)
    except ValueError:
        report = {"error": f"the forked copy ended without a report (wait status {status})"}
    if "error" in report and report.get("errno") is not None:
        raise OSError(report["errno"], report["strerror"], report["filename"] or None)
    if "error" in report:  # a bug or a kill: make the rest here, as one process would have
        done = set(mine)
        write_pages([page for n, page in enumerate(pages) if n not in done], out, result)
        return True
    result.written += report["written"]
    result.unchanged += report["unchanged"]
    result.making += report["making"]
    result.forked, result.copy_private_mb = True, report["mb"]
    return True


def run_copy(pages: list[Page], out: Path, meeting: Meeting, read_end: int, write_end: int,
             parent_alive: Callable[[], bool]) -> NoReturn:
    """The forked copy: take pages from the back, report, and end without returning into the
    parent's code (its locks, buffers and callers belong to the parent)."""
    status = 1
    try:
        os.close(read_end)
        own = WriteResult()
        try:
            write_pages((pages[n] for n in meeting.take(from_back=True, other_alive=parent_alive)), out, own)
            report = {"written": own.written, "unchanged": own.unchanged, "making": own.making, "mb": private_mb()}
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


def prune_empty_dirs(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
