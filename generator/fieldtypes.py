"""Field types as objects: each knows how to check a written value (and what a missing one
means), describe itself in JSON Schema, show its placeholder in the template of `new`, name
itself on the contributing page and flatten a value into a CSV cell. The field table
(records.py) gives each field one of the instances at the bottom of this module or of
fieldlists.py (lists and mappings); nothing switches on a type's name.

``check`` takes the validator (validate.Validator) for what outlives one value: the
diagnostics, the spans and references of the record being read, and reading a nested
mapping against its fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .load import Mapping, Node, Scalar
from .valuechecks import control_free, first_line, good_host, good_id, good_text, good_url, plain, wrong
from .values import (
    ARCHIVE_PATTERN,
    DATE_PATTERN,
    DATE_RE,
    DERIVING_LIBRARIES,
    HOST_PATTERN,
    ID_PATTERN,
    INVISIBLE,
    LANGUAGE_PATTERN,
    LANGUAGE_RE,
    PartialDate,
    did_you_mean,
    placeholder_title,
)

if TYPE_CHECKING:
    from .records import Field
    from .validate import Validator

class FieldType:
    """The behaviour every type shares; a type overrides what differs."""

    label = ""  # on the contributing page
    placeholder = '""'  # after `name: ` in the template of `new`
    path_step = "."  # between the field's name and its own fields' on the contributing page
    described_once = False  # its own fields are listed the first time only (sources)

    def describe(self, spec: Field) -> str:
        return self.label

    def example(self, spec: Field) -> str:
        """The value the template of `new` shows (written as YAML)."""
        return self.placeholder

    def check(self, spec: Field, node: Node, v: Validator) -> Any:
        """The value as the build keeps it, or None after its diagnostics."""
        raise NotImplementedError

    def missing(self, spec: Field, entry, record: Mapping, v: Validator) -> None:
        """The field is absent (``entry`` None) or written empty."""
        if not spec.required:
            return
        if entry is None:
            v.diags.add("E201", first_line(record.span), f"missing required field '{spec.name}'", spec.doc)
        else:
            v.diags.add("E211", entry.value.span, f"'{spec.name}' is empty", spec.doc)

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        raise NotImplementedError

    def nested(self, indent: str) -> tuple[str, str] | None:
        """For a type of nested fields, the indent and first-line prefix of their lines in `new`."""
        return None

    def columns(self, spec: Field) -> list[str]:
        return [spec.name]

    def cell(self, value: Any) -> str:
        return str(plain(value))


class ScalarType(FieldType):
    """One written value. ``written``: its JSON Schema as the build writes it (a string or a
    boolean); ``read_by_yaml``: what YAML tools read from the unquoted forms `check` accepts,
    where that is not a string (a bare year, a number in a text field)."""

    written: dict[str, Any] = {}
    read_by_yaml: dict[str, Any] | None = None

    def check(self, spec: Field, node: Node, v: Validator) -> Any:
        if not isinstance(node, Scalar):
            return wrong(spec, node, "a single value", v)
        if not control_free(spec, node, v):
            return None
        return self.value(spec, node, v)

    def value(self, spec: Field, node: Scalar, v: Validator) -> Any:
        raise NotImplementedError

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return self.value_schema(yaml)

    def value_schema(self, yaml: bool) -> dict[str, Any]:
        """One value's JSON Schema: with ``yaml``, as YAML tools read the data file; else as written."""
        if yaml and self.read_by_yaml:
            return {"anyOf": [self.written, self.read_by_yaml]}
        return dict(self.written)


# Text: something that is not only whitespace, with no invisible or direction-changing character.
TEXT_SCHEMA: dict[str, Any] = {"type": "string", "allOf": [{"pattern": r"\S"},
                                                           {"pattern": "^[^" + INVISIBLE.pattern[1:-1] + "]*$"}]}
# A quote stands bare inside the character classes: ECMAScript's `u` mode rejects `\"` there.
URL_PATTERN = r'^https?://[^\s/@:<>"\\`]+(:[0-9]+)?([/?#][^\s<>"\\`]*)?$'
URL_SCHEMA: dict[str, Any] = {"type": "string", "pattern": URL_PATTERN}


class Text(ScalarType):
    label = "text"
    written = TEXT_SCHEMA
    read_by_yaml = {"type": ["number", "boolean"]}  # `check` warns (W201)

    def value(self, spec: Field, node: Scalar, v: Validator) -> Any:
        return node.value.strip() if good_text(spec, node, v) else None


# Chinese text holds at least one Han character: a `_zh` field left in English is a slip.
HAN_CLASS = "[\u3400-\u9fff\uf900-\ufaff]"


class ChineseText(Text):
    """Text in Chinese, the twin of an English field (records.Field.zh): it holds at least one
    Han character (E219); Latin names inside it (OKX, PBoC) are welcome."""

    label = "Chinese text"
    written = {**TEXT_SCHEMA, "allOf": [*TEXT_SCHEMA["allOf"], {"pattern": HAN_CLASS}]}

    def value(self, spec: Field, node: Scalar, v: Validator) -> Any:
        text = super().value(spec, node, v)
        if text is not None and not re.search(HAN_CLASS, text):
            v.diags.add("E219", node.span, f"'{spec.name}' has no Chinese characters",
                        f"write it in Chinese, or leave '{spec.name}' out: the Chinese edition then shows the "
                        "English text, marked as such")
            return None
        return text


class Title(Text):
    """A source's title as the page publishes it: not a description in brackets, not a note
    that the title was not shown (E215)."""

    def value(self, spec: Field, node: Scalar, v: Validator) -> Any:
        text = super().value(spec, node, v)
        if text is not None and (why := placeholder_title(text)):
            v.diags.add("E215", node.span, f"'{spec.name}' is a placeholder: {why}",
                        "copy the page's own title as it is published (its <title> or headline)")
        return text


