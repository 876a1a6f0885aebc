"""Last-changed dates come from the git history of a record's own lines, never from the clock."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

from generator.history import NEW
from generator.records import KINDS
from tests.conftest import MINI, build_fixture


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def changed(result, kind: str, record_id: str) -> str | None:
    return result.changed[(kind, record_id)].date


def committed_copy(tmp_path: Path, leave_out: str = "") -> Path:
    """The fixture data, committed in a fresh repository (less ``leave_out``, left untracked)."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    if leave_out:
        git(repo, "rm", "-q", "--cached", f"data/{leave_out}")
    git(repo, "commit", "-q", "-m", "first", when="2020-01-02T12:00:00+00:00")
    return repo / "data"


def footer(out: Path, page: str) -> tuple[str, str]:
    """A record page's "last changed: …" (footer) and its plain-text citation line."""
    text = (out / page).read_text("utf-8")
    last = text.split("last changed: ", 1)[1].split(" · ", 1)[0]
    cite = text.split("## Cite this", 1)[1].splitlines()[2]
    return last, cite


def downloaded(out: Path, plural: str, record_id: str) -> tuple[str | None, str]:
    """A record's `last_changed` in the JSON and the CSV download."""
    rows = json.loads((out / "data" / f"{plural}.json").read_text("utf-8"))
    table = list(csv.DictReader((out / "data" / f"{plural}.csv").read_text("utf-8-sig").splitlines()))
    return (next(r["last_changed"] for r in rows if r["id"] == record_id),
            next(r["last_changed"] for r in table if r["id"] == record_id))


