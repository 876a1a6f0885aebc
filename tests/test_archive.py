"""`python -m generator archive` against a local fake Wayback Machine (http.server in a
thread): copies found, none, a slow answer (timeout), a 5xx then an answer (retry), malformed
JSON, Save Page Now; the data file gains added lines only, a second run asks nothing about
archived sources, an interrupted run goes on where it stopped, and a file that would no
longer validate is left as it was."""

from __future__ import annotations

import difflib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.archive import ArchiveOptions, archive
from generator.archive_write import add_copies, yaml_value
from generator.diagnostics import Diagnostics
from generator.records import KINDS
from generator.wayback import Client
from tests.conftest import MINI, ROOT

STAMP = "20180306101010"
FOUND = {"archived_snapshots": {"closest": {"available": True, "status": "200", "timestamp": STAMP,
                                            "url": "http://web.archive.org/web/20180306101010/http://x/"}}}


class FakeWayback:
    """Answers by the last path segment of the URL asked about: found, flaky (503 once,
    then found), slow, garbage, hang (until released); anything else has no copy."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.saved: list[tuple[str, str | None]] = []
        self.save_limited = False  # Save Page Now answers 429 (too many captures)
        self.hanging = threading.Event()
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def answer(self, status: int, body: object | bytes) -> None:
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except BrokenPipeError:
                    pass  # the client gave up waiting (the slow answer)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path.startswith("/save/status/"):
                    return self.answer(200, {"status": "success", "timestamp": STAMP})
                url = parse_qs(parts.query)["url"][0]
                fake.asked.append(url)
                what = url.rstrip("/").rsplit("/", 1)[-1]
                if what == "slow":
                    time.sleep(1.0)
                elif what == "hang":
                    fake.hanging.set()
                    fake.release.wait(20)
                if what == "flaky" and fake.asked.count(url) == 1:
                    return self.answer(503, {"error": "busy"})
                if what == "garbage":
                    return self.answer(200, b"<html>not json")
                self.answer(200, FOUND if what in ("found", "flaky", "hang") else {"archived_snapshots": {}})

            def do_POST(self) -> None:
                body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                fake.saved.append((body["url"][0], self.headers.get("Authorization")))
                if fake.save_limited:
                    return self.answer(429, {"message": "You have already reached the limit of active sessions"})
                self.answer(200, {"url": body["url"][0], "job_id": f"spn2-{len(fake.saved)}"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def fake() -> Iterator[FakeWayback]:
    server = FakeWayback()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.server.shutdown()
    server.server.server_close()


def fixture_urls() -> int:
    """The distinct source addresses of the fixture dataset outside platforms.yaml (which these tests replace)."""
    urls: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                urls.add(item) if key == "url" else walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in MINI.glob("*.yaml"):
        if path.name != "platforms.yaml":
            walk(yaml.safe_load(path.read_text("utf-8")))
    return len(urls)


FIXTURE_URLS = fixture_urls() + 1  # and the page of PAGES_PUBLISHER (below), which dataset() adds

PLATFORMS = """# yaml-language-server: $schema=../schema/platforms.schema.json
- id: wechat
  name: WeChat
  summary: Messaging app.
  sources:
    # the first source
    - url: https://pages.example/found
      title: 'Found: a page'   # quoted, with a comment
      publisher: "P"
      published: 2018-03-06
      language: en
    - url: https://pages.example/none
      title: None
      publisher: P
    - url: https://pages.example/slow
      title: Slow
      publisher: P
    - url: https://pages.example/flaky
      publisher: P
      title: >-
        Flaky, written
        over two lines
      quote: a quote
    - url: https://pages.example/garbage
      title: Garbage
      publisher: P
    - url: https://pages.example/archived
      title: Archived
      publisher: P
      archived: https://archive.ph/AbCdE
"""


PAGES_PUBLISHER = """
- id: pages-example
  name: P
  domains: [pages.example]
  tier: press
  sources:
    - url: https://pages.example/about
      title: About P
      publisher: P
"""


def dataset(tmp_path: Path, platforms: str = PLATFORMS) -> Path:
    """The fixture dataset with these tests' platforms, whose sources' host has its publisher."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "platforms.yaml").write_bytes(platforms.encode())
    with (data / "publishers.yaml").open("a", encoding="utf-8") as publishers:
        publishers.write(PAGES_PUBLISHER)
    return data


def run(data: Path, fake: FakeWayback, save: bool = False, keys: tuple[str, str] | None = None, **kw):
    client = Client(fake.url, timeout=0.4, retries=1, backoff=0.01, keys=keys)
    options = ArchiveOptions(data, save=save, workers=2, save_interval=0.0, state_file=data.parent / "state.json", **kw)
    diags = Diagnostics()
    return archive(options, client, diags, io.StringIO()), diags


