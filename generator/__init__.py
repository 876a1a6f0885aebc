"""China Crypto Crackdown Tracker: sourced YAML records → validated, linked Markdown pages.

The public API is one function and its values; the CLI and the MkDocs hook only call it.
"""

from .diagnostics import Diagnostic, Severity, Span
from .pipeline import BuildOptions, BuildResult, build

__all__ = ["build", "BuildOptions", "BuildResult", "Diagnostic", "Severity", "Span"]
