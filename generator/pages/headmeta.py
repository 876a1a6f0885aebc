"""What a record page puts in its <head> for search engines and reference managers: a meta
description from the record's own summary, and the tags Zotero's "Embedded Metadata" translator
and Google Scholar read (Highwire Press `citation_*`, Dublin Core `DC.*`, Open Graph `og:*`).

Values are plain text here, written into the page's front matter as JSON (which YAML reads
as it is); overrides/main.html escapes each one as it prints it, so record text never becomes
markup. Only the site's own facts go in: a record has no personal authors, so there is no
`citation_author` (Zotero would split "… contributors" into a first and a last name).
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..editions import EN, Edition
from ..history import Change
from ..records import Record
from .common import SITE_TITLE

DESCRIPTION_LIMIT = 200  # characters: search engines show about 150-160, Zotero keeps it all as the abstract


def description(summary: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The summary on one line, whole if it fits in ``limit`` characters; else cut after its
    last sentence that fits (if that keeps at least half), or at a word boundary with "…"."""
    text = " ".join(summary.split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    sentence = max(head.rfind(". "), head.rfind("。"), head.rfind("; "))
    if sentence >= limit // 2:
        return head[:sentence + 1]
    space = head.rfind(" ")
    return (head[:space] if space >= limit // 2 else head).rstrip(" ,;:(") + "…"


def head_tags(record: Record, title: str, url: str, change: Change | None,
              edition: Edition = EN) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of each <meta> element of the record's page, in order:
    `name` for the description, Highwire and Dublin Core, `property` for Open Graph. The date
    is the record's last committed change (the date of this version of the page), none if it is
    not recorded; Highwire writes it YYYY/MM/DD (Google Scholar's form, which Zotero parses),
    Dublin Core as written (ISO 8601)."""
    tags = []
    summary = record.get("summary_zh") or record.get("summary") if edition.chinese else record.get("summary")
    site_title, language = edition.plain(SITE_TITLE), edition.lang
    if summary:
        tags.append(("name", "description", description(summary)))
    date = change.date if change else None
    tags += [("name", "citation_title", title)]
    if date:
        tags.append(("name", "citation_publication_date", date.replace("-", "/")))
    tags += [("name", "citation_public_url", url), ("name", "citation_language", language),
             ("name", "DC.title", title), ("name", "DC.publisher", site_title)]
    if date:
        tags.append(("name", "DC.date", date))
    tags += [("name", "DC.identifier", url), ("name", "DC.language", language),
             # og:type "website" makes the item a web page in Zotero (RDF.js, detectType), whose
             # "Website Title" is og:site_name.
             ("property", "og:type", "website"), ("property", "og:site_name", site_title),
             ("property", "og:title", title), ("property", "og:url", url)]
    if summary:
        tags.append(("property", "og:description", description(summary)))
    return tags


def front_matter(tags: list[tuple[str, str, str]]) -> Markup:
    """The tags as one line of JSON for the page's front matter (`head_meta:`), which YAML reads
    unchanged whatever the record's text holds (quotes, colons, newlines, `</script>`)."""
    text = json.dumps([list(t) for t in tags], ensure_ascii=False)
    # YAML 1.1 (PyYAML) takes these for line breaks, even inside a quoted string; JSON need not.
    return Markup(text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
