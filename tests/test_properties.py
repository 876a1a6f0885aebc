"""Property-based tests (hypothesis), deterministic in CI: derandomized, no deadline.

1. Any generated valid record set builds, and every page shows its record's text, escaped:
   what goes in comes out, as text, through Python-Markdown with the site's own extensions.
2. Any mutation of a valid file validates or yields located diagnostics: never a traceback,
   never a partial write.
"""

from __future__ import annotations

import posixpath
import shutil
import tempfile
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator import KINDS, BuildOptions, build
from generator.pages.common import relative
from tests.conftest import MINI, ROOT
from tests.test_chinese import reading

SETTINGS = settings(derandomize=True, deadline=None, max_examples=40,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SITE_CONFIG = load_config(str(ROOT / "mkdocs.yml"))  # the site's Markdown extensions, as MkDocs loads them

# Printable text in any script, markup characters included; no controls, surrogates or invisibles
# (those are refused by E110/E212, tested as cases).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn")),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "")
DATES = st.dates(min_value=__import__("datetime").date(2000, 1, 1),
                 max_value=__import__("datetime").date(2024, 12, 31)).map(lambda d: d.isoformat())


def source(i: int) -> dict:
    return {"url": f"https://example.org/source/{i}", "title": f"Source {i}", "publisher": "Example"}


@st.composite
def record_sets(draw) -> dict[str, list[dict]]:
    n_x, n_a, n_t = draw(st.integers(1, 3)), draw(st.integers(1, 2)), draw(st.integers(1, 2))
    exchanges = [{"id": f"x{i}", "name": draw(TEXT), "aliases": [draw(TEXT) + f" #{i}"], "summary": draw(TEXT),
                  "sources": [source(i)]} for i in range(n_x)]
    authorities = [{"id": f"a{i}", "name": draw(TEXT), "aliases": [], "summary": draw(TEXT),
                    "sources": [source(i)]} for i in range(n_a)]
    platforms = [{"id": "p0", "name": draw(TEXT), "summary": draw(TEXT), "owner": draw(TEXT), "sources": [source(0)]}]
    terms = [{"id": f"t{i}", "term": (term := draw(TEXT)), "pinyin": reading(term), "english": draw(TEXT),
              "summary": draw(TEXT), "sources": [source(i)]} for i in range(n_t)]
    events = [{"id": f"e{i}", "date": draw(DATES), "title": draw(TEXT), "type": "statement", "summary": draw(TEXT),
               "authorities": ["a0"], "exchanges": [f"x{draw(st.integers(0, n_x - 1))}"], "platforms": ["p0"],
               "terms": ["t0"], "other_actors": [draw(TEXT)], "disputed": draw(TEXT), "sources": [source(i)]}
              for i in range(draw(st.integers(1, 3)))]
    publishers = [{"id": "example", "name": "Example", "domains": ["example.org"], "tier": "press",
                   "summary": draw(TEXT), "sources": [source(0)]}]
    return {"events.yaml": events, "exchanges.yaml": exchanges, "authorities.yaml": authorities,
            "platforms.yaml": platforms, "glossary.yaml": terms, "publishers.yaml": publishers}


def visible(markdown_text: str) -> str:
    body = markdown_text.split("---\n", 2)[2] if markdown_text.startswith("---\n") else markdown_text
    html = markdown.markdown(body, extensions=SITE_CONFIG["markdown_extensions"],
                             extension_configs=SITE_CONFIG["mdx_configs"])
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


TEXT_FIELDS = ("name", "summary", "owner", "term", "pinyin", "english", "title", "disputed")


@SETTINGS
@given(record_sets())
def test_valid_records_build_and_every_page_shows_its_text(files: dict[str, list[dict]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        data.mkdir()
        for kind in KINDS.values():  # a kind these records do not draw is an empty file
            (data / kind.file).write_text(yaml.safe_dump(files.get(kind.file, []), allow_unicode=True, sort_keys=False),
                                          "utf-8")
        result = build(BuildOptions(data_dir=data, out_dir=out))
        assert not result.errors, [(d.code, d.message) for d in result.errors]
        folders = {kind.file: kind.folder for kind in KINDS.values()}
        for name, records in files.items():
            for record in records:
                shown = visible((out / folders[name] / f"{record['id']}.md").read_text("utf-8"))
                for field in TEXT_FIELDS:
                    if field in record:
                        assert " ".join(record[field].split()) in shown, (field, record[field])


MUTATIONS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["insert", "delete", "replace"]),
                               st.sampled_from(list(" \t\n:-'\"[]{}#&*!|>%@`,\\é比\x00\ufeff") + ["  ", "- ", ": "])),
                     min_size=1, max_size=6)


@SETTINGS
@given(st.sampled_from(["events.yaml", "exchanges.yaml", "glossary.yaml"]), MUTATIONS)
def test_any_mutation_validates_or_is_located_never_a_traceback(name: str, mutations: list) -> None:
    text = (MINI / name).read_text("utf-8")
    for position, op, char in mutations:
        at = position % (len(text) + 1)
        if op == "insert":
            text = text[:at] + char + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + char + text[at + 1:]
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        shutil.copytree(MINI, data)
        (data / name).write_text(text, "utf-8")
        result = build(BuildOptions(data_dir=data, out_dir=out))  # must not raise
        lines = text.count("\n") + 2
        for d in result.diagnostics:
            assert d.span is not None and d.code and d.message
            assert 1 <= d.span.line <= lines and d.span.column >= 1, d
        if result.errors:
            assert not out.exists(), "a build with errors must write nothing"


FOLDERS = st.lists(st.sampled_from(["events", "data", "schema", "a", "b"]), max_size=3)  # folders; files end .md, .json


@given(FOLDERS, st.sampled_from(["x.md", "index.md", "y.json"]), FOLDERS)
def test_relative_links_are_what_relpath_gives(folders: list[str], name: str, base: list[str]) -> None:
    """Links are computed from path parts, without the file system: the same as posixpath.relpath."""
    path = "/".join([*folders, name])
    base_dir = "/".join(base) or "."
    assert relative(path, base_dir) == posixpath.relpath(path, base_dir)
