"""Templates for new records (`python -m generator new KIND`), from the field table.

Every field is listed with what it means; optional ones are commented out, so the template
is a checklist a contributor fills in and `python -m generator check` then verifies.
"""

from __future__ import annotations

from .records import KINDS, Field

PLACEHOLDER = {"traditional_source": "opencc", "id": "new-id", "date": "YYYY-MM-DD", "bool": "true", "enum": "", "url": "https://",
               "archive-url": "https://web.archive.org/web/", "language": "en", "provenance": "pypinyin"}


def comment(spec: Field) -> str:
    need = "required" if spec.required else "optional"
    values = f" One of: {', '.join(spec.values)}." if spec.values else ""
    return f"# {need}: {spec.doc}{values}"


def lines_for(fields: tuple[Field, ...], indent: str, first_prefix: str = "", commented: bool = False) -> list[str]:
    """One line per field; a list's first field carries the `- `; optional fields commented out."""
    out: list[str] = []
    for index, spec in enumerate(fields):
        lead = first_prefix if index == 0 and first_prefix else indent
        off = "# " if commented or not spec.required else ""
        if spec.type in ("refs", "texts"):
            out.append(f"{lead}{off}{spec.name}: []  {comment(spec)}")
        elif spec.type in ("list", "mapping"):
            out.append(f"{lead}{off}{spec.name}:  {comment(spec)}")
            if spec.type == "list":
                out += lines_for(spec.fields, indent + "    ", indent + "  - ", bool(off))
            else:
                out += lines_for(spec.fields, indent + "  ", "", bool(off))
        else:
            value = spec.values[0] if spec.type == "enum" else PLACEHOLDER.get(spec.name, PLACEHOLDER.get(spec.type, ""))
            shown = value if spec.type == "bool" else f'"{value}"'
            out.append(f"{lead}{off}{spec.name}: {shown}  {comment(spec)}")
    return out


def template(kind_name: str) -> str:
    kind = KINDS[kind_name]
    head = [f"# A new {kind.name} for data/{kind.file}: fill in every line, delete the comments you",
            "# no longer need, then run `python -m generator check`."]
    return "\n".join(head + lines_for(kind.fields, "  ", "- ")) + "\n"
