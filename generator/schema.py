"""JSON Schemas of the record files, generated from the same field table the validator walks.

Editors use them (through the `yaml-language-server` comment at the top of each data file)
to autocomplete fields and flag mistakes while typing. They are committed under `schema/`,
and a test fails when they are out of date (`python -m generator docs` refreshes them).
The validator stays the authority: cross-record rules (duplicate ids, references, aliases)
and warnings are its alone.
"""

from __future__ import annotations

import json
from typing import Any

from .records import ARCHIVE_HOSTS, DATE_PATTERN, DERIVING_LIBRARIES, ID_PATTERN, KINDS, Field, Kind
from .validate import INVISIBLE

# Text: something that is not only whitespace, with no invisible or direction-changing character.
_NO_INVISIBLE = "^[^" + INVISIBLE.pattern[1:-1] + "]*$"
TEXT: dict[str, Any] = {"type": "string", "allOf": [{"pattern": r"\S"}, {"pattern": _NO_INVISIBLE}]}
DATE: dict[str, Any] = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "anyOf": [{"pattern": r"^[0-9]{4}$"}, {"pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"}, {"format": "date"}],
}
_URL = r"^https?://[^\s/@:<>\"\\`]+(:[0-9]+)?([/?#][^\s<>\"\\`]*)?$"
URL: dict[str, Any] = {"type": "string", "pattern": _URL}
_ARCHIVE = "^https?://([^/@:]+\\.)?(" + "|".join(h.replace(".", "\\.") for h in ARCHIVE_HOSTS) + ")(:[0-9]+)?([/?#].*)?$"


def field_schema(spec: Field) -> dict[str, Any]:
    base: dict[str, Any]
    if spec.type == "id":
        base = {"type": "string", "pattern": ID_PATTERN}
    elif spec.type == "text":
        base = dict(TEXT)
    elif spec.type == "date":
        base = dict(DATE)
    elif spec.type == "enum":
        base = {"enum": list(spec.values)}
    elif spec.type == "bool":
        base = {"type": "boolean"}
    elif spec.type == "url":
        base = dict(URL)
    elif spec.type == "archive-url":
        base = {"type": "string", "allOf": [{"pattern": _URL}, {"pattern": _ARCHIVE}]}
    elif spec.type == "language":
        base = {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}
    elif spec.type == "provenance":
        base = {"anyOf": [{"enum": list(DERIVING_LIBRARIES)}, dict(URL)]}
    elif spec.type == "refs":
        base = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}
    elif spec.type == "texts":
        base = {"type": "array", "items": dict(TEXT)}
    elif spec.type == "mapping":
        base = object_schema(spec.fields)
    elif spec.type == "list":
        base = {"type": "array", "items": object_schema(spec.fields)}
        if spec.name == "sources":
            base["minItems"] = 1
    else:  # pragma: no cover - the table only uses the types above
        raise ValueError(spec.type)
    return {"description": spec.doc, **base}


def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def kind_schema(kind: Kind) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/china-crypto-crackdown-tracker/schema/{schema_name(kind)}",
        "title": f"China Crypto Crackdown Tracker: data/{kind.file}",
        "description": f"A list of {kind.plural}. Generated from generator/records.py; do not edit.",
        "type": "array",
        "items": object_schema(kind.fields),
    }


def schema_name(kind: Kind) -> str:
    """Named after the data file it describes: glossary.yaml → glossary.schema.json."""
    return kind.file.removesuffix(".yaml") + ".schema.json"


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
    schema = kind_schema(kind)
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
