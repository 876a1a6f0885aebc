"""MkDocs adapter: run the same `build()` before MkDocs reads `content/`.

MkDocs loads this file by path, not as part of the package, so imports are absolute.

A plain `mkdocs build` or `mkdocs serve` from a clean clone therefore works. A data error
stops `mkdocs build` with the located messages; under `mkdocs serve` it prints them and
keeps serving the last good site. Generator warnings go through MkDocs' logger, so
`mkdocs build --strict` fails on them. Engine-specific code stays in this file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import Abort
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from generator import BuildOptions, Memo, OptionError, build, output_complete, owned, summary, text_report

log = logging.getLogger("mkdocs.plugins.generator")
_command = "build"
# Under `mkdocs serve`, records whose text did not change are reused from the last build.
_memo = Memo()


def data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    route_jieba_log()


def route_jieba_log() -> None:
    """jieba prints its start-up ("Building prefix dict from the default dictionary …") to
    stderr through a handler of its own, unformatted: send it to MkDocs' log at debug level
    instead (`mkdocs serve -v` shows it; its warnings stay warnings)."""
    jieba_log = logging.getLogger("jieba")
    for handler in list(jieba_log.handlers):
        jieba_log.removeHandler(handler)
    jieba_log.propagate = False
    jieba_log.addHandler(ToMkDocsLog())


class ToMkDocsLog(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        level = record.levelno if record.levelno >= logging.WARNING else logging.DEBUG
        log.log(level, f"jieba: {record.getMessage()}")


def on_pre_build(config) -> None:
    strict = bool(config.strict)  # `mkdocs build --strict`: warnings stop the build, nothing is written
    project = Path(config.config_file_path).parent
    try:
        options = BuildOptions(data_dir=data_dir(config), out_dir=Path(config.docs_dir), strict=strict,
                               cache_dir=project / ".cache" / "generator",
                               memo=_memo if _command == "serve" else None,
                               fork=_command != "serve",  # no fork beside the server's threads
                               **({"site_url": config.site_url} if config.site_url else {}))
    except OptionError as exc:
        raise Abort(str(exc)) from None
    result = build(options)
    report = text_report(result.diagnostics, result.lines)
    if result.failed(strict):
        what = "data errors" if result.errors else "data warnings under --strict"
        message = f"{what}: nothing was generated\n\n{report}\n{summary(result.diagnostics)}"
        if _command == "serve" and output_complete(Path(config.docs_dir)):
            log.error(message + "\nStill serving the last good site; fix the data and save.")
            return
        raise Abort(message)
    for chunk in report.split("\n\n"):
        if chunk.strip():
            log.warning(chunk)
    teach_jieba(result.chinese_words())
    if result.written:
        log.info(f"generator: {len(result.written.written)} pages written, {result.written.unchanged} unchanged")


def teach_jieba(words: list[str]) -> None:
    """Material's search plugin segments Chinese with jieba's global tokenizer: add our words to it."""
    try:
        import jieba
    except ImportError:  # without jieba, Material indexes Chinese unsegmented
        return
    for word in words:
        jieba.add_word(word)


# Each page's search spellings (front matter `search_spellings`), by its URL, kept across the
# builds of `mkdocs serve` like Material's own index.
_spellings: dict[str, list[str]] = {}


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Take a record page's search spellings out of its metadata, to add them to the index."""
    spellings = page.meta.pop("search_spellings", None)
    if isinstance(spellings, list):
        _spellings[page.url] = [str(s) for s in spellings]
    else:
        _spellings.pop(page.url, None)
    return markdown


def on_post_build(config) -> None:
    """Material's search index, with each record page's spellings in a field of their own.

    The spellings (names, their parts, traditional forms, pinyin; generator/search.py) must
    match a reader's query, but they read like debug output on the page and in the result's
    snippet. Material indexes every field named under `plugins.search.fields` in mkdocs.yml
    and shows only the title, text and tags: so they go in a field `spellings`, written into
    the index Material just wrote (its post-build runs before this hook's).
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not _spellings or not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    for doc in index.get("docs", ()):
        spellings = _spellings.get(doc.get("location", ""))
        if spellings:
            doc["spellings"] = spellings
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# The page's text, from Markdown: no script of it is the theme's, so none is allowed by hash.
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")


def on_post_template(output: str, template_name: str, config) -> str:
    """Static templates (404.html) get the same policy as pages."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def script_hash(script: str) -> str:
    """The policy's source expression allowing one inline script, by the SHA-256 of its text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def on_post_page(output: str, page, config) -> str:
    """A Content-Security-Policy for every page, in a <meta> element (GitHub Pages sets no headers).

    Only the site's own files may load; the inline scripts of the templates (Material's few and
    the head's own) are allowed by the SHA-256 of their exact text, computed here. A script inside
    the page's <article>, written into a page's Markdown, gets no hash and cannot run.
    Not under `mkdocs serve`: it adds its live-reload script after this hook, which the
    policy would block (an error on every page, and no reload on save).
    """
    if _command == "serve":
        return output
    hashes = sorted({script_hash(script) for script in INLINE_SCRIPT.findall(ARTICLE.sub("", output))})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP.format(hashes=" ".join(hashes))}">'
    return output.replace("<head>", "<head>\n    " + meta, 1)


def on_serve(server, config, builder):
    """Rebuild when `data/` or a hand-written page changes, never for the generator's own writes.

    MkDocs watches all of docs_dir, where every build writes generated pages and the
    generator's bookkeeping: each build would start the next. So docs_dir is watched here
    instead, through a filter that passes only files the generator does not own.
    """
    server.watch(str(data_dir(config)))
    server.unwatch(config.docs_dir)
    handler = HandWrittenChanges(Path(config.docs_dir), lambda: request_rebuild(server))
    server.observer.schedule(handler, config.docs_dir, recursive=True)
    return server


class HandWrittenChanges(FileSystemEventHandler):
    """Calls ``rebuild`` for a change to a file of docs_dir that the site is built from and
    the generator does not write: not its pages, not dotfiles (its manifest, lock and
    temporary files; MkDocs leaves dotfiles out of the site)."""

    def __init__(self, docs: Path, rebuild) -> None:
        self.docs = docs.resolve()
        self.rebuild = rebuild

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(self.hand_written(os.fsdecode(p)) for p in paths if p):
            self.rebuild()

    def hand_written(self, path: str) -> bool:
        try:
            relative = Path(path).resolve().relative_to(self.docs).as_posix()
        except ValueError:
            return False
        return not owned(relative) and not any(part.startswith(".") for part in relative.split("/"))


def request_rebuild(server) -> None:
    """What MkDocs' own watch callback does (mkdocs/livereload/__init__.py, `watch`)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
