"""Report formats: the caret lands under the problem, CJK characters counting two columns."""

from __future__ import annotations

from generator.diagnostics import Diagnostic, Severity, Span
from generator.report import summary, text_report


def test_caret_under_chinese_text() -> None:
    d = Diagnostic(Span("f.yaml", 1, 10, 1, 12), "E207", "bad", "fix it", Severity.ERROR)
    out = text_report([d], {"f.yaml": ["  name: 比特币 火币"]}).splitlines()
    assert out[2] == "1 |   name: 比特币 火币"
    # 比特币 and the space take 7 terminal columns before 火币, whose two characters take four.
    assert out[3] == "  |           ^^^^"
    assert out[4] == "  = hint: fix it"


def test_summary_counts() -> None:
    d = Diagnostic(Span("f.yaml", 1, 1, 1, 2), "W201", "w", None, Severity.WARNING)
    assert summary([d]) == "Found 0 errors and 1 warning in 1 file."
    assert summary([]) == "No problems found."
