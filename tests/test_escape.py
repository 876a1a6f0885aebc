"""Record text is data: every markup form prints literally once rendered by Python-Markdown."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def plain_md(text: str) -> str:
    """md() without its fast paths: the rules as first written (whitespace folded, Markdown's
    escapable characters and a line-start list marker backslashed, HTML escaped)."""
    import html as htmllib
    import re

    from generator.escape import mark_chinese

    folded = re.sub(r"\s+", " ", text)
    escaped = re.sub(r"([\\`*_{}\[\]()#|!])", r"\\\1", folded)
    escaped = re.sub(r"^(\d+)\.|^([-+])", lambda m: m.group(1) + "\\." if m.group(1) else "\\" + m.group(2), escaped)
    return mark_chinese(htmllib.escape(escaped, quote=False))


def test_a_list_number_in_any_script_is_escaped() -> None:
    assert md("٣. bar") == "٣\\. bar"  # Arabic-Indic three: Python-Markdown's \d takes it for a list number
    assert md("१२. bar") == "१२\\. bar"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1٣१.-+\t\n\u3000\xa0*_#|![]()`{}\\<&>比特币")), max_size=20))
def test_fast_paths_escape_as_the_plain_rules_do(text: str) -> None:
    assert md(text) == plain_md(text)