class Host(ScalarType):
    """A host name, lowercase (`reuters.com`, `news.8btc.com`)."""

    label = "host"
    placeholder = '"example.com"'
    written = {"type": "string", "pattern": HOST_PATTERN}

    def value(self, spec: Field, node: Scalar, v: Validator) -> str | None:
        return node.value if good_host(spec, node, v) else None


class Id(ScalarType):
    label = "id"
    placeholder = '"new-id"'
    written = {"type": "string", "pattern": ID_PATTERN}

    def value(self, spec: Field, node: Scalar, v: Validator) -> Any:
        return node.value if good_id(node, "id", v) else None


class Date(ScalarType):
    """YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date, and unquoted only if YAML tools read
    the same year (1000-9999: no leading zero); a Day takes YYYY-MM-DD only."""

    label = "date"
    placeholder = '"YYYY-MM-DD"'
    whole_day = False
    written = {"type": "string", "pattern": DATE_PATTERN, "anyOf": [
        {"pattern": r"^[0-9]{4}$"}, {"pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"}, {"format": "date"}]}
    read_by_yaml = {"type": "integer", "minimum": 1000, "maximum": 9999}

    def value(self, spec: Field, node: Scalar, v: Validator) -> PartialDate | None:
        text = node.value.strip()
        if not DATE_RE.match(text):
            v.diags.add("E206", node.span, f"'{text}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        parts = [int(p) for p in text.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            v.diags.add("E206", node.span, f"'{text}' is not a real date ({exc})", "check the day and month")
            return None
        if node.plain and text.isdigit() and str(int(text)) != text:
            v.diags.add("E206", node.span, f"'{text}' unquoted is the number {int(text)} to YAML tools, not a year",
                        f'write it in quotes: "{text}"')
            return None
        if self.whole_day and len(parts) < 3:
            v.diags.add("E206", node.span, f"'{text}' is not a whole day", "write YYYY-MM-DD: the day it changed")
            return None
        return PartialDate(*parts, text=text)


class Day(Date):
    """A whole day, YYYY-MM-DD (the day a record last changed)."""

    label = "date, YYYY-MM-DD"
    whole_day = True
    written = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
    read_by_yaml = None


class Bool(ScalarType):
    label = "bool"
    placeholder = "true"
    written = {"type": "boolean"}

    def value(self, spec: Field, node: Scalar, v: Validator) -> bool | None:
        if node.value in ("true", "false") and node.plain:
            return node.value == "true"
        v.diags.add("E203", node.span, f"'{spec.name}' must be true or false, not '{node.value}'")
        return None

    def cell(self, value: Any) -> str:
        return "true" if value else "false"


class Enum(ScalarType):
    """One of the field's ``values``."""

    def describe(self, spec: Field) -> str:
        return Markup("one of: " + ", ".join(f"`{value}`" for value in spec.values))

    def example(self, spec: Field) -> str:
        return f'"{spec.values[0]}"'

    def value(self, spec: Field, node: Scalar, v: Validator) -> str | None:
        if node.value in spec.values:
            return node.value
        hint = did_you_mean(node.value, spec.values) or "one of: " + ", ".join(spec.values)
        v.diags.add("E207", node.span, f"'{node.value}' is not a valid {spec.name}; expected one of "
                    f"({', '.join(spec.values)})", hint)
        return None

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return {"enum": list(spec.values)}


class Language(ScalarType):
    label = "language"
    placeholder = '"en"'
    written = {"type": "string", "pattern": LANGUAGE_PATTERN}

    def value(self, spec: Field, node: Scalar, v: Validator) -> str | None:
        if LANGUAGE_RE.match(node.value):
            return node.value
        v.diags.add("E207", node.span, f"'{node.value}' is not a language code", "use a code such as en or zh")
        return None


class Url(ScalarType):
    """An http(s) address."""

    label = "url"
    placeholder = '"https://"'
    archive = False
    written = URL_SCHEMA

    def value(self, spec: Field, node: Scalar, v: Validator) -> str | None:
        return node.value if good_url(spec, node, v, self.archive) else None


class ArchiveUrl(Url):
    """The address of a copy in a known web archive."""

    label = "archive-url"
    placeholder = '"https://web.archive.org/web/"'
    archive = True
    written = {"type": "string", "allOf": [{"pattern": URL_PATTERN}, {"pattern": ARCHIVE_PATTERN}]}


class Provenance(ScalarType):
    """Where a reading came from: a source URL, or the library that derived it."""

    label = "provenance"
    placeholder = '"pypinyin"'
    written = {"anyOf": [{"enum": list(DERIVING_LIBRARIES)}, URL_SCHEMA]}

    def value(self, spec: Field, node: Scalar, v: Validator) -> str | None:
        text = node.value
        if text in DERIVING_LIBRARIES:
            return text
        if ":" in text:  # an address (http:// or not: good_url says what is wrong with it)
            return text if good_url(spec, node, v) else None
        v.diags.add("E207", node.span, f"'{text}' is neither a URL nor a known library",
                    did_you_mean(text, DERIVING_LIBRARIES) or "use a source URL, or one of: "
                    + ", ".join(DERIVING_LIBRARIES))
        return None


ID, TEXT, BOOL, ENUM, LANGUAGE = Id(), Text(), Bool(), Enum(), Language()
ZH_TEXT = ChineseText()
TITLE, HOST = Title(), Host()
DATE, DAY = Date(), Day()
URL, ARCHIVE_URL, PROVENANCE = Url(), ArchiveUrl(), Provenance()
