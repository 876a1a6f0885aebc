"""Field types that hold other values: lists of single values (ids, texts), mappings and
lists of mappings of their own fields (fieldtypes.py has the single values)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .diagnostics import Span
from .fieldtypes import HOST, ID, TEXT, FieldType
from .load import Mapping, Node, Scalar, Sequence
from .valuechecks import control_free, first_line, good_host, good_id, good_text, plain, wrong
from .values import Ref

if TYPE_CHECKING:
    from .records import Field
    from .validate import Validator

LIST_SEPARATOR = "; "


class ScalarList(FieldType):
    """A list of single values (``item``: the type of each, "a list of …" on the page)."""

    placeholder = "[]"

    def check(self, spec: Field, node: Node, v: Validator) -> tuple | None:
        if isinstance(node, Scalar):
            v.diags.add("E203", node.span, f"'{spec.name}' must be a list", f"write it as [{node.value}]")
            return None
        if not isinstance(node, Sequence):
            return wrong(spec, node, "a list", v)
        items: list[str] = []
        seen: set[str] = set()
        for item in node.items:
            if not isinstance(item, Scalar):
                wrong(spec, item, "a single value in each list item", v)
                continue
            self.item(spec, item, items, seen, v)
        return tuple(items)

    def item(self, spec: Field, item: Scalar, items: list[str], seen: set[str], v: Validator) -> None:
        raise NotImplementedError

    def cell(self, value: Any) -> str:
        return LIST_SEPARATOR.join(str(plain(item)) for item in value)


class Refs(ScalarList):
    """Ids of records of the kind ``spec.ref``; a repeated id counts once."""

    def describe(self, spec: Field) -> str:
        return f"list of {spec.ref} ids"

    def item(self, spec: Field, item: Scalar, items: list[str], seen: set[str], v: Validator) -> None:
        if good_id(item, f"id in '{spec.name}'", v) and item.value not in seen:
            seen.add(item.value)
            v.refs.append(Ref(spec.ref, item.value, spec.name, item.span))
            items.append(item.value)

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return {"type": "array", "items": dict(ID.written)}  # YAML tools read an id as it is written


class Texts(ScalarList):
    label = "list of text"

    def item(self, spec: Field, item: Scalar, items: list[str], seen: set[str], v: Validator) -> None:
        if control_free(spec, item, v) and good_text(spec, item, v):
            v.spans[f"{spec.name}[{len(items)}]"] = item.span
            items.append(item.value.strip())

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return {"type": "array", "items": TEXT.value_schema(yaml)}


class Hosts(ScalarList):
    """Host names (a publisher's domains); a repeated one counts once."""

    label = "list of hosts"

    def item(self, spec: Field, item: Scalar, items: list[str], seen: set[str], v: Validator) -> None:
        if control_free(spec, item, v) and good_host(spec, item, v) and item.value not in seen:
            seen.add(item.value)
            v.spans[f"{spec.name}[{len(items)}]"] = item.span
            items.append(item.value)

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return {"type": "array", "items": dict(HOST.written)}  # YAML reads a host as the string written


def object_schema(fields: tuple[Field, ...], yaml: bool) -> dict[str, Any]:
    """A mapping of ``fields``, each with its doc as description; no others allowed. With
    ``yaml``, as YAML tools read a data file; else as the downloads write it."""
    return {
        "type": "object",
        "properties": {f.name: {"description": f.doc, **f.type.schema(f, yaml)} for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


class MappingOf(FieldType):
    """A mapping of the field's own ``fields``; CSV gives each its column (`document.number`)."""

    label = "mapping"

    def check(self, spec: Field, node: Node, v: Validator) -> dict | None:
        if not isinstance(node, Mapping):
            return wrong(spec, node, "a mapping of fields", v)
        return v.mapping(node, spec.fields) or None

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return object_schema(spec.fields, yaml)

    def nested(self, indent: str) -> tuple[str, str] | None:
        return indent + "  ", ""

    def columns(self, spec: Field) -> list[str]:
        return [f"{spec.name}.{sub.name}" for sub in spec.fields]


class ListOf(FieldType):
    """A list of mappings of the field's own ``fields``."""

    label = "list of mappings"
    path_step = "[]."
    located: tuple[str, ...] = ()  # fields of each item whose spans the record keeps (Record.spans)

    def check(self, spec: Field, node: Node, v: Validator) -> tuple | None:
        if not isinstance(node, Sequence):
            return wrong(spec, node, "a list of mappings", v)
        if not node.items:
            self.empty(node, v)
        out = []
        outer = v.prefix
        for item in node.items:
            if not isinstance(item, Mapping):
                wrong(spec, item, "a mapping of fields", v)
                continue
            # Where each item's fields are written, for rules after validation: "history[0].sources[1].url".
            v.prefix = f"{outer}{spec.name}[{len(out)}]."
            out.append(v.mapping(item, spec.fields))
            for name in self.located:
                if (entry := item.entries.get(name)) is not None:
                    v.spans[v.prefix + name] = entry.value.span
        v.prefix = outer
        return tuple(out)

    def empty(self, node: Sequence, v: Validator) -> None:
        """An empty list (`[]`): allowed."""

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return {"type": "array", "items": object_schema(spec.fields, yaml)}

    def nested(self, indent: str) -> tuple[str, str] | None:
        return indent + "    ", indent + "  - "


class Sources(ListOf):
    """Where the facts come from: at least one source (E209 when none is given); CSV lists
    their URLs. Its fields are documented once, where they first appear."""

    described_once = True
    located = ("url", "title", "publisher", "publisher_id")

    def missing(self, spec: Field, entry, record: Mapping, v: Validator) -> None:
        none_given(entry.value.span if entry else first_line(record.span), v)

    def empty(self, node: Sequence, v: Validator) -> None:
        none_given(node.span, v)

    def schema(self, spec: Field, yaml: bool) -> dict[str, Any]:
        return {**super().schema(spec, yaml), "minItems": 1}

    def cell(self, value: Any) -> str:
        return LIST_SEPARATOR.join(source["url"] for source in value)


def none_given(span: Span, v: Validator) -> None:
    v.diags.add("E209", span, "no sources given", "add at least one source: url, title, publisher")


class History(ListOf):
    """An exchange's dated status changes; CSV gives each as 'date status'."""

    def cell(self, value: Any) -> str:
        return LIST_SEPARATOR.join(f"{plain(change['date'])} {change['status']}" for change in value)


TEXTS, REFS, HOSTS = Texts(), Refs(), Hosts()
MAPPING, SOURCES, HISTORY = MappingOf(), Sources(), History()
