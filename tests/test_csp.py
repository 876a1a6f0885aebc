"""The Content-Security-Policy: no violation on any kind of page, search still works, and a
planted inline script is refused (so a broken check cannot pass silently)."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser

from tests.conftest import serve
from tests.test_browser import KINDS_OF_PAGE, search

RECORD = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')), true);"""


def violations(browser: Browser, base: str, paths: list[str], query: str | None = None) -> tuple[list[str], list[str]]:
    page = browser.new_page()
    page.add_init_script(RECORD)
    found: list[str] = []
    results: list[str] = []
    try:
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            found += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        if query:
            results = search(page, base, query)
            found += [f"search: {v}" for v in page.evaluate("window.__csp")]
    finally:
        page.close()
    return found, results


def test_every_page_has_a_policy(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        text = html.read_text("utf-8")
        if "<head>" in text:
            assert '<meta http-equiv="Content-Security-Policy"' in text, html


def test_no_violation_and_search_works(browser: Browser, site_url: str) -> None:
    found, results = violations(browser, site_url, KINDS_OF_PAGE, query="Huobi")
    assert found == []
    assert results and results[0].endswith("/exchanges/huobi/")


def test_a_planted_inline_script_is_refused(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    planted = tmp_path / "site"
    shutil.copytree(built_site, planted)
    page = planted / "about" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", "<script>window.__ran = 1</script></article>"), "utf-8")
    with serve(planted) as base:
        found, _ = violations(browser, base, ["about/"])
    assert found and all("script-src" in v for v in found)


def test_only_the_templates_inline_scripts_are_allowed_not_one_in_a_page_s_text() -> None:
    """A script that reaches a page through Markdown (a hand-written page, a record text that
    escaped escaping) gets no hash, so the policy refuses it even though it was there at build."""
    from generator.mkdocs_hook import on_post_page
    from generator.mkdocs_hook import script_hash as allowed

    html = ('<html><head><script>var theme = 1</script></head><body><article class="md-content__inner">'
            "<script>window.__pwned = 1</script></article><script>var palette = 2</script></body></html>")
    policy = on_post_page(html, None, None).split('content="', 1)[1].split('"', 1)[0]
    assert allowed("var theme = 1") in policy and allowed("var palette = 2") in policy
    assert allowed("window.__pwned = 1") not in policy
