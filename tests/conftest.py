"""Shared test helpers: the fixture dataset, building it, and a built copy of the real site."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

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


def messages(result: BuildResult, data: Path) -> str:
    """Diagnostics as a contributor reads them: `file:line:col-end_line:end_col CODE message`, then the hint."""
    out = []
    for d in result.diagnostics:
        s = d.span
        rel = Path(os.path.abspath(s.file)).relative_to(data.resolve()).as_posix()
        out.append(f"{rel}:{s.line}:{s.column}-{s.end_line}:{s.end_column} {d.code} {d.message}")
        if d.hint:
            out.append(f"    hint: {d.hint}")
    return "".join(line + "\n" for line in out)


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
    for name in ("mkdocs.yml", "mkdocs.zh.yml", "generator", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, dest / name)
    (dest / "content" / "zh").mkdir(parents=True)
    for page in ("about.md", "methodology.md", "zh/about.md", "zh/methodology.md"):
        if data is None:
            shutil.copyfile(ROOT / "content" / page, dest / "content" / page)
        else:
            (dest / "content" / page).write_text(f"# {page[:-3].title()}\n\nStub for a fixture build.\n", "utf-8")
    for extra in (ROOT / "content").iterdir():
        if extra.is_dir() and extra.name in ("assets", "stylesheets", "javascripts"):
            shutil.copytree(extra, dest / "content" / extra.name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


def mkdocs_build(project: Path, *args: str, history: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` in a project copy. A copy's data has no git history: ``history`` names the
    folder whose history dates the records (the repository's own data/ for a copy of it)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if history is not None:
        env["GENERATOR_HISTORY_DIR"] = str(history)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real data built by a real `mkdocs build --strict` in a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    proc = mkdocs_build(project, "--strict", history=ROOT / "data")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve a built site on a free loopback port for the length of the block (``handler``:
    the request handler, e.g. audit/run.py's, which compresses as GitHub Pages does)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as base:
        yield base


# Each edition has its own search index (/search/, /zh/search/): the same queries find the same
# records in both, each in its own edition.
EDITIONS = {"en": "", "zh": "zh/"}


@pytest.fixture(params=list(EDITIONS.values()), ids=list(EDITIONS))
def edition_url(site_url: str, request: pytest.FixtureRequest) -> str:
    """The served site's address, then its Chinese edition's."""
    return site_url + request.param


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required for the browser tests: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()




# The slow tier: tests that build the whole site with MkDocs, run `mkdocs serve`, drive
# Chromium or kill builds mid-write. `make test` runs everything; `make test-fast` runs
# `-m "not slow"`: the unit, property and case-folder tests, in under a minute.
SLOW_MODULES = {"test_accessibility", "test_browser", "test_csp", "test_interruptions", "test_mkdocs_hook",
                "test_phone", "test_reader_browser", "test_reader_pages", "test_reproducible", "test_serve", "test_site_html"}
SLOW_FIXTURES = {"browser", "built_site", "site_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        if module in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
