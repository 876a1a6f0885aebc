"""`build()`: load → validate → link → render → write, readable top to bottom.

Load and validate interleave: each record is validated as soon as the loader has read it
(validate.load_and_validate), so a file's node tree is never held whole; their times are
still reported apart.

Like `mkdocs.commands.build.build`, there is one clear boundary: everything is read,
validated and linked first; only a corpus without errors is rendered and written, so a
bad record never leaves half a site (architecture decisions 1 and 2).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from .diagnostics import Diagnostic, Diagnostics, Span
from .history import Changed, changed_dates
from .lexicon import remembered
from .link import Corpus, link
from .load import DEFAULT_MAX_FILE_BYTES, RawDocument, Sequence
from .making import Making, make_pages
from .page import Page
from .records import KINDS, Record
from .render import render
from .reuse import Memo, read_records
from .search import chinese_words
from .translation import Coverage, coverage
from .validate import load_and_validate, unique_ids
from .write import Sink, WriteResult, write

PLACEHOLDER_SITE_URL = "https://example.github.io/china-crypto-crackdown-tracker/"
HISTORY_ENV = "GENERATOR_HISTORY_DIR"


def epoch_day(epoch: str | None) -> dt.date | None:
    """The day of a SOURCE_DATE_EPOCH (in UTC, whatever the local time zone), or None when
    it is unset or not a number."""
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return None


def source_date(epoch: str | None) -> dt.date:
    """The day of a SOURCE_DATE_EPOCH, or today's date when it is unset or not a number."""
    return epoch_day(epoch) or dt.date.today()


class OptionError(ValueError):
    """An option (or the environment variable behind it) that cannot be used; the message says why."""


def whole_number(variable: str, default: int) -> int:
    """The environment variable as a positive whole number, or ``default`` when it is unset."""
    text = os.environ.get(variable)
    if not text:
        return default
    if not text.strip().isdigit() or int(text) <= 0:
        raise OptionError(f"{variable} must be a whole number of bytes, such as 60000000, not '{text}'")
    return int(text)


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build depends on. The environment is read here, when options are made,
    and nowhere else in the generator."""

    data_dir: Path = Path("data")
    out_dir: Path = Path("content")
    strict: bool = False  # warnings count as problems: nothing is written
    write: bool = True  # False for `check`: stop after link
    # The size cap per data file; GENERATOR_MAX_FILE_BYTES raises it where no option reaches
    # (a plain `mkdocs build`, the benchmarks).
    # The permanent address of the site, for feeds, downloads and "cite this": the same
    # placeholder as mkdocs.yml unless SITE_URL (the deploy) or the MkDocs hook says otherwise.
    site_url: str = field(default_factory=lambda: os.environ.get("SITE_URL") or PLACEHOLDER_SITE_URL)
    max_file_bytes: int = field(default_factory=lambda: whole_number("GENERATOR_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))
    # 'Today', after which a date is in the future (W202): SOURCE_DATE_EPOCH pins it.
    today: dt.date = field(default_factory=lambda: source_date(os.environ.get("SOURCE_DATE_EPOCH")))
    # The site's reference date when SOURCE_DATE_EPOCH pins it, else None: the pages then take
    # the newest dated record's (Site.reference_date), never the clock.
    epoch: dt.date | None = field(default_factory=lambda: epoch_day(os.environ.get("SOURCE_DATE_EPOCH")))
    # The folder whose git history dates the records (else the data folder's): GENERATOR_HISTORY_DIR,
    # for a copy of the data whose history is elsewhere (tests, benchmarks).
    history_dir: Path | None = field(default_factory=lambda: Path(os.environ[HISTORY_ENV]) if os.environ.get(HISTORY_ENV)
                                     else None)
    # Between builds in one process (`mkdocs serve`): unchanged records are not read again (reuse.py).
    memo: Memo | None = None
    # Where answers of the Chinese-language libraries (lexicon.py) and compiled templates are
    # kept between builds; None keeps them for the process only.
    cache_dir: Path | None = Path(".cache/generator")
    # A build with 1,000 record pages or more forks a copy of itself that makes and writes some
    # of them on another core (making.py); False keeps to one process (`mkdocs serve` does).
    fork: bool = True


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # source lines per file, for carets
    pages: list[Page] = field(default_factory=list)
    written: WriteResult | None = None
    made: Making = field(default_factory=Making)  # how the pages were made: seconds, in one process or two
    corpus: Corpus | None = None
    changed: Changed = field(default_factory=dict)  # last-changed date per record
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]

    def failed(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def translation_coverage(self) -> list[Coverage]:
        """Per kind, how many of the records' texts have their Chinese twin; none when the build
        stopped before linking."""
        return coverage(self.corpus.records) if self.corpus is not None else []

    def chinese_words(self) -> list[str]:
        """Every Chinese word the records name, in both scripts (for a search segmenter's
        dictionary); none when the build stopped before linking."""
        return chinese_words(self.corpus) if self.corpus is not None else []


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while records are read: they hold no
    cycles, and its passes over the growing heap would take much of the reading time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def corpus_frozen() -> Iterator[None]:
    """While pages are made, the collector's passes skip the corpus (gc.freeze), scanning only
    the pages in the making; unfrozen after, so a long `mkdocs serve` frees old corpora."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def build(options: BuildOptions | None = None) -> BuildResult:
    """Load, validate and link the data; unless it has errors (or warnings under ``strict``),
    or ``write`` is off, render and write every page. Options default to BuildOptions(), read
    from the environment when build is called."""
    options = options if options is not None else BuildOptions()
    with remembered(options.cache_dir):
        with collector_paused():
            result, diags = read(options)
        if diags.errors or (options.strict and diags.warnings) or not options.write:
            result.diagnostics = diags.sorted()
            return result
        with corpus_frozen():
            make_and_write(result, diags, options)
    result.diagnostics = diags.sorted()
    return result


