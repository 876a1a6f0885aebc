"""Score the last `mutmut run` (make mutation): mutants killed per module and overall, and the survivors.

Reads mutmut's result files under mutants/. A mutant counts as killed when a test failed on it or
it timed out (as mutmut's own score counts); every other mutant counts against the score,
including ones not run, so an interrupted or partial run cannot pass. Exits 1 below the
threshold (95%, or the first argument), or if a mutated module opts code out of mutation.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

THRESHOLD = 95.0
KILLED = {"killed", "timeout"}


def main(argv: list[str]) -> int:
    threshold = float(argv[0]) if argv else THRESHOLD
    modules = tomllib.loads(Path("pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]["only_mutate"]
    opted_out = [m for m in modules if "no mutate" in Path(m).read_text("utf-8")]
    if opted_out:
        print(f"`# pragma: no mutate` is not allowed in the mutated modules: {', '.join(opted_out)}")
        return 1
    total = killed = 0
    statuses: Counter[str] = Counter()
    survivors: list[str] = []
    for module in modules:
        meta = Path("mutants") / f"{module}.meta"
        if not meta.exists():
            print(f"{module}: no results (run `make mutation`)")
            return 1
        codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
        status = {name: status_by_exit_code[code] for name, code in codes.items()}
        dead = sum(1 for s in status.values() if s in KILLED)
        statuses.update(status.values())
        survivors += [name for name, s in status.items() if s not in KILLED]
        total, killed = total + len(codes), killed + dead
        print(f"{module}: {dead}/{len(codes)} killed ({100 * dead / max(len(codes), 1):.1f}%)")
    score = 100 * killed / total if total else 0.0
    print("by status: " + ", ".join(f"{s} {n}" for s, n in statuses.most_common()))
    print(f"not killed ({len(survivors)}):", *survivors, sep="\n  ")
    print(f"overall: {killed}/{total} mutants killed ({score:.1f}%); threshold {threshold:.0f}%")
    return 0 if score >= threshold else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
