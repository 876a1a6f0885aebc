"""The theme files copied into overrides/ (to fix the Nu HTML Checker's errors on Material's
pages) differ from the installed Material's only where intended. The checker itself runs on
every page in `make audit` (audit/run.py fails on any error): it needs Java and npm, and takes
longer than `make test` allows."""

from __future__ import annotations

import re
from pathlib import Path

import material

from tests.conftest import ROOT

THEME = Path(material.__file__).parent / "templates"


def without_header(text: str) -> str:
    """A template without its opening comment (Material's "generated" notice, or ours)."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


# Material's head links to `extra.alternate` (the language switch's targets); ours, to each page's
# twins by full address, with a rel Material's sitemap fetch skips (ARCHITECTURE.md, two editions).
THEIR_ALTERNATE = re.compile(r"\n *\{% if config\.extra\.alternate is iterable %\}.*?\{% endif %\}", re.S)
OUR_HREFLANG = re.compile(r"\n *\{#- The page in each edition.*?\{% endfor %\}", re.S)


def test_base_html_is_materials_without_autocomplete_on_checkboxes() -> None:
    ours, theirs = (without_header((d / "base.html").read_text("utf-8")) for d in (ROOT / "overrides", THEME))
    assert theirs.count(' type="checkbox" id="__drawer" autocomplete="off">') == 1, "Material changed: re-copy"
    assert len(THEIR_ALTERNATE.findall(theirs)) == 1 and len(OUR_HREFLANG.findall(ours)) == 1, "Material changed: re-copy"
    assert OUR_HREFLANG.sub("", ours) == THEIR_ALTERNATE.sub("", theirs).replace(
        ' autocomplete="off">\n    <input class="md-toggle" data-md-toggle="search"',
        '>\n    <input class="md-toggle" data-md-toggle="search"').replace('id="__search" autocomplete="off">', 'id="__search">')


def test_toc_partial_is_materials_with_a_plain_title_off_the_nav() -> None:
    ours = without_header((ROOT / "overrides" / "partials" / "toc.html").read_text("utf-8"))
    theirs = without_header((THEME / "partials" / "toc.html").read_text("utf-8"))
    added = re.search(r"\n *\{#- The label closes.*?#\}\n *\{% if page in nav.pages %\}\n", ours, re.S)
    assert added, "the change is marked"
    rest = ours.replace(added.group(0), "\n", 1)
    rest = re.sub(r"\n *\{% else %\}\n *<div class=\"md-nav__title\">\n *\{\{ title \}\}\n *</div>\n *\{% endif %\}", "",
                  rest, count=1)
    assert rest == theirs, "overrides/partials/toc.html differs from Material's beyond the marked change: re-copy"
