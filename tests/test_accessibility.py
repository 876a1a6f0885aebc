"""Accessibility in real Chromium: axe-core finds no serious or critical violation on any kind
of page, a planted one is caught (so a broken check cannot pass silently), and every kind of
page is readable with JavaScript disabled.

axe-core is the copy shipped by the PyPI package axe-playwright-python (axe.min.js). It is
injected into the page, which the site's Content-Security-Policy refuses: the axe browser
context bypasses the CSP (tests/test_csp.py checks the policy itself).
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext

from tests.conftest import serve
from tests.test_browser import KINDS_OF_PAGE

AXE_SOURCE = (files("axe_playwright_python") / "axe.min.js").read_text("utf-8")
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.map(n => n.target.flat(Infinity).join(' >>> ')),
}))"""
BLOCKING = ("serious", "critical")

# Every kind of page: home, timeline, a record of each kind, the section indexes, the
# hand-written pages, and the 404 page (GitHub Pages serves it for any missing address);
# with any other the browser tests visit (the data/ page, a filtered timeline, …).
KINDS = ["", "timeline/", "events/2017-09-04-ico-ban/", "exchanges/", "exchanges/huobi/", "authorities/",
         "authorities/pboc/", "platforms/", "platforms/wechat/", "glossary/", "glossary/bitebi/", "publishers/",
         "publishers/reuters/", "about/", "methodology/", "contributing/", "404.html"]
PAGES = list(dict.fromkeys([*KINDS, *KINDS_OF_PAGE]))
NOT_PAGES = {"assets", "search"}


def page_id(path: str) -> str:
    return path.rstrip("/") or "home"


def pages_added_since(site: Path) -> list[str]:
    """Top-level pages built but not in PAGES (the data/ downloads page, …): checked as they appear."""
    known = {p.split("/", 1)[0] for p in PAGES} | NOT_PAGES
    return sorted(f"{d.name}/" for d in site.iterdir()
                  if d.is_dir() and d.name not in known and (d / "index.html").exists())


@contextlib.contextmanager
def serve_like_pages(site: Path, tmp: Path) -> Iterator[str]:
    """Serve the site under its site_url path, as GitHub Pages does.

    Pages link their assets relatively, but 404.html (served for any address) links them from
    the site_url path (/china-crypto-crackdown-tracker/assets/…): served at the root, the 404
    page would be checked without its stylesheets.
    """
    found = re.search(r'href="/([^"]*?)assets/stylesheets/main\.', (site / "404.html").read_text("utf-8"))
    prefix = found.group(1) if found else ""
    root = tmp / "pages-root"
    if prefix:
        mount = root / prefix.rstrip("/")
        mount.parent.mkdir(parents=True)
        mount.symlink_to(site.resolve(), target_is_directory=True)
    with serve(root if prefix else site) as base:
        yield base + prefix


@pytest.fixture(scope="module")
def base(built_site: Path, tmp_path_factory) -> Iterator[str]:
    with serve_like_pages(built_site, tmp_path_factory.mktemp("a11y")) as url:
        yield url


@pytest.fixture(scope="module")
def axe_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(bypass_csp=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def no_js_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


def axe_violations(context: BrowserContext, url: str) -> list[dict]:
    """axe-core's violations on a loaded page (after Material's scripts have run): id, impact, help, targets."""
    page = context.new_page()
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '-'}"
        # An error page or a stylesheet-less page would pass too easily: make sure it is one of ours.
        assert page.locator("article h1").count() == 1, f"{url}: no article heading"
        page.add_script_tag(content=AXE_SOURCE)
        return page.evaluate(RUN_AXE)
    finally:
        page.close()


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(where: str, violations: list[dict], most: int = 12) -> str:
    """One line per rule (id, impact, what it asks), then the offending elements' selectors."""
    lines = [f"{where}: {len(violations)} serious or critical axe-core violation(s)"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}, {len(v['targets'])} element(s)")
        lines += [f"    {t}" for t in v["targets"][:most]]
        if len(v["targets"]) > most:
            lines.append(f"    … and {len(v['targets']) - most} more")
    return "\n".join(lines)


def check_axe(context: BrowserContext, base: str, path: str) -> list[str]:
    found = blocking(axe_violations(context, base + path))
    return [describe(page_id(path), found)] if found else []


