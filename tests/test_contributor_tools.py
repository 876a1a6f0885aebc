"""Contributor tools: `new`, `links`, and the committed CONTRIBUTING.md."""

from __future__ import annotations

import http.server
import shutil
import threading
import time
from pathlib import Path

from generator.__main__ import main
from generator.diagnostics import Diagnostics
from generator.pages.contributing import contributing
from generator.urlcheck import check_links
from tests.conftest import MINI, ROOT, build_fixture


def test_contributing_md_is_current() -> None:
    assert (ROOT / "CONTRIBUTING.md").read_text("utf-8") == contributing(standalone=True), \
        "run `python -m generator docs` and commit CONTRIBUTING.md"


def test_contributing_lists_every_error_code_with_example_and_fix() -> None:
    from generator.diagnostics import CODES

    text = contributing(standalone=True)
    for code in CODES.values():
        assert f"### {code.code}: {code.title}" in text and code.fix in text


def test_new_appends_a_template_that_parses_and_points_at_what_to_fill(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    before = (data / "platforms.yaml").read_text("utf-8")
    assert main(["new", "platform", "--append", "--data", str(data)]) == 0
    after = (data / "platforms.yaml").read_text("utf-8")
    assert after.startswith(before)
    result = build_fixture(data, tmp_path / "out", write=False)
    first_new_line = before.count("\n") + 1
    codes = {(d.code, d.span.line > first_new_line) for d in result.diagnostics}
    assert codes and all(late for _, late in codes), "only the new record's blanks may be reported"
    assert {c for c, _ in codes} <= {"E211", "E208"}  # empty text and the unfinished URL


def test_new_prints_every_field(capsys) -> None:
    assert main(["new", "event"]) == 0
    out = capsys.readouterr().out
    for field in ("id", "date", "end", "title", "type", "summary", "authorities", "document", "sources", "disputed"):
        assert f"{field}:" in out


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/slow") else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()


def test_links_reports_dead_and_redirected_urls_where_they_are_written(tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        data = tmp_path / "data"
        data.mkdir()
        for name in ("events.yaml", "exchanges.yaml", "authorities.yaml", "glossary.yaml", "publishers.yaml"):
            (data / name).write_text("[]\n", "utf-8")  # no URL may leave this machine
        lines = [f"- id: p{i}\n  name: P\n  summary: S\n  sources:\n    - url: {base}{path}\n      title: T\n"
                 f"      publisher: P\n" for i, path in enumerate(["/ok", "/gone", "/moved", "/no-head", "/slow"])]
        (data / "platforms.yaml").write_text("\n".join(lines), "utf-8")
        diags = Diagnostics()
        run = check_links(data, diags, timeout=1.0, max_requests=100, workers=2)
        assert sorted(Path(p).name for p in run.lines) == ["authorities.yaml", "events.yaml", "exchanges.yaml",
                                                           "glossary.yaml", "platforms.yaml",
                                                           "publishers.yaml"]  # each read once
        found = sorted((d.code, d.span.line, d.message.split(" (")[0]) for d in diags.items)
        assert found == [("W301", 13, "source URL is dead"), ("W301", 37, "source URL is dead"),
                         ("W302", 21, "source URL redirects")]
        assert all(d.hint for d in diags.items)
        diags = Diagnostics()
        run = check_links(data, diags, timeout=1.0, max_requests=2, workers=2)
        assert run.skipped > 0 and run.checked == 2
    finally:
        server.shutdown()



def test_worked_examples_pass_the_validator(tmp_path: Path) -> None:
    from generator.load import load_file
    from generator.records import KINDS
    from generator.scaffold import EXAMPLES
    from generator.validate import Validator

    for kind, text in EXAMPLES.items():
        path = tmp_path / f"{kind}.yaml"
        path.write_text(text, "utf-8")
        diags = Diagnostics()
        records = Validator(KINDS[kind], diags).records(load_file(path, diags))
        assert records and not diags.items, (kind, [(d.code, d.message) for d in diags.items])
