"""The fixture dataset renders to exactly the Markdown in tests/golden/ (refresh: `make golden`)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI, ROOT, build_fixture
from tests.golden_refresh import GOLDEN, build_golden


def files(folder: Path) -> dict[str, str]:
    """Every generated file (pages, downloads, feeds), byte for byte, less the manifest and the
    366 one-day files of data/on-this-day/ (tests/test_open_data.py checks those)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8") for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".generator") and "on-this-day" not in p.parts}


def test_fixture_renders_the_golden_markdown(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_golden(out, tmp_path)
    assert not result.diagnostics
    got, want = files(out), files(GOLDEN)
    assert sorted(got) == sorted(want)
    for path in want:
        assert got[path] == want[path], f"{path} differs from the golden copy; run `make golden` if intended"


def test_build_is_deterministic(tmp_path: Path) -> None:
    build_fixture(MINI, tmp_path / "a")
    build_fixture(MINI, tmp_path / "b")
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_a_record_without_confidence_says_not_stated(tmp_path: Path) -> None:
    """Confidence is the contributors' judgement, not a fact the sources lack: a record
    without it says "not stated", and the contributor's guide says the same."""
    out = tmp_path / "out"
    build_golden(out, tmp_path)
    huobi = (out / "exchanges" / "huobi.md").read_text("utf-8")  # no `confidence` in the fixture
    assert "Confidence: *not stated* ·" in huobi and "Confidence: *not found in the sources*" not in huobi
    assert "Confidence: high ·" in (out / "events" / "2017-09-04-ico-ban.md").read_text("utf-8")
    for guide in (out / "contributing.md", ROOT / "CONTRIBUTING.md"):
        assert 'a record without `confidence` (your judgement of the sources, not something they say) shows ' \
               '"Confidence: *not stated*"' in guide.read_text("utf-8"), guide
