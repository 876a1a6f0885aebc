"""JSON Schemas of the record files, generated from the same field table the validator walks.

Editors use them (through the `yaml-language-server` comment at the top of each data file,
`schema_comment`)
to autocomplete fields and flag mistakes while typing. They are committed under `schema/`,
and a test fails when they are out of date (`python -m generator docs` refreshes them).
The validator stays the authority: cross-record rules (duplicate ids, references, aliases)
and warnings are its alone.
"""

from __future__ import annotations

import json
from typing import Any

from .records import ARCHIVE_HOSTS, DATE_PATTERN, DERIVING_LIBRARIES, ID_PATTERN, KINDS, Field, Kind
from .validate import INVISIBLE, LANGUAGE_PATTERN

# Text: something that is not only whitespace, with no invisible or direction-changing character.
_NO_INVISIBLE = "^[^" + INVISIBLE.pattern[1:-1] + "]*$"
TEXT: dict[str, Any] = {"type": "string", "allOf": [{"pattern": r"\S"}, {"pattern": _NO_INVISIBLE}]}
DATE: dict[str, Any] = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "anyOf": [{"pattern": r"^[0-9]{4}$"}, {"pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"}, {"format": "date"}],
}
# A quote stands bare inside the character classes: ECMAScript's `u` mode rejects `\"` there.
_URL = r'^https?://[^\s/@:<>"\\`]+(:[0-9]+)?([/?#][^\s<>"\\`]*)?$'
URL: dict[str, Any] = {"type": "string", "pattern": _URL}
_ARCHIVE = "^https?://([^/@:]+\\.)?(" + "|".join(h.replace(".", "\\.") for h in ARCHIVE_HOSTS) + ")(:[0-9]+)?([/?#].*)?$"

# Each scalar type as the build writes it: always a string (or a boolean).
WRITTEN: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": ID_PATTERN},
    "text": TEXT,
    "date": DATE,
    "day": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
    "bool": {"type": "boolean"},
    "url": URL,
    "archive-url": {"type": "string", "allOf": [{"pattern": _URL}, {"pattern": _ARCHIVE}]},
    "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
    "provenance": {"anyOf": [{"enum": list(DERIVING_LIBRARIES)}, URL]},
}
# What YAML tools (editors, check-jsonschema) read from the unquoted forms `check` accepts for
# a type, where that is not a string: a bare year (`date: 2022`; `check` takes four digits
# without a leading zero), or a number or boolean in a text field (`check` warns, W201).
READ_BY_YAML: dict[str, dict[str, Any]] = {
    "date": {"type": "integer", "minimum": 1000, "maximum": 9999},
    "text": {"type": ["number", "boolean"]},
}


def scalar_schema(type_: str, yaml: bool) -> dict[str, Any]:
    """One value of a scalar field type: the string the build writes, and with ``yaml`` also
    what a YAML tool reads from the unquoted forms the validator accepts."""
    if yaml and type_ in READ_BY_YAML:
        return {"anyOf": [WRITTEN[type_], READ_BY_YAML[type_]]}
    return dict(WRITTEN[type_])


def field_schema(spec: Field, yaml: bool = True) -> dict[str, Any]:
    """One field's schema, with its doc as description: ``yaml`` for the data files as YAML
    tools read them, else for the downloads, which write every date and text as a string."""
    base: dict[str, Any]
    if spec.type == "enum":
        base = {"enum": list(spec.values)}
    elif spec.type in ("refs", "texts"):
        base = {"type": "array", "items": scalar_schema("id" if spec.type == "refs" else "text", yaml)}
    elif spec.type == "mapping":
        base = object_schema(spec.fields, yaml)
    elif spec.type == "list":
        base = {"type": "array", "items": object_schema(spec.fields, yaml)}
        if spec.name == "sources":
            base["minItems"] = 1
    else:
        base = scalar_schema(spec.type, yaml)
    return {"description": spec.doc, **base}


def object_schema(fields: tuple[Field, ...], yaml: bool = True) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: field_schema(f, yaml) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def kind_schema(kind: Kind, yaml: bool = True) -> dict[str, Any]:
    """The schema of a list of ``kind``'s records: of data/<file> as YAML tools read it
    (``yaml``), or of the records as the downloads write them."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/china-crypto-crackdown-tracker/schema/{schema_name(kind)}",
        "title": f"China Crypto Crackdown Tracker: data/{kind.file}",
        "description": f"A list of {kind.plural}. Generated from generator/records.py; do not edit.",
        "type": "array",
        "items": object_schema(kind.fields, yaml),
    }


def schema_name(kind: Kind) -> str:
    """Named after the data file it describes: glossary.yaml → glossary.schema.json."""
    return kind.file.removesuffix(".yaml") + ".schema.json"


def schema_comment(kind: Kind) -> str:
    """The first line of data/<file> that points editors (the YAML language server) at its
    committed schema, by a path relative to data/."""
    return f"# yaml-language-server: $schema=../schema/{schema_name(kind)}"


def schema_files() -> dict[str, str]:
    """File name → JSON text, for every kind."""
    return {schema_name(k): json.dumps(kind_schema(k), ensure_ascii=False, indent=2) + "\n" for k in KINDS.values()}


def download_schema(kind: Kind) -> dict[str, Any]:
    """The schema of the site's /data/<kind>.json: the records as contributed, plus the two
    fields the build adds (the page's permanent URL and the last-changed date).

    `last_changed` is a committed fact, as the published site (built from a commit) has it: a
    local build of a working copy gives a record with uncommitted edits its last commit's date,
    and a record not committed yet null (its `updated` field if it has one), never the build
    time. Only the record's page says what is not committed (history.Change)."""
    schema = kind_schema(kind, yaml=False)
    items = dict(schema["items"])
    items["properties"] = dict(items["properties"],
                               url={"description": "Permanent address of the record's page.", "type": "string"},
                               last_changed={"description": "Date the record last changed: its `updated` field, else "
                                                            "the date of the last commit that changed its lines (edits "
                                                            "not committed yet do not count); else null (no git history, "
                                                            "or the record is not committed yet).",
                                             "type": ["string", "null"]})
    items["required"] = [*items["required"], "url", "last_changed"]
    return dict(schema, title=f"China Crypto Crackdown Tracker: /data/{kind.plural}.json",
                description=f"A list of {kind.plural} as published on the site. Generated from generator/records.py.",
                items=items, **{"$id": f"https://github.com/china-crypto-crackdown-tracker/schema/download/{kind.plural}.json"})
