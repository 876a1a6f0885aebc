"""YAML syntax errors as a contributor reads them: located, with a hint that names the fix
(the quote left open, the column a mis-indented line must line up with)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .diagnostics import Diagnostics, Span


def report_syntax_error(exc: yaml.MarkedYAMLError, name: str, lines: list[str], diags: Diagnostics) -> None:
    """One E1xx for a YAML syntax error: at the quote left open when closing it would help,
    else where libyaml stopped, with a hint."""
    error_line = exc.problem_mark.line if exc.problem_mark else len(lines)
    opened = unclosed_quote_before(lines, error_line)
    if opened is not None and closing_it_helps(lines, opened, error_line):
        line, col = opened
        diags.add("E102", Span(name, line, col, line, col + 1), "quoted text is never closed on its line",
                  "add the closing quote (YAML read on into the following lines looking for it)")
    else:
        report_yaml_error(exc, name, diags, lines)


OPENING_QUOTE = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*:\s+)?(?P<q>[\"'])")


def unclosed_quote_before(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """Where a quote opened and was not closed on its own line, before a parse error.

    libyaml lets a quoted scalar run over several lines, so an unclosed quote is reported
    lines later, where the next quote happens to close it. Data values are one line, so the
    last line before the error that opens a quote without closing it is the real culprit.
    """
    for index in range(min(error_line, len(lines) - 1), -1, -1):
        line = lines[index]
        match = OPENING_QUOTE.match(line)
        if not match:
            continue
        quote, rest = match.group("q"), line[match.end():]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", ""))
        if not closed:
            return index + 1, match.start("q") + 1
    return None


def closing_it_helps(lines: list[str], opened: tuple[int, int], error_line: int) -> bool:
    """Test the guess: with the quote closed at the end of its line, does the error go away
    (or move past where it was)? A valid value quoted over two lines then keeps the real error."""
    line, col = opened
    quote = lines[line - 1][col - 1]
    patched = list(lines)
    patched[line - 1] = patched[line - 1].rstrip() + quote
    try:
        yaml.compose("\n".join(patched), Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as again:
        return bool(again.problem_mark and again.problem_mark.line > error_line)
    except yaml.YAMLError:
        return False
    return True


# A block line: its indentation, a list item's `-` and a mapping key, if any ("    - url: x").
BLOCK_LINE = re.compile(r"^(?P<indent> *)(?:(?P<dash>-)(?: +|$))?(?P<key>[^\s#'\"\[{][^:#]*?:(?=\s|$))?")


@dataclass(frozen=True)
class BlockLine:
    dash: int | None  # 1-based column of a list item's `-`
    key_column: int  # 1-based column of the key, or of the content after the `-`
    key: str | None


def block_line(text: str) -> BlockLine | None:
    """A line's `-` and key, with their columns; None for a blank or comment line."""
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    match = BLOCK_LINE.match(text)
    assert match is not None  # every part is optional
    dash = len(match["indent"]) + 1 if match["dash"] else None
    key = match["key"][:-1].strip() if match["key"] else None
    return BlockLine(dash, match.start("key") + 1 if match["key"] else match.end() + 1, key)


def alignment_hint(lines: list[str], index: int) -> str | None:
    """Where the key (or list item) on line ``index`` (0-based) should start: the column of the
    first key of the mapping it most likely belongs to, at any depth ("line up `title` under
    `url` (line 7), at column 7"). None if the line is not a key or item, or already lines up
    with one of the mappings (or lists) open above it: the error is then elsewhere. A line
    halfway between two columns is told both.

    Reads upward from the line before: each line left of all seen so far opens an enclosing
    mapping (its key column; its first key is the one after a `-`, else the topmost at that
    column) or list (its `-` column). The nearest column wins."""
    if index >= len(lines) or (this := block_line(lines[index])) is None:
        return None
    keys: list[tuple[int, str, int]] = []  # (column, first key, 1-based line), innermost first
    dashes: list[tuple[int, int]] = []  # (column, 1-based line of the nearest item), innermost first
    closed = False  # the innermost mapping's first key is found (it follows a `-`)
    leftmost = float("inf")  # the column of the leftmost line read so far
    for number in range(index, 0, -1):
        line = block_line(lines[number - 1])
        if line is None:
            continue
        first = line.dash or line.key_column
        if first > leftmost:
            continue  # inside an earlier sibling
        leftmost = first
        if line.key is not None:
            if keys and keys[-1][0] == line.key_column:
                if not closed:
                    keys[-1] = (line.key_column, line.key, number)
                    closed = line.dash is not None
            elif not keys or line.key_column < keys[-1][0]:
                keys.append((line.key_column, line.key, number))
                closed = line.dash is not None
        if line.dash is not None and (not dashes or line.dash < dashes[-1][0]):
            dashes.append((line.dash, number))
    if this.dash is not None:  # a `-` under a key may start that key's list: not misplaced
        if not dashes or any(column == this.dash for column, _ in dashes) or any(k[0] == this.dash for k in keys):
            return None
        off = min(abs(column - this.dash) for column, _ in dashes)
        return "line up this `-` " + ", or ".join(f"under the `-` on line {number}, at column {column}"
                                                  for column, number in dashes if abs(column - this.dash) == off)
    if this.key is None or not keys or any(column == this.key_column for column, _, _ in keys):
        return None
    off = min(abs(column - this.key_column) for column, _, _ in keys)
    nearest = [f"under `{key}` (line {number}), at column {column}" for column, key, number in keys
               if abs(column - this.key_column) == off]  # two if it sits halfway between
    return f"line up `{this.key}` " + ", or ".join(nearest)


def report_yaml_error(exc: yaml.MarkedYAMLError, name: str, diags: Diagnostics, lines: list[str]) -> None:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    code, hint = "E102", None
    # libyaml does not name the character that "cannot start any token": look at the source.
    at = lines[mark.line][mark.column : mark.column + 1] if mark and mark.line < len(lines) else ""
    if "expected a single document" in problem + context:
        code, hint = "E109", "remove the `---` line and merge the documents into one list"
        problem = "a second YAML document starts here"
    elif "tab" in problem or at == "\t":
        code, hint = "E103", "replace the tab with spaces"
    elif "quoted scalar" in context and exc.context_mark is not None:
        mark = exc.context_mark  # point at the quote that was opened, not at the end of the file
        problem, hint = "quoted text is never closed", "add the closing quote"
    elif "flow sequence" in context or "flow mapping" in context:
        if exc.context_mark is not None:
            mark = exc.context_mark
        problem, hint = f"{context.replace('while parsing a', 'this').strip()} is never closed", "close the bracket"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted, or the indentation is off"
        if mark and (aligned := alignment_hint(lines, mark.line)):
            hint += f": {aligned}"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        aligned = alignment_hint(lines, mark.line) if mark else None
        hint = f"check the indentation: {aligned or 'the keys of one mapping, like the items of one list, start in one column'}"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = problem if not context or code != "E102" or "never closed" in problem else f"{problem} ({context})"
    diags.add(code, Span(name, line, col, line, col + 1), message, hint)
