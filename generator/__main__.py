"""CLI adapter: parse arguments, call `build()`, print diagnostics, exit as ruff does.

Exit codes: 0 clean, 1 problems found (warnings too under --strict), 2 the command was misused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import BuildOptions, build
from .load import DEFAULT_MAX_FILE_BYTES
from .report import github_report, json_report, summary, text_report


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)
    for name, helptext in (("check", "validate the data only; write nothing"),
                           ("build", "validate, then write the Markdown pages")):
        cmd = commands.add_parser(name, help=helptext)
        cmd.add_argument("--data", type=Path, default=Path("data"), help="folder of the YAML files (default: data)")
        cmd.add_argument("--strict", action="store_true", help="warnings count as problems; a build writes nothing")
        cmd.add_argument("--format", choices=("text", "json", "github"), default="text", help="how to print problems")
        cmd.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES, help="size cap per data file")
        if name == "build":
            cmd.add_argument("--out", type=Path, default=Path("content"), help="output folder (default: content)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # misuse exits 2, as argparse does
    if not args.data.is_dir():
        print(f"error: data folder '{args.data}' does not exist", file=sys.stderr)
        return 2
    options = BuildOptions(data_dir=args.data, out_dir=getattr(args, "out", Path("content")), strict=args.strict,
                           write=args.command == "build", max_file_bytes=args.max_file_bytes)
    try:
        result = build(options)
    except Exception as exc:  # a bug in the generator, never the contributor's fault: no traceback for them
        print(f"internal error: {type(exc).__name__}: {exc}\nPlease report this with the data that caused it.",
              file=sys.stderr)
        return 2
    diags = result.diagnostics
    if args.format == "json":
        print(json_report(diags))
    elif args.format == "github":
        if diags:
            print(github_report(diags))
        print(summary(diags), file=sys.stderr)
    else:
        if diags:
            print(text_report(diags, result.lines), file=sys.stderr)
        print(summary(diags), file=sys.stderr)
        if result.written and not result.failed(args.strict):
            w = result.written
            print(f"Wrote {len(w.written)} pages ({w.unchanged} unchanged, {len(w.removed)} removed) to {args.out}.",
                  file=sys.stderr)
    return 1 if result.failed(args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
