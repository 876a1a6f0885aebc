"""The checks that several field types share (fieldtypes.py, fieldlists.py). Each reports its
diagnostic through the validator and says whether the value passed; none returns a value."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from .diagnostics import Span
from .load import CONTROL_CHARS, Mapping, Node, Scalar, Sequence
from .values import ARCHIVE_FORMS, HOST_RE, ID_RE, INVISIBLE, PartialDate, archive_problem, url_problem, yaml11_type

if TYPE_CHECKING:
    from .records import Field
    from .validate import Validator

TYPE_NAMES = {Scalar: "a single value", Sequence: "a list", Mapping: "a mapping"}


def first_line(span: Span) -> Span:
    """A record's location is its first line, not the 25 lines it spans (annotations stay small)."""
    return Span(span.file, span.line, span.column, span.line, span.column + 1)


def plain(value: Any) -> Any:
    """A record value as JSON: dates as written ("2018-03"), mappings and lists kept."""
    if isinstance(value, PartialDate):
        return value.text
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def wrong(spec: Field, node: Node, expected: str, v: Validator) -> None:
    v.diags.add("E203", node.span, f"'{spec.name}' must be {expected}, found {TYPE_NAMES[type(node)]}", spec.doc)


def control_free(spec: Field, node: Scalar, v: Validator) -> bool:
    """A control character written as an escape ("\\x01"): the file is clean, the value is not,
    and XML (the feeds) cannot carry it at all."""
    control = CONTROL_CHARS.search(node.value)
    if control:
        v.diags.add("E110", node.span, f"'{spec.name}' contains the control character U+{ord(control.group()):04X}",
                    "remove the escape sequence (feeds, calendars and pages cannot carry it)")
    return not control


def good_text(spec: Field, node: Scalar, v: Validator) -> bool:
    if not node.value.strip():
        v.diags.add("E211", node.span, f"'{spec.name}' is empty", spec.doc)
        return False
    invisible = INVISIBLE.search(node.value)
    if invisible:
        v.diags.add("E212", node.span, f"'{spec.name}' contains the invisible character "
                    f"U+{ord(invisible.group()):04X}", "delete it (it can hide or reorder text)")
        return False
    if node.plain and (tag := yaml11_type(node.value)) != "str":
        v.diags.add("W201", node.span, f"'{node.value}' is unquoted: YAML 1.1 tools read it as a {tag}",
                    f'write it in quotes: "{node.value}"')
    return True


def good_id(node: Scalar, what: str, v: Validator) -> bool:
    value = node.value
    if ID_RE.match(value):
        return True
    folded = "".join(c for c in unicodedata.normalize("NFKD", value) if c.isascii()).lower()  # accents dropped
    suggestion = "-".join(re.findall(r"[a-z0-9]+", folded))
    hint = f"try '{suggestion}'" if suggestion else None  # a valid id, when there is one
    odd = [c for c in value if not (c.isascii() and c.isprintable())]
    detail = f" (it contains {', '.join(f'U+{ord(c):04X}' for c in odd[:3])})" if odd else ""
    v.diags.add("E204", node.span, f"'{value}' is not a valid {what}{detail}: use lowercase a-z, 0-9 and "
                "single hyphens", hint)
    return False


def good_url(spec: Field, node: Scalar, v: Validator, archive: bool = False) -> bool:
    """An http(s) URL without credentials or spaces; with ``archive``, a copy's address in a
    known web archive (values.ARCHIVE_PATTERN). E208 otherwise, with a hint for the case."""
    problem = url_problem(node.value)
    hint = "use a full http:// or https:// address"
    if problem is None and archive:
        problem = archive_problem(node.value)
        hint = f"write {ARCHIVE_FORMS}"
    if problem:
        v.diags.add("E208", node.span, f"invalid URL in '{spec.name}': {problem}", hint)
        return False
    return True


def good_host(spec: Field, node: Scalar, v: Validator) -> bool:
    if HOST_RE.match(node.value):
        return True
    text = node.value.strip().lower()
    before, scheme, after = text.partition("://")
    suggestion = (after if scheme else before).partition("/")[0]
    hint = f"write '{suggestion}'" if HOST_RE.match(suggestion) else "write the host alone, in lowercase: reuters.com"
    v.diags.add("E216", node.span, f"'{node.value}' in '{spec.name}' is not a host name", hint)
    return False


