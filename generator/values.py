"""What a single written value may be: the patterns and rules the field types check values
against (fieldtypes.py), and the values they make (PartialDate, Ref)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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
ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "archive.li",
                 "archive.vn", "archive.md", "ghostarchive.org", "perma.cc", "webcitation.org")


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


_RESOLVER_TAGS = {"bool": "boolean", "int": "number", "float": "number", "null": "null", "timestamp": "date"}
_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1's implicit types, as other tools would read the text
_WRITTEN_PLAIN = (True, False)  # resolve the text as a value written without quotes


def yaml11_type(text: str) -> str:
    """What YAML 1.1 tools read an unquoted ``text`` as: "str", or "boolean", "number", …"""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, _WRITTEN_PLAIN).rpartition(":")[2]
    if tag == "str" and re.fullmatch(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?", text):
        return "number (sexagesimal)"
    return _RESOLVER_TAGS.get(tag, "str")
