"""China Crypto Crackdown Tracker: sourced YAML records → validated, linked Markdown pages.

The public API is one function and its values, and `owned`, which says which paths of the
output folder the generator writes; the CLI and the MkDocs hook only call these.
"""

from .diagnostics import Diagnostic, Severity, Span
from .pipeline import BuildOptions, BuildResult, build
from .write import owned

__all__ = ["build", "BuildOptions", "BuildResult", "Diagnostic", "Severity", "Span", "owned"]
