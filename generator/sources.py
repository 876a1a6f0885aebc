"""Sources and their publishers, part of the link phase: every source's URL resolves to a
publisher record by its host (a domain or a subdomain of it, the longest match winning),
or, on a shared host where the account decides who speaks, by the source's `publisher_id`.
Then the rules on sources that need the publishers: the credited text names the publisher
(E307), a copy is never cited (E308), and an act of an authority has an official source (W304).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import Diagnostics, Span
from .records import PRIMARY_TYPES, Record
from .valuechecks import first_line
from .values import did_you_mean, host_of

Key = tuple[str, str]  # (kind, id)
# A host-like token at the end of a path segment: "crypto-news-coindesk.com", "https-notesbooks.wordpress.com".
HOST_TOKEN = re.compile(r"((?:[a-z0-9-]+\.)+[a-z]{2,})$")


def sources_of(record: Record) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every source of a record with its path ("sources[0]", "history[2].sources[1]"): its
    own, then those of each entry of an exchange's history."""
    for index, source in enumerate(record.get("sources", ())):
        yield f"sources[{index}]", source
    for entry, change in enumerate(record.get("history", ())):
        for index, source in enumerate(change.get("sources", ())):
            yield f"history[{entry}].sources[{index}]", source


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class Hosts:
    """Which publisher owns each host; a host claimed twice is E304 (the first claim wins)."""

    def __init__(self, publishers: dict[str, Record], diags: Diagnostics) -> None:
        self.owner: dict[str, Record] = {}
        for publisher in publishers.values():
            for index, domain in enumerate(publisher.get("domains", ())):
                first = self.owner.setdefault(domain, publisher)
                if first.id != publisher.id:
                    diags.add("E304", publisher.spans.get(f"domains[{index}]", first_line(publisher.span)),
                              f"host '{domain}' of publisher '{publisher.id}' already belongs to '{first.id}'",
                              "keep it on one publisher only")

    def lookup(self, host: str) -> Record | None:
        """The publisher of the longest domain that is the host or a parent of it."""
        labels = host.split(".")
        for start in range(len(labels)):
            found = self.owner.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


class Resolver:
    """Resolves the sources of every record and checks them; keeps what pages print."""

    def __init__(self, publishers: dict[str, Record], diags: Diagnostics, publishers_read: bool = True) -> None:
        self.publishers = publishers
        self.hosts = Hosts(publishers, diags)
        self.diags = diags
        self.read = publishers_read  # False when publishers.yaml failed to load: no W303 for every host
        self.cited: dict[Key, dict[str, Record]] = {}  # record → source path → its publisher
        self.cited_by: dict[str, list[Record]] = {}  # publisher id → records citing it, in the order read

    def record(self, record: Record) -> None:
        found: dict[str, Record] = {}
        for path, source in sources_of(record):
            if "url" not in source:
                continue  # its URL was invalid (already reported)
            publisher = self.resolve(record, path, source)
            if publisher is None:
                continue
            found[path] = publisher
            self.check(record, path, source, publisher)
            if (publisher.kind, publisher.id) != (record.kind, record.id):
                self.cited_by.setdefault(publisher.id, []).append(record)
        if found:
            self.cited[(record.kind, record.id)] = found
        if record.dated and record.get("type") in PRIMARY_TYPES and not record.get("primary_missing"):
            if not any(p.get("tier") == "official" for p in found.values()):
                self.diags.add("W304", record.spans.get("id", first_line(record.span)),
                               f"{record.get('type')} event '{record.id}' has no primary source; add the notice or "
                               "say why in `primary_missing`",
                               "cite the authority's own notice or ruling (a publisher of the `official` tier), or "
                               "add `primary_missing:` with the reason none can be cited")

    def resolve(self, record: Record, path: str, source: dict[str, Any]) -> Record | None:
        """The source's publisher: the host's, or on a shared host the one `publisher_id` names."""
        def span(name: str) -> Span:
            return record.spans.get(f"{path}.{name}", first_line(record.span))

        host = host_of(source["url"])
        by_host = self.hosts.lookup(host)
        given = source.get("publisher_id")
        named = self.publishers.get(given)
        if given and named is None and self.read:
            self.diags.add("E301", span("publisher_id"), f"unknown publisher '{given}' in 'publisher_id'",
                           did_you_mean(given, self.publishers) or "add the publisher to data/publishers.yaml first")
        if by_host is not None and by_host.get("shared"):
            if not given:
                self.diags.add("E305", span("url"), f"'{host}' is a shared host ({by_host.get('name')}): say whose "
                               "account this is in 'publisher_id'", "add `publisher_id:` with the account's publisher "
                               f"id (`{by_host.id}` itself for a post by an unnamed user)")
            return named or by_host
        if by_host is not None:
            if named is not None and named.id != by_host.id:
                self.diags.add("E306", span("publisher_id"), f"'publisher_id' is '{given}' but '{host}' belongs to "
                               f"'{by_host.id}'", f"drop `publisher_id`, or write `{by_host.id}`")
            return by_host
        if named is None and self.read and not given:
            self.diags.add("W303", span("url"), f"host '{host}' matches no publisher", new_publisher_hint(host))
        return named

    def check(self, record: Record, path: str, source: dict[str, Any], publisher: Record) -> None:
        """A copy is never cited (E308; a copy's own record may cite it as evidence); elsewhere
        the credited text names the publisher (E307)."""
        span = record.spans.get(f"{path}.url", first_line(record.span))
        if publisher.get("tier") == "copy":
            if (record.kind, record.id) != (publisher.kind, publisher.id):
                original = original_address(source["url"], publisher, self.hosts)
                why = publisher.get("summary") or f"publisher '{publisher.id}' in data/publishers.yaml"
                self.diags.add("E308", span, f"'{host_of(source['url'])}' is a copy, not a publisher ({why})",
                               f"cite the original: {original}" if original else
                               "cite the publisher's own page, or another source")
            return
        text = source.get("publisher")
        if text and not names_publisher(text, publisher):
            self.diags.add("E307", record.spans.get(f"{path}.publisher", span),
                           f"publisher '{text}' does not name '{publisher.get('name')}', the publisher of "
                           f"'{host_of(source['url'])}'",
                           f"write '{publisher.get('name')}' (or one of its aliases) in the text, e.g. "
                           f"'{publisher.get('name')} ({text})', or add the name as an alias of '{publisher.id}'")


