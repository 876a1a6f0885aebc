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

from .fieldlists import object_schema
from .records import KINDS, Kind


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
