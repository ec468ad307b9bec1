"""The sentences of the corpus that state numbers and that no claim reads
(``benchmarks/unread_sentences.py``): their number must not grow back. 164 before issue 13's
grammar and links (claims read in any word order, role words across names, years per clause,
verdicts, averages, derived percentages, agency-level counts and budgets, changes stated
with one value); 110 after."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_text

#: unread number-stating sentences per corpus report (the most allowed)
UNREAD = {
    "kedungkandang-2023": 31,
    "klojen-2021": 13,
    "kotabangun-2023": 44,
    "kromengan-2022": 22,
}


def _unread():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from unread_sentences import unread
    finally:
        sys.path.pop(0)
    return unread


@needs_corpus
@pytest.mark.parametrize("report", corpus_reports(), ids=lambda p: p.stem)
def test_unread_number_sentences_do_not_grow(report) -> None:  # type: ignore[no-untyped-def]
    doc, _ = lint_text(report.read_text(encoding="utf-8"), rules=[])
    found = _unread()(doc)
    assert len(found) <= UNREAD[report.stem], "\n".join(
        f"{line}: {sentence[:120]}" for line, sentence in found)


def test_a_sentence_a_claim_reads_is_not_listed() -> None:
    unread = _unread()
    text = (
        "# Laporan Kinerja Kecamatan Sukamaju Tahun 2024\n\n"
        "Indikator IKM dengan target 80 telah tercapai sebesar 84,49 atau tercapai 105,61%.\n\n"
        "Kecamatan ini memiliki gedung seluas 450 meter persegi.\n"
    )
    doc, _ = lint_text(text, rules=[])
    assert [line for line, _ in unread(doc)] == [5]
