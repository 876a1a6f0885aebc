"""`make audit` (not part of `make test`): the built site checked by the Nu HTML Checker (every
page) and by Lighthouse in mobile mode (home, timeline, an event page, the glossary), with the
results written to audit/results.md.

Tools: Lighthouse and vnu-jar from npm, pinned in audit/package.json (`npm ci` installs them
from package-lock.json), Debian's Java and Chromium. The site is served on a loopback port
from the folder `mkdocs build` wrote; nothing here builds it.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from tests.conftest import CHROMIUM_FLAGS, serve  # Chromium as the tests launch it: no GPU process, no background traffic

AUDIT = Path(__file__).resolve().parent
VNU = AUDIT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = AUDIT / "node_modules" / ".bin" / "lighthouse"
RESULTS = AUDIT / "results.md"
# The pages Lighthouse scores (issue 19, item 7): home, the timeline, an event page, the glossary.
PAGES = {"home": "", "timeline": "timeline/", "event": "events/2018-03-wechat-blocks-okex-huobi-accounts/",
         "glossary": "glossary/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
GOAL = 95


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class Quiet(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text files gzip-compressed for a client that asks."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):  # noqa: ANN201 (http.server's signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.suffix in COMPRESSED and path.is_file() and self.path.endswith(("/", path.suffix))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def page_kind(path: str) -> str:
    """A page's kind from its path in the site: its first folder ("events", "glossary"), a
    section index ("glossary/index"), or the page itself (home, about, 404)."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts == [""]:
        return "home"
    if path.endswith(".html") and not path.endswith("index.html"):
        return path.removesuffix(".html")
    return f"{parts[0]}/index" if len(parts) == 1 else parts[0]


def vnu_errors(site: Path) -> list[dict]:
    """The Nu HTML Checker's errors on every HTML page of the site (one Java run)."""
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                          capture_output=True, text=True, check=False)
    return json.loads(proc.stderr or '{"messages": []}')["messages"]


def vnu_summary(site: Path) -> tuple[int, dict[str, int], collections.Counter]:
    """(pages checked, errors by page kind (every kind listed), errors by message)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    by_kind = dict.fromkeys(sorted({page_kind(p) for p in pages}), 0)
    by_message: collections.Counter = collections.Counter()
    for message in vnu_errors(site):
        path = message.get("url", "").split(site.as_posix() + "/", 1)[-1]
        by_kind[page_kind(path)] = by_kind.get(page_kind(path), 0) + 1
        by_message[message.get("message", "")[:120]] += 1
    return len(pages), by_kind, by_message


def lighthouse(url: str, out: Path) -> dict[str, int]:
    """Lighthouse's four category scores (0-100) for ``url``, mobile (its default form factor
    and simulated throttling), in Debian's Chromium; the full report is written to ``out``."""
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("Debian's chromium is required: apt-get install chromium")
    subprocess.run([str(LIGHTHOUSE), url, f"--chrome-path={chromium}", "--chrome-flags=" + " ".join(CHROMIUM_FLAGS),
                    "--only-categories=" + ",".join(CATEGORIES), "--output=json", f"--output-path={out}", "--quiet"],
                   check=True)
    report = json.loads(out.read_text("utf-8"))
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def top_findings(report: dict, limit: int = 3) -> list[str]:
    """The performance audits that cost the most (by their estimated savings), for the results."""
    audits = [a for a in report["audits"].values()
              if a.get("score") is not None and a["score"] < 0.9 and a.get("details", {}).get("type") == "opportunity"]
    audits.sort(key=lambda a: a.get("details", {}).get("overallSavingsMs", 0), reverse=True)
    return [f"{a['title']} ({a.get('displayValue', '')})".replace(" ()", "") for a in audits[:limit]]


