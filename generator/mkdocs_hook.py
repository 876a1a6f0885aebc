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
import logging
import re
from pathlib import Path

from mkdocs.exceptions import Abort

from generator import BuildOptions, build
from generator.report import summary, text_report
from generator.reuse import Memo
from generator.search import chinese_words
from generator.write import manifest_complete

log = logging.getLogger("mkdocs.plugins.generator")
_command = "build"
# Under `mkdocs serve`, records whose text did not change are reused from the last build.
_memo = Memo()


def data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    strict = bool(config.strict)  # `mkdocs build --strict`: warnings stop the build, nothing is written
    result = build(BuildOptions(data_dir=data_dir(config), out_dir=Path(config.docs_dir), strict=strict,
                                 memo=_memo if _command == "serve" else None,
                                 fork=_command != "serve",  # no fork beside the server's threads
                                 **({"site_url": config.site_url} if config.site_url else {})))
    report = text_report(result.diagnostics, result.lines)
    if result.failed(strict):
        what = "data errors" if result.errors else "data warnings under --strict"
        message = f"{what}: nothing was generated\n\n{report}\n{summary(result.diagnostics)}"
        if _command == "serve" and manifest_complete(Path(config.docs_dir)):
            log.error(message + "\nStill serving the last good site; fix the data and save.")
            return
        raise Abort(message)
    for chunk in report.split("\n\n"):
        if chunk.strip():
            log.warning(chunk)
    if result.corpus is not None:
        teach_jieba(chinese_words(result.corpus))
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


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")


def on_post_template(output: str, template_name: str, config) -> str:
    """Static templates (404.html) get the same policy as pages."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def on_post_page(output: str, page, config) -> str:
    """A Content-Security-Policy for every page, in a <meta> element (GitHub Pages sets no headers).

    Only the site's own files may load; Material's few inline scripts are allowed by the
    SHA-256 of their exact text, computed here, so an injected inline script cannot run.
    Not under `mkdocs serve`: it adds its live-reload script after this hook, which the
    policy would block (an error on every page, and no reload on save).
    """
    if _command == "serve":
        return output
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
                     for m in INLINE_SCRIPT.findall(output)})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP.format(hashes=" ".join(hashes))}">'
    return output.replace("<head>", "<head>\n    " + meta, 1)


def on_serve(server, config, builder):
    server.watch(str(data_dir(config)))
    return server
