"""China Crypto Crackdown Tracker: sourced YAML records → validated, linked Markdown pages.

The public API, which the CLI and the MkDocs hook use and nothing else: `build()` with its
options and result; `Memo`, kept between the builds of one `mkdocs serve`; `owned`, which
paths of the output folder the generator writes; `output_complete`, whether the last build
into a folder finished; `text_report` and `summary`, the diagnostics as a contributor reads
them.
"""

from .diagnostics import Diagnostic, Severity, Span
from .pipeline import BuildOptions, BuildResult, build
from .report import summary, text_report
from .reuse import Memo
from .write import manifest_complete as output_complete
from .write import owned

__all__ = ["build", "BuildOptions", "BuildResult", "Diagnostic", "Severity", "Span", "Memo", "owned",
           "output_complete", "summary", "text_report"]
