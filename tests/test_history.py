"""Last-changed dates come from the git history of a record's own lines, never from the clock."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import MINI, build_fixture


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def changed(result, kind: str, record_id: str) -> str | None:
    return result.changed[(kind, record_id)]


def test_dates_follow_the_commits_that_touched_each_record(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(MINI, data)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", when="2020-01-02T12:00:00+00:00")

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
    page = (tmp_path / "out2" / "exchanges" / "huobi.md").read_text("utf-8")
    assert "last changed: 2020-01-02" in page and "last changed 2020-01-02" in page


def test_without_history_no_date_is_invented(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GENERATOR_HISTORY_DIR", str(tmp_path))  # not a repository
    result = build_fixture(MINI, tmp_path / "out")
    assert changed(result, "exchange", "huobi") is None
    page = (tmp_path / "out" / "exchanges" / "huobi.md").read_text("utf-8")
    assert "last changed: not recorded" in page and "last change not recorded" in page


def test_a_shallow_clone_does_not_date_records_by_its_cut(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GENERATOR_HISTORY_DIR", raising=False)
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", when="2020-01-02T12:00:00+00:00")
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
