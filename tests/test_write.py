"""Write phase: only changed bytes, stale files pruned by manifest only, nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI, build_fixture


def test_second_build_rewrites_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_fixture(MINI, out).written
    second = build_fixture(MINI, out).written
    assert first.written and not second.written and second.unchanged == len(first.written)


def test_stale_generated_files_are_removed_but_others_kept(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(MINI, data)
    build_fixture(data, out)
    (out / "about.md").write_text("hand-written", "utf-8")
    (out / "events" / "notes.txt").write_text("mine", "utf-8")
    text = (data / "events.yaml").read_text("utf-8")
    cut = text.index("- id: 2018-03-03-hostile-text-test")
    (data / "events.yaml").write_text(text[:cut], "utf-8")
    result = build_fixture(data, out)
    assert result.written.removed == ["events/2018-03-03-hostile-text-test.md", "zh/events/2018-03-03-hostile-text-test.md"]
    assert (out / "about.md").read_text("utf-8") == "hand-written"
    assert (out / "events" / "notes.txt").exists()


def test_refuses_to_overwrite_files_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "wrong-folder"
    (out / "timeline").mkdir(parents=True)
    (out / "timeline" / "index.md").write_text("someone's page", "utf-8")
    result = build_fixture(MINI, out)
    assert [d.code for d in result.errors] == ["E401"]
    assert (out / "timeline" / "index.md").read_text("utf-8") == "someone's page"
    assert sorted(p.name for p in out.rglob("*")) == ["index.md", "timeline"]


def test_strict_build_with_warnings_writes_nothing(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(MINI, data)
    text = (data / "platforms.yaml").read_text("utf-8")
    (data / "platforms.yaml").write_text(text.replace("owner: Tencent", "owner: yes"), "utf-8")
    result = build_fixture(data, out, strict=True)
    assert [d.code for d in result.diagnostics] == ["W201"] and not out.exists()


def test_a_page_that_cannot_be_written_is_named_and_leaves_the_build_incomplete(tmp_path: Path) -> None:
    import json

    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(MINI, data)
    first = build_fixture(data, out)
    blocked = next(p.path for p in first.pages if p.path.startswith("events/"))
    (out / blocked).unlink()
    (out / blocked).mkdir()  # renaming the new file over a folder fails
    (out / blocked / "keep").write_text("x", "utf-8")
    result = build_fixture(data, out)
    # Named by the page, not by the temporary file beside it that failed to replace it.
    assert [(d.code, Path(d.span.file).name) for d in result.errors] == [("E402", Path(blocked).name)]
    assert json.loads((out / ".generator-manifest.json").read_text("utf-8"))["complete"] is False
    assert not list(out.rglob("*.tmp"))


def build_in_fresh_process(data: Path, out: Path, fork: bool, copy_takes_all: bool = False,
                           copy_dies: bool = False, copy: str = "") -> dict:
    """A build in a new interpreter with one thread (earlier tests leave threads in this one,
    and a process with other threads never forks), its record pages shared from the first.
    ``copy_takes_all``: the first process takes no record page, so the copy makes them all;
    ``copy_dies``: the copy ends at once without a report, as if killed; ``copy``: what the
    copy does instead of its work: "dies after two pages" (killed mid-way), "fails" (a bug
    after taking one page), or "cannot fork" (os.fork raises)."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import generator.making\n"
        "generator.making.SHARE_FROM = 1\n"
        "take = generator.making.Meeting.take\n"
        "def only_the_copy(self, from_back, other_alive):\n"
        "    return take(self, from_back, other_alive) if from_back else iter(())\n"
        f"if {copy_takes_all}: generator.making.Meeting.take = only_the_copy\n"
        "import os\n"
        f"if {copy_dies}: generator.making.run_copy = lambda *args: os._exit(9)\n"
        "import itertools\n"
        "first, put_pages = os.getpid(), generator.making.put_pages\n"
        "def copy_pages(pages, sink, made):\n"
        "    if os.getpid() == first:\n"
        "        return put_pages(pages, sink, made)\n"
        f"    if {copy!r} == 'dies after two pages':\n"
        "        put_pages(itertools.islice(pages, 2), sink, made)\n"
        "        os._exit(9)\n"
        "    next(iter(pages))\n"
        "    raise RuntimeError('a bug in the copy')\n"
        f"if {copy!r} in ('dies after two pages', 'fails'): generator.making.put_pages = copy_pages\n"
        "def no_fork():\n"
        "    raise OSError(12, 'Cannot allocate memory')\n"
        f"if {copy!r} == 'cannot fork': os.fork = no_fork\n"
        "from generator import BuildOptions, build\n"
        f"r = build(BuildOptions(data_dir=Path({str(data)!r}), out_dir=Path({str(out)!r}), fork={fork}))\n"
        "w = r.written\n"
        "print(json.dumps({'errors': [[d.code, d.span.file] for d in r.errors], 'pages': len(r.pages),\n"
        "  'forked': r.made.forked, 'written': w.written if w else None,\n"
        "  'unchanged': w.unchanged if w else None}))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".generator.lock"}


