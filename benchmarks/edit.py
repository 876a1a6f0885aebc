"""Edit one record between two builds in one process, as `mkdocs serve` does, and report what
the second build rewrote and how long its data phase (load, validate, link) took, as JSON.

    python -m benchmarks.edit DATA OUT
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


if __name__ == "__main__":
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    options = BuildOptions(data_dir=data, out_dir=out, max_file_bytes=2**31, memo=Memo())  # as `mkdocs serve` does
    build(options)
    before = hashes(out)
    events = data / "events.yaml"
    text = events.read_text("utf-8")
    marker = "  summary: "
    at = text.index(marker, len(text) // 2) + len(marker)
    events.write_text(text[:at] + "Edited. " + text[at:], "utf-8")
    result = build(options)
    after = hashes(out)
    changed = sorted(p for p in after if before.get(p) != after[p])
    written = sorted(result.written.written) if result.written else []
    data_phase = sum(result.timings.get(p, 0.0) for p in ("load", "validate", "link"))
    print(json.dumps({"changed": len(changed), "written": len(written), "only_changed": written == changed,
                      "data_phase": data_phase, "timings": result.timings}))
