"""One indicator, one identity: every pair of names that must be linked across tables, and
every pair that must not, by :func:`sakiplint.facts.identity.identity_key`; on the corpus,
the groups of names linked in each report are the reviewed ones
(``tests/expectations/identity_links.json``; rewrite with
``python tests/test_identity_pairs.py --update`` and review the diff by eye)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import EXPECTATIONS, corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_text
from sakiplint.facts.identity import identity, identity_key, same_indicator

REPORTS = corpus_reports()
LINKS = EXPECTATIONS / "identity_links.json"

#: names of one indicator, as converters and authors vary them
SAME = [
    # generic lead words
    ("Indeks Kepuasan Masyarakat", "Nilai Indeks Kepuasan Masyarakat"),
    ("Indeks Kepuasan Layanan Sarana Publik (IKLSP)", "Nilai Kepuasan Layanan Sarana Publik"),
    ("Nilai Evaluasi AKIP", "Nilai Evaluasi AKIP Perangkat Daerah"),
    ("Persentase Tingkat Partisipasi Warga dalam Musrenbang",
     "Tingkat Partisipasi Warga dalam Musrenbang"),
    # a trailing agency level, or the agency's own name
    ("Indeks Pemberdayaan Warga (IPW) Kecamatan", "Nilai Indeks Pemberdayaan Warga (IPW)"),
    ("Angka Kematian Bayi di Kecamatan", "Angka Kematian Bayi"),
    ("Nilai SAKIP OPD", "Nilai SAKIP Perangkat Daerah"),
    ("Nilai SAKIP PD", "Nilai SAKIP"),
    # letters and words split by the converter
    ("Nilai S AKIP OPD", "Nilai SAKIP"),
    ("Persentase Capaia n Layanan Terpadu", "Persentase Capaian Layanan Terpadu"),
    ("Meningkat nya Kualitas Layanan", "Meningkatnya kualitas layanan"),
    # spelling variants, case, punctuation, numbering, parenthesised abbreviations
    ("Indek Kepuasan Masyarakat (IKM)", "INDEKS KEPUASAN MASYARAKAT."),
    ("Prosentase usulan warga yang diakomodir", "Persentase Usulan Warga Yang Diakomodir"),
    ("1. Survei Kepuasan Masyarakat (SKM).", "Survei Kepuasan Masyarakat"),
]

#: names of different indicators that share words
DIFFERENT = [
    ("Jumlah Inovasi Pelayanan", "Persentase Inovasi Pelayanan"),
    ("Jumlah Inovasi", "Persentase Inovasi"),
    ("Rasio Linmas per RT", "Jumlah Linmas per RT"),
    ("IKM Pelayanan Perangkat Daerah", "Indeks Kepuasan Masyarakat (IKM) Perangkat Daerah"),
    ("Persentase pengaduan yang diselesaikan", "Persentase pengaduan yang diterima"),
    ("Persentase realisasi kegiatan fisik", "Persentase realisasi kegiatan keuangan"),
    ("Indeks Kepuasan Masyarakat", "Indeks Kepuasan Layanan Sarana Publik"),
    ("Angka Kematian Ibu", "Angka Kematian Bayi"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[a for a, _ in SAME])
def test_names_of_one_indicator_share_one_identity(a, b):
    assert identity_key(a) is not None
    assert same_indicator(a, b) and same_indicator(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[a for a, _ in DIFFERENT])
def test_names_of_different_indicators_stay_apart(a, b):
    assert not same_indicator(a, b) and not same_indicator(b, a)


def test_the_agency_name_and_document_acronyms():
    assert identity_key("Survei Kepuasan (SKM) Kecamatan Sukamaju", ("sukamaju",)) == \
        identity_key("Survei Kepuasan (SKM)")
    # one word left names an indicator only as an acronym: written so here, or elsewhere
    assert identity_key("Nilai Sakip OPD") == "nilaisakip"
    assert identity_key("Nilai Sakip OPD", acronyms=frozenset({"sakip"})) == "sakip"
    assert identity_key("Indeks") is None
    assert identity_key("Nilai Kinerja") == "nilaikinerja"


def _groups(report: Path) -> dict[str, list[str]]:
    doc, _ = lint_text(report.read_text(encoding="utf-8"), rules=[])
    found: dict[str, set[str]] = {}
    for (key, _kind, _year), occs in identity(doc).values.items():
        for o in occs:
            found.setdefault(key, set()).add(" ".join(o.name.text.split()))
    return {k: sorted(v) for k, v in sorted(found.items())}


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_corpus_links_are_the_reviewed_ones(report):
    expected = json.loads(LINKS.read_text(encoding="utf-8"))[report.name]
    assert _groups(report) == expected


#: names in the corpus that must not be linked: (report, name a, name b) by their start
CORPUS_APART = [
    ("kedungkandang-2023.md", "IKM Pelayanan Perangkat Daerah",
     "Indeks Kepuasan Masyarakat (IKM) Perangkat Daerah"),
    ("kotabangun-2023.md", "Indeks Keluarga Sehat", "Indeks Kepuasan Pelayanan Kecamatan"),
    ("kotabangun-2023.md", "Persentase realisasi kegiatan fisik",
     "Persentase realisasi kegiatan keuangan"),
]


@needs_corpus
@pytest.mark.parametrize(("name", "a", "b"), CORPUS_APART, ids=[f"{n}:{a}" for n, a, _ in
                                                                 CORPUS_APART])
def test_corpus_names_that_must_stay_apart(name, a, b):
    report = next((r for r in REPORTS if r.name == name), None)
    if report is None:
        pytest.skip(f"{name} not in the corpus")
    groups = _groups(report)
    for names in groups.values():
        assert not (any(n.startswith(a) for n in names) and any(n.startswith(b) for n in names))


if __name__ == "__main__" and "--update" in sys.argv:
    LINKS.write_text(json.dumps({r.name: _groups(r) for r in REPORTS}, indent=1,
                                ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {LINKS}")