def markdown(pages: int, by_kind: dict[str, int], by_message: collections.Counter,
             scores: dict[str, dict[str, int]], findings: dict[str, list[str]], metrics: dict[str, dict[str, str]],
             versions: dict[str, str]) -> str:
    """The results file's text."""
    lines = ["# Audit results", "", "Written by `make audit` (audit/run.py): do not edit by hand.",
             f"Tools: Lighthouse {versions['lighthouse']} (mobile, simulated throttling) in {versions['chromium']}; "
             f"vnu-jar {versions['vnu']} on {versions['java']}.", "",
             f"## Nu HTML Checker: {sum(by_kind.values())} errors on {pages} pages", "",
             "| page kind | errors |", "|---|---|"]
    lines += [f"| {kind} | {count} |" for kind, count in by_kind.items()]
    lines += [f"- {count} × {message}" for message, count in by_message.most_common()]
    lines += ["", f"## Lighthouse (goal: {GOAL} in every category)", "",
              "| page | " + " | ".join(CATEGORIES) + " |", "|---|" + "---|" * len(CATEGORIES)]
    for name, score in scores.items():
        lines.append(f"| {name} (`/{PAGES[name]}`) | " + " | ".join(str(score[c]) for c in CATEGORIES) + " |")
    lines += ["", f"Performance metrics (simulated slow 4G, 4× CPU slowdown; load average {versions['load']} on "
              f"{os.cpu_count()} cores when Lighthouse ran: the CPU slowdown multiplies the main-thread time observed, "
              "so other work on the machine lowers Performance, mostly through total blocking time):", "",
              "| page | " + " | ".join(METRICS) + " |", "|---|" + "---|" * len(METRICS)]
    lines += [f"| {name} | " + " | ".join(metrics[name][m] for m in METRICS) + " |" for name in scores]
    below = {name: s for name, s in scores.items() if min(s.values()) < GOAL}
    if below:
        lines += ["", "Below the goal, what Lighthouse says costs the most (why it stays: [README.md](README.md)):", ""]
        lines += [f"- {name}: " + "; ".join(findings[name] or ["no opportunity listed"]) for name in below]
    return "\n".join(lines) + "\n"


def versions() -> dict[str, str]:
    """What ran, for the results file."""
    def out(*cmd: str) -> str:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        return (proc.stdout or proc.stderr).strip().splitlines()[0] if (proc.stdout or proc.stderr) else "?"
    package = json.loads((AUDIT / "package.json").read_text("utf-8"))["devDependencies"]
    return {"lighthouse": package["lighthouse"], "vnu": package["vnu-jar"],
            "chromium": out("chromium", "--version"), "java": out("java", "-version")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (mkdocs build)")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args(argv)
    if not VNU.exists() or not LIGHTHOUSE.exists():
        raise SystemExit("the audit tools are missing: cd audit && npm ci")
    pages, by_kind, by_message = vnu_summary(args.site)
    print(f"vnu: {sum(by_kind.values())} errors on {pages} pages", flush=True)
    scores, findings, metrics, load = {}, {}, {}, []
    with serve(args.site, Quiet) as base, tempfile.TemporaryDirectory() as tmp:
        folder = args.reports or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name, path in PAGES.items():
            out = folder / f"{name}.json"
            load.append(os.getloadavg()[0])
            scores[name] = lighthouse(base + path, out)
            report = json.loads(out.read_text("utf-8"))
            findings[name] = top_findings(report)
            metrics[name] = {m: report["audits"][m].get("displayValue", "") for m in METRICS}
            print(f"lighthouse {name}: {scores[name]}", flush=True)
    tools = {**versions(), "load": f"{min(load):.1f}-{max(load):.1f}"}
    RESULTS.write_text(markdown(pages, by_kind, by_message, scores, findings, metrics, tools), "utf-8")
    print(f"written: {RESULTS.relative_to(AUDIT.parent)}")
    failed = sum(by_kind.values()) > 0 or any(min(s.values()) < GOAL for s in scores.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
