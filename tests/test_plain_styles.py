"""The same report in every text layout gives the same findings.

Each fixture report is rendered (tests/render_styles.py) with its tables as TAB rows (the
reference), as pipe rows, joined by single spaces, aligned by runs of spaces, and one cell
per line, each also with page furniture (a footer page number and a running header) put in
every 37 lines, inside tables too. Every rendering must give the reference's findings: the
same rules and values, on the same (mapped back) lines.
"""

from __future__ import annotations

from functools import cache

import pytest

from conftest import FIXTURES
from render_styles import reference, render
from sakiplint.engine.lint import lint_text

REPORTS = sorted((FIXTURES / "reports").glob("*.md"))
STYLES = ("pipe", "joined", "aligned", "cells")


def _found(text: str, where: list[int | None]) -> set[tuple[str, int | None, str | None]]:
    _, findings = lint_text(text)
    return {(f.rule, where[f.line - 1], f.actual) for f in findings}


@cache
def _reference(name: str) -> frozenset[tuple[str, int | None, str | None]]:
    text, _ = reference((FIXTURES / "reports" / name).read_text(encoding="utf-8"))
    return frozenset(_found(text, list(range(1, text.count("\n") + 2))))


@pytest.mark.parametrize("page", [None, 37], ids=["pages", "furniture"])
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_same_findings_in_every_layout(report, style, page):
    text, where = render(report.read_text(encoding="utf-8"), style, page=page)
    expected = _reference(report.name)
    assert expected, "the reference form finds the planted mistakes"
    assert _found(text, where) == set(expected)


def test_reference_keeps_the_fixture_findings():
    """The TAB form of a report finds what the report itself finds (same rules)."""
    for report in REPORTS:
        _, findings = lint_text(report.read_text(encoding="utf-8"))
        assert {f.rule for f in findings} == {r for r, _, _ in _reference(report.name)}


@pytest.mark.parametrize("style", ["joined", "aligned", "cells"])
def test_plain_layouts_are_read_as_plain_tables(style):
    """The plain renderings really go through the plain-text reader (no TAB, no pipe)."""
    from sakiplint.read.parse import parse_text

    text, _ = render((FIXTURES / "reports" / "kaliwangi-2023.md").read_text(encoding="utf-8"),
                     style)
    assert "\t" not in text
    doc = parse_text(text)
    assert doc.tables and all(t.style == "plain" for t in doc.tables)
