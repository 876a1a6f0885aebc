"""Edit records between builds in one process, as `mkdocs serve` does (reusing unchanged
records, generator/reuse.py), and report what each rebuild rewrote and how long its data
phase (load, validate, link) took, as JSON.

    python -m benchmarks.edit DATA OUT

Three edits, each followed by a build: a summary changed in place, a line added to a record
in the middle of the file (every record below it moves down), and another summary. The
figure is the fastest of the three (this machine is a shared VM: single runs vary by ±25 %).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from generator import BuildOptions, build
from generator.reuse import Memo


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".generator")}


def edit(text: str, where: float, marker: str, insert: str) -> str:
    at = text.index(marker, int(len(text) * where)) + len(marker)
    return text[:at] + insert + text[at:]


EDITS = [(0.5, "  summary: ", "Edited. "), (0.3, "  confidence: high\n", "  # checked again\n"),
         (0.7, "  summary: ", "Edited again. ")]

if __name__ == "__main__":
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    options = BuildOptions(data_dir=data, out_dir=out, max_file_bytes=2**31, memo=Memo())
    build(options)
    events = data / "events.yaml"
    runs = []
    for where, marker, insert in EDITS:
        before = hashes(out)
        events.write_text(edit(events.read_text("utf-8"), where, marker, insert), "utf-8")
        result = build(options)
        after = hashes(out)
        changed = sorted(p for p in after if before.get(p) != after[p])
        written = sorted(result.written.written) if result.written else []
        runs.append({"changed": len(changed), "written": len(written), "only_changed": written == changed,
                     "parsed": options.memo.parsed if options.memo else None,
                     "data_phase": sum(result.timings.get(p, 0.0) for p in ("load", "validate", "link"))})
    best = min(runs, key=lambda r: r["data_phase"])
    print(json.dumps({**best, "only_changed": all(r["only_changed"] for r in runs), "runs": runs}))
