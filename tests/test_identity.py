"""Identity across tables: name normalisation, table roles, years, the indicator index."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sakiplint.facts.identity import (
    compatible,
    identity,
    indicator_key,
    normalise,
    program_key,
    same_number,
    year_problems,
)
from sakiplint.model import Cell
from sakiplint.read.parse import parse_text


def test_normalise_case_punctuation_abbreviation_spelling():
    assert indicator_key("Indek Kepuasan Masyarakat (IKM)") == "kepuasan masyarakat"
    assert indicator_key("INDEKS KEPUASAN  MASYARAKAT.") == "kepuasan masyarakat"
    assert indicator_key("Nilai Indeks Kepuasan Masyarakat") == "kepuasan masyarakat"
    assert normalise("Meningkat nya pelayanan") == normalise("Meningkatnya Pelayanan")
    assert normalise("Prosentase dokumen, tepat waktu") == "persentase dokumen tepat waktu"
    assert program_key("1. Program Penunjang Urusan") == program_key("PROGRAM PENUNJANG URUSAN")
    assert program_key("5.01.01 Program Penunjang") == "program penunjang"


def test_different_indicators_stay_different():
    assert indicator_key("Persentase pengaduan selesai") != indicator_key(
        "Persentase pengaduan diterima")
    assert not compatible("meningkatnya kualitas pelayanan", "meningkatnya partisipasi warga")
    assert compatible("meningkatnya pemberdayaan masyarakat",
                      "meningkatnya pemberdayaan masyarakat dan komunitas")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)


@given(st.lists(_WORD, min_size=2, max_size=6), st.sampled_from([" ", "  ", " , ", ". "]),
       st.booleans())
def test_key_ignores_case_spacing_and_abbreviation(words, sep, upper):
    name = sep.join(words)
    variant = (name.upper() if upper else name.title()) + " (ABC)"
    assert indicator_key(variant) == indicator_key(" ".join(words))


@given(st.decimals(min_value=0, max_value=10_000, places=2), st.integers(0, 2))
def test_same_number_accepts_rounding(value, decimals):
    fine = Cell(raw="", text="", line=1, column=1, number=value, decimals=2)
    coarse_v = round(value, decimals)
    coarse = Cell(raw="", text="", line=1, column=1, number=coarse_v, decimals=decimals)
    assert same_number(fine, coarse)
    other = Cell(raw="", text="", line=1, column=1, number=coarse_v + 2, decimals=decimals)
    assert not same_number(fine, other)


REPORT = """LAPORAN KINERJA KECAMATAN SUKAMAJU TAHUN 2024

Tabel 2.1 Target Renstra Tahun 2022-2026

Sasaran\tIndikator Kinerja\tTarget 2023\tTarget 2024\tTarget 2025
Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat\t80\t81\t82

Tabel 2.2 Perjanjian Kinerja Tahun 2024

Sasaran Strategis\tIndikator Kinerja\tTarget
Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat (IKM)\t81

Tabel 2.3 Perubahan Perjanjian Kinerja Tahun 2024

Sasaran Strategis\tIndikator Kinerja\tTarget
Meningkatnya kualitas pelayanan\tIndek Kepuasan Masyarakat\t81,5

Tabel 3.1 Capaian Kinerja

Sasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian
Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat\t81,5\t84\t103,07%

Tabel 3.2 Realisasi Anggaran Tahun 2024

Program\tAnggaran (Rp)\tRealisasi (Rp)\t%
Program Penunjang Urusan Pemerintahan\t1.000.000.000\t900.000.000\t90,00
"""


def test_table_roles_and_years():
    doc = parse_text(REPORT)
    ident = identity(doc)
    roles = [ident.info(t).role for t in doc.tables]
    assert roles == ["renstra", "pk", "pk_perubahan", "capaian", "anggaran"]
    assert ident.info(doc.tables[1]).year == 2024
    assert ident.info(doc.tables[3]).year == 2024   # from the report year
    occ = ident.values[("main:kepuasanmasyarakat", "target", 2024)]
    assert [o.table.caption_number for o in occ] == ["2.1", "2.2", "2.3", "3.1"]
    assert identity(doc) is ident   # memoised on the document


def test_budget_index_by_program_and_year():
    doc = parse_text(REPORT)
    ident = identity(doc)
    (key, kind, year), occ = next(iter(ident.budgets.items()))
    assert key == "program:program penunjang urusan pemerintahan" and year == 2024
    assert kind == "anggaran"
    assert occ[0].cell.text == "1.000.000.000"


def test_shifted_year_header_gives_no_years():
    text = """Tabel 3.3 Realisasi Kinerja

Indikator Kinerja\tRealisasi 2024\tRealisasi 2020\tRealisasi 2021\tRealisasi 2022
Indeks Kepuasan Masyarakat\t80\t81\t82\t83
"""
    doc = parse_text(text)
    t = doc.tables[0]
    assert [k for _, _, k in year_problems(t)] == ["order"]
    ident = identity(doc)
    assert ident.info(t).years_shifted
    assert not ident.values


def test_comparison_table_is_not_indexed():
    text = """Tabel 3.9 Perbandingan Antar Kecamatan

Indikator Kinerja\tRealisasi 2023\tRealisasi 2024
Indeks Pembangunan Masyarakat\t80\t81
Kecamatan Sukamaju\t79\t80
Kecamatan Cibodas\t81\t82
"""
    doc = parse_text(text)
    ident = identity(doc)
    assert ident.info(doc.tables[0]).role == "perbandingan"
    assert not ident.values


def test_tahun_ke_columns_take_their_year_from_the_period():
    text = """Tabel 2.1 Target Renstra 2021-2025

Sasaran\tIndikator Kinerja\tTarget Tahun ke-1\tTarget Tahun ke-2\tTarget Tahun ke-3\t\
Target Tahun ke-4\tTarget Tahun ke-5
Meningkatnya pelayanan\tIndeks Kepuasan Masyarakat\t80\t81\t82\t83\t84
"""
    doc = parse_text(text)
    ident = identity(doc)
    assert ident.info(doc.tables[0]).role == "renstra"
    occ = ident.values[("main:kepuasanmasyarakat", "target", 2023)]
    assert [o.cell.text for o in occ] == ["82"]
    # a period that does not fit the columns gives no years
    doc = parse_text(text.replace("2021-2025", "2020-2025"))
    assert not identity(doc).values
