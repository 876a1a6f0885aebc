"""The committed JSON Schemas are current, and they agree with the validator on every
single-record shape case (fields, types, enums, formats) in tests/cases/.

Files are read as the strings the contributor wrote (our loader, not PyYAML's constructor),
so `2018-02-30` or `no` reach the schema as text, exactly as they reach the validator.
Cross-record rules (duplicate ids, references, aliases), file-level errors and warnings are
the validator's alone, so they are not compared.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import regress
from jsonschema import Draft202012Validator, FormatChecker

from generator.diagnostics import Diagnostics
from generator.load import Mapping, Node, Scalar, Sequence, load_file
from generator.opendata import kind_schema_text
from generator.records import KINDS
from generator.schema import schema_files, schema_name
from generator.validate import Validator
from tests.conftest import CASES, MINI, ROOT, overlay

SCHEMA_DIR = ROOT / "schema"


def test_committed_schemas_are_current() -> None:
    committed = {p.name: p.read_text("utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert committed == schema_files(), "run `python -m generator docs` and commit schema/"


def patterns(schema: Any) -> list[str]:
    """Every `pattern` anywhere in a schema, however deeply nested (anyOf, allOf, items…)."""
    if isinstance(schema, dict):
        own = [schema["pattern"]] if isinstance(schema.get("pattern"), str) else []
        return own + [p for value in schema.values() for p in patterns(value)]
    if isinstance(schema, list):
        return [p for value in schema for p in patterns(value)]
    return []


PUBLISHED = {**{f"schema/{p.name}": p.read_text("utf-8") for p in sorted(SCHEMA_DIR.glob("*.json"))},
             **{f"/data/schema/{k.plural}.json": kind_schema_text(k) for k in KINDS.values()}}


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_pattern_is_an_ecmascript_unicode_regex(name: str) -> None:
    """Editors and Ajv compile patterns as ECMAScript regexes with the `u` flag, which rejects
    escapes Python allows (an escaped quote inside a character class, `[\\"]`)."""
    found = patterns(json.loads(PUBLISHED[name]))
    assert found, name
    bad = []
    for pattern in found:
        try:
            regress.Regex(pattern, flags="u")
        except regress.RegressError as exc:
            bad.append(f"{pattern}: {exc}")
    assert bad == [], name


SAMPLES = ["https://a.example/p?q=1#f", 'https://a.example/"', "https://a.example/\\", "https://a.example/`",
           "https://a b.example/", "https://u@a.example/", "https://web.archive.org/web/2018/x", "2018-03", "x",
           " ", "\u200b", "\u00ad", "0777"]


@pytest.mark.parametrize("name", PUBLISHED)
def test_python_and_ecmascript_read_every_pattern_alike(name: str) -> None:
    """The fix keeps the meaning: on samples with quotes, backslashes, spaces and invisible
    characters, each pattern matches in ECMAScript exactly where Python's re (the validator) does."""
    for pattern in set(patterns(json.loads(PUBLISHED[name]))):
        ecma = regress.Regex(pattern, flags="u")
        for sample in SAMPLES:
            assert (ecma.find(sample) is not None) == (re.search(pattern, sample) is not None), (pattern, sample)


def plain(node: Node) -> Any:
    if isinstance(node, Scalar):
        return {"true": True, "false": False}.get(node.value, node.value) if node.plain else node.value
    if isinstance(node, Sequence):
        return [plain(i) for i in node.items]
    assert isinstance(node, Mapping)
    return {k: plain(e.value) for k, e in node.entries.items()}


SHAPE_CODES = {"E200", "E201", "E202", "E203", "E204", "E206", "E207", "E208", "E209", "E211", "E212"}
FOLDERS = [MINI] + sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir()) + sorted(
    p for p in (CASES / "valid").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_schema_and_validator_agree(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    if folder == MINI:
        data = MINI
    else:
        overlay(folder, data)
    for kind in KINDS.values():
        diags = Diagnostics()
        doc = load_file(data / kind.file, diags)
        if diags.items or not isinstance(doc.root, Sequence):
            continue  # a file-level problem (encoding, syntax, anchors…): not a record shape
        Validator(kind, diags).records(doc)
        shape = sorted(f"{d.span.line}:{d.span.column} {d.code}" for d in diags.errors if d.code in SHAPE_CODES)
        schema = json.loads(schema_files()[schema_name(kind)])
        found = [e.message for e in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(plain(doc.root))]
        assert bool(found) == bool(shape), f"{kind.file}: schema says {found[:3]}, validator says {shape}"
