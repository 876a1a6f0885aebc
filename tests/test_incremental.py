"""Editing one record rewrites only the files whose bytes change (what `mkdocs serve` rebuilds)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.conftest import MINI, build_fixture


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".generator")}


def test_an_edit_rewrites_exactly_the_files_that_change(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GENERATOR_HISTORY_DIR", str(tmp_path))  # no git: dates stay put between builds
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(MINI, data)
    first = build_fixture(data, out)
    assert first.written and len(first.written.written) == len(hashes(out))
    before = hashes(out)

    again = build_fixture(data, out)
    assert again.written.written == [] and again.written.unchanged == len(before), "nothing changed, nothing written"

    platforms = data / "platforms.yaml"
    platforms.write_text(platforms.read_text("utf-8").replace("summary: ", "summary: Edited. ", 1), "utf-8")
    edited = build_fixture(data, out)
    after = hashes(out)
    changed = sorted(path for path in after if before.get(path) != after[path])
    assert sorted(edited.written.written) == changed
    # The platform's own page and the downloads of its kind; no event page, no other record page.
    assert "platforms/wechat.md" in changed and "data/platforms.json" in changed and "data/platforms.csv" in changed
    assert not [p for p in changed if p.startswith(("events/", "exchanges/", "authorities/", "glossary/"))]
    assert len(changed) < len(after) // 4
