"""A real `mkdocs serve`: a saved edit reaches the page, a broken record keeps the last good
site served (with the located message in the log), and fixing it publishes again. The
rebuilds reuse unchanged records (generator/reuse.py). One saved edit makes one build; the
generator's own writes into content/ start none."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINI, copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(check: Callable[[], bool], seconds: float = 90) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def serve(project: Path, port: int, log: Path, history: Path) -> subprocess.Popen:
    """`mkdocs serve` of a project copy on ``port``, its output (stdout and stderr) in ``log``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GENERATOR_HISTORY_DIR=str(history),
               SITE_URL=f"http://127.0.0.1:{port}/")  # served at the root, as `make serve` does
    with open(log, "w", encoding="utf-8") as out:
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)


def served_fixture(tmp_path: Path) -> tuple[Path, int, Path, subprocess.Popen]:
    """A copy of the project with the fixture data, served: (project, port, log, server)."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", MINI)
    port = free_port()
    log = tmp_path / "serve.log"
    return project, port, log, serve(project, port, log, tmp_path)


def test_serve_publishes_edits_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    project, port, log, server = served_fixture(tmp_path)
    page = f"http://127.0.0.1:{port}/events/2017-09-04-ico-ban/"
    events = project / "data" / "events.yaml"
    try:
        assert wait_until(lambda: "six other regulators" in fetch(page)), log.read_text("utf-8")
        # The live-reload script mkdocs serve injects is unhashed: a policy would block it.
        assert "livereload" in fetch(page) and "Content-Security-Policy" not in fetch(page)
        text = events.read_text("utf-8")
        events.write_text(text.replace("six other regulators", "six other regulators (served edit)"), "utf-8")
        assert wait_until(lambda: "served edit" in fetch(page)), log.read_text("utf-8")

        events.write_text(text.replace("  title: Seven", "  titel: Seven"), "utf-8")
        assert wait_until(lambda: "E202" in log.read_text("utf-8")), log.read_text("utf-8")
        assert "events.yaml:5:3" in log.read_text("utf-8")
        assert "served edit" in fetch(page), "the last good site is still served"

        events.write_text(text, "utf-8")
        assert wait_until(lambda: "served edit" not in fetch(page) and "six other regulators" in fetch(page))
    finally:
        server.terminate()
        server.wait(30)


def builds(log: Path) -> list[str]:
    """The generator's line of each build in the log ("generator: N pages written, M unchanged")."""
    return [line for line in log.read_text("utf-8").splitlines() if "generator: " in line and "pages written" in line]


def test_one_saved_edit_makes_one_build_and_an_idle_server_none(tmp_path: Path) -> None:
    project, port, log, server = served_fixture(tmp_path)
    page = f"http://127.0.0.1:{port}/events/2017-09-04-ico-ban/"
    events = project / "data" / "events.yaml"
    try:
        assert wait_until(lambda: "six other regulators" in fetch(page)), log.read_text("utf-8")
        time.sleep(3)  # the observer has taken its first look at the folders
        first = len(builds(log))
        assert first == 1, log.read_text("utf-8")
        events.write_text(events.read_text("utf-8").replace("six other regulators", "six other regulators (one edit)"),
                          "utf-8")
        time.sleep(20)
        after_edit = builds(log)[first:]
        assert after_edit and len(after_edit) <= 2, log.read_text("utf-8")
        assert all(line.endswith(" 0 pages written") or " 0 pages written," in line for line in after_edit[1:])
        assert "one edit" in fetch(page)
        time.sleep(15)
        assert len(builds(log)) == first + len(after_edit), "an idle server rebuilt:\n" + log.read_text("utf-8")
        assert log.read_text("utf-8").count("Reloading browsers") == 1, log.read_text("utf-8")
        # A hand-written page is still watched; the bookkeeping files never reach the site.
        about = project / "content" / "about.md"
        about.write_text(about.read_text("utf-8") + "\nA hand-written edit.\n", "utf-8")
        assert wait_until(lambda: "hand-written edit" in fetch(f"http://127.0.0.1:{port}/about/"), 30)
        for name in (".generator-manifest.json", ".generator.lock"):
            assert (project / "content" / name).exists()
            assert fetch(f"http://127.0.0.1:{port}/{name}") == ""
        assert "Building prefix dict" not in log.read_text("utf-8"), "jieba's own lines reach the terminal"
    finally:
        server.terminate()
        server.wait(30)


def test_make_serve_takes_port_and_host() -> None:
    root = Path(__file__).resolve().parents[1]
    dry = subprocess.run(["make", "-n", "serve", "PORT=8123", "HOST=127.0.0.2"], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    assert "--dev-addr 127.0.0.2:8123" in dry and "SITE_URL=http://127.0.0.2:8123/" in dry
