"""Glossary term pages: the term in both scripts, its pinyin and its English (term.md.j2)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..escape import md
from ..page import Page
from ..records import Record
from .common import RelativeLinks, Site, external
from .record import named_context, record_pages

LIBRARY_WORDS = {"pypinyin": "generated with the pypinyin library, checked by hand",
                 "opencc": "converted by machine with OpenCC"}  # labels_zh.LABELS has them in Chinese


def pages(site: Site) -> list[Page]:
    return record_pages(site, "term", term_context)


def term_context(term: Record, site: Site, links: RelativeLinks) -> dict[str, Any]:
    return {**named_context(term, site, links),
            "english_short": site.edition.english(short_english(term.values["english"])),
            "pinyin_from": provenance(term.get("pinyin_source"), site),
            "traditional_from": provenance(term.get("traditional_source"), site)}


def short_english(english: str) -> str:
    """The equivalent before any gloss: "'cutting leeks' - fleecing small investors" → "'cutting leeks'".

    Page titles weigh most in search: a gloss in the title (which may name WeChat or OKEx)
    would rank the term above the record a reader is looking for."""
    return re.split(r" - |; |\. ", english, maxsplit=1)[0].strip()


def provenance(value: str | None, site: Site) -> Markup | str:
    """Where a reading came from, in a reader's words: a source link, or how a library derived it."""
    if not value:
        return ""
    if value.startswith(("http://", "https://")):
        return external(value, site.edition.t("source"))
    return site.edition.t(LIBRARY_WORDS[value]) if value in LIBRARY_WORDS else md(value)
