"""The MkDocs adapter: a plain `mkdocs build` runs the generator; data errors and warnings reach MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import MINI, copy_project, mkdocs_build


def project_with(tmp_path: Path, old: str, new: str, file: str = "platforms.yaml") -> Path:
    data = tmp_path / "data-src"
    shutil.copytree(MINI, data)
    text = (data / file).read_text("utf-8")
    assert old in text
    (data / file).write_text(text.replace(old, new), "utf-8")
    (tmp_path / "p").mkdir()
    return copy_project(tmp_path / "p", data=data)


def test_data_error_stops_mkdocs_build_with_located_messages(tmp_path: Path) -> None:
    project = project_with(tmp_path, "  owner:", "  onwer:")
    proc = mkdocs_build(project)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr  # MkDocs prints an Abort message on stdout
    assert "data/platforms.yaml:4:3: error[E202] unknown field 'onwer'" in output
    assert "did you mean 'owner'?" in output
    assert not (project / "site").exists() and not (project / "content" / "timeline").exists()


def test_generator_warnings_fail_a_strict_build_only(tmp_path: Path) -> None:
    project = project_with(tmp_path, "owner: Tencent", "owner: no")
    strict = mkdocs_build(project, "--strict")
    assert strict.returncode != 0 and "warning[W201]" in strict.stdout + strict.stderr
    assert not (project / "content" / "timeline").exists(), "under --strict a warning writes nothing"
    plain = mkdocs_build(project)
    assert plain.returncode == 0
    # jieba's own start-up lines ("Building prefix dict …") go to MkDocs' debug log, not the terminal.
    assert "Building prefix dict" not in plain.stdout + plain.stderr


def test_one_mkdocs_build_makes_both_editions_and_runs_the_generator_once(tmp_path: Path) -> None:
    project = project_with(tmp_path, "owner: Tencent", "owner: Tencent")
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    log = proc.stdout + proc.stderr
    assert log.count("generator: ") == 1, "the Chinese edition's build reuses the pages the first run wrote"
    assert log.count("Building documentation to directory") == 2
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "zh" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file() and (site / "zh" / "search" / "search_index.json").is_file()
    assert not (site / "zh" / "zh").exists()
