"""A hostile dataset: the fixture with every text field of every record replaced by payloads.

Built from the field table, so a text field added later is attacked too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.fieldlists import ListOf, MappingOf, Texts
from generator.fieldtypes import ChineseText, Text
from generator.records import KINDS, Field
from tests.conftest import MINI

# Every syntax that could turn record text into markup, scripts, links or file reads.
PAYLOADS = [
    '<script>window.__pwned="script"</script>',
    '<img src=x onerror="window.__pwned=\'img\'">',
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    "<svg onload=window.__pwned=1>",
    "[click](javascript:window.__pwned=1)",
    "![pixel](http://evil.invalid/p.png)",
    "[ref][1]\n\n[1]: http://evil.invalid/ref",
    "*[HTML]: Hijacked",
    "<!-- hidden -->",
    "{: onclick=\"window.__pwned=1\" }",
    '!!! danger "Injected"',
    '--8<-- "/etc/passwd"',
    "# Injected heading",
    "| a | b |\n|---|---|",
    "---\ntitle: injected\n---",
    "{{ 7*7 }} {% raw %}",
    "&lt;b&gt; &amp;",
]
PAYLOAD = " ".join(PAYLOADS)
TEXT_TYPES = ("text",)


def attack(values: dict[str, Any], fields: tuple[Field, ...], tag: str) -> None:
    """Replace every text value (and list of text) in place, recursing into nested mappings; a
    text with a Chinese twin gets the twin too (attacked, with the Han character a twin must hold),
    so the Chinese edition prints payloads where the English one does."""
    for spec in fields:
        if spec.name not in values:
            continue
        if spec.zh:
            values[spec.zh] = ""
        if isinstance(spec.type, ChineseText):
            values[spec.name] = f"{tag}.{spec.name} 中文 {PAYLOAD}"
        elif isinstance(spec.type, Text):
            values[spec.name] = f"{tag}.{spec.name} {PAYLOAD}"
        elif isinstance(spec.type, Texts):
            values[spec.name] = [f"{tag}.{spec.name}[{i}] {PAYLOAD}" for i, _ in enumerate(values[spec.name])]
        elif isinstance(spec.type, MappingOf):
            attack(values[spec.name], spec.fields, f"{tag}.{spec.name}")
        elif isinstance(spec.type, ListOf):
            for i, item in enumerate(values[spec.name]):
                attack(item, spec.fields, f"{tag}.{spec.name}[{i}]")


def credited(record: dict[str, Any], owners: dict[str, str]) -> None:
    """Each source's attacked `publisher` text still names its publisher (E307): it ends with
    the attacked name of the publisher its host resolves to."""
    sources = list(record.get("sources", ())) + [s for h in record.get("history", ()) for s in h.get("sources", ())]
    for source in sources:
        labels = (urlsplit(source["url"]).hostname or "").split(".")
        owner = next((owners[".".join(labels[i:])] for i in range(len(labels)) if ".".join(labels[i:]) in owners), None)
        if owner is not None:
            source["publisher"] += f" publisher:{owner}.name {PAYLOAD}"


def write_hostile_dataset(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    publishers = yaml.safe_load((MINI / KINDS["publisher"].file).read_text("utf-8"))
    owners = {domain: p["id"] for p in publishers for domain in p["domains"]}
    for kind in KINDS.values():
        records = yaml.safe_load((MINI / kind.file).read_text("utf-8"))
        for record in records:
            record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in record.items()}
        fixed = []
        for record in records:
            record = stringify(record)
            attack(record, kind.fields, f"{kind.name}:{record['id']}")
            credited(record, owners)
            # An attacked term has no Han character: any text made of its characters is its pinyin
            # (chinese.py), and OpenCC leaves it as it is, so its traditional form is the term (or W203).
            if "traditional" in record:
                record["traditional"] = record["term"]
            fixed.append(record)
        (dest / kind.file).write_text(yaml.safe_dump(fixed, allow_unicode=True, sort_keys=False), "utf-8")
    return dest


def stringify(value: Any) -> Any:
    """PyYAML turns dates into date objects: back to the text the contributor wrote."""
    if isinstance(value, dict):
        return {k: stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
