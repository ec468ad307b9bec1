"""The corpus: every table's caption and line range, and every finding, as reviewed by hand.

A change in what sakiplint finds on the corpus must be deliberate: recompute the new
finding by hand, then run tests/update_expectations.py and write the review note."""

from __future__ import annotations

import json

import pytest

from conftest import EXPECTATIONS, corpus_reports, needs_corpus
from update_expectations import snapshot

REPORTS = corpus_reports()
TABLES = json.loads((EXPECTATIONS / "corpus_tables.json").read_text(encoding="utf-8"))
FINDINGS = json.loads((EXPECTATIONS / "corpus_findings.json").read_text(encoding="utf-8"))


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_tables_captions_and_line_ranges(report):
    tables, _ = snapshot(report)
    assert tables == TABLES[report.name]


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_findings_match_reviewed_expectations(report):
    _, found = snapshot(report)
    expected = [{k: v for k, v in f.items() if k != "review"} for f in FINDINGS[report.name]]
    assert found == expected


def test_every_recorded_finding_was_reviewed():
    for name, found in FINDINGS.items():
        for f in found:
            assert f.get("review") and not f["review"].startswith("TODO"), (name, f)


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_every_corpus_report_parses_with_tables(report):
    tables, _ = snapshot(report)
    assert len(tables) >= 10
    assert any(t["caption"] for t in tables)