@pytest.mark.parametrize("path", PAGES, ids=[page_id(p) for p in PAGES])
def test_no_serious_axe_violation(axe_context: BrowserContext, base: str, path: str) -> None:
    problems = check_axe(axe_context, base, path)
    assert not problems, "\n".join(problems)


def test_no_serious_axe_violation_on_pages_added_since(axe_context: BrowserContext, base: str, built_site: Path) -> None:
    """Any other top-level page in the build (the /data/ downloads page, when it is there)."""
    problems = [p for path in pages_added_since(built_site) for p in check_axe(axe_context, base, path)]
    assert not problems, "\n".join(problems)


def test_the_axe_check_catches_a_planted_violation(axe_context: BrowserContext, built_site: Path,
                                                   tmp_path: Path) -> None:
    """The check above can fail: a copy of the site with one unlabelled button is caught."""
    planted = tmp_path / "site"
    shutil.copytree(built_site, planted)
    page = planted / "about" / "index.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace("</article>", '<button id="planted"></button></article>', 1), "utf-8")
    with serve_like_pages(planted, tmp_path) as planted_base:
        problems = check_axe(axe_context, planted_base, "about/")
    assert len(problems) == 1, problems
    report = problems[0].splitlines()
    rule = next((i for i, line in enumerate(report) if line.startswith("  button-name (critical): ")), None)
    assert rule is not None and report[rule + 1] == "    #planted", problems[0]


# JavaScript disabled: Material's pages are static HTML, its scripts only add search, the
# copy buttons and instant loading. Every kind of page must still be readable.

READABILITY = """() => {
  const article = document.querySelector('article.md-content__inner');
  if (!article) return null;
  const seen = e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && e.getClientRects().length > 0;
  const text = [...article.querySelectorAll('p, li, td, dd, blockquote')].filter(e => e.textContent.trim());
  const links = [...article.querySelectorAll('a[href]:not(.headerlink)')];
  const h1 = article.querySelector('h1');
  return {
    h1: h1 ? h1.textContent.replace('\\u00b6', '').trim() : null,
    h1Shown: h1 ? seen(h1) : false,
    textBlocks: text.length,
    hiddenText: text.filter(e => !seen(e)).map(e => e.outerHTML.slice(0, 120)),
    links: links.length,
    hiddenLinks: links.filter(e => !seen(e)).map(e => e.outerHTML.slice(0, 120)),
    shownLinks: links.filter(seen).map(e => new URL(e.href).pathname),
  };
}"""


def readability(context: BrowserContext, url: str) -> dict:
    page = context.new_page()
    try:
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '-'}"
        assert page.evaluate("document.documentElement.className") == "no-js"  # the scripts really did not run
        found = page.evaluate(READABILITY)
        assert found is not None, f"{url}: no article"
        return found
    finally:
        page.close()


def assert_readable(found: dict, path: str) -> None:
    where = page_id(path)
    assert found["h1"] and found["h1Shown"], f"{where}: the heading is missing or hidden"
    assert found["textBlocks"] >= 1, f"{where}: no text under the heading"
    assert found["hiddenText"] == [], f"{where}: text hidden without JavaScript"
    assert found["links"] >= 1, f"{where}: no link in the content"
    assert found["hiddenLinks"] == [], f"{where}: links hidden without JavaScript"


@pytest.mark.parametrize("path", PAGES, ids=[page_id(p) for p in PAGES])
def test_readable_without_javascript(no_js_context: BrowserContext, base: str, path: str) -> None:
    assert_readable(readability(no_js_context, base + path), path)


def test_pages_added_since_are_readable_without_javascript(no_js_context: BrowserContext, base: str,
                                                           built_site: Path) -> None:
    for path in pages_added_since(built_site):
        assert_readable(readability(no_js_context, base + path), path)


def test_the_timeline_lists_every_event_without_javascript(no_js_context: BrowserContext, base: str,
                                                           built_site: Path) -> None:
    events = yaml.safe_load((built_site.parent / "data" / "events.yaml").read_text("utf-8"))
    ids = sorted(e["id"] for e in events)
    found = readability(no_js_context, base + "timeline/")
    shown = sorted({m.group(1) for path in found["shownLinks"] if (m := re.search(r"/events/([^/]+)/$", path))})
    assert len(shown) == len(ids) == len(list((built_site / "events").glob("*/index.html")))
    assert shown == ids
