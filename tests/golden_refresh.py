"""Refresh tests/golden/ from the fixture dataset: `make golden`. Review the diff before committing."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.conftest import MINI, ROOT, build_fixture

GOLDEN = ROOT / "tests" / "golden"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        result = build_fixture(MINI, out)
        if result.errors:
            print("the fixture dataset has errors; fix it first", file=sys.stderr)
            return 1
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(".generator-manifest.json"))
    print(f"golden Markdown refreshed in {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
