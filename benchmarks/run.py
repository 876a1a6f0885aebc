"""Benchmarks: `make benchmark` (not part of `make test`). Writes benchmarks/results.md.

- the generator alone (load, validate, link, render, write) and its peak memory, at
  1,000 / 10,000 / 50,000 synthetic events;
- at 2,000 and 10,000 events, the full `mkdocs build` (with the generator's hook) beside bare
  MkDocs + Material on the same generated Markdown, in the same run, as ratios;
- page weight: a record page and the timeline, and the search index raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from benchmarks.corpus import write as write_corpus

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "GENERATOR_MAX_FILE_BYTES": str(2**31)}


def generator_run(events: int, work: Path) -> dict:
    data = write_corpus(work / f"data-{events}", events)
    out = work / f"out-{events}"
    proc = subprocess.run([sys.executable, "-m", "benchmarks.phases", str(data), str(out)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def project(events: int, work: Path) -> Path:
    dest = work / f"site-{events}"
    dest.mkdir()
    for name in ("mkdocs.yml", "generator", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, dest / name)
    (dest / "content").mkdir()
    for page in ("about.md", "methodology.md"):
        (dest / "content" / page).write_text(f"# {page[:-3].title()}\n", "utf-8")
    write_corpus(dest / "data", events)
    bare = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", (dest / "mkdocs.yml").read_text("utf-8"))
    (dest / "mkdocs-bare.yml").write_text(bare, "utf-8")
    return dest


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def site_run(events: int, work: Path) -> dict:
    dest = project(events, work)
    full = timed([sys.executable, "-m", "mkdocs", "build", "-q"], dest)  # generator (hook) + MkDocs
    bare = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-bare.yml"], dest)  # same Markdown
    gen = json.loads(subprocess.run([sys.executable, "-m", "benchmarks.phases", str(dest / "data"),
                                     str(work / f"again-{events}")], cwd=ROOT, env=ENV, capture_output=True,
                                    text=True, check=True).stdout.strip().splitlines()[-1])
    site = dest / "site"
    index = (site / "search" / "search_index.json").read_bytes()
    return {"full": full, "bare": bare, "generator": gen["total"],
            "record_page": (site / "events" / "event-0" / "index.html").stat().st_size,
            "timeline": (site / "timeline" / "index.html").stat().st_size,
            "index_raw": len(index), "index_gzip": len(gzip.compress(index, 9))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator-sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--site-sizes", type=int, nargs="*", default=[2000, 10000])
    args = parser.parse_args()
    lines = [f"# Benchmark results ({date.today().isoformat()})", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, PyYAML {version('pyyaml')} "
             f"(libyaml). Command: `make benchmark`.", "",
             "## Generator alone", "", "| events | load | validate | link | render | write | total | peak memory |",
             "|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in args.generator_sizes:
            r = generator_run(n, work)
            t = r["timings"]
            lines.append(f"| {n:,} | " + " | ".join(f"{t.get(p, 0):.2f} s" for p in
                                                   ("load", "validate", "link", "render", "write"))
                         + f" | {r['total']:.2f} s | {r['peak_mb']:.0f} MB |")
            print(lines[-1], flush=True)
        lines += ["", "## Full build against bare MkDocs on the same Markdown", "",
                  "| events | bare MkDocs | full build (hook) | full / bare | generator / bare | record page | "
                  "timeline | search index (gzip) |", "|---|---|---|---|---|---|---|---|"]
        for n in args.site_sizes:
            r = site_run(n, work)
            lines.append(f"| {n:,} | {r['bare']:.1f} s | {r['full']:.1f} s | {r['full'] / r['bare']:.2f} | "
                         f"{r['generator'] / r['bare']:.0%} | {r['record_page'] / 1024:.0f} KB | "
                         f"{r['timeline'] / 1024:.0f} KB | {r['index_raw'] / 2**20:.1f} MB "
                         f"({r['index_gzip'] / 2**20:.2f} MB) |")
            print(lines[-1], flush=True)
    (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
