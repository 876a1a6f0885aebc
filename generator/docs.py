"""The files committed beside the data and made from the field table: the JSON Schemas that
editors read (schema/) and CONTRIBUTING.md. `python -m generator docs` writes them; a test
holds that the committed ones are current."""

from __future__ import annotations

from pathlib import Path

from .pages.contributing import contributing
from .schema import schema_files


def committed_files() -> dict[str, str]:
    """Each file's path inside the repository → its text."""
    return {**{f"schema/{name}": text for name, text in schema_files().items()},
            "CONTRIBUTING.md": contributing(standalone=True)}


def write_committed(root: Path) -> list[Path]:
    """Write every committed file under ``root``; the paths written."""
    written = []
    for name, text in committed_files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(path)
    return written
