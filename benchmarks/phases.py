"""Run one generator build in this process and print its phase timings and peak memory as JSON.

Memory counts the forked copy that shares the making of record pages (generator/making.py).

    python -m benchmarks.phases DATA OUT
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from generator import BuildOptions, build

if __name__ == "__main__":
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    result = build(BuildOptions(data_dir=data, out_dir=out, max_file_bytes=2**31))
    total = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    copy = result.made.copy_private_mb
    # Peak memory: this process's peak plus the memory the forked copy that shared the record
    # pages held on its own (making.py). The two peaks need not coincide: an upper bound.
    print(json.dumps({"timings": result.timings, "total": total, "errors": len(result.errors),
                      "pages": len(result.pages), "peak_mb": own + copy, "own_mb": own, "copy_mb": copy}))
