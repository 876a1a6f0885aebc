"""CLI adapter: parse arguments, call the core, print diagnostics, exit as ruff does.

Exit codes: 0 clean, 1 problems found (warnings too under --strict), 2 the command was misused.

  check   validate the data only; write nothing
  build   validate, then write the Markdown pages
  new     print a template record of a kind (--append adds it to the data file)
  links   report dead and redirected source URLs
  archive find (or make) a Wayback Machine copy of every source without `archived`, and write it in
  docs    regenerate the committed files made from the field table (schema/, CONTRIBUTING.md)
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from . import (
    DEFAULT_MAX_FILE_BYTES,
    KINDS,
    WAYBACK_API,
    ArchiveOptions,
    BuildOptions,
    Diagnostic,
    Diagnostics,
    OptionError,
    WaybackClient,
    archive_sources,
    build,
    check_links,
    coverage_report,
    github_report,
    json_report,
    record_template,
    summary,
    text_report,
    write_committed,
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True)
    for name, helptext in (("check", "validate the data only; write nothing"),
                           ("build", "validate, then write the Markdown pages"),
                           ("links", "report dead and redirected source URLs")):
        cmd = commands.add_parser(name, help=helptext)
        cmd.add_argument("--data", type=Path, default=Path("data"), help="folder of the YAML files (default: data)")
        cmd.add_argument("--format", choices=("text", "json", "github"), default="text", help="how to print problems")
        cmd.add_argument("--strict", action="store_true", help="warnings count as problems; a build writes nothing")
        cmd.add_argument("--max-file-bytes", type=int, default=None,
                         help=f"size cap per data file (default: {DEFAULT_MAX_FILE_BYTES:,}, or GENERATOR_MAX_FILE_BYTES)")
        if name == "build":
            cmd.add_argument("--out", type=Path, default=Path("content"), help="output folder (default: content)")
        if name == "links":
            cmd.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each URL (default: 10)")
            cmd.add_argument("--max-requests", type=int, default=500, help="URLs checked at most (default: 500)")
            cmd.add_argument("--workers", type=int, default=4, help="URLs checked at once (default: 4)")
    archive_parser(commands)
    new = commands.add_parser("new", help="print a template record of a kind")
    new.add_argument("kind", choices=list(KINDS), help="the kind of record")
    new.add_argument("--append", action="store_true", help="append the template to its data file")
    new.add_argument("--data", type=Path, default=Path("data"), help="folder of the YAML files (default: data)")
    docs = commands.add_parser("docs", help="regenerate schema/ and CONTRIBUTING.md from the field table")
    docs.add_argument("--root", type=Path, default=Path("."), help="the repository root (default: .)")
    return top


def archive_parser(commands: argparse._SubParsersAction) -> None:
    """The options of `archive`; the API base and the keys are read here, once."""
    cmd = commands.add_parser("archive", help="find (or make) archived copies of the sources and write them in")
    cmd.add_argument("--data", type=Path, default=Path("data"), help="folder of the YAML files (default: data)")
    cmd.add_argument("--limit", type=int, default=None, help="URLs asked at most in this run (default: all)")
    cmd.add_argument("--save", action="store_true", help="ask Save Page Now for a copy of pages with none "
                     "(needs WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY, archive.org's S3 keys)")
    cmd.add_argument("--api", default=os.environ.get("WAYBACK_API") or WAYBACK_API,
                     help=f"the Wayback Machine's base URL (default: WAYBACK_API, else {WAYBACK_API})")
    cmd.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each answer (default: 20)")
    cmd.add_argument("--retries", type=int, default=3, help="tries again after a timeout or a 5xx (default: 3)")
    cmd.add_argument("--backoff", type=float, default=2.0, help="seconds before the first retry, doubled each time")
    cmd.add_argument("--workers", type=int, default=4, help="questions asked at once (default: 4)")
    cmd.add_argument("--save-interval", type=float, default=10.0, help="seconds between captures (default: 10)")
    cmd.add_argument("--state", type=Path, default=Path(".cache/archive-state.json"),
                     help="where URLs without a copy are remembered for a day (default: .cache/archive-state.json)")
    keys = (os.environ.get("WAYBACK_ACCESS_KEY", ""), os.environ.get("WAYBACK_SECRET_KEY", ""))
    cmd.set_defaults(keys=keys if all(keys) else None)


def print_diagnostics(diags: list[Diagnostic], lines: dict[str, list[str]], fmt: str) -> None:
    if fmt == "json":
        print(json_report(diags))
        return
    if diags:
        print(github_report(diags) if fmt == "github" else text_report(diags, lines),
              file=sys.stdout if fmt == "github" else sys.stderr)
    print(summary(diags), file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    options = BuildOptions(data_dir=args.data, out_dir=getattr(args, "out", Path("content")), strict=args.strict,
                           write=args.command == "build")
    if args.max_file_bytes is not None:
        options = replace(options, max_file_bytes=args.max_file_bytes)
    result = build(options)
    print_diagnostics(result.diagnostics, result.lines, args.format)
    if args.command == "check" and args.format == "text" and result.corpus is not None:
        print(coverage_report(result.translation_coverage()), file=sys.stderr)
    if args.format == "text" and result.written and not result.failed(args.strict):
        w = result.written
        print(f"Wrote {len(w.written)} pages ({w.unchanged} unchanged, {len(w.removed)} removed) to {args.out}.",
              file=sys.stderr)
    return 1 if result.failed(args.strict) else 0


def run_links(args: argparse.Namespace) -> int:
    run = check_links(args.data, args.timeout, args.max_requests, args.workers)
    print_diagnostics(run.diagnostics, run.lines, args.format)
    print(f"Checked {run.checked} URLs" + (f"; {run.skipped} not checked (--max-requests)." if run.skipped else "."),
          file=sys.stderr)
    return 1 if run.diagnostics else 0


def run_archive(args: argparse.Namespace) -> int:
    if args.save and args.keys is None:
        print("--save skipped: set WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY (archive.org → account → S3 API keys) "
              "to ask Save Page Now; looking up existing copies only.", file=sys.stderr)
    client = WaybackClient(args.api, args.timeout, max(0, args.retries), args.backoff, args.keys if args.save else None)
    options = ArchiveOptions(args.data, args.limit, args.save, args.workers, args.save_interval, args.state)
    diags = Diagnostics()
    try:
        result = archive_sources(options, client, diags)
    except KeyboardInterrupt:
        print("\nInterrupted: what was found is written; run the command again to go on.", file=sys.stderr)
        return 130
    if diags.errors:
        print_diagnostics(diags.sorted(), {}, "text")
        print("Files with errors were left alone: fix them (`python -m generator check`), then run again.",
              file=sys.stderr)
    for line in result.failures:
        print(line, file=sys.stderr)
    for why in result.refused:
        print(f"error: {why}", file=sys.stderr)
    print(result.line(), file=sys.stderr)
    return 1 if result.failed or result.refused or diags.errors else 0


def run_new(args: argparse.Namespace) -> int:
    text = record_template(args.kind)
    if not args.append:
        print(text, end="")
        return 0
    target = args.data / KINDS[args.kind].file
    existing = target.read_text("utf-8") if target.exists() else ""
    separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    with target.open("a", encoding="utf-8") as handle:  # the one documented write to data/
        handle.write(separator + text)
    print(f"Appended a new {args.kind} to {target}: fill it in, then run `python -m generator check`.", file=sys.stderr)
    return 0


def run_docs(args: argparse.Namespace) -> int:
    written = write_committed(args.root)
    print(f"Wrote {len(written)} files made from the field table under {args.root}: "
          + ", ".join(str(p.relative_to(args.root)) for p in written) + ".", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # misuse exits 2, as argparse does
    if args.command in ("check", "build", "links", "new", "archive") and not args.data.is_dir():
        print(f"error: data folder '{args.data}' does not exist", file=sys.stderr)
        return 2
    command = {"check": run_build, "build": run_build, "links": run_links, "archive": run_archive, "new": run_new,
               "docs": run_docs}
    try:
        return command[args.command](args)
    except OptionError as exc:  # misuse, like a bad argument
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug in the generator, never the contributor's fault: no traceback for them
        print(f"internal error: {type(exc).__name__}: {exc}\nPlease report this with the data that caused it.",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
