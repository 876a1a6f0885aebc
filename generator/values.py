"""What a single written value may be: the patterns and rules the field types check values
against (fieldtypes.py), and the values they make (PartialDate, Ref)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import yaml

from .diagnostics import Span

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DATE_RE = re.compile(DATE_PATTERN)
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
LANGUAGE_RE = re.compile(LANGUAGE_PATTERN)
URL_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f<>\"\\`]")  # controls, and what HTML or Markdown would read
INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
DERIVING_LIBRARIES = ("pypinyin", "opencc")
# The archives an `archived` copy may be in: the Wayback Machine, archive.today (each of its
# domains) and perma.cc. ARCHIVE_PATTERN is the whole address each gives a copy; it is read
# alike by Python's re and ECMAScript (the JSON Schemas), so it has no flags: hosts in lowercase.
WAYBACK_HOST = "web.archive.org"
ARCHIVE_TODAY_HOSTS = ("archive.today", "archive.ph", "archive.is", "archive.li", "archive.md", "archive.vn", "archive.fo")
ARCHIVE_HOSTS = (WAYBACK_HOST, *ARCHIVE_TODAY_HOSTS, "perma.cc")
_PAGE = r"https?://[^\s/?#]+([/?#]\S*)?"  # the archived page's own address, as its copy's path holds it
_TODAY = r"archive\.(" + "|".join(h.split(".")[1] for h in ARCHIVE_TODAY_HOSTS) + ")"
ARCHIVE_PATTERN = ("^https?://(web\\.archive\\.org/web/[0-9]{4,14}([a-z]{2}_)?/" + _PAGE
                   + "|" + _TODAY + "/([0-9A-Za-z]{4,10}/?|[0-9]{4}(\\.?[0-9]{2}){2}-?[0-9]{6}/" + _PAGE + ")"
                   + "|perma\\.cc/[0-9A-Za-z]{4}-[0-9A-Za-z]{4}/?)$")
ARCHIVE_RE = re.compile(ARCHIVE_PATTERN)
ARCHIVE_FORMS = ("https://web.archive.org/web/<timestamp>/<the source's url>, an archive.today address "
                 "(https://archive.ph/<id>) or a perma.cc link (https://perma.cc/XXXX-XXXX)")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as the sources allow: year, year-month or a full day; kept as written."""

    year: int
    month: int = 0
    day: int = 0
    text: str = field(default="", compare=False)

    @property
    def precision(self) -> int:
        return 3 if self.day else 2 if self.month else 1

    def first_day(self) -> dt.date:
        """A coarser date sorts as its first day (2018-03 as 2018-03-01)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def truncated(self, precision: int) -> tuple[int, ...]:
        return (self.year, self.month, self.day)[:precision]

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Ref:
    """A reference to another record, with where it was written (for E301)."""

    kind: str
    id: str
    field: str
    span: Span


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, if one is at least 0.6 alike (difflib's ratio and its default cut-off)."""
    match = difflib.get_close_matches(word, list(choices))
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    best = closest(word, choices)
    return f"did you mean '{best}'?" if best else None


def url_problem(url: str) -> str | None:
    """Why a source URL is unsafe or unusable, or None. Only http(s) with a host; no credentials."""
    if url != url.strip() or re.search(r"\s", url):
        return "it contains spaces"
    if URL_FORBIDDEN.search(url):
        return "it contains a character that is not allowed in a URL"
    if url.startswith("//"):
        return "it has no scheme (protocol-relative)"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme '{parts.scheme or '(none)'}' is not http or https"
    if url.partition(":")[0] not in ("http", "https"):  # urlsplit lowercases the scheme: look at the text
        return "write the scheme in lowercase"
    if not parts.hostname:
        return "it has no host"
    if "@" in parts.netloc:  # a user name, a password, or an empty one
        return "it contains credentials"
    return None


