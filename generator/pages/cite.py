"""“Cite this” on a record page: a plain-text citation and a BibTeX entry with the record's
permanent URL and last change; on Chinese pages the plain text follows GB/T 7714-2015, the
Chinese national standard for references (an online resource: [EB/OL])."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..escape import attr, mark_chinese, md
from ..history import NEW, Change
from ..opendata import page_url
from ..records import Record
from .common import SITE_TITLE, Site


def bibtex_escape(text: str) -> str:
    """Characters LaTeX treats as commands, escaped so a title prints as written."""
    return re.sub(r"\s+", " ", text).translate(BIBTEX_SPECIALS)


BIBTEX_SPECIALS = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                                 "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


def citation(record: Record, site: Site, title: str, change: Change | None) -> dict[str, Any]:
    """"Cite this": a plain-text line and a BibTeX entry with the permanent URL and last change
    (a record not committed yet, or with uncommitted changes, says so: see history.Change)."""
    change, edition = change or Change(), site.edition
    url = page_url(site.site_url, record)
    changed = change.date
    if change.pending == NEW and not changed:
        when = NEW
    else:
        when = f"last changed {changed}" if changed else "last change not recorded"
        when += f", {change.pending}" if change.pending else ""
    fields = [("title", "{" + bibtex_escape(title) + "}"), ("author", f"{{{SITE_TITLE} contributors}}"),
              ("howpublished", SITE_TITLE), ("url", url)]
    if changed:
        fields += [("year", changed[:4]), ("date", changed)]
    if changed or change.pending:
        fields.append(("note", when[0].upper() + when[1:]))
    if edition.chinese:
        fields.append(("language", "chinese"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    bibtex = f"@misc{{cccct-{record.kind}-{record.id},\n{body}\n}}"
    text = gbt7714(title, site, url, change) if edition.chinese else (
        Markup(f"{SITE_TITLE} contributors. “") + md(title) + Markup(f".” {SITE_TITLE}, {when}. <{attr(url)}>"))
    return {"text": text,
            # A raw <pre> block: Markdown leaves it alone, so record text is HTML-escaped here.
            "bibtex": Markup(f'<pre class="cite-bibtex"><code>{mark_chinese(attr(bibtex))}</code></pre>'),
            "changed": described(change, site)}


def gbt7714(title: str, site: Site, url: str, change: Change) -> Markup:
    """GB/T 7714-2015 for an online resource: 主要责任者. 题名[EB/OL]. 出版者, 出版年(更新或修改日期).
    获取和访问路径. The year and date are the last change's (YYYY-MM-DD, as the standard writes
    it); the access date [引用日期] goes after it when a reader copies the line (cite-copy.js):
    the site never writes one."""
    name = site.edition.t(SITE_TITLE)
    date = f", {change.date[:4]}({change.date})" if change.date else ""
    return Markup(f"{name}贡献者. ") + md(title) + Markup(f"[EB/OL]. {name}{date}. {attr(url)}.")


def described(change: Change, site: Site) -> str:
    """For "last changed: …", in the edition's words and dates."""
    edition = site.edition
    if not edition.chinese:
        return change.describe()
    parts = [edition.day(change.date) if change.date else None, change.pending]
    if not change.date and change.pending != NEW:
        parts[0] = "not recorded"
    return "，".join(edition.plain(p) if p and not p[0].isdigit() else p for p in parts if p)
