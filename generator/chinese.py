"""Rules for a glossary term's Chinese forms: its pinyin spells its characters (E213, E214),
its traditional form is one OpenCC proposes (W203).

The spelling convention (GB/T 16159) is on the contributing page. What is checked: pinyin
letters and tone marks, single separators, an apostrophe before a, o, e inside a word and only there, one
dictionary reading per Han character; other characters (3·15, U商) are spelled freely. Which
syllables make a word, and what is a proper name, stay the contributor's judgement.
pypinyin and OpenCC answer through the lexicon (lexicon.py), which remembers their answers between builds.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .diagnostics import Diagnostics, Span
from .lexicon import convert, phrase_reading, readings
from .values import yaml11_type

TONE_MARKS = "\u0300\u0301\u0304\u030c"  # grave, acute, macron, caron (as NFD writes them)
PINYIN_PART = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \u0302\u0308'’") | set(TONE_MARKS)
SEPARATORS = " '’"
APOSTROPHES = ("'", "’")
APOSTROPHE_VOWELS = ("a", "o", "e")  # a syllable starting with one of these takes an apostrophe inside a word
TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2hk")


def toneless(text: str) -> str:
    """bǐ → bi, lǜ → lü: tone marks removed, ü kept, lowercase; one character in, one out."""
    return lowercase("".join(unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch)
                                                                if c not in TONE_MARKS)) or ch for ch in text))


def lowercase(text: str) -> str:
    """Lowercase character by character, so positions stay those of the text (İ stays)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Token(NamedTuple):
    """One Han character (its accepted syllables, and pypinyin's reading of it in the term), or a
    run of other characters, spelled freely (no options). ``index``: where it starts in the term.
    ``readings``: the syllables as the dictionary writes them; ``options`` adds each without
    its tone mark (the neutral tone), which only a syllable inside a word may take."""

    text: str
    index: int
    options: tuple[str, ...] = ()
    spoken: str = ""
    readings: tuple[str, ...] = ()


def tokens(term: str) -> list[Token]:
    """The term as Han characters pypinyin has readings for, and runs of everything else."""
    phrase = phrase_reading(term)
    out: list[Token] = []
    for index, ch in enumerate(term):
        if readings(ch):
            spoken = (phrase[index] if len(phrase) == len(term) else "") or readings(ch)[0]
            accepted = {spoken, *readings(ch)}
            options = sorted(accepted | {toneless(r) for r in accepted}, key=len, reverse=True)
            out.append(Token(ch, index, tuple(options), spoken, tuple(accepted)))
        elif out and not out[-1].options and not ch.isspace():
            out[-1] = out[-1]._replace(text=out[-1].text + ch)
        elif not ch.isspace():
            out.append(Token(ch, index))
    return out


def align(items: list[Token], text: str, loose: bool = False) -> tuple[list[tuple[int, int]] | None, tuple[int, int]]:
    """Match tokens to the lowercase NFC text, left to right; separators may come between tokens.

    A Han character takes exactly one of its syllables (erhua: 儿 as `r` right after a letter);
    another run takes any stretch. ``loose`` compares without tones (to group a hint's words).
    Returns each token's (start, end), or None, and the furthest state reached (tokens, position)."""
    seen = toneless(text) if loose else text
    back: dict[tuple[int, int], tuple[int, int, int]] = {}  # (tokens, end) → (start, end, previous end)
    frontier = {0}
    for k, token in enumerate(items):
        after: set[int] = set()
        for i in sorted(frontier):
            start = i
            while start < len(text) and text[start] in SEPARATORS and i > 0:
                start += 1
            attached = start == i and i > 0 and text[i - 1].isalpha()
            word_start = start == 0 or text[start - 1] == " "
            for end in ends(token, seen, start, attached, loose, word_start):
                if (k + 1, end) not in back:
                    back[(k + 1, end)] = (start, end, i)
                    after.add(end)
        if not after:
            return None, (k, failed_at(items, k, text, frontier))
        frontier = after
    if len(text) not in frontier:
        return None, (len(items), max(frontier))
    spans, position = [], len(text)
    for k in range(len(items), 0, -1):
        start, end, position = back[(k, position)]
        spans.append((start, end))
    return spans[::-1], (len(items), len(text))


def failed_at(items: list[Token], k: int, text: str, frontier: set[int]) -> int:
    """Where token k found no syllable: the furthest point, or after a free run (U商: `U`) its
    first stretch that ends a word."""
    if k == 0 or items[k - 1].options:
        return max(frontier)
    stretches = sorted(p for p in frontier if p > 0) or [0]
    return next((p for p in stretches if p < len(text) and text[p] in SEPARATORS), stretches[0])


def ends(token: Token, seen: str, start: int, attached: bool, loose: bool, word_start: bool = False) -> list[int]:
    """Where a syllable of ``token`` read from ``start`` may end: the neutral tone (no mark)
    only inside a word, unless the dictionary gives the syllable without a mark (的 de)."""
    if not token.options:
        return list(range(start, len(seen) + 1))
    if loose:
        options = {toneless(o) for o in token.options}
    else:
        options = set(token.readings if word_start else token.options)
    if token.text == "儿" and attached:
        options.add("r")
    return [start + len(o) for o in options if seen.startswith(o, start)]


