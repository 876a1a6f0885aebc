"""Write phase: only bytes that changed, each file atomically, stale files pruned by manifest.

The generator owns a fixed set of paths under the output folder (architecture decision 1).
It deletes a file only when the previous build's manifest lists it, and refuses to
overwrite a file it did not write, so `--out` pointed at the wrong folder cannot destroy
anyone's work. The manifest is marked incomplete before the first write and complete
after the last, so an interrupted build is visible to the next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    making: float = 0.0  # seconds spent making lazy pages' text: render's share of the writing
    writing: float = 0.0  # seconds spent comparing and writing


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
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
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


def write(pages: list[Page], out: Path, diags: Diagnostics) -> WriteResult | None:
    """Check, then write, under the folder's lock; None when the check found a file not ours.

    The manifest is marked incomplete first and complete last; the incomplete one lists the
    previous build's files and this one's, so if the process dies half way the next run knows
    every file it may own, rewrites what differs and prunes the rest.
    """
    with exclusive(out):
        check_writable(pages, out, diags)
        if diags.errors:
            return None
        return write_locked(pages, out)


def write_locked(pages: list[Page], out: Path) -> WriteResult:
    result = WriteResult()
    crash_after = int(os.environ.get(CRASH_AFTER, "0") or 0)
    previous = read_manifest(out)
    current = {p.path for p in pages}
    out.mkdir(parents=True, exist_ok=True)
    write_manifest(out, previous | current, complete=False)
    write_pages(pages, out, result, crash_after)
    for stale in sorted(previous - current):
        (out / stale).unlink(missing_ok=True)
        result.removed.append(stale)
        prune_empty_dirs((out / stale).parent, out)
    write_manifest(out, current, complete=True)
    return result


def write_pages(pages: list[Page], out: Path, result: WriteResult, crash_after: int = 0) -> None:
    """Make each page, compare it with the file on disk, write it only if its bytes differ."""
    folders: set[Path] = set()
    start, making = time.perf_counter(), 0.0
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
    result.writing += time.perf_counter() - start - making


def prune_empty_dirs(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
