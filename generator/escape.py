"""Record text is data: escape it so Markdown, HTML and Jinja in a record print literally.

Python-Markdown honours a backslash before the characters in its ESCAPED_CHARS (plus `|`
from the tables extension); a backslash before any other character stays visible, so only
those are escaped. `<` and `&` become HTML entities, so no tag or entity in a record can
reach the page as markup. Runs of whitespace are folded to one space: record text is one
paragraph, which keeps line-start syntax (headings, lists, quotes, code blocks) out of reach
except at the very start, handled below.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_ALWAYS = re.compile(r"([\\`*_{}\[\]()#|!])")
_LINE_START = re.compile(r"^(\d+)\.|^([-+])")


def md(text: object) -> Markup:
    """Escape any value for inline Markdown; already-safe Markup passes through unchanged."""
    if isinstance(text, Markup):
        return text
    if isinstance(text, int | float) and not isinstance(text, bool):
        return Markup(text)  # numbers are ours (counts, boosts), never record text
    folded = re.sub(r"\s+", " ", str(text))
    escaped = _ALWAYS.sub(r"\\\1", folded)
    escaped = _LINE_START.sub(lambda m: (m.group(1) + "\\." if m.group(1) else "\\" + m.group(2)), escaped)
    return Markup(html.escape(escaped, quote=False))


def attr(text: object) -> Markup:
    """Escape a value for an HTML attribute inside Markdown (stashed raw by Python-Markdown)."""
    return Markup(html.escape(str(text), quote=True))
