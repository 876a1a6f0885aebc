"""Refresh tests/golden/ from the fixture dataset: `make golden`. Review the diff before committing."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.pipeline import HISTORY_ENV
from tests.conftest import MINI, ROOT, build_fixture

GOLDEN = ROOT / "tests" / "golden"


def build_golden(out: Path, no_history: Path) -> object:
    """The fixture build the golden copy records. Last-changed dates come from the fixture's
    `updated` fields only: git history (tested on its own in tests/test_history.py) would tie
    the golden files to the commit that last touched the fixture."""
    old = os.environ.get(HISTORY_ENV)
    os.environ[HISTORY_ENV] = str(no_history)
    try:
        return build_fixture(MINI, out)
    finally:
        if old is None:
            del os.environ[HISTORY_ENV]
        else:
            os.environ[HISTORY_ENV] = old


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        result = build_golden(out, Path(tmp))
        if result.errors:
            print("the fixture dataset has errors; fix it first", file=sys.stderr)
            return 1
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(".generator-manifest.json", ".generator.lock", "on-this-day"))
    print(f"golden Markdown refreshed in {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
