"""The committed JSON Schemas are current; editors can use them (every pattern is an ECMAScript
regex in `u` mode, check-jsonschema with its default settings accepts the data, every valid
case and the built downloads, the contributing page gives each file's `yaml-language-server`
line); and they agree with the validator on every single-record shape case in tests/cases/.

The schema sees a file as editors and check-jsonschema read it (YAML 1.2, dates kept as text):
`date: 2022` and `number: 0777` reach it as numbers, `no` and `2018-02-30` as text, while the
validator reads every scalar as the text written. Cross-record rules (duplicate ids,
references, aliases), file-level errors and warnings are the validator's alone, so they are
not compared."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regress
import ruamel.yaml
from check_jsonschema.parsers.yaml import construct_yaml_implementation
from jsonschema import Draft202012Validator, FormatChecker

from generator.diagnostics import Diagnostics
from generator.load import Sequence, load_file
from generator.opendata import kind_schema_text
from generator.pages.contributing import contributing
from generator.records import KINDS, Kind
from generator.schema import schema_files, schema_name
from generator.validate import Validator
from tests.conftest import CASES, MINI, ROOT, build_fixture, overlay

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
           "https://a b.example/", "https://u@a.example/", "https://web.archive.org/web/2018/x", "https://web.archive.org/web/2018id_/https://a.example/p?q#f",
           "https://archive.ph/2018.03.06-101010/https://a.example/", "https://perma.cc/AB12-CD34", "2018-03", "x",
           " ", "\u200b", "\u00ad", "0777"]


@pytest.mark.parametrize("name", PUBLISHED)
def test_python_and_ecmascript_read_every_pattern_alike(name: str) -> None:
    """The fix keeps the meaning: on samples with quotes, backslashes, spaces and invisible
    characters, each pattern matches in ECMAScript exactly where Python's re (the validator) does."""
    for pattern in set(patterns(json.loads(PUBLISHED[name]))):
        ecma = regress.Regex(pattern, flags="u")
        for sample in SAMPLES:
            assert (ecma.find(sample) is not None) == (re.search(pattern, sample) is not None), (pattern, sample)


def schema_errors(schema: dict[str, Any], path: Path) -> list[str]:
    """What the schema finds in the file as check-jsonschema loads it (ruamel.yaml, YAML 1.2,
    timestamps as text); a file it cannot parse at all (a tab inside a value) is one error."""
    try:
        data = construct_yaml_implementation().load(path.read_bytes())
    except ruamel.yaml.YAMLError as exc:
        return [f"not YAML to ruamel.yaml: {exc}"]
    return [e.message for e in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(data)]


SHAPE_CODES = {"E200", "E201", "E202", "E203", "E204", "E206", "E207", "E208", "E209", "E211", "E212", "E216", "E219"}
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
        found = schema_errors(schema, data / kind.file)
        assert bool(found) == bool(shape), f"{kind.file}: schema says {found[:3]}, validator says {shape}"


CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())  # each builds without errors (test_cases)


def check_jsonschema(schema: Path, files: list[Path]) -> str:
    """check-jsonschema with its default settings (ECMAScript regexes, formats checked) run on
    ``files``: what it prints when one fails, or "" when every file validates."""
    proc = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True)
    return "" if proc.returncode == 0 else proc.stdout + proc.stderr


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_check_jsonschema_accepts_the_data_and_every_valid_case(kind: Kind) -> None:
    """What `check` accepts, an editor accepts: data/, the fixture and every valid case folder
    (bare years, unquoted numbers in text…) validate against the committed schema."""
    files = [ROOT / "data" / kind.file, MINI / kind.file] + [c / kind.file for c in VALID if (c / kind.file).exists()]
    assert check_jsonschema(SCHEMA_DIR / schema_name(kind), files) == ""


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's data/ folder (downloads and their schemas) built from the real data, without MkDocs."""
    out = tmp_path_factory.mktemp("built") / "out"
    assert not build_fixture(ROOT / "data", out).errors
    return out / "data"


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_check_jsonschema_accepts_the_downloads(kind: Kind, downloads: Path) -> None:
    assert check_jsonschema(downloads / "schema" / f"{kind.plural}.json", [downloads / f"{kind.plural}.json"]) == ""


def test_the_download_schemas_describe_dates_as_the_downloads_write_them(downloads: Path) -> None:
    """A download writes every date as text ("2022"): its schema takes no bare-year integer."""
    schema = json.loads((downloads / "schema" / "events.json").read_text("utf-8"))
    record = json.loads((downloads / "events.json").read_text("utf-8"))[0]
    Draft202012Validator(schema).validate([record])
    assert list(Draft202012Validator(schema).iter_errors([dict(record, date=int(record["date"][:4]))]))


SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.MULTILINE)


def schema_lines(text: str) -> list[str]:
    """The schema paths of every `# yaml-language-server: $schema=…` line in ``text``."""
    return SCHEMA_LINE.findall(text)


@pytest.mark.parametrize("standalone", [True, False], ids=["CONTRIBUTING.md", "site page"])
def test_the_contributing_page_gives_each_kind_the_line_to_its_own_schema(standalone: bool) -> None:
    """One line per kind, in the kind's section; the path, resolved from data/, is its committed schema."""
    sections = contributing(standalone=standalone).split("\n### ")
    for kind in KINDS.values():
        section = next(s for s in sections if s.startswith(f"{kind.title}: `data/{kind.file}`"))
        lines = schema_lines(section.replace("`", "\n"))
        assert len(lines) == 1, kind.file
        assert (ROOT / "data" / lines[0]).resolve() == (SCHEMA_DIR / schema_name(kind)).resolve()
        assert (ROOT / "data" / lines[0]).is_file()


DATA_FILES = sorted((ROOT / "data").glob("*.yaml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_a_data_file_that_names_a_schema_names_its_own(path: Path) -> None:
    kind = next(k for k in KINDS.values() if k.file == path.name)
    lines = schema_lines(path.read_text("utf-8"))
    assert len(lines) <= 1, lines
    assert all((path.parent / line).resolve() == (SCHEMA_DIR / schema_name(kind)).resolve() for line in lines), lines
