"""What the Chinese-language libraries answer, remembered between builds.

The generator asks pypinyin for readings, OpenCC for the other script and jieba's stock
dictionary which strings are words. The answers depend only on the question and on the
libraries' files, while importing and consulting the libraries costs much of a small build's
time. Every answer is therefore kept in a table, saved in the build's cache folder
(`.cache/generator/` by default) under a name that digests this module and the libraries'
files: an upgraded library or a changed question starts a new table, so a remembered answer
is always the one the library gives. A library is imported only for a question the table
lacks. Without a cache folder, answers are remembered for the process only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

LIBRARIES = ("pypinyin", "opencc", "jieba")


class Answers:
    """The process's table of answers: "question\\x1ftext" → a JSON value."""

    def __init__(self) -> None:
        self.table: dict[str, Any] = {}
        self.added = False

    def ask(self, question: str, text: str, compute: Callable[[str], Any]) -> Any:
        key = question_key(question, text)
        if key not in self.table:
            self.table[key] = compute(text)
            self.added = True
        return self.table[key]


ANSWERS = Answers()


def question_key(question: str, text: str) -> str:
    return f"{question}\x1f{text}"


@contextmanager
def remembered(folder: Path | None) -> Iterator[None]:
    """Answers kept in ``folder`` are known while the block runs; new ones are saved there
    after it (atomically; a table that cannot be read or saved is simply not used)."""
    path = folder / f"lexicon-{fingerprint()}.json" if folder is not None else None
    saved = read(path) if path is not None else None
    ANSWERS.table = {**(saved or {}), **ANSWERS.table}
    ANSWERS.added = False
    try:
        yield
    finally:
        if path is not None and (ANSWERS.added or saved is None):
            save(path, ANSWERS.table)


def read(path: Path) -> dict[str, Any] | None:
    """The table saved at ``path``; None where there is none, or it is not a table."""
    try:
        saved = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return saved if isinstance(saved, dict) else None


def save(path: Path, table: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(table, out, ensure_ascii=False, sort_keys=True)
        os.replace(temporary, path)
    except OSError:
        pass


@cache
def fingerprint() -> str:
    """A digest of this module's source and of each library as installed: its RECORD (pip's
    list of every file it installed, each with its own digest), or where there is none, the
    paths, sizes and modification times of the package's files. Nothing is imported."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        folder = Path(spec.origin).parent if spec and spec.origin else None
        if folder is None:
            continue
        records = sorted(folder.parent.glob(f"{name}-*.dist-info/RECORD"))
        if records:
            digest.update(b"".join(path.read_bytes() for path in records))
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def readings(char: str) -> tuple[str, ...]:
    """A Han character's dictionary readings (pypinyin, heteronym mode), lowercase; () if it has none."""
    return tuple(ANSWERS.ask("readings", char, _readings))


def phrase_reading(term: str) -> list[str]:
    """pypinyin's reading of each character of the whole term, its phrase table applied (银行:
    yín, háng); "" for a character it has no reading for."""
    return list(ANSWERS.ask("phrase", term, _phrase_reading))


def toneless_reading(chars: str) -> list[str]:
    """Toneless readings of the Han characters, the whole name given so the phrase table applies (银行: yin hang)."""
    return list(ANSWERS.ask("toneless", chars, _toneless_reading))


def convert(config: str, text: str) -> str:
    """The text converted by OpenCC's ``config`` (s2t, s2tw, s2hk: to traditional; t2s: to simplified)."""
    return ANSWERS.ask(f"opencc-{config}", text, lambda t: opencc_converter(config).convert(t))


def dictionary_words(candidates: Iterable[str]) -> frozenset[str]:
    """Which candidates jieba's stock dictionary holds as words (frequency above 0).

    The stock dictionary, not jieba's global tokenizer, so the answer does not depend on what
    words another part of the process (the MkDocs hook) has taught jieba; one pass over its
    file for all the candidates the table lacks."""
    wanted = set(candidates)
    unknown = {w for w in wanted if question_key("word", w) not in ANSWERS.table}
    found = _dictionary_words(unknown) if unknown else set()
    return frozenset(w for w in wanted if ANSWERS.ask("word", w, found.__contains__))


def _readings(char: str) -> list[str]:
    from pypinyin import Style, pinyin

    found = pinyin(char, heteronym=True, style=Style.TONE)[0]
    if found == [char] or not all(r.isalpha() for r in found):
        return []
    return [unicodedata.normalize("NFC", r).lower() for r in found]


def _phrase_reading(term: str) -> list[str]:
    from pypinyin import Style, pinyin

    found = pinyin(term, style=Style.TONE, errors=lambda chars: [None] * len(chars))
    return [unicodedata.normalize("NFC", r[0] or "").lower() for r in found]


def _toneless_reading(chars: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return [p for p in lazy_pinyin(chars, style=Style.NORMAL) if p.isascii() and p.isalpha()]


@cache
def opencc_converter(config: str):
    """One OpenCC converter per configuration, made once per process."""
    import opencc

    return opencc.OpenCC(config)


def _dictionary_words(wanted: set[str]) -> set[str]:
    found = set()
    for line in jieba_dictionary().read_text("utf-8").splitlines():
        word, _, rest = line.partition(" ")
        if word in wanted and int(rest.split(" ", 1)[0] or 0) > 0:
            found.add(word)
    return found


def jieba_dictionary() -> Path:
    """jieba's stock dictionary file (jieba.DEFAULT_DICT_NAME in the package), found without
    importing jieba (which loads pkg_resources)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed (it is a dependency: pip install -r requirements.lock)")
    return Path(spec.submodule_search_locations[0]) / "dict.txt"
