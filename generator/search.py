"""What search needs from the data, engine-neutral: words for the segmenter, spellings per record.

Measured on a plain Material site (architecture decision 8 and the search issue):
- jieba's stock dictionary splits 比特币 into 比特/币 and does not know 火币 or 私募, so a
  query for the whole word finds nothing. Every Chinese name in the data is therefore given to
  the segmenter as a word of its own (`chinese_words`).
- Once 中国人民银行 is one word, a query for the part 人民银行 finds nothing; a reader typing
  火幣 (traditional) or bitebi (pinyin without tones) finds nothing either, because those
  strings are on no page. Each record page therefore carries a line of spellings
  (`spellings`): its names and aliases, their parts as jieba's search mode cuts them, their
  traditional and simplified forms (OpenCC), and pinyin with and without tone marks, joined
  and syllable by syllable. The page then matches every way a reader writes the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from .lexicon import convert, dictionary_words, toneless_reading
from .link import Corpus
from .records import Record

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    return bool(HAN.search(text))


def simplified(text: str) -> str:
    return convert("t2s", text)


def script_variants(text: str) -> list[str]:
    """The text in traditional and in simplified characters (OpenCC), where they differ."""
    return [v for v in (convert("s2t", text), convert("t2s", text)) if v != text]


def name_parts(text: str) -> list[str]:
    """Every run of two or more characters inside a Chinese name, less the whole name:
    the candidates for dictionary words (中国人民银行 → 中国, 人民, 人民银行, 银行, …)."""
    n = len(text)
    return [p for p in (text[i:j] for i in range(n) for j in range(i + 2, n + 1) if (i, j) != (0, n)) if has_han(p)]


def segmentable_names(record: Record) -> list[str]:
    """The record's Chinese names short enough to be words (not sentences): they get parts and variants."""
    return [n for n in record_names(record) if has_han(n) and " " not in n and len(n) <= 16]


def search_parts(text: str, known: frozenset[str] | None = None) -> list[str]:
    """Dictionary words inside a Chinese name: 中国人民银行 → 中国, 人民, 人民银行, 银行, …

    jieba keeps 中国人民银行 as one word, so its parts are looked up in its dictionary instead.
    ``known``: the dictionary words among all parts (`dictionary_words`), found once per build.
    """
    parts = name_parts(text)
    known = dictionary_words(parts) if known is None else known
    return [p for p in parts if p in known]


def as_typed(pinyin: str) -> str:
    """bǐtèbì → bitebi: without tone marks and with ü as u, as readers type pinyin."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", pinyin) if not unicodedata.combining(c))
    return stripped.replace("ü", "u").lower()


@cache
def syllables(chars: str, pinyin: str) -> tuple[str, ...] | None:
    """The data's pinyin, one lowercase syllable per character of ``chars``, as the glossary
    check aligns them (chinese.align); None where ``chars`` holds other than Han characters or
    the two do not align."""
    from .chinese import align, lowercase, tokens

    items = tokens(chars)
    if not items or not all(token.options for token in items):
        return None
    text = lowercase(unicodedata.normalize("NFC", pinyin.strip()))
    spans, _ = align(items, text)
    return tuple(text[start:end] for start, end in spans) if spans else None


def pinyin_spellings(chars: str, pinyin: str | None) -> list[str]:
    """bǐtèbì, bitebi, bǐ tè bì, bi te bi. Without data pinyin, pypinyin's toneless reading only."""
    if pinyin:
        out = [pinyin, as_typed(pinyin).replace(" ", "")]
        parts = syllables(chars, pinyin)
        if parts:
            out += [" ".join(parts), " ".join(as_typed(p) for p in parts)]
        return out
    parts = toneless_reading(chars)
    return ["".join(parts), " ".join(parts)] if parts else []


def record_names(record: Record) -> list[str]:
    names = [record.get(k) for k in ("name", "name_zh", "term", "traditional", "english")]
    names += list(record.get("aliases", ()))
    return [n for n in names if isinstance(n, str)]


def spellings(record: Record, known: frozenset[str] | None = None) -> list[str]:
    """Every way a reader may write this record's name, in a stable order, without repeats.
    ``known``: dictionary words among the parts of every name (see `dictionary_words`)."""
    out: list[str] = record_names(record)
    for name in segmentable_names(record):
        out += script_variants(name)
        out += search_parts(name, known)
    chinese = record.get("term") or record.get("name_zh")
    if chinese:
        out += pinyin_spellings(chinese, record.get("pinyin"))
    return unique(out)


def names(record: Record) -> list[str]:
    """A record's own names and aliases (no parts, no pinyin): what the page is *called*."""
    values = [record.get(k) for k in ("name", "name_zh", "term", "traditional")] + list(record.get("aliases", ()))
    values = [v for v in values if isinstance(v, str)]
    values += [v for value in values if has_han(value) for v in script_variants(value)]
    if record.get("pinyin"):  # a term is named by its pinyin too, as typed: bitebi, bi te bi
        values += pinyin_spellings(record.get("term"), record.get("pinyin"))[1:]
    return unique(values)


def unique(items: Iterable[str]) -> list[str]:
    """The items stripped, in order, without empty ones and without repeats that differ only in case."""
    out: list[str] = []
    folded: set[str] = set()
    for item in items:
        key = item.strip()
        if key and key.casefold() not in folded:
            folded.add(key.casefold())
            out.append(key)
    return out


def chinese_words(corpus: Corpus) -> list[str]:
    """Every Chinese word the records name, in both scripts, for the segmenter's dictionary."""
    words: set[str] = set()
    for records in corpus.records.values():
        for record in records.values():
            values = [record.get(name) for name in ("term", "traditional", "name_zh")]
            values += list(record.get("aliases", ()))
            for value in values:
                if isinstance(value, str) and has_han(value) and " " not in value.strip():
                    words.add(value.strip())
                    words.update(script_variants(value.strip()))
    return sorted(words)


def pinyin_key(name: str) -> str:
    """A name's sort key by pinyin: Han characters by their toneless reading (火币 → huo bi),
    other text as it is, folded: Chinese and Latin names then interleave as readers expect."""
    parts = [" ".join(toneless_reading(run)) if has_han(run) else run for run in re.split(f"({HAN.pattern}+)", name) if run]
    return " ".join(parts).casefold()
