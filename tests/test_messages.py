"""Findings name the right thing, through the command line: the indicator (not the sasaran
beside it), never an empty label, the column of the value (TABs visible), and the expected
value the rule accepts."""

from __future__ import annotations

import os
import re
from pathlib import Path

from click.testing import CliRunner

from sakiplint.cli import main


def check(tmp_path: Path, text: str, *args: str):
    (tmp_path / "laporan.md").write_text(text, "utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, ["check", "--isolated", *args, "laporan.md"],
                                  catch_exceptions=False)
    finally:
        os.chdir(old)


#: a sasaran written over two rows beside two indicators; the first capaian is wrong
SASARAN_BESIDE = (
    "Tabel 3.1 Capaian Kinerja Tahun 2024\n\n"
    "Sasaran\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
    "Meningkatnya kualitas\tIndeks Kepuasan Masyarakat\t80\t90\t120,00%\n"
    "layanan publik\tPersentase pengaduan selesai\t80\t80\t100,00%\n"
)


def test_the_indicator_is_named(tmp_path: Path) -> None:
    r = check(tmp_path, SASARAN_BESIDE, "--select", "AR001")
    first = r.stdout.splitlines()[0]
    assert 'untuk "Indeks Kepuasan Masyarakat"' in first
    assert "Meningkatnya kualitas" not in first


def test_the_column_is_shown(tmp_path: Path) -> None:
    r = check(tmp_path, SASARAN_BESIDE, "--select", "AR001", "--lang", "en")
    lines = r.stdout.splitlines()
    assert lines[1].endswith("Indeks Kepuasan Masyarakat→80→90→120,00%")
    assert lines[2].endswith('^^^^^^^ column "Capaian"')
    assert lines[1].index("120,00%") == lines[2].index("^")


#: a total row without a label whose Sisa is wrong
UNLABELLED = (
    "Tabel 3.9 Realisasi Anggaran Tahun 2024\n\n"
    "Program\tAnggaran\tRealisasi\tSisa\n"
    "Program Penunjang Urusan Pemerintahan\t1.000.000\t900.000\t100.000\n"
    "\t1.000.000\t900.000\t1.000.000\n"
)


def test_no_empty_label(tmp_path: Path) -> None:
    r = check(tmp_path, UNLABELLED, "--select", "BU004")
    assert r.exit_code == 1
    assert '""' not in r.stdout
    assert "pada baris tanpa nama di baris 5 tidak sama" in r.stdout
    r = check(tmp_path, UNLABELLED, "--select", "BU004", "--lang", "en")
    assert "in the unnamed row on line 5 is not" in r.stdout


def test_expected_period_length_counts_the_years(tmp_path: Path) -> None:
    text = "Renstra Kecamatan disusun untuk kurun waktu 5 tahun, yaitu 2021-2024.\n"
    r = check(tmp_path, text, "--select", "DQ102")
    assert "seharusnya 4 tahun" in r.stdout and "= seharusnya: 4 tahun" in r.stdout
    r = check(tmp_path, text, "--select", "DQ102", "--lang", "en")
    assert "should be 4 years" in r.stdout
    # both counts a report may mean are accepted, so neither is reported
    for n in (3, 4):
        r = check(tmp_path, text.replace("5 tahun", f"{n} tahun"), "--select", "DQ102")
        assert r.exit_code == 0, r.stdout


def test_tables_and_timeframe_take_lang(tmp_path: Path) -> None:
    from conftest import FIXTURES

    example = str(FIXTURES / "examples" / "lkjip-sukamaju-2024.md")
    runner = CliRunner()
    en = runner.invoke(main, ["timeframe", "--isolated", "--lang", "en", example]).stdout
    assert "report year 2024 (from the document)" in en
    assert "revised Perjanjian Kinerja" in en and "pk_perubahan" not in en
    assert "tahun" not in en and "ditandatangani" not in en
    idn = runner.invoke(main, ["timeframe", "--isolated", example]).stdout
    assert "tahun laporan 2024 (dari dokumen)" in idn and "Perubahan Perjanjian Kinerja" in idn
    en = runner.invoke(main, ["tables", "--lang", "en", "--no-cells", example]).stdout
    assert "table(s); report year: 2024" in en and "column 1:" in en
    assert "kolom" not in en and "baris" not in en
    idn = runner.invoke(main, ["tables", "--no-cells", example]).stdout
    assert "tabel; tahun laporan: 2024" in idn and "kolom 1:" in idn


def test_errors_take_lang(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["check", "--lang", "id", str(tmp_path / "tidak-ada.md")])
    assert r.exit_code == 2
    assert r.stderr.strip().endswith("tidak-ada.md: berkas atau folder tidak ada")
    r = CliRunner().invoke(main, ["check", "--lang", "en", str(tmp_path / "tidak-ada.md")])
    assert r.stderr.strip().endswith("tidak-ada.md: no such file or directory")
    r = CliRunner().invoke(main, ["explain", "--lang", "id", "ZZ999"])
    assert r.stderr.strip() == "sakiplint: kode aturan tidak dikenal: ZZ999"


def test_table_reader_notes_in_english() -> None:
    from sakiplint.engine.words import table_note

    notes = [
        "tidak ada baris data",
        "lanjutan baris 219-224 digabung (kepala tabel diulang)",
        "sel terpotong di batas halaman disambung (baris 12); "
        "lanjutan baris 3-5 tanpa kepala digabung (lebar sama)",
        "baris berisi beberapa tingkat (program/kegiatan) dipisah; angka milik tingkat "
        "terdalam (baris 707, 714)",
        "dua angka dalam satu sel dipisah ke sel kosong di kanannya (baris 793); nilai negatif "
        "yang tergeser ke kolom tanpa nilai negatif dikembalikan ke kolom kanannya yang kosong "
        "(baris 762)",
        "3 sel tanpa </td> ditutup",
    ]
    for note in notes:
        en = table_note(note, "en")
        assert not re.search(r"\b(baris|kolom|sel|tabel|digabung|dipisah|angka|nilai)\b", en), en
        assert table_note(note, "id") == note
