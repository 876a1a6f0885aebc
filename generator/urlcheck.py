"""`python -m generator links`: are the sources still there?

Every `url` and `archived` in the data is requested once (HEAD, then GET where HEAD is
refused), with a timeout, a few at a time, and at most `max_requests` in a run. A dead URL
(an HTTP error or no answer) or a redirect is reported where the URL is written, with a
hint to add an `archived` copy, so the record stays citable when a page disappears.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Diagnostics, Span
from .load import Mapping, Node, Scalar, Sequence, load_file
from .records import KINDS

USER_AGENT = "china-crypto-crackdown-tracker link checker (+https://github.com/china-crypto-crackdown-tracker)"


@dataclass(frozen=True)
class Link:
    url: str
    span: Span
    archived: bool  # the source already has an archived copy


def links_in(node: Node | None) -> Iterator[Link]:
    if isinstance(node, Sequence):
        for item in node.items:
            yield from links_in(item)
    elif isinstance(node, Mapping):
        archived = "archived" in node.entries
        for key, entry in node.entries.items():
            if key in ("url", "archived") and isinstance(entry.value, Scalar):
                yield Link(entry.value.value, entry.value.span, archived or key == "archived")
            else:
                yield from links_in(entry.value)


def probe(url: str, timeout: float) -> tuple[int | None, str | None]:
    """(status, redirect location or error text). Redirects are reported, not followed."""
    # Imported here: every command imports this module (the public API), only `links` asks the network.
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD: ask again with GET
            return exc.code, exc.headers.get("Location")
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return None, str(reason) or type(exc).__name__
    return None, "no answer"


@dataclass
class Checked:
    diagnostics: list[Diagnostic]  # dead and redirected URLs, where each is written, in file order
    checked: int  # URLs requested
    skipped: int  # URLs left out (max_requests)
    lines: dict[str, list[str]]  # each data file's lines, as read once, for the report's carets


def check_links(data_dir: Path, timeout: float = 10.0, max_requests: int = 500, workers: int = 4) -> Checked:
    """Report dead and redirected links where they are written; each data file is read once."""
    diags = Diagnostics()
    found: dict[str, list[Link]] = {}
    lines: dict[str, list[str]] = {}
    for kind in KINDS.values():
        doc = load_file(data_dir / kind.file, diags)
        lines[doc.path] = doc.lines
        for link in links_in(doc.root):
            if link.url.startswith(("http://", "https://")):
                found.setdefault(link.url, []).append(link)
    urls = sorted(found)[:max_requests]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = dict(zip(urls, pool.map(lambda u: probe(u, timeout), urls), strict=True))
    for url, (status, detail) in results.items():
        for link in found[url]:
            hint = None if link.archived else ("add an `archived` copy to the source (`python -m generator archive` "
                                               "finds one in the Wayback Machine)")
            if status is not None and 300 <= status < 400:
                diags.add("W302", link.span, f"source URL redirects (HTTP {status}) to {detail or '?'}",
                          "cite the final address" + ("" if link.archived else ", and add an `archived` copy"))
            elif status is None or status >= 400:
                why = f"HTTP {status}" if status is not None else f"no answer: {detail}"
                diags.add("W301", link.span, f"source URL is dead ({why})", hint)
    return Checked(diags.sorted(), len(urls), len(found) - len(urls), lines)
