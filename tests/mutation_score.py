"""Summarise the last `mutmut run` (make mutation): mutants killed per module, and survivors.

Reads mutmut's result files under mutants/ (exit code 0 = the tests still passed: survived).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    total = killed = 0
    survivors: list[str] = []
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
        done = {k: v for k, v in codes.items() if v is not None}
        dead = sum(1 for v in done.values() if v != 0)
        survivors += [k for k, v in done.items() if v == 0]
        total, killed = total + len(done), killed + dead
        rate = f"{100 * dead / len(done):.0f}%" if done else "-"
        print(f"{meta.name.removesuffix('.meta')}: {dead}/{len(done)} killed ({rate}); {len(codes) - len(done)} not run")
    if total:
        print(f"overall: {killed}/{total} killed ({100 * killed / total:.0f}%)")
    print("survivors:" if survivors else "no survivors", *survivors[:200], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