def test_dates_follow_the_commits_that_touched_each_record(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    data = committed_copy(tmp_path)
    repo = data.parent

    wechat = data / "platforms.yaml"
    wechat.write_text(wechat.read_text("utf-8").replace("summary:", "summary: Edited.", 1), "utf-8")
    git(repo, "commit", "-q", "-am", "edit wechat", when="2021-06-07T23:30:00+00:00")

    result = build_fixture(data, tmp_path / "out")
    assert changed(result, "platform", "wechat") == "2021-06-07"
    assert changed(result, "exchange", "huobi") == "2020-01-02"
    assert changed(result, "event", "2017-09-04-ico-ban") == "2024-05-01", "an `updated` field wins over git"

    # An edit not yet committed does not date the record by the clock.
    huobi = data / "exchanges.yaml"
    huobi.write_text(huobi.read_text("utf-8").replace("name: Huobi", "name: Huobi Global", 1), "utf-8")
    result = build_fixture(data, tmp_path / "out2")
    assert changed(result, "exchange", "huobi") == "2020-01-02"
    last, cite = footer(tmp_path / "out2", "exchanges/huobi.md")
    assert last == "2020-01-02, with uncommitted changes"
    assert ", last changed 2020-01-02, with uncommitted changes. <" in cite
    assert footer(tmp_path / "out2", "platforms/wechat.md")[0] == "2021-06-07", "other records are clean"


def test_a_deleted_line_is_an_uncommitted_change_and_a_deleted_record_is_not_its_neighbours(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    data = committed_copy(tmp_path)

    platforms = data / "platforms.yaml"
    platforms.write_text(platforms.read_text("utf-8").replace("  owner: Tencent\n", "", 1), "utf-8")
    events = data / "events.yaml"
    text = events.read_text("utf-8")
    events.write_text(text[: text.index("- id: 2018-03-03-hostile-text-test")], "utf-8")  # the last record, whole
    result = build_fixture(data, tmp_path / "out")
    assert not result.errors, result.errors
    assert footer(tmp_path / "out", "platforms/wechat.md")[0] == "2020-01-02, with uncommitted changes"
    neighbour = "events/2018-03-wechat-blocks-okex-huobi-accounts.md"
    assert footer(tmp_path / "out", neighbour)[0] == "2020-01-02", "a neighbour's removal is no edit"
    assert changed(result, "platform", "wechat") == "2020-01-02"


def test_without_history_no_date_is_invented(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GENERATOR_HISTORY_DIR", str(tmp_path))  # not a repository
    result = build_fixture(MINI, tmp_path / "out")
    assert changed(result, "exchange", "huobi") is None
    page = (tmp_path / "out" / "exchanges" / "huobi.md").read_text("utf-8")
    assert "last changed: not recorded" in page and "last change not recorded" in page


def test_a_shallow_clone_does_not_date_records_by_its_cut(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    repo = committed_copy(tmp_path).parent
    notes = repo / "NOTES"
    notes.write_text("later", "utf-8")
    git(repo, "add", "NOTES")
    git(repo, "commit", "-q", "-m", "later", when="2025-05-05T12:00:00+00:00")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    result = build_fixture(shallow / "data", tmp_path / "out")
    assert changed(result, "exchange", "huobi") is None, "the cut commit (2025) is not when huobi changed"
    full = build_fixture(repo / "data", tmp_path / "out2")
    assert changed(full, "exchange", "huobi") == "2020-01-02"


def test_a_new_record_in_a_committed_file_is_not_committed_yet(tmp_path: Path, monkeypatch) -> None:
    """Appended below committed records, and copied from one of them (blame -M pins the copied
    lines on the old commit): still no date but "not committed yet". The blank line and comment
    above it are no edit of the record before it."""
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    data = committed_copy(tmp_path)
    exchanges = data / "exchanges.yaml"
    text = exchanges.read_text("utf-8")
    huobi = text[text.index("- id: huobi"):]  # the file's last record
    copy = huobi.replace("- id: huobi", "- id: huobi-copy").replace("name: Huobi", "name: Huobi Copy")
    copy = copy.replace("aliases: [HTX, 火币网, huobicom]", "aliases: [HTX Copy]")
    exchanges.write_text(text.rstrip("\n") + "\n\n# Added later.\n" + copy, "utf-8")

    out = tmp_path / "out"
    result = build_fixture(data, out)
    assert not result.errors, result.errors
    assert changed(result, "exchange", "huobi-copy") is None
    last, cite = footer(out, "exchanges/huobi-copy.md")
    assert last == "not committed yet"
    assert ", not committed yet. <" in cite and "2020" not in cite
    bibtex = (out / "exchanges" / "huobi-copy.md").read_text("utf-8").split("cite-bibtex", 1)[1]
    assert "note = {Not committed yet}" in bibtex and "date = " not in bibtex
    assert downloaded(out, "exchanges", "huobi-copy") == (None, "")
    assert footer(out, "exchanges/huobi.md")[0] == "2020-01-02", "the record it was copied from is unchanged"
    assert downloaded(out, "exchanges", "huobi") == ("2020-01-02", "2020-01-02")


def test_a_record_in_an_untracked_file_is_not_committed_yet(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    data = committed_copy(tmp_path, leave_out="platforms.yaml")
    out = tmp_path / "out"
    result = build_fixture(data, out)
    assert changed(result, "platform", "wechat") is None
    assert footer(out, "platforms/wechat.md")[0] == "not committed yet"
    assert downloaded(out, "platforms", "wechat") == (None, "")
    assert footer(out, "exchanges/huobi.md")[0] == "2020-01-02"

    git(data.parent, "add", "data/platforms.yaml")  # staged is not committed either
    build_fixture(data, out)
    assert footer(out, "platforms/wechat.md")[0] == "not committed yet"


def test_a_repository_without_commits_has_nothing_committed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    out = tmp_path / "out"
    result = build_fixture(repo / "data", out)
    assert changed(result, "exchange", "huobi") is None
    assert footer(out, "exchanges/huobi.md")[0] == "not committed yet"
    # An `updated` field is the contributor's date, not a commit's: it stays, and says the rest.
    assert footer(out, "events/2017-09-04-ico-ban.md")[0] == "2024-05-01, not committed yet"
    assert downloaded(out, "events", "2017-09-04-ico-ban")[0] == "2024-05-01"


def test_what_blame_said_is_remembered_until_the_commit_or_the_file_changes(tmp_path: Path, monkeypatch) -> None:
    """A build with a cache folder asks `git blame` only for files whose bytes, or whose
    repository's commit, changed since the build that remembered them; the dates stay right."""
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    data = committed_copy(tmp_path)
    cache = tmp_path / "cache"
    blamed: list[str] = []
    real_run = subprocess.run

    def watched(args, *rest, **kwargs):
        if "blame" in args:
            blamed.append(args[-1])
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", watched)
    first = build_fixture(data, tmp_path / "out1", cache_dir=cache)
    assert sorted(blamed) == sorted(kind.file for kind in KINDS.values())
    blamed.clear()
    again = build_fixture(data, tmp_path / "out2", cache_dir=cache)
    assert blamed == [] and again.changed == first.changed
    copy = data.parent / "copy"  # the same files elsewhere in the work tree, not committed
    shutil.copytree(data, copy)
    assert build_fixture(copy, tmp_path / "out-copy", cache_dir=cache).changed[("exchange", "huobi")].pending == NEW
    blamed.clear()

    huobi = data / "exchanges.yaml"
    huobi.write_text(huobi.read_text("utf-8").replace("name: Huobi", "name: Huobi Global", 1), "utf-8")
    edited = build_fixture(data, tmp_path / "out3", cache_dir=cache)
    assert blamed == ["exchanges.yaml"]
    assert footer(tmp_path / "out3", "exchanges/huobi.md")[0] == "2020-01-02, with uncommitted changes"

    blamed.clear()
    git(data.parent, "commit", "-q", "-am", "rename huobi", when="2022-03-04T10:00:00+00:00")
    committed = build_fixture(data, tmp_path / "out4", cache_dir=cache)
    assert len(blamed) == len(KINDS), "a new commit may date any file's lines anew"
    assert changed(committed, "exchange", "huobi") == "2022-03-04" and edited.errors == []
