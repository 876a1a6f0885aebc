"""Record text is data: escape it so Markdown, HTML and Jinja in a record print literally.

Python-Markdown honours a backslash before the characters in its ESCAPED_CHARS (plus `|`
from the tables extension); a backslash before any other character stays visible, so only
those are escaped. `<` and `&` become HTML entities, so no tag or entity in a record can
reach the page as markup. Runs of whitespace are folded to one space: record text is one
paragraph, which keeps line-start syntax (headings, lists, quotes, code blocks) out of reach
except at the very start, handled below.
"""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

# Chinese runs: Han characters and CJK punctuation, with digits and spaces allowed inside
# (银发〔2021〕237号 is one run). Each run is marked lang="zh-Hans" so screen readers speak
# it as Chinese and browsers pick a Chinese font; Latin letters end a run.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CHINESE_RUN = re.compile(f"[{_CJK}](?:[{_CJK}0-9 ]*[{_CJK}])?")
# Runs of whitespace other than a lone space (which folds to itself): most text has none.
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_ALWAYS = re.compile(r"([\\`*_{}\[\]()#|!])")
_LINE_START = re.compile(r"^(\d+)\.|^([-+])")


def md(text: object) -> Markup:
    """Escape any value for inline Markdown; already-safe Markup passes through unchanged."""
    if type(text) is str:  # the common case first: templates print hundreds of thousands at 10,000 events
        return _md_text(text)
    if isinstance(text, Markup):
        return text
    if isinstance(text, int | float) and not isinstance(text, bool):
        return Markup(text)  # numbers are ours (counts, boosts), never record text
    return _md_text(str(text))


@functools.lru_cache(maxsize=32768)  # 10,000 events: titles and names recur on many pages; ~10 MB
def _md_text(text: str) -> Markup:
    """md() of a string, cached: names, labels and publishers are printed on thousands of pages."""
    folded = _WHITESPACE.sub(" ", text)
    escaped = _ALWAYS.sub(r"\\\1", folded)
    if escaped[:1].isdecimal() or escaped[:1] in ("-", "+"):  # what _LINE_START can match (\d is any decimal digit)
        escaped = _LINE_START.sub(lambda m: (m.group(1) + "\\." if m.group(1) else "\\" + m.group(2)), escaped)
    return mark_chinese(html.escape(escaped, quote=False))


def mark_chinese(escaped: str) -> Markup:
    """Already-escaped HTML text with each Chinese run wrapped in <span lang="zh-Hans">."""
    return Markup(_CHINESE_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', escaped))


def zh(text: str, lang: str = "zh-Hans") -> Markup:
    """Text known to be Chinese in one script, e.g. a traditional form: lang="zh-Hant"."""
    body = md(text).replace('<span lang="zh-Hans">', "").replace("</span>", "")
    return Markup(f'<span lang="{lang}">{body}</span>')


def attr(text: object) -> Markup:
    """Escape a value for an HTML attribute inside Markdown (stashed raw by Python-Markdown)."""
    return Markup(html.escape(str(text), quote=True))