def names_publisher(text: str, publisher: Record) -> bool:
    """The credited text holds the publisher's name, Chinese name, an alias or a domain."""
    names = [publisher.get("name"), publisher.get("name_zh"), *publisher.get("aliases", ()),
             *(d.removeprefix("www.") for d in publisher.get("domains", ()))]
    folded = fold(text)
    return any(fold(name) in folded for name in names if name)


def new_publisher_hint(host: str) -> str:
    """The `new publisher` template in one line, its domain filled in."""
    domain = host.removeprefix("www.")
    slug = "-".join(re.findall(r"[a-z0-9]+", domain.rsplit(".", 1)[0])) or "new-id"
    return (f"add it to data/publishers.yaml (`python -m generator new publisher --append` prints every field): "
            f"- id: {slug}, name: \"\", domains: [{domain}], tier: press, sources: [url, title, publisher]")


def original_address(url: str, copy: Record, hosts: Hosts) -> str | None:
    """The address a copy stands for, where it can be told: a host named in its path
    ("/crypto-news-coindesk.com/markets/…"), else the copy's `original` host with the same path."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    segments = parts.path.split("/")
    for index, segment in enumerate(segments):
        match = HOST_TOKEN.search(segment.lower())
        if not match:
            continue
        host = named_host(match.group(1), hosts)
        if host:
            rest = "/".join(segments[index + 1:])
            return f"https://{host}/{rest}{query}"
    if copy.get("original"):
        return f"{parts.scheme}://{copy.get('original')}{parts.path}{query}"
    return None


def named_host(token: str, hosts: Hosts) -> str | None:
    """In a path segment such as "crypto-news-coindesk.com" or "javascript-https-notesbooks.wordpress.com",
    the host it names: the longest hyphen-suffix that a publisher (not a copy) owns, else what
    follows "https-" or "http-"."""
    pieces = token.split("-")
    for start in range(len(pieces)):
        candidate = "-".join(pieces[start:])
        owner = hosts.lookup(candidate)
        if owner is not None and owner.get("tier") != "copy":
            return candidate
    for scheme in ("https-", "http-"):
        if scheme in token:
            return token.rsplit(scheme, 1)[1]
    return None
