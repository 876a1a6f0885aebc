"""Refresh every case's messages.txt (`python -m tests.cases_refresh`). Review the diff before committing:
these files are what a contributor reads for each bad input, and the tests hold them exact."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conftest import CASES, PINNED_TODAY, build_fixture, messages, overlay


def main() -> int:
    import os

    os.environ["SOURCE_DATE_EPOCH"] = PINNED_TODAY
    for case in sorted(p for group in ("invalid", "valid") for p in (CASES / group).iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            data, out = Path(tmp) / "data", Path(tmp) / "out"
            overlay(case, data)
            (case / "messages.txt").write_text(messages(build_fixture(data, out), data), "utf-8")
    print(f"messages.txt refreshed in every case under {CASES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