@contextmanager
def timed(result: BuildResult, name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.timings[name] = time.perf_counter() - start


def read(options: BuildOptions) -> tuple[BuildResult, Diagnostics]:
    """Load, validate and link (and the last-changed dates): every problem is found here."""
    result = BuildResult()
    diags = Diagnostics()

    reused: dict[str, list[Record]] = {}  # kinds read record by record (options.memo): already validated
    loaded: dict[str, list[Record]] = {}  # kinds read whole, each record validated as it was read
    validating = 0.0  # of the load phase, the time spent validating: validate's
    with timed(result, "load"):
        docs: dict[str, RawDocument] = {}
        if options.memo is not None:
            options.memo.parsed = 0
        for kind in KINDS.values():
            path = options.data_dir / kind.file
            if options.memo is not None:
                doc, records_read = read_records(kind, path, options.max_file_bytes, options.memo, options.today)
                if records_read is not None:
                    docs[kind.name], reused[kind.name] = doc, records_read
                    continue
            docs[kind.name], loaded[kind.name], seconds = load_and_validate(kind, path, diags, options.max_file_bytes,
                                                                            options.today)
            validating += seconds
        result.lines = {doc.path: doc.lines for doc in docs.values()}
    with timed(result, "validate"):
        records = {name: list(unique_ids(items, diags)) for name, items in {**loaded, **reused}.items()}
    result.timings["load"] -= validating
    result.timings["validate"] += validating
    with timed(result, "link"):
        unreadable = frozenset(kind for kind, doc in docs.items() if kind not in reused and not isinstance(doc.root, Sequence))
        result.corpus = link(records, diags, unreadable)
        del docs, records  # render needs only the corpus (and lines, kept above)
        if options.write and not diags.errors:
            result.changed = changed_dates(result.corpus.records, options.data_dir, options.history_dir,
                                           options.cache_dir)

    return result, diags


def make_and_write(result: BuildResult, diags: Diagnostics, options: BuildOptions) -> None:
    """Render and write a corpus without errors. Record pages, downloads and feeds are made
    while they are written: that time is render's, not write's. With a forked copy making
    pages too, render counts the making in both processes, so the phases add up to more
    than the time the build took."""
    assert result.corpus is not None
    with timed(result, "render"):
        result.pages = render(result.corpus, options.site_url, result.changed, options.cache_dir, options.epoch)
    start = time.perf_counter()

    def fill(sink: Sink) -> None:
        result.made = make_pages(result.pages, sink, options.fork)

    try:
        result.written = write([page.path for page in result.pages], options.out_dir, diags, fill)
    except TemplateError:
        raise  # a page kind without its template is the generator's bug, not a file that cannot be written
    except OSError as exc:
        diags.add("E402", Span(str(exc.filename or options.out_dir), 1, 1, 1, 1), f"cannot write: {exc.strerror}")
    result.timings["render"] += result.made.seconds
    result.timings["write"] = time.perf_counter() - start - result.made.here
