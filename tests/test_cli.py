"""CLI adapter: formats and exit codes as ruff's (0 clean, 1 problems, 2 misuse)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def broken(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    text = (data / "platforms.yaml").read_text("utf-8")
    (data / "platforms.yaml").write_text(text.replace("  owner:", "  onwer:"), "utf-8")
    return data


def test_project_data_is_clean() -> None:
    proc = run("check")
    assert proc.returncode == 0, proc.stderr


def test_text_format_has_location_source_line_caret_and_hint(tmp_path: Path) -> None:
    proc = run("check", "--data", "data", cwd=broken(tmp_path).parent)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0] == "data/platforms.yaml:4:3: error[E202] unknown field 'onwer' in this platform"
    assert lines[2] == "4 |   onwer: Tencent" and lines[3] == "  |   ^^^^^"
    assert "did you mean 'owner'?" in lines[4]
    assert "Traceback" not in proc.stderr


def test_json_format(tmp_path: Path) -> None:
    proc = run("check", "--data", "data", "--format", "json", cwd=broken(tmp_path).parent)
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == [{
        "file": "data/platforms.yaml", "line": 4, "column": 3, "end_line": 4, "end_column": 8, "severity": "error",
        "code": "E202", "message": "unknown field 'onwer' in this platform", "hint": "did you mean 'owner'?"}]


def test_github_format(tmp_path: Path) -> None:
    proc = run("check", "--data", "data", "--format", "github", cwd=broken(tmp_path).parent)
    assert proc.stdout.startswith("::error file=data/platforms.yaml,line=4,col=3,endLine=4,endColumn=8,title=E202::")


def test_misuse_exits_2(tmp_path: Path) -> None:
    assert run("check", "--data", str(tmp_path / "missing")).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("check", "--format", "xml").returncode == 2


def test_build_writes_and_a_failed_build_keeps_the_last_good_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--data", str(MINI), "--out", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    proc = run("build", "--data", str(broken(tmp_path)), "--out", str(out))
    assert proc.returncode == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_bad_environment_value_is_misuse_without_a_traceback(tmp_path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, GENERATOR_MAX_FILE_BYTES="10MB")
    proc = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=ROOT, env=env, capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: GENERATOR_MAX_FILE_BYTES must be a whole number of bytes, such as 60000000, " \
                                  "not '10MB'"


def test_check_reports_the_chinese_coverage_per_kind_and_strict_does_not_fail_on_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    events = (data / "events.yaml").read_text("utf-8")
    first = events.index("  summary:")
    (data / "events.yaml").write_text(events[:first] + "  summary_zh: 微信关闭了交易所的公众号。\n" + events[first:], "utf-8")
    proc = run("check", "--strict", "--data", str(data))
    assert proc.returncode == 0, proc.stderr
    total = events.count("\n  summary:")
    lines = proc.stderr.splitlines()
    assert lines[1] == "Chinese text (shown in English on the zh edition where missing):"
    events_line = next(line for line in lines if line.startswith("  events: "))
    assert f"summary_zh 1/{total} ({100 / total:.0f} %)" in events_line
