"""How much of the records' text the Chinese edition has in Chinese: per kind, for each field
with a Chinese twin (records.Field.zh), the records that give the English and of them those
that give the Chinese too. A report (`check` prints it), never a problem."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .records import KINDS, Field, Record


@dataclass(frozen=True)
class Coverage:
    kind: str
    field: str  # the Chinese field; a nested one as `history.summary_zh`
    done: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 100.0


def pairs(fields: tuple[Field, ...], prefix: str = "") -> Iterator[tuple[str, Field]]:
    """(path, English field) for every field with a Chinese twin, nested mappings' fields too."""
    for spec in fields:
        if spec.zh:
            yield prefix, spec
        if spec.fields:
            yield from pairs(spec.fields, f"{prefix}{spec.name}.")


def mappings(values: dict[str, Any], prefix: str) -> Iterable[dict[str, Any]]:
    """The mappings a path prefix leads to in one record: the record itself, its `document`, each `history` entry."""
    found: list[dict[str, Any]] = [values]
    for step in filter(None, prefix.split(".")):
        nested = [m.get(step) for m in found]
        found = [item for value in nested for item in (value if isinstance(value, (list, tuple)) else [value])
                 if isinstance(item, dict)]
    return found


def coverage(records: dict[str, dict[str, Record]]) -> list[Coverage]:
    """Per kind, in the field table's order, how many texts have their Chinese twin."""
    out = []
    for kind in KINDS.values():
        for prefix, spec in pairs(kind.fields):
            given = [m for r in records.get(kind.name, {}).values() for m in mappings(r.values, prefix) if spec.name in m]
            out.append(Coverage(kind.name, prefix + spec.zh, sum(spec.zh in m for m in given), len(given)))
    return [c for c in out if c.total]


def coverage_report(items: list[Coverage]) -> str:
    """One line per kind: `events: title_zh 110/110 (100 %), summary_zh 12/110 (11 %)`."""
    lines = ["Chinese text (shown in English on the zh edition where missing):"]
    for kind in KINDS.values():
        mine = [c for c in items if c.kind == kind.name]
        if mine:
            lines.append(f"  {kind.plural}: " + ", ".join(f"{c.field} {c.done}/{c.total} ({c.percent:.0f} %)" for c in mine))
    return "\n".join(lines)
