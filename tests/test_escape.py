"""Record text is data: every markup form prints literally once rendered by Python-Markdown."""

from __future__ import annotations

import markdown
import pytest

from generator.escape import attr, md

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//x>", "[x](javascript:alert(1))",
    "![i](http://evil.invalid/i.png)", "[ref][1]", "*[HTML]: Hyper", "<!-- hidden -->", "{{ 7*7 }}", "{% raw %}",
    "# heading", "1. list", "- item", "+ item", "> quote", "`code`", "**bold** _em_", "a | b", "&amp; &lt;",
]


def render(text: str) -> str:
    return markdown.markdown(md(text), extensions=["tables", "toc", "attr_list", "admonition"])


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_prints_literally(text: str) -> None:
    html = render(text)
    assert html.startswith("<p>") and html.endswith("</p>")
    for tag in ("<script", "<img", "<iframe", "<a ", "<h1", "<ol", "<ul", "<blockquote", "<code", "<strong", "<em"):
        assert tag not in html
    # The visible text is the record's text, character for character.
    import html as htmllib
    import re

    assert htmllib.unescape(re.sub(r"^<p>|</p>$", "", html)) == text


def test_attribute_escaping() -> None:
    assert attr('x" onmouseover="a') == "x&quot; onmouseover=&quot;a"
