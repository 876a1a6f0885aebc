"""Bad and odd inputs as data: each folder under tests/cases/ overlays the fixture dataset.

`invalid/<case>/expected.txt` lists every expected `file:line:col CODE`, exactly: a missing
diagnostic and an extra one both fail. `valid/<case>/` must build with the warnings its
expected.txt lists (often none) and, where it has `contains.txt`, write pages that contain
each `path<TAB>text` line. Every case's `messages.txt` holds what the contributor reads, exactly:
each diagnostic's full span, code, message and hint (refresh: `python -m tests.cases_refresh`,
then review the diff).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CASES, PINNED_TODAY, build_fixture, located, messages, overlay


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_TODAY)


def expected(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text("utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())


def test_there_are_cases() -> None:
    assert len(INVALID) >= 15


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    overlay(case, data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = build_fixture(data, out)
    assert located(result, data) == expected(case)
    assert messages(result, data) == (case / "messages.txt").read_text("utf-8")
    assert result.errors, "an invalid case must produce at least one error"
    assert not out.exists(), "a build with errors must write nothing"
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before, "data/ must never be modified"


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(case: Path, tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    overlay(case, data)
    result = build_fixture(data, out)
    assert not result.errors, located(result, data)
    assert located(result, data) == expected(case)
    assert messages(result, data) == (case / "messages.txt").read_text("utf-8")
    contains = case / "contains.txt"
    if contains.exists():
        for line in contains.read_text("utf-8").splitlines():
            if line.strip():
                path, text = line.split("\t", 1)
                assert text in (out / path).read_text("utf-8"), f"{path} lacks {text!r}"
