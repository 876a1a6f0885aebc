"""The site's editions: English at the root, Simplified Chinese under zh/.

An edition says where its pages go, how it writes dates, and how it prints what is ours: the
labels and sentences of the templates (`t`, from the table in labels_zh.py) and a record's text
(`localized`: each English field replaced by its Chinese twin, records.Field.zh, or, where the
twin is missing, the English marked lang="en" with a visible note). Pages are made once per
edition from the same templates; the English edition prints exactly what it printed before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .escape import mark_chinese, md
from .labels_zh import LABELS, TEXTS
from .records import KINDS, Field, PartialDate, Record

UNTRANSLATED = "暂无中文"  # the note beside English shown on a zh page
ZH_RUN, ZH_RUN_IN_ENGLISH = '<span lang="zh-Hans">', '<span lang="zh-Hans" class="zh-in-en">'


@dataclass(frozen=True)
class Edition:
    """One language of the site. ``root``: the folder of its pages inside the output ("" or
    "zh/"); ``lang``: its BCP 47 tag."""

    code: str
    lang: str
    root: str

    @property
    def chinese(self) -> bool:
        return self.code == "zh"

    def record_name(self, values: dict[str, Any]) -> str:
        """A named record's name in this edition: its Chinese name on zh pages where it has one."""
        return values.get("name_zh") or values["name"] if self.chinese else values["name"]

    def path(self, path: str) -> str:
        """A page's path in this edition's tree."""
        return self.root + path

    def t(self, key: str, **values: Any) -> Markup:
        """A label or sentence of ours in this edition (trusted Markdown, its Chinese runs marked as
        md() marks them), with ``values`` (record text, escaped by md unless already Markup) put in
        its `{name}` slots."""
        text = mark_chinese(TEXTS[key][self.chinese] if key in TEXTS else (LABELS[key] if self.chinese else key))
        return text.format(**{k: md(v) for k, v in values.items()}) if values else text

    def plain(self, key: str, **values: Any) -> str:
        """`t` as plain text, its slots filled unescaped: for files that escape on their own (Atom's XML)."""
        text = TEXTS[key][self.chinese] if key in TEXTS else (LABELS[key] if self.chinese else key)
        return text.format(**values)

    def day(self, iso: str) -> str:
        """A day written YYYY-MM-DD, as this edition writes dates."""
        return self.date(PartialDate(*map(int, iso.split("-")), text=iso)) if self.chinese else iso

    def date(self, date: PartialDate | str) -> str:
        """A date as this edition writes it: `2018-03-06` in English, 2018年3月6日 (2018年3月, 2018年) in Chinese."""
        if not self.chinese or not isinstance(date, PartialDate):
            return str(date)
        parts = zip((date.year, date.month, date.day), "年月日", strict=True)
        return "".join(f"{n}{unit}" for n, unit in parts if n)

    def english(self, text: str) -> Markup:
        """A whole English passage, marked as English on a zh page; a Chinese run inside it keeps
        its own mark (with a class, so that the zh page's unmarking of its own language passes it by)."""
        if not self.chinese:
            return md(text)
        return Markup(f'<span lang="en">{md(text).replace(ZH_RUN, ZH_RUN_IN_ENGLISH)}</span>')

    def fallback(self, english: str) -> Markup:
        """English text on a zh page: marked as English, with a visible note that Chinese is missing."""
        return self.english(english) + Markup(f'<small class="untranslated">（{UNTRANSLATED}）</small>')

    def text(self, values: dict[str, Any], spec: Field) -> Any:
        """The value of an English field with a Chinese twin, as this edition prints it."""
        english = values.get(spec.name)
        if not self.chinese or english is None:
            return english
        return values[spec.zh] if spec.zh in values else self.fallback(english)


EN = Edition("en", "en", "")
ZH = Edition("zh", "zh-Hans", "zh/")
EDITIONS = (EN, ZH)


def localized(values: dict[str, Any], fields: tuple[Field, ...], edition: Edition) -> dict[str, Any]:
    """A record's values with each text in the edition's language (nested mappings too)."""
    if not edition.chinese:
        return values
    out = dict(values)
    for spec in fields:
        if spec.zh and spec.name in values:
            out[spec.name] = edition.text(values, spec)
        if spec.fields and isinstance(values.get(spec.name), dict):
            out[spec.name] = localized(values[spec.name], spec.fields, edition)
        elif spec.fields and isinstance(values.get(spec.name), (list, tuple)):
            out[spec.name] = [localized(item, spec.fields, edition) for item in values[spec.name]]
    return out


def record_values(record: Record, edition: Edition) -> dict[str, Any]:
    return localized(record.values, KINDS[record.kind].fields, edition)
