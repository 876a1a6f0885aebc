"""MkDocs adapter: run the same `build()` before MkDocs reads `content/`.

MkDocs loads this file by path, not as part of the package, so imports are absolute.

A plain `mkdocs build` or `mkdocs serve` from a clean clone therefore works. The Chinese
edition is a second configuration (mkdocs.zh.yml) over the pages the same generator run wrote
into content/zh/: this hook builds it after the English site, in the same process, into the
site's zh/ folder; in that build (its own copy of this hook) the generator does not run again. A data error
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
from urllib.parse import urlsplit

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


def chinese_build(config) -> bool:
    """Whether this is the Chinese edition's build (mkdocs.zh.yml), run from the English one's."""
    return config.extra.get("edition") == "zh"


def on_pre_build(config) -> None:
    if chinese_build(config):
        return  # the English build's generator run wrote content/zh/ and taught jieba its words
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
    """Each record page's spellings into the search index; then, after the English site, the
    Chinese edition."""
    add_spellings(config)
    if not chinese_build(config):
        build_chinese_edition(config)


def build_chinese_edition(config) -> None:
    """mkdocs.zh.yml, built as the CLI builds a configuration (startup, build, shutdown), into the
    zh/ folder of this site at the zh/ address under this site's, with this build's strictness."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    zh = load_config(str(Path(config.config_file_path).parent / ZH_CONFIG), site_dir=str(Path(config.site_dir) / "zh"),
                     site_url=config.site_url.rstrip("/") + "/zh/" if config.site_url else None, strict=config.strict,
                     use_directory_urls=config.use_directory_urls)
    zh.plugins.on_startup(command=_command, dirty=False)
    try:
        mkdocs_build(zh, serve_url=None)
    finally:
        zh.plugins.on_shutdown()


ZH_CONFIG = "mkdocs.zh.yml"


def on_page_context(context, page, config, nav):
    """The language switch (Material's `extra.alternate`, overrides/partials/alternate.html) and
    the head's hreflang links lead to this page in each edition: the generator writes every page
    in both, at the same path. The switch's links are relative to the page, so the site works
    wherever it is served; the hreflang links are full addresses, as search engines want."""
    up = "../" * (page.url.count("/") + (1 if chinese_build(config) else 0))  # to the English site's root
    set_editions(config, [up + page.url or "./", f"{up}zh/{page.url}"], page.url)
    return context


def on_template_context(context, template_name, config):
    """Static pages (404.html, served at any address that has no page) switch to each home, by absolute path."""
    base = urlsplit(english_root(config)).path
    set_editions(config, [base, f"{base}zh/"], "")
    return context


def english_root(config) -> str:
    """The English site's address (the Chinese one's is under it, at zh/)."""
    return config.site_url.rstrip("/").removesuffix("/zh") + "/" if config.site_url else "/"


def set_editions(config, links: list[str], url: str) -> None:
    """The switch's links and the hreflang addresses of the page at ``url`` (its twin's path)."""
    config.extra["alternate"] = [{"name": name, "link": link, "lang": lang}
                                 for (name, lang), link in zip(EDITION_NAMES, links, strict=True)]
    root = english_root(config)
    config.extra["hreflang"] = [{"href": f"{root}{prefix}{url}", "lang": lang}
                                for (_, lang), prefix in zip(EDITION_NAMES, ("", "zh/"), strict=True)]


EDITION_NAMES = (("English", "en"), ("中文", "zh-Hans"))


def add_spellings(config) -> None:
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
