"""What may import what (ARCHITECTURE.md): the phases import earlier phases only, and the
leaves nothing of ours but diagnostics."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"


def imports(path: Path) -> set[str]:
    """The generator modules a file imports, as dotted names relative to the package ("pages.common")."""
    here = path.relative_to(PACKAGE).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[: len(here) - node.level + 1])
            if node.module:
                found.add(".".join(base + node.module.split(".")))
            else:
                found.update(".".join(base + [a.name]) for a in node.names)
    return found


def module(name: str) -> Path:
    path = PACKAGE / (name.replace(".", "/") + ".py")
    return path if path.exists() else PACKAGE / name.replace(".", "/") / "__init__.py"


@pytest.mark.parametrize("leaf", ["diagnostics", "escape", "lexicon", "page", "values", "yaml_errors", "yaml_nodes"])
def test_leaves_import_nothing_of_ours_but_diagnostics(leaf: str) -> None:
    assert imports(module(leaf)) <= {"diagnostics"}


@pytest.mark.parametrize("name, never", [
    ("load", {"validate", "link", "render", "making", "write", "pipeline"}),
    ("validate", {"link", "render", "making", "write", "pipeline"}),
    ("link", {"render", "making", "write", "pipeline"}),
    ("render", {"making", "write", "pipeline"}),
    ("making", {"render", "pipeline"}),
    ("write", {"load", "validate", "link", "render", "making", "pages", "pipeline"}),
])
def test_a_phase_imports_no_later_phase(name: str, never: set[str]) -> None:
    """(write takes bytes: it imports only diagnostics and the field table, for the folders it owns.)"""
    assert not imports(module(name)) & never


def test_page_kinds_import_no_later_phase() -> None:
    for path in (PACKAGE / "pages").glob("*.py"):
        found = {m.split(".")[0] for m in imports(path)}
        assert not found & {"render", "making", "write", "pipeline"}, path.name


def test_the_field_table_imports_only_field_types_values_and_rules() -> None:
    assert imports(module("records")) <= {"chinese", "diagnostics", "fieldtypes", "fieldlists", "values", "vocabulary"}


def test_no_module_switches_on_a_type_name() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert not re.search(r"\.type (==|in|!=) ", path.read_text("utf-8")), path.name


def kind_name_checks(text: str) -> list[str]:
    """Comparisons of something with a kind's name ("event"), and look-ups of one kind by name."""
    from generator.records import KINDS

    names = "|".join(KINDS)
    pattern = (rf"""(==|!=)\s*["']({names})["']|["']({names})["']\s*(==|!=)|kind\s+(not\s+)?in\s*\(["']({names})["']"""
               rf"""|records\[["']({names})["']\]""")
    return [m.group(0) for m in re.finditer(pattern, text)]


def test_no_module_but_the_field_table_checks_a_kind_by_name() -> None:
    """What sets a kind apart is a property in the field table (Kind.dated, actor, label, rules),
    so a new kind is one more row there, not a search for comparisons with names."""
    found = {path.relative_to(PACKAGE).as_posix(): kind_name_checks(path.read_text("utf-8"))
             for path in PACKAGE.rglob("*.py") if path.name != "records.py"}
    assert {path: checks for path, checks in found.items() if checks} == {}
    assert kind_name_checks('if record.kind == "event" or records["term"] or r.kind in ("exchange", "x")') == [
        '== "event"', 'records["term"]', 'kind in ("exchange"']
    assert kind_name_checks('for name in ("term", "pinyin")') == []  # field names


@pytest.mark.parametrize("adapter", ["__main__", "mkdocs_hook"])
def test_the_front_ends_use_only_the_public_api(adapter: str) -> None:
    """The command line and the MkDocs hook import the package's public names, nothing inside it."""
    import generator

    found = [node for node in ast.walk(ast.parse(module(adapter).read_text("utf-8"))) if isinstance(node, ast.ImportFrom)]
    package = [node for node in found if node.module == "generator" or (node.level == 1 and not node.module)]
    inside = [node.module for node in found if (node.level and node.module) or (node.module or "").startswith("generator.")]
    assert inside == [], "a front end imports the generator's internals"
    names = {a.name for node in package for a in node.names}
    assert names and names <= set(generator.__all__)


def test_the_imports_are_read_at_all() -> None:
    assert imports(module("pages.exchange")) >= {"charts", "pages.common", "pages.record"}
    assert imports(module("making")) == {"page", "write"}


def test_every_kind_is_owned_ignored_and_out_of_the_nav() -> None:
    """A new kind's folder must be the generator's (write.OWNED_FOLDERS: else its pages are
    refused, and `mkdocs serve` rebuilds on its own writes), ignored by git, and out of the nav."""
    from generator.records import KINDS
    from generator.write import OWNED_FILES, OWNED_FOLDERS

    ignored = set((ROOT / ".gitignore").read_text("utf-8").splitlines())
    not_in_nav = (ROOT / "mkdocs.yml").read_text("utf-8").split("not_in_nav: |", 1)[1].split("\n\n", 1)[0]
    nav = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    for kind in KINDS.values():
        assert kind.folder in OWNED_FOLDERS, kind.name
        assert f"/{kind.folder}/" in not_in_nav, kind.name
        if not kind.dated:  # its section index is a page of the nav (events have the timeline)
            assert f": {kind.folder}/index.md" in nav, f"add '  - {kind.title}: {kind.folder}/index.md' to mkdocs.yml's nav"
    for folder in OWNED_FOLDERS:
        assert f"/content/{folder}/" in ignored, folder
    for name in OWNED_FILES:
        assert f"/content/{name}" in ignored, name


def test_every_page_render_makes_is_the_generators(tmp_path: Path) -> None:
    from generator import owned
    from tests.conftest import MINI, build_fixture

    result = build_fixture(MINI, tmp_path / "out")
    assert result.pages and all(owned(page.path) for page in result.pages)
