"""China Crypto Crackdown Tracker: sourced YAML records → validated, linked Markdown pages.

The public API, which the front ends (the command line, the MkDocs hook) use and nothing
else: `build()` with its options and result; `Memo`, kept between the builds of one
`mkdocs serve`; `owned`, which paths of the output folder the generator writes;
`output_complete`, whether the last build into a folder finished; the reports of
diagnostics (`text_report`, `summary`, `json_report`, `github_report`); the field table
(`KINDS`) and a kind's `record_template`; `check_links`, which asks whether the sources'
addresses still answer; `coverage_report`, how much of the records' text is in Chinese;
`archive_sources` (with `ArchiveOptions` and a `WaybackClient`), which finds archived copies
of the sources and writes them into the data; `write_committed`, which writes the files
made from the field table (schema/, CONTRIBUTING.md).
"""

from .archive import ArchiveOptions
from .archive import archive as archive_sources
from .diagnostics import Diagnostic, Diagnostics, Severity, Span
from .docs import write_committed
from .load import DEFAULT_MAX_FILE_BYTES
from .pipeline import BuildOptions, BuildResult, OptionError, build
from .records import KINDS
from .report import github_report, json_report, summary, text_report
from .reuse import Memo
from .scaffold import template as record_template
from .translation import coverage_report
from .urlcheck import check_links
from .wayback import DEFAULT_API as WAYBACK_API
from .wayback import Client as WaybackClient
from .write import manifest_complete as output_complete
from .write import owned

__all__ = ["build", "BuildOptions", "BuildResult", "Diagnostic", "Severity", "Span", "Memo", "owned",
           "output_complete", "summary", "text_report", "json_report", "github_report", "KINDS", "record_template",
           "check_links", "write_committed", "DEFAULT_MAX_FILE_BYTES", "archive_sources", "ArchiveOptions", "WaybackClient",
           "WAYBACK_API", "Diagnostics", "OptionError", "coverage_report"]