def added_only(before: str, after: str) -> list[str]:
    """The lines ``after`` adds; fails if it removed or changed any."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    assert not [d for d in diff if d.startswith("- ")], "".join(diff)
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_found_none_timeout_retry_and_malformed(tmp_path: Path, fake: FakeWayback) -> None:
    data = dataset(tmp_path)
    summary, diags = run(data, fake)
    assert not diags.items
    assert "https://pages.example/archived" not in fake.asked
    assert fake.asked.count("https://pages.example/flaky") == 2  # 503, then asked again
    assert summary.found == 2 and summary.written == 2
    assert summary.failed == {"https://pages.example/slow": "no answer in time, after 2 tries",
                              "https://pages.example/garbage": "the answer is not JSON"}
    assert summary.none == 1 + FIXTURE_URLS  # /none and the fixture's own URLs
    assert any(f.endswith("platforms.yaml:15:12: https://pages.example/slow: no answer in time, after 2 tries")
               for f in summary.failures), summary.failures
    added = added_only(PLATFORMS, (data / "platforms.yaml").read_text("utf-8"))
    assert added == [f"      archived: https://web.archive.org/web/{STAMP}/https://pages.example/found\n",
                     f"      archived: https://web.archive.org/web/{STAMP}/https://pages.example/flaky\n"]
    text = (data / "platforms.yaml").read_text("utf-8").splitlines()
    assert text[text.index("      published: 2018-03-06") + 1].endswith("/found")  # after published, before language
    assert text[text.index("        over two lines") + 1].endswith("/flaky")  # after the folded title, before quote
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--strict", "--data", str(data)],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_a_second_run_asks_nothing_about_archived_sources(tmp_path: Path, fake: FakeWayback) -> None:
    data = dataset(tmp_path)
    run(data, fake)
    fake.asked.clear()
    summary, _ = run(data, fake)
    assert sorted(set(fake.asked)) == ["https://pages.example/garbage", "https://pages.example/slow"]  # failed: again
    assert summary.found == summary.written == 0 and summary.recent == 1 + FIXTURE_URLS  # no copy a moment ago: not asked today


def test_copies_go_into_every_file_and_history(tmp_path: Path, fake: FakeWayback) -> None:
    data = dataset(tmp_path)
    exchanges = (data / "exchanges.yaml").read_text("utf-8").replace("QmeN1gnwCaD7dP77NpHa3vj86ygkqnWhLf7K6Fvqgtw8NE",
                                                                       "found")
    (data / "exchanges.yaml").write_text(exchanges, "utf-8")
    summary, _ = run(data, fake)
    added = added_only(exchanges, (data / "exchanges.yaml").read_text("utf-8"))
    assert [line.index("archived") for line in added] == [10, 6]  # under history, then the record's own
    assert summary.found == 3 and summary.written == 4  # one URL, two sources


def test_an_interrupted_run_goes_on_where_it_stopped(tmp_path: Path, fake: FakeWayback) -> None:
    data = dataset(tmp_path, PLATFORMS.replace("pages.example/none", "pages.example/hang"))
    before = (data / "platforms.yaml").read_text("utf-8")
    cmd = [sys.executable, "-m", "generator", "archive", "--data", str(data), "--api", fake.url, "--workers", "1",
           "--timeout", "30", "--state", str(tmp_path / "state.json")]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True, env={**os.environ, "WAYBACK_API": ""})
    assert fake.hanging.wait(30), "the run never reached the hanging URL"
    time.sleep(0.3)  # the answer about /found (asked first) is in
    proc.send_signal(signal.SIGINT)
    fake.release.set()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Interrupted" in err
    added = added_only(before, (data / "platforms.yaml").read_text("utf-8"))
    assert added == [f"      archived: https://web.archive.org/web/{STAMP}/https://pages.example/found\n"]
    fake.asked.clear()
    rest = subprocess.run(cmd[:-2] + ["--state", str(tmp_path / "state.json"), "--timeout", "0.5", "--retries", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "https://pages.example/found" not in fake.asked and "https://pages.example/hang" in fake.asked
    assert rest.returncode == 1 and "failed" in rest.stderr  # /slow and /garbage


def test_nothing_is_written_on_a_file_that_would_no_longer_validate(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    path = data / "platforms.yaml"
    other = "https://web.archive.org/web/20180306101010/https://pages.example/another-page"  # E218 beside /found
    written = add_copies(path, KINDS["platform"], {"https://pages.example/found": other})
    assert written.added == 0 and "the archived copy is of another page" in (written.refused or "")
    assert path.read_text("utf-8") == PLATFORMS
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]


def test_a_file_with_errors_is_left_alone(tmp_path: Path, fake: FakeWayback) -> None:
    broken = PLATFORMS.replace("  summary: Messaging app.\n", "")
    data = dataset(tmp_path, broken)
    summary, diags = run(data, fake)
    assert [d.code for d in diags.errors] == ["E201"]
    assert not [u for u in fake.asked if "pages.example" in u and not u.endswith("/about")]  # the publisher's own page is asked
    assert (data / "platforms.yaml").read_text("utf-8") == broken


def test_crlf_bom_flow_style_and_a_last_line_without_a_break(tmp_path: Path, fake: FakeWayback) -> None:
    text = ("\ufeff" + PLATFORMS.replace("\n", "\r\n") + "    - {url: https://pages.example/found/, title: F, publisher: P}"
            "\r\n    - url: https://pages.example/found//\r\n      title: Last\r\n      publisher: P")
    data = dataset(tmp_path, text)
    summary, _ = run(data, fake)
    after = (data / "platforms.yaml").read_bytes().decode("utf-8")
    assert after.startswith("\ufeff# yaml") and "\n" not in after.replace("\r\n", "")
    # the last line gains the line break it lacked (git shows it changed): every other change is an added line
    assert added_only(text + "\r\n", after)[-1] == f"      archived: https://web.archive.org/web/{STAMP}/https://pages.example/found//"
    assert summary.written == 3  # the flow-style source is left for a hand edit


def test_save_page_now_with_keys_and_a_message_without(tmp_path: Path, fake: FakeWayback) -> None:
    data = dataset(tmp_path)
    summary, _ = run(data, fake, save=True, keys=("access", "secret"))
    assert ("https://pages.example/none", "LOW access:secret") in fake.saved
    assert {auth for _, auth in fake.saved} == {"LOW access:secret"}
    assert summary.saved == len(fake.saved) == 1 + FIXTURE_URLS and summary.found == 2 and summary.none == 0
    assert f"web/{STAMP}/https://pages.example/none" in (data / "platforms.yaml").read_text("utf-8")
    fresh = dataset(tmp_path / "b")
    env = {**os.environ, "WAYBACK_ACCESS_KEY": "", "WAYBACK_API": fake.url}
    cli = subprocess.run([sys.executable, "-m", "generator", "archive", "--save", "--data", str(fresh), "--limit", "1",
                          "--state", str(tmp_path / "s.json")], cwd=ROOT, capture_output=True, text=True, env=env)
    assert "--save skipped: set WAYBACK_ACCESS_KEY" in cli.stderr and len(fake.saved) == 1 + FIXTURE_URLS
    left = 4 + FIXTURE_URLS  # every URL less the one asked
    assert f"Archive: 0 found, 0 saved, 1 not archived, 0 failed; 0 `archived` lines written; {left} left" in cli.stderr
    assert cli.returncode == 0


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_line_on_a_terminal_only(tmp_path: Path, fake: FakeWayback) -> None:
    data = dataset(tmp_path)
    options = ArchiveOptions(data, limit=1, state_file=tmp_path / "s.json")
    client = Client(fake.url, timeout=2, retries=0)
    tty = Terminal()
    archive(options, client, Diagnostics(), tty)
    assert tty.getvalue() == "\r[1/1] 0 found, 0 saved, 1 not archived, 0 failed \n"


def test_it_stops_asking_when_the_archive_is_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.archive

    monkeypatch.setattr(generator.archive, "GIVE_UP_AFTER", 3)
    data = dataset(tmp_path)
    with socket.socket() as closed:  # a port nothing listens on: every question is refused at once
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    options = ArchiveOptions(data, workers=1, state_file=tmp_path / "s.json")
    err = io.StringIO()
    summary = archive(options, Client(f"http://127.0.0.1:{port}", timeout=2, retries=0), Diagnostics(), err)
    assert 3 <= len(summary.failed) <= 4 and summary.left == 5 + FIXTURE_URLS - len(summary.failed)
    assert f"failed {len(summary.failed)} times in a row: stopped asking" in err.getvalue()
    assert (data / "platforms.yaml").read_text("utf-8") == PLATFORMS


def test_save_page_now_stops_at_its_rate_limit(tmp_path: Path, fake: FakeWayback) -> None:
    fake.save_limited = True
    data = dataset(tmp_path)
    err = io.StringIO()
    options = ArchiveOptions(data, save=True, save_interval=0.0, state_file=tmp_path / "s.json")
    client = Client(fake.url, timeout=2, retries=1, backoff=0.01, keys=("a", "s"))
    summary = archive(options, client, Diagnostics(), err)
    assert len(fake.saved) == 2  # the first capture, asked twice; no other page asked for
    assert summary.saved == 0 and summary.none == 2 + FIXTURE_URLS and list(summary.failed) == ["https://pages.example/garbage"]
    unsaved = 2 + FIXTURE_URLS
    assert f"Save Page Now asks us to slow down (HTTP 429 (too many requests)): {unsaved} pages not saved" in err.getvalue()


@pytest.mark.parametrize("url, written", [
    ("https://web.archive.org/web/2018/https://a.example/p?q=1#f", "https://web.archive.org/web/2018/https://a.example/p?q=1#f"),
    ("https://web.archive.org/web/2018/https://a.example/x:", '"https://web.archive.org/web/2018/https://a.example/x:"'),
    ('https://web.archive.org/web/2018/https://a.example/"q"', 'https://web.archive.org/web/2018/https://a.example/"q"'),
])
def test_a_copy_is_written_plain_where_yaml_reads_it_back(url: str, written: str) -> None:
    assert yaml_value(url) == written
    assert yaml.safe_load(f"k: {written}") == {"k": url}
