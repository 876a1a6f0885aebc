"""A real `mkdocs serve`: a saved edit reaches the page, a broken record keeps the last good
site served (with the located message in the log), and fixing it publishes again. The
rebuilds reuse unchanged records (generator/reuse.py)."""

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


def test_serve_publishes_edits_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", MINI)
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GENERATOR_HISTORY_DIR=str(tmp_path),
               SITE_URL=f"http://127.0.0.1:{port}/")  # served at the root, as `make serve` does
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
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
