"""A generated file, made when its text is asked for."""

from __future__ import annotations

from collections.abc import Callable


class Page:
    """A generated file: its path (relative to the output folder, POSIX separators) and its
    text. Pages are made when their text is asked for (when they are written), so a build
    holds one page's text at a time, not the whole site; the time it takes is render's. Only
    valid, linked data reaches render, so making a page cannot fail on the data."""

    __slots__ = ("path", "_text", "_make", "narrow", "spells")

    def __init__(self, path: str, text: str | None = None, make: Callable[[], str] | None = None,
                 narrow: bool = False, spells: bool = False) -> None:
        self.path, self._text, self._make = path, text, make
        # For the forked copy that makes pages too (making.py): narrow, an event page (it reads
        # its event and the few records it names); spells, a page that spells names (it needs
        # pypinyin, OpenCC and jieba's dictionary, which only the build process uses).
        self.narrow, self.spells = narrow, spells

    @property
    def text(self) -> str:
        if self._text is not None:
            return self._text
        text = self._make()  # type: ignore[misc]
        return text if text.endswith("\n") else text + "\n"

    def __repr__(self) -> str:
        return f"Page({self.path!r})"