def test_two_processes_write_exactly_what_one_does(tmp_path: Path) -> None:
    one = build_in_fresh_process(MINI, tmp_path / "one", fork=False)
    two = build_in_fresh_process(MINI, tmp_path / "two", fork=True)
    assert (one["forked"], two["forked"]) == (False, True)
    assert two["written"] == one["written"]  # every page once, in page order
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    again = build_in_fresh_process(MINI, tmp_path / "two", fork=True)
    assert not again["written"] and again["unchanged"] == one["pages"]


def test_a_failure_in_the_forked_copy_is_named_and_leaves_the_build_incomplete(tmp_path: Path) -> None:
    import json

    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(MINI, data)
    first = build_fixture(data, out, fork=False)
    theirs = [p.path for p in first.pages if p.narrow][-1]  # an event page: the copy's to make
    (out / theirs).unlink()
    (out / theirs).mkdir()  # renaming the new file over a folder fails
    (out / theirs / "keep").write_text("x", "utf-8")
    result = build_in_fresh_process(data, out, fork=True, copy_takes_all=True)
    assert [(code, Path(file).name) for code, file in result["errors"]] == [("E402", Path(theirs).name)]
    assert json.loads((out / ".generator-manifest.json").read_text("utf-8"))["complete"] is False


def test_a_process_with_other_threads_does_not_fork(tmp_path: Path, monkeypatch) -> None:
    import threading

    import generator.making

    monkeypatch.setattr(generator.making, "SHARE_FROM", 1)
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as `mkdocs serve`'s server thread
    server.start()
    try:
        assert build_fixture(MINI, tmp_path / "out", fork=True).made.forked is False
    finally:
        stop.set()
        server.join()


@pytest.mark.parametrize("copy", ["dies after two pages", "fails", "cannot fork"])
def test_whatever_becomes_of_the_copy_every_page_is_written(tmp_path: Path, copy: str) -> None:
    one = build_in_fresh_process(MINI, tmp_path / "one", fork=False)
    other = build_in_fresh_process(MINI, tmp_path / "other", fork=True, copy=copy)
    assert not other["errors"] and tree(tmp_path / "other") == tree(tmp_path / "one")
    # Pages the copy wrote before it failed are made again here and found unchanged.
    assert len(other["written"]) + other["unchanged"] == one["pages"]
    if copy == "cannot fork":
        assert other["written"] == one["written"] and other["forked"] is False


def test_a_copy_that_dies_leaves_its_pages_to_the_first_process(tmp_path: Path) -> None:
    one = build_in_fresh_process(MINI, tmp_path / "one", fork=False)
    dead = build_in_fresh_process(MINI, tmp_path / "dead", fork=True, copy_dies=True)
    assert not dead["errors"] and dead["written"] == one["written"]
    assert tree(tmp_path / "dead") == tree(tmp_path / "one")
