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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds there are not serialised
    fcntl = None

from .diagnostics import Diagnostics, Span
from .editions import EDITIONS
from .records import KINDS

MANIFEST = ".generator-manifest.json"
LOCK = ".generator.lock"
OWNED_FILES = ("index.md", "contributing.md")
# Each kind's folder of record pages (the field table), and the timeline, the downloads and the feeds.
OWNED_FOLDERS = (*(kind.folder for kind in KINDS.values()), "timeline", "data", "feeds")


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)  # in path order
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def owned(path: str) -> bool:
    """Whether the generator owns ``path`` (relative to the output folder, with slashes): it
    may write and delete it there, and nobody else writes there. Each edition's tree has the
    same owned files and folders (the Chinese one under zh/: its about and methodology pages
    are hand-written, as the English ones)."""
    for edition in EDITIONS:
        if edition.root and path.startswith(edition.root):
            path = path.removeprefix(edition.root)
            break
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


def check_writable(paths: list[str], out: Path, diags: Diagnostics) -> None:
    """Before anything is written: refuse to overwrite files the generator does not own."""
    previous = read_manifest(out)
    for path in paths:
        target = out / path
        if not owned(path):
            raise ValueError(f"render produced a path outside the generator's folders: {path}")
        if target.exists() and path not in previous:
            diags.add("E401", Span(str(target), 1, 1, 1, 1), f"'{target}' exists and was not written by the generator",
                      "move it away, or build into another folder with --out")


class Sink:
    """Files in, as (path, bytes): each is written atomically, and only when its bytes differ
    from the file on disk. One per process: a forked copy that writes too has its own."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.result = WriteResult()
        self.folders: set[Path] = set()  # made in this build: each is created once, not stat'ed per file

    def put(self, path: str, data: bytes) -> None:
        target = self.out / path
        try:
            if target.read_bytes() == data:
                self.result.unchanged += 1
                return
        except OSError:
            pass
        atomic_write(target, data, self.folders)
        self.result.written.append(path)


def write(paths: list[str], out: Path, diags: Diagnostics, fill: Callable[[Sink], None]) -> WriteResult | None:
    """Under the folder's lock, the files at ``paths`` and no others: ``fill`` puts each into
    the sink; files of the last build that are not among them are deleted. None (nothing
    written) when a check found a file at one of the paths that the generator did not write.

    The manifest is marked incomplete first and complete last; the incomplete one lists the
    previous build's files and this one's, so if the process dies half way the next run knows
    every file it may own, rewrites what differs and prunes the rest. An OSError of ``fill``
    or of a write propagates, the manifest left incomplete.
    """
    with exclusive(out):
        check_writable(paths, out, diags)
        if diags.errors:
            return None
        previous = read_manifest(out)
        current = set(paths)
        write_manifest(out, previous | current, complete=False)
        sink = Sink(out)
        fill(sink)
        result = sink.result
        result.written.sort()
        for stale in sorted(previous - current):
            (out / stale).unlink(missing_ok=True)
            result.removed.append(stale)
            prune_empty_dirs((out / stale).parent, out)
        write_manifest(out, current, complete=True)
        return result


def prune_empty_dirs(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
