"""Shared test helpers: the fixture dataset, building it, and a built copy of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import BuildOptions, BuildResult, build

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
CASES = ROOT / "tests" / "cases"
PINNED_TODAY = "1764028800"  # 2025-11-25: cases pin "today" so future-date warnings do not move with the calendar


def located(result: BuildResult, data: Path) -> list[str]:
    """Diagnostics as `file:line:col CODE`, file relative to the data folder."""
    out = []
    for d in result.diagnostics:
        rel = Path(os.path.abspath(d.span.file)).relative_to(data.resolve()).as_posix() if d.span else "-"
        out.append(f"{rel}:{d.span.line}:{d.span.column} {d.code}" if d.span else f"- {d.code}")
    return sorted(out)


def overlay(case: Path, data: Path) -> None:
    """A case folder holds only the files it changes; the rest come from the fixture dataset."""
    shutil.copytree(MINI, data)
    for f in case.iterdir():
        if f.suffix == ".yaml":
            shutil.copyfile(f, data / f.name)
    missing = case / "MISSING"
    if missing.exists():
        for name in missing.read_text().split():
            (data / name).unlink()


def build_fixture(data: Path, out: Path, **kwargs) -> BuildResult:
    return build(BuildOptions(data_dir=data, out_dir=out, **kwargs))


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project (config, hand-written pages, generator, data) to build in.

    With other ``data`` (a fixture), the hand-written pages are stubs: the real ones link real records."""
    for name in ("mkdocs.yml", "generator", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, dest / name)
    (dest / "content").mkdir()
    for page in ("about.md", "methodology.md"):
        if data is None:
            shutil.copyfile(ROOT / "content" / page, dest / "content" / page)
        else:
            (dest / "content" / page).write_text(f"# {page[:-3].title()}\n\nStub for a fixture build.\n", "utf-8")
    for extra in (ROOT / "content").iterdir():
        if extra.is_dir() and extra.name in ("assets", "stylesheets", "javascripts"):
            shutil.copytree(extra, dest / "content" / extra.name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real data built by a real `mkdocs build --strict` in a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"
