"""The lexicon remembers the Chinese-language libraries' answers between builds (generator/lexicon.py):
a build with its table at hand gives the same bytes without importing them, and a table that
is damaged or made for other library files is not used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator import lexicon
from tests.conftest import MINI, ROOT, build_fixture

# A build in a fresh process, then a report of which of the libraries it imported and
# whether it read jieba's dictionary file.
BUILD_AND_REPORT = """
import builtins, json, sys
from pathlib import Path
from generator import BuildOptions, build
from generator.lexicon import jieba_dictionary
opened = []
real_open = Path.read_text
def watched(self, *a, **k):
    opened.append(str(self))
    return real_open(self, *a, **k)
Path.read_text = watched
result = build(BuildOptions(data_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]), cache_dir=Path(sys.argv[3])))
assert not result.errors, result.errors
print(json.dumps({"modules": sorted(m for m in ("pypinyin", "opencc", "jieba") if m in sys.modules),
                  "dictionary_read": str(jieba_dictionary()) in opened}))
"""


def build_in_process(data: Path, out: Path, cache: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", BUILD_AND_REPORT, str(data), str(out), str(cache)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_build_asks_no_library_and_writes_the_same_bytes(tmp_path: Path) -> None:
    data = ROOT / "data"  # the glossary asks every kind of question: readings, phrases, scripts, words
    cold = build_in_process(data, tmp_path / "cold", tmp_path / "cache")
    assert cold == {"modules": ["opencc", "pypinyin"], "dictionary_read": True}
    warm = build_in_process(data, tmp_path / "warm", tmp_path / "cache")
    assert warm == {"modules": [], "dictionary_read": False}
    assert files(tmp_path / "warm") == files(tmp_path / "cold")


def test_a_damaged_table_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_fixture(MINI, tmp_path / "first", cache_dir=cache)
    (table,) = cache.glob("lexicon-*.json")
    table.write_text('{"readings\\u001f比": ["wrong"', "utf-8")  # cut short: not JSON
    lexicon.ANSWERS.table.clear()
    build_fixture(MINI, tmp_path / "second", cache_dir=cache)
    assert files(tmp_path / "second") == files(tmp_path / "first")
    assert json.loads(table.read_text("utf-8"))["readings\x1f比"] == lexicon._readings("比")  # saved again, whole


def test_a_build_without_a_cache_folder_writes_none(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    build_fixture(MINI, tmp_path / "out", cache_dir=None)
    assert not (tmp_path / ".cache").exists()
    assert files(tmp_path / "out")


def test_the_table_is_named_for_the_library_files(tmp_path: Path, monkeypatch) -> None:
    """An upgraded library (a file of it changed) gets a new table, so old answers are not used."""
    library = tmp_path / "fakelib"
    library.mkdir()
    (library / "__init__.py").write_text("", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(lexicon, "LIBRARIES", ("fakelib",))
    before = lexicon.fingerprint.__wrapped__()
    (library / "__init__.py").write_text("VERSION = 2\n", "utf-8")
    assert lexicon.fingerprint.__wrapped__() != before


def test_dictionary_words_are_asked_once_and_answered_alike() -> None:
    words = lexicon.dictionary_words(["人民", "银行", "民银", "人民银行"])
    assert words == {"人民", "银行", "人民银行"}
    assert lexicon.dictionary_words(["民银", "银行"]) == {"银行"}
