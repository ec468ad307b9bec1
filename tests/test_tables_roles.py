"""Column roles the header names in converter-damaged or terse tables (written for these
tests, modelled on real reports)."""

from __future__ import annotations

from decimal import Decimal

from sakiplint.read.parse import parse_text


def roles(text: str) -> list[str | None]:
    (t,) = parse_text(text).tables
    return [c.role for c in t.columns]


def test_percent_realisasi_after_amounts_is_absorption():
    assert roles(
        "No\tProgram\tPagu\tRealisasi (Rp.)\t% Realisasi\tKet.\n"
        "1\tProgram Pelayanan Administrasi\t1,200,000,000\t1,050,000,000\t87.50\tEfisien\n"
        "2\tProgram Pemberdayaan Desa\t800,000,000\t792,000,000\t99.00\tEfisien\n"
    ) == ["no", "program", "anggaran", "realisasi_anggaran", "serapan", "keterangan"]


def test_percent_of_budget_is_absorption():
    assert roles(
        "Uraian\tAnggaran\tRealisasi\t% dari Angg.\n"
        "Belanja Pegawai\t2.000.000.000\t1.900.000.000\t95,00\n"
        "Belanja Barang\t1.000.000.000\t700.000.000\t70,00\n"
    )[1:] == ["anggaran", "realisasi_anggaran", "serapan"]


def test_percent_realisasi_in_a_performance_table_is_capaian():
    assert roles(
        "Indikator\tTarget\tRealisasi\t% Realisasi\n"
        "Indeks Kepuasan Masyarakat\t82\t84,1\t102,56\n"
        "Persentase desa mandiri\t40\t38\t95,00\n"
    )[1:] == ["target", "realisasi", "capaian"]


def test_percent_share_of_budget_is_a_percentage_not_an_amount():
    assert roles(
        "No\tSasaran\tAnggaran (Rp)\t% Anggaran\n"
        "1\tSasaran satu\t6.500.000,00\t0,31\n"
        "2\tSasaran dua\t9.100.000,00\t0,44\n"
    )[2:] == ["anggaran", "persen"]


def test_baseline_columns_are_that_years_realisasi_or_capaian():
    (t,) = parse_text(
        "Sasaran\tIndikator\tKondisi awal\tRealisasi\t\tKondisi awal\tCapaian\t\n"
        "\t\t2020\t2021\t2022\t2020\t2021\t2022\n"
        "Meningkatnya layanan\tIndeks Kepuasan\t71.00\t78.40\t80.15\t100%\t104.53%\t101.46%\n"
    ).tables
    assert [(c.role, c.year) for c in t.columns[2:]] == [
        ("realisasi", 2020), ("realisasi", 2021), ("realisasi", 2022),
        ("capaian", 2020), ("capaian", 2021), ("capaian", 2022)]


def test_baseline_before_targets_stays_realisasi_and_target_capaian_is_a_target():
    assert roles(
        "Indikator\tData Awal (2019)\tTarget Capaian 2021\tTarget Capaian 2022\n"
        "Nilai SAKIP\t61,20\t65,00\t67,50\n"
    )[1:] == ["realisasi", "target", "target"]


def test_placeholders_do_not_make_a_column_non_numeric():
    (t,) = parse_text(
        "Indikator\tSatuan\tKondisi Awal 2021\tTarget 2023\tTarget Akhir 2026\n"
        "Persentase keluhan ditindaklanjuti\tPersen\tN/a\t75\t80\n"
        "Temuan BPK ditindaklanjuti\tPersen\tNA\t100\tn/a\n"
        "Persentase laporan tepat waktu\tPersen\t-\t100\tN/A\n"
        "Indeks Keluarga Sehat\tAngka\t0,21\t0,40\t-\n"
    ).tables
    assert [c.role for c in t.columns[2:]] == ["realisasi", "target", "target"]
    assert t.rows[3].cells[2].number == Decimal("0.21")


def test_empty_value_columns_keep_the_role_their_header_names():
    (t,) = parse_text(
        "Indikator\tRealisasi 2022\tRealisasi 2023\tRealisasi 2024\tRealisasi Nasional 2024\n"
        "Nilai SAKIP\t66,1\t68,3\t\t\n"
        "IKM\t80,2\t-\t\t-\n"
    ).tables
    assert [(c.role, c.year) for c in t.columns[1:4]] == [
        ("realisasi", 2022), ("realisasi", 2023), ("realisasi", 2024)]
    assert t.columns[4].role == "label"   # a comparison, not the agency's own figure
