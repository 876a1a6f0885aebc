"""Output formats for diagnostics, kept apart from the problems themselves (as yamllint does).

- text: `FILE:LINE:COL: error[CODE] message`, the source line, a caret and a hint;
- github: workflow commands that GitHub shows as annotations on the pull request's lines;
- json: a list of objects, for editors and other tools.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable

from .diagnostics import Diagnostic


def width(text: str) -> int:
    """Terminal columns: CJK characters take two, so the caret lands under the right one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_report(diags: Iterable[Diagnostic], lines: dict[str, list[str]]) -> str:
    out = []
    for d in diags:
        if d.span is None:
            out.append(f"{d.severity.value}[{d.code}] {d.message}")
        else:
            s = d.span
            out.append(f"{s.file}:{s.line}:{s.column}: {d.severity.value}[{d.code}] {d.message}")
            source = lines.get(s.file)
            if source and 0 < s.line <= len(source):
                line = source[s.line - 1].replace("\t", " ")
                gutter = " " * len(str(s.line))
                end = s.end_column if s.end_line == s.line and s.end_column > s.column else s.column + 1
                carets = "^" * max(1, width(line[s.column - 1 : end - 1]))
                out.append(f"{gutter} |")
                out.append(f"{s.line} | {line}")
                out.append(f"{gutter} | {' ' * width(line[: s.column - 1])}{carets}")
        if d.hint:
            out.append(f"  = hint: {d.hint}")
        out.append("")
    return "\n".join(out)


def summary(diags: list[Diagnostic]) -> str:
    errors = sum(1 for d in diags if d.severity.value == "error")
    warnings = len(diags) - errors
    files = len({d.span.file for d in diags if d.span})
    if not diags:
        return "No problems found."
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    return f"Found {plural(errors, 'error')} and {plural(warnings, 'warning')} in {plural(files, 'file')}."


def github_report(diags: Iterable[Diagnostic]) -> str:
    def esc(value: str, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    out = []
    for d in diags:
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        if d.span:
            s = d.span
            props = f"file={esc(s.file, True)},line={s.line},col={s.column},endLine={s.end_line},endColumn={s.end_column}"
            out.append(f"::{d.severity.value} {props},title={d.code}::{esc(message)}")
        else:
            out.append(f"::{d.severity.value} title={d.code}::{esc(message)}")
    return "\n".join(out)


def json_report(diags: Iterable[Diagnostic]) -> str:
    items = []
    for d in diags:
        s = d.span
        items.append({
            "file": s.file if s else None, "line": s.line if s else None, "column": s.column if s else None,
            "end_line": s.end_line if s else None, "end_column": s.end_column if s else None,
            "severity": d.severity.value, "code": d.code, "message": d.message, "hint": d.hint,
        })
    return json.dumps(items, ensure_ascii=False, indent=2)
