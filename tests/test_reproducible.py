"""Same commit, same bytes: the whole site, sitemap and its .gz included.

The second build runs in another path, another time zone, another hash seed and, through
faketime, a day later; both take SOURCE_DATE_EPOCH from the commit, as the deploy does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, copy_project


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path, env: dict[str, str], prefix: list[str]) -> Path:
    proc = subprocess.run([*prefix, sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / "site"


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    faketime = shutil.which("faketime")
    assert faketime, "Debian's faketime is required: apt-get install faketime"
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.strip()
    (tmp_path / "a").mkdir()
    (tmp_path / "elsewhere" / "deeper" / "b").mkdir(parents=True)
    first = build(copy_project(tmp_path / "a"),
                  {"SOURCE_DATE_EPOCH": epoch, "TZ": "UTC", "PYTHONHASHSEED": "1"}, [])
    second = build(copy_project(tmp_path / "elsewhere" / "deeper" / "b"),
                   {"SOURCE_DATE_EPOCH": epoch, "TZ": "Asia/Shanghai", "PYTHONHASHSEED": "2"}, [faketime, "-f", "+1d"])
    a, b = digest(first), digest(second)
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