def archive_problem(url: str) -> str | None:
    """Why ``url`` (an http(s) URL without problems of its own) is not a copy in a known web
    archive, or None."""
    parts = urlsplit(url)
    host = parts.netloc
    if host.lower() not in ARCHIVE_HOSTS:
        return f"'{host}' is not a known web archive"
    if host != host.lower():
        return "write the archive's host in lowercase"
    if ARCHIVE_RE.match(url):
        return None
    if host == WAYBACK_HOST:
        return "a Wayback Machine copy is web.archive.org/web/<timestamp>/ followed by the page's URL"
    if host == "perma.cc":
        return "a perma.cc link is perma.cc/ followed by its XXXX-XXXX code"
    return "an archive.today copy is its short link (archive.ph/<id>) or archive.ph/<timestamp>/<the page's URL>"


def archived_page(archived: str) -> str | None:
    """The address of the page an archive URL is a copy of, where the URL says it (the
    Wayback Machine's and archive.today's long forms), else None."""
    match = re.match(r"^https?://[^/]+/(web/)?[0-9][0-9.\-]{3,18}([a-z]{2}_)?/(https?://.*)$", archived)
    return match.group(3) if match and ARCHIVE_RE.match(archived) else None


def same_page(a: str, b: str) -> bool:
    """Whether two addresses name the same page as archives file it: the scheme, a `www.`,
    the host's case, a default port and a trailing slash aside."""
    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        return (parts.hostname or "").removeprefix("www."), unquote(parts.path.rstrip("/")), unquote(parts.query)
    return key(a) == key(b)


_RESOLVER_TAGS = {"bool": "boolean", "int": "number", "float": "number", "null": "null", "timestamp": "date"}
_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1's implicit types, as other tools would read the text
_WRITTEN_PLAIN = (True, False)  # resolve the text as a value written without quotes


def yaml11_type(text: str) -> str:
    """What YAML 1.1 tools read an unquoted ``text`` as: "str", or "boolean", "number", …"""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, _WRITTEN_PLAIN).rpartition(":")[2]
    if tag == "str" and re.fullmatch(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?", text):
        return "number (sexagesimal)"
    return _RESOLVER_TAGS.get(tag, "str")


# A host name as a publisher's `domains` list it: lowercase labels of letters, digits and
# inner hyphens, at least two of them (`reuters.com`, `news.8btc.com`) or an IPv4 address.
HOST_PATTERN = r"^(([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?|[0-9]{1,3}(\.[0-9]{1,3}){3})$"
HOST_RE = re.compile(HOST_PATTERN)
# Brackets that may enclose a whole title, ASCII and full-width: a title wholly inside one
# pair describes a page instead of naming it ("(news flash list)").
BRACKETS = {"(": ")", "[": "]", "（": "）", "【": "】", "〔": "〕", "［": "］", "{": "}"}
# A title that says it is not the page's title.
NOT_A_TITLE = re.compile(r"\btitle\b[^.;]*\b(not (shown|given|visible|known|available)|unknown|truncated|missing)\b"
                         r"|\b(untitled|no title)\b|标题(不详|未知|缺失)", re.IGNORECASE)


def host_of(url: str) -> str:
    """The lowercase host of a URL, without a trailing dot ("" when it has none)."""
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def wholly_bracketed(text: str) -> bool:
    """The text is one bracketed group: it opens with a bracket whose match is its last
    character ("(…)", "【…】"); "【快讯】 headline" and "(Bloomberg) headline" are not."""
    text = text.strip()
    close = BRACKETS.get(text[:1])
    if not close or not text.endswith(close) or len(text) < 2:
        return False
    depth = 0
    for index, char in enumerate(text):
        if char == text[0]:
            depth += 1
        elif char == close:
            depth -= 1
            if depth == 0:
                return index == len(text) - 1
    return False


def placeholder_title(title: str) -> str | None:
    """Why a source title is a placeholder rather than the page's own title, or None."""
    if wholly_bracketed(title):
        return "it is wholly in brackets: a description, not the page's title"
    if NOT_A_TITLE.search(title):
        return "it says the title was not shown, unknown or truncated"
    return None