def check_pinyin(term: str, pinyin: str, span: Span, diags: Diagnostics, yaml_type: str = "str") -> None:
    """E213 where ``pinyin`` is not pinyin, E214 where its syllables do not spell ``term``.
    ``yaml_type``: what YAML 1.1 reads an unquoted value as (a number, a boolean…)."""
    text = unicodedata.normalize("NFC", pinyin.strip())
    items = tokens(term)
    if yaml_type != "str":
        diags.add("E213", span, f"'{pinyin}' is not pinyin: YAML 1.1 tools read it as a {yaml_type}",
                  f"write {term}'s reading with tone marks, in quotes: \"{suggestion(items, text)}\"")
        return
    problem = letters_problem(term, text)
    if problem:
        diags.add("E213", span, f"'{text}' is not pinyin: {problem}", f"pypinyin reads {term} as '{suggestion(items, text)}'")
        return
    low = lowercase(text)
    spans, (k, at) = align(items, low)
    if spans is None:
        diags.add("E214", span, f"'{text}' does not spell {term}: {mismatch(term, items, low, k, at)}",
                  f"pypinyin reads {term} as '{suggestion(items, text)}'")
        return
    for token, (start, _) in zip(items, spans, strict=True):
        vowel = toneless(low[start]) in APOSTROPHE_VOWELS
        if token.options and start > 0 and low[start - 1].isalpha() and vowel:
            diags.add("E213", span, f"'{text}': the syllable of {token.text} starts with '{text[start]}' inside a word, "
                      "so an apostrophe goes before it", f"write '{text[:start]}\'{text[start:]}'")
            return
        if token.options and start > 0 and low[start - 1] in APOSTROPHES and not vowel:
            diags.add("E213", span, f"'{text}': an apostrophe goes only before a syllable starting with a, o or e, "
                      f"not before that of {token.text}", f"write '{text[:start - 1]}{text[start:]}'")
            return


def letters_problem(term: str, text: str) -> str | None:
    """Why the text cannot be pinyin letter by letter (other characters of the term are allowed), or None."""
    allowed = PINYIN_PART | {c for ch in term if not readings(ch) for c in unicodedata.normalize("NFD", ch)}
    for ch in text:
        if not all(c in allowed for c in unicodedata.normalize("NFD", ch)):
            what = "a digit (write tones as marks: ā á ǎ à)" if ch.isdigit() else "not a pinyin letter"
            return f"'{ch}' (U+{ord(ch):04X}) is {what}"
    if re.search(r"[ '’]{2,}|^['’]|['’]$", text):
        return "separate words with one space, and syllables only with an apostrophe"
    return None


def mismatch(term: str, items: list[Token], low: str, k: int, at: int) -> str:
    """Which character or syllable fails, from the furthest point the alignment reached."""
    while at < len(low) and low[at] in SEPARATORS:
        at += 1
    if k == len(items):
        return f"'{low[at:]}' is left over after the last character"
    token = items[k]
    where = f"{token.text} (character {token.index + 1} of {term})"
    if at == len(low):
        return f"the pinyin ends before {where}"
    word = re.split(r"[ '’]", low[at:])[0]
    bases = {toneless(o) for o in token.options}
    guess = next((word[:n] for n in range(len(word), 0, -1) if toneless(word[:n]) in bases), word)
    given = ", ".join(readings(token.text))
    if guess == toneless(guess) and guess in bases:
        return (f"'{guess}' for {where} has no tone mark, and a syllable without one (the neutral tone) "
                f"only follows another in its word; the dictionary gives {given}")
    return f"'{guess}' is not a reading of {where}; the dictionary gives {given}"


def suggestion(items: list[Token], text: str) -> str:
    """pypinyin's reading of the term, written per the convention, in the words and capitals of ``text``
    where its syllables match without tones."""
    spans, _ = align(items, lowercase(text), loose=True)
    words: list[str] = []
    for k, token in enumerate(items):
        syllable = token.spoken if token.options else token.text
        if spans is not None:
            start, end = spans[k]
            syllable = syllable if token.options else text[start:end]
            if syllable and text[start:start + 1].isupper():
                syllable = syllable[0].upper() + syllable[1:]
            new_word = k == 0 or " " in text[spans[k - 1][1]:start]
        else:  # unmatched: a short term is one word, a long one a word per syllable; free runs apart
            new_word = k == 0 or not (token.options and items[k - 1].options) or (" " in text and len(items) > 3)
        if new_word or not words:
            words.append(syllable)
        else:
            apostrophe = "'" if token.options and toneless(syllable[:1]) in APOSTROPHE_VOWELS else ""
            words[-1] += apostrophe + syllable
    return " ".join(words)


def check_traditional(term: str, traditional: str, span: Span, diags: Diagnostics) -> None:
    """W203 where ``traditional`` is none of the forms OpenCC's s2t, s2tw and s2hk make of ``term``."""
    proposed: dict[str, list[str]] = {}
    for config in TRADITIONAL_CONFIGS:
        proposed.setdefault(convert(config, term), []).append(config)
    if traditional.strip() in proposed:
        return
    forms = "; ".join(f"{form} ({', '.join(configs)})" for form, configs in proposed.items())
    diags.add("W203", span, f"'{traditional}' is not a traditional form OpenCC gives for {term}",
              f"OpenCC proposes {forms}: use one of them, unless a source spells it otherwise")


def chinese_forms(values: dict, node, diags: Diagnostics) -> None:
    """A glossary term's rule across its fields (records.Kind.rules): its pinyin spells its
    characters, its traditional form is one OpenCC gives. ``node``: the record as read."""
    term = values.get("term")
    if not isinstance(term, str):
        return
    if isinstance(values.get("pinyin"), str):
        value = node.entries["pinyin"].value
        check_pinyin(term, values["pinyin"], value.span, diags, yaml11_type(value.value) if value.plain else "str")
    if isinstance(values.get("traditional"), str):
        check_traditional(term, values["traditional"], node.entries["traditional"].value.span, diags)
