"""Builds that never lose the last good output: crashes, SIGKILL, failures and two at once."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import MINI, ROOT, build_fixture


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".generator.lock"}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def changed_data(tmp_path: Path) -> Path:
    """The fixture with one event dropped and one renamed: a rebuild writes, renames and prunes."""
    data = tmp_path / "data-2"
    shutil.copytree(MINI, data)
    text = (data / "events.yaml").read_text("utf-8")
    text = text[: text.index("- id: 2018-03-03-hostile-text-test")]
    (data / "events.yaml").write_text(text.replace("Seven regulators ban", "Regulators ban"), "utf-8")
    return data


def clean_build(data: Path, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "clean"
    build_fixture(data, out)
    return tree(out)


def test_a_crash_at_any_write_is_completed_by_the_next_run(tmp_path: Path) -> None:
    new = changed_data(tmp_path)
    expected = clean_build(new, tmp_path)
    probe = tmp_path / "probe"
    build_fixture(MINI, probe)
    count = len(build_fixture(new, probe).written.written)  # pages the rebuild rewrites
    assert count >= 3
    for n in sorted({1, count // 2, count}):
        out = tmp_path / f"out-{n}"
        build_fixture(MINI, out)
        proc = subprocess.Popen([sys.executable, "-m", "tests.crash_build", str(n), "build", "--data", str(new),
                                 "--out", str(out)], cwd=ROOT)
        assert proc.wait(60) == 75
        assert json.loads((out / ".generator-manifest.json").read_text("utf-8"))["complete"] is False
        assert cli("build", "--data", str(new), "--out", str(out)).wait(60) == 0
        assert tree(out) == expected, f"crash after {n} writes was not completed"
        assert not list(out.rglob("*.tmp"))


def test_a_real_sigkill_is_completed_by_the_next_run(tmp_path: Path) -> None:
    new = changed_data(tmp_path)
    expected = clean_build(new, tmp_path)
    out = tmp_path / "out"
    build_fixture(MINI, out)
    # Slow the build down just enough to be caught mid-write: stop after 2 writes for good,
    # then kill it from outside with SIGKILL while it hangs.
    proc = subprocess.Popen([sys.executable, "-c", (
        "import os, sys, time; import generator.write as w; real = w.atomic_write\n"
        "def slow(*a):\n    real(*a); time.sleep(0.5)\n"
        "w.atomic_write = slow\nfrom generator.__main__ import main\n"
        f"sys.exit(main(['build', '--data', {str(new)!r}, '--out', {str(out)!r}]))")], cwd=ROOT)
    manifest = out / ".generator-manifest.json"
    deadline = time.time() + 30
    while time.time() < deadline and json.loads(manifest.read_text("utf-8")).get("complete"):
        time.sleep(0.05)
    time.sleep(0.6)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL
    assert json.loads(manifest.read_text("utf-8"))["complete"] is False
    assert cli("build", "--data", str(new), "--out", str(out)).wait(60) == 0
    assert tree(out) == expected


def test_a_failed_build_changes_nothing(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(MINI, data)
    build_fixture(data, out)
    text = (data / "platforms.yaml").read_text("utf-8")
    (data / "platforms.yaml").write_text(text.replace("  owner:", "  onwer:"), "utf-8")
    before_out, before_data = tree(out), tree(data)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    assert cli("build", "--data", str(data), "--out", str(out)).wait(60) == 1
    assert tree(out) == before_out and tree(data) == before_data
    assert subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout == status


def test_two_builds_at_once_do_not_corrupt_each_other(tmp_path: Path) -> None:
    new = changed_data(tmp_path)
    out = tmp_path / "out"
    results = []

    def run(data: Path) -> None:
        results.append(build_fixture(data, out))

    threads = [threading.Thread(target=run, args=(d,)) for d in (MINI, new, MINI, new)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(not r.errors for r in results)
    final = tree(out)
    assert final in (clean_build(MINI, tmp_path / "m"), clean_build(new, tmp_path / "n"))
    assert not list(out.rglob("*.tmp"))
