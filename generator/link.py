"""Link phase: resolve every reference (each record holds the records it names, by role, and
those that name it) and sort the timeline.

After this phase the corpus is complete and consistent, so render can only print it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from .diagnostics import Diagnostics
from .records import KINDS, Kind, PartialDate, Record
from .sources import Resolver
from .values import closest

Key = tuple[str, str]  # (kind, id)
UNDATED = PartialDate(1)  # an event whose date was invalid still links (its error is already reported)


@dataclass
class Corpus:
    """All records by kind and id, the timeline (newest first) and who names whom."""

    records: dict[str, dict[str, Record]]
    timeline: list[Record]
    backlinks: dict[Key, list[Record]] = field(default_factory=dict)
    # What each record names, resolved: (role, the record), in the order written; the role is
    # the field that names it ("authorities", "related", …).
    links: dict[Key, list[tuple[str, Record]]] = field(default_factory=dict)
    # Each record's sources resolved (sources.py): source path ("history[0].sources[1]") → publisher.
    cited: dict[Key, dict[str, Record]] = field(default_factory=dict)
    # Records that cite each publisher (by its id): events newest first, then the others by kind and id.
    cited_by: dict[str, list[Record]] = field(default_factory=dict)

    def get(self, kind: str, record_id: str) -> Record:
        return self.records[kind][record_id]

    def named_by(self, record: Record) -> list[Record]:
        """The records that name this one: events newest first, then the others by kind and id."""
        return self.backlinks.get((record.kind, record.id), [])

    def names(self, record: Record, role: str | None = None) -> list[Record]:
        """The records this one names, in the order written; only those in field ``role`` if given."""
        return [target for r, target in self.links.get((record.kind, record.id), ()) if role in (None, r)]


def newest_first(events: list[Record]) -> list[Record]:
    """Newest first; a coarser date sorts as its first day; ties by id (stable, so deterministic)."""
    by_id = sorted(events, key=lambda r: r.id)
    return sorted(by_id, key=lambda r: r.values.get("date", UNDATED).first_day(), reverse=True)


def link(by_kind: dict[str, list[Record]], diags: Diagnostics, unreadable: frozenset[str] = frozenset()) -> Corpus:
    """Resolve references. Kinds in ``unreadable`` failed to load: references to them are not
    reported, since every one would be a false 'unknown id' hiding the real error."""
    records = {kind: {r.id: r for r in by_kind.get(kind, [])} for kind in KINDS}
    backlinks: dict[Key, list[Record]] = {}
    links: dict[Key, list[tuple[str, Record]]] = {}
    for kind in KINDS:
        for record in records[kind].values():
            roles: dict[Key, str] = {}  # each record it names: the first field naming it
            for ref in record.refs:
                if ref.kind in unreadable:
                    continue
                targets = records[ref.kind]
                first = roles.setdefault((ref.kind, ref.id), ref.field)
                if first != ref.field:
                    diags.add("E309", ref.span, f"{ref.kind} '{ref.id}' is in both '{first}' and '{ref.field}'",
                              one_role_hint(KINDS[record.kind], first, ref.field))
                elif ref.kind == record.kind and ref.id == record.id:
                    diags.add("E302", ref.span, f"{record.kind} '{record.id}' lists itself in '{ref.field}'",
                              "remove its own id")
                elif ref.id not in targets:
                    diags.add("E301", ref.span, f"unknown {ref.kind} '{ref.id}' in '{ref.field}'",
                              suggest(ref.id, targets) or f"add a record to data/{KINDS[ref.kind].file} first")
                else:
                    backlinks.setdefault((ref.kind, ref.id), []).append(record)
                    links.setdefault((record.kind, record.id), []).append((ref.field, targets[ref.id]))
        check_aliases(list(records[kind].values()), diags)
    cited = next(kind.name for kind in KINDS.values() if kind.cited)  # the publishers
    resolver = Resolver(records[cited], diags, cited not in unreadable)
    for kind in KINDS:
        for record in records[kind].values():
            resolver.record(record)
    events = [r for kind in KINDS.values() if kind.dated for r in records[kind.name].values()]
    for key, named in backlinks.items():
        backlinks[key] = order(named)
    cited_by = {pid: order(citing) for pid, citing in resolver.cited_by.items()}
    return Corpus(records, newest_first(events), backlinks, links, resolver.cited, cited_by)


def one_role_hint(kind: Kind, first: str, second: str) -> str:
    """E309's hint: which of the two lists the record belongs in."""
    acting = {f.name: f.acting for f in kind.fields}
    if acting[first] != acting[second]:
        did, named = (first, second) if acting[first] else (second, first)
        return f"keep it in '{did}' if it acted, in '{named}' if it was only named"
    return f"keep it in one of '{first}' and '{second}'"


def slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(name)))


# How alike (difflib's ratio) an unknown id and a known one must be to count as a typo of it.
TYPO = 0.85


def suggest(unknown: str, targets: dict[str, Record]) -> str | None:
    """'okx-global' → "did you mean 'okex' (OKX)?": ids, names and aliases all lead to the id."""
    keys: dict[str, str] = {}
    for rid, record in targets.items():
        keys.setdefault(rid, rid)
        for name in (record.get("name"), *record.get("aliases", ())):
            if isinstance(name, str) and slug(name):
                keys.setdefault(slug(name), rid)
    # A typo first ('daibi-faxing-rongz'), then a name inside the id ('okx-global' holds the
    # name OKX: spelling alone would pick 'huobi-global', the alias Huobi Global), then any
    # close spelling.
    near = closest(unknown, keys)
    if near is not None and difflib.SequenceMatcher(None, unknown, near).ratio() >= TYPO:
        best: str | None = near
    else:
        inside = (k for k in sorted(keys, key=len, reverse=True) if len(k) >= 3 and f"-{k}-" in f"-{unknown}-")
        best = next(inside, None) or near
    if best is None:
        return None
    rid = keys[best]
    name = targets[rid].get("name") or rid
    return f"did you mean '{rid}'?" if best == rid else f"did you mean '{rid}' ({name})?"


def order(named: list[Record]) -> list[Record]:
    """Backlinks: events newest first, then other records by kind and id."""
    unique = {(r.kind, r.id): r for r in named}.values()
    events = newest_first([r for r in unique if r.dated])
    others = sorted((r for r in unique if not r.dated), key=lambda r: (r.kind, r.id))
    return events + others


def fold(name: str) -> str:
    """Names compare after NFKC and case folding: 'ＯＫＸ' and 'okx' are the same alias."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def check_aliases(records: list[Record], diags: Diagnostics) -> None:
    """An alias must lead to one record of its kind, so search and links are unambiguous."""
    owner: dict[str, Record] = {}
    for record in records:
        names = {fold(n) for n in (record.get("name"), record.get("name_zh")) if n}
        for name in names:
            owner.setdefault(name, record)
    for record in records:
        for index, alias in enumerate(record.get("aliases", ())):
            first = owner.setdefault(fold(alias), record)
            if first.id != record.id:
                where = record.spans.get(f"aliases[{index}]", record.span)
                diags.add("E303", where, f"alias '{alias}' of {record.kind} '{record.id}' also names '{first.id}'",
                          "keep it on one record only")
