"""Converter damage mended in the table model (written for these tests, modelled on the
damage seen in real reports): split year headers, continuations after a page break that
start with the end of a broken cell or lost their empty first column, rows that carry a
program and its first kegiatan."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.engine import all_rules
from sakiplint.engine.lint import lint_text
from sakiplint.model import Cell
from sakiplint.read.parse import parse_text
from sakiplint.read.repair import rebuild_split_years

RULES = {r.code: r for r in all_rules()}


def cells_of(texts: list[str]) -> list[Cell]:
    return [Cell(t, t, 1, i + 1) for i, t in enumerate(texts)]


# --------------------------------------------------------------------------- split years

SPLIT_YEARS = (
    "Tabel 3.9 Perbandingan Realisasi Kinerja Tahun 2024 dan Tahun Sebelumnya\n\n"
    "| | INDIKATOR | | T | ahun 2023 | 3 | Та | hun 202 | 24 | |\n"
    "|---|---|---|---|---|---|---|---|---|---|\n"
    "| SASARAN | KINERJA | SATUAN | TARGET | Realisasi | Capaian | TARGET | Realis asi"
    " | Capaia n | Ket |\n"
    "| Meningkatnya layanan | Persentase aduan selesai | Persen | 80 | 76 | 95.00 | 80 | 84"
    " | 110.00 | Naik |\n"
)


def test_header_rebuilt_from_split_year_cells():
    (t,) = parse_text(SPLIT_YEARS).tables
    assert [c.year for c in t.columns[3:9]] == [2023] * 3 + [2024] * 3
    assert [c.role for c in t.columns] == [
        "sasaran", "indikator", "satuan", "target", "realisasi", "capaian",
        "target", "realisasi", "capaian", "keterangan"]
    assert t.rows[0].cells[8].number == Decimal("110.00")
    assert any("sel tahun yang terpecah" in r and "2024" in r for r in t.repairs)


def test_rebuilt_header_makes_the_wrong_capaian_visible():
    from sakiplint.engine.lint import lint_text

    _, findings = lint_text(SPLIT_YEARS)
    # 84 / 80 x 100 = 105,00, printed 110.00 (the 2023 side 76 / 80 = 95.00 is right)
    assert [(f.rule, f.line, f.expected) for f in findings] == [("AR001", 6, "105.00")]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1990, max_value=2060), st.integers(min_value=1, max_value=9),
       st.booleans())
def test_split_year_generated(year, cut, repeat):
    text = f"Tahun {year}"
    cut = min(cut, len(text) - 1)
    left, right = text[:cut], text[cut:]
    if repeat and left[-1].isdigit():
        right = left[-1] + right   # the converter repeats the character at the cut
    if left.endswith(" ") or right.startswith(" ") or (
        left[-1].isalpha() and right[0].isalpha() and right[0].isupper()
    ):
        return
    row = cells_of(["Sasaran", left.strip(), right.strip(), ""])
    rows = [row, cells_of(["", "Target", "Realisasi", "Capaian"])]
    note = rebuild_split_years(rows)
    assert note is not None
    assert rows[0][1].text == text and rows[0][2].text == ""


def test_numbers_that_only_look_like_year_pieces_are_left_alone():
    rows = [cells_of(["Desa Maju", "20", "23", "5"])]
    assert rebuild_split_years(rows) is None
    rows = [cells_of(["Uraian", "Target 2023", "Realisasi 2023"])]
    assert rebuild_split_years(rows) is None
    rows = [cells_of(["Program", "Ta", "hun 2023", "17"])]
    assert rebuild_split_years(rows) is None   # 17 is no year: a data row


# --------------------------------------------------------------------------- continuations

def test_continuation_starting_with_the_tail_of_a_broken_cell():
    text = (
        "Tabel 3.4 Capaian Kinerja\n\n"
        "| Sasaran | Indikator | Target | Realisasi | Capaian |\n"
        "|---|---|---|---|---|\n"
        "| Tertib administrasi | Persentase laporan keuangan yang disusun tepat | 100 | 90"
        " | 90 |\n"
        "\n\n\n21\n\n"
        "| | waktu | | | |\n"
        "|---|---|---|---|---|\n"
        "| Pelayanan prima | Indeks kepuasan masyarakat | 82 | 86 | 104.88 |\n"
    )
    (t,) = parse_text(text).tables
    assert len(t.parts) == 2 and len(t.rows) == 2
    assert t.rows[0].cells[1].text.endswith("disusun tepat waktu")
    assert any("sel terpotong" in r for r in t.repairs)


def test_a_new_table_is_no_tail():
    # a caption between: a new table, not a broken cell
    text = (
        "| Sasaran | Indikator | Target |\n|---|---|---|\n| A | Indeks B | 80 |\n\n"
        "Tabel 2.2 Lain\n\n| | Kecamatan | |\n|---|---|---|\n| X | Y | 5 |\n"
    )
    t1, t2 = parse_text(text).tables
    assert t1.rows[0].cells[1].text == "Indeks B"
    assert t2.caption == "Tabel 2.2 Lain"


LOST_COLUMN = (
    "Tabel 3.15 Realisasi Anggaran Program dan Kegiatan\n\n"
    "| Program | Kegiatan | Sub Kegiatan | Pagu | Realisasi | Capaian | Sisa |\n"
    "|---|---|---|---|---|---|---|\n"
    "| PROGRAM PELAYANAN UMUM | Administrasi Umum | Penyediaan ATK | 40,000,000"
    " | 30,000,000 | 75,00 | 10,000,000 |\n"
    "| | | Rapat Koordinasi | 60,000,000 | 60,000,000 | 100,00 | 0 |\n"
    "| | Administrasi Keuangan | Gaji dan Tunjangan | 900,000,000 | 880,000,000"
    " | 97,78 | 20,000,000 |\n"
    "\n\n\n"
    "| Administrasi Kepegawaian | Pakaian Dinas | 25,000,000 | 24,500,000 | 98,00"
    " | 500,000 |\n"
    "|---|---|---|---|---|---|\n"
    "| | Diklat Pegawai | 15,000,000 | 12,000,000 | 80,00 | 3,000,000 |\n"
)


def test_continuation_that_lost_its_empty_first_column():
    (t,) = parse_text(LOST_COLUMN).tables
    assert len(t.parts) == 2
    by_label = {r.label: r for r in t.rows}
    diklat = by_label["Diklat Pegawai"]
    assert diklat.cells[2].text == "Diklat Pegawai"
    assert diklat.cells[3].number == Decimal(15000000)
    assert diklat.level == 3 and by_label["Administrasi Kepegawaian"].level == 2
    assert any("kehilangan kolom pertama" in r for r in t.repairs)


def test_a_chunk_that_does_not_fit_shifted_is_not_merged():
    # the narrower chunk's numbers would not sit under number columns either way
    text = LOST_COLUMN.replace("| Administrasi Kepegawaian | Pakaian Dinas | 25,000,000",
                               "| Administrasi Kepegawaian | Pakaian Dinas | lunas")
    tables = parse_text(text).tables
    assert len(tables) == 2


# --------------------------------------------------------------------------- merged label rows

PROGRAM_ROWS = (
    "No\tProgram\tKegiatan\tAnggaran (Rp)\tRealisasi (Rp)\t%\n"
    "1.\tPROGRAM PENUNJANG\tPerencanaan dan Evaluasi\t3.500.000\t3.500.000\t100\n"
    "\t\tAdministrasi Keuangan\t1.250.000.000\t1.200.000.000\t96,00\n"
    "\t\tAdministrasi Umum\t80.000.000\t75.000.000\t93,75\n"
    "2.\tPROGRAM KETENTRAMAN\tPenanganan Gangguan Ketertiban\t9.000.000\t9.000.000\t100\n"
    "<b>Jumlah</b>\t\t\t<b>1.342.500.000</b>\t<b>1.287.500.000</b>\t<b>95,90</b>\n"
)


def test_program_row_split_from_its_first_kegiatan():
    (t,) = parse_text(PROGRAM_ROWS).tables
    assert [(r.line, r.level, r.label) for r in t.rows if r.kind == "data"] == [
        (2, 1, "PROGRAM PENUNJANG"), (2, 2, "Perencanaan dan Evaluasi"),
        (3, 2, "Administrasi Keuangan"), (4, 2, "Administrasi Umum"),
        (5, 1, "PROGRAM KETENTRAMAN"), (5, 2, "Penanganan Gangguan Ketertiban")]
    program = t.rows[0]
    assert program.cells[0].text == "1." and all(c.number is None for c in program.cells[3:])
    assert t.rows[1].cells[3].number == Decimal(3500000)
    assert [r.index for r in t.rows] == list(range(len(t.rows)))
    assert any("dipisah" in r for r in t.repairs)


def test_a_row_whose_amounts_total_its_block_is_not_split():
    # here the merged row's amounts are the sum of the rows below it: they are its own
    text = PROGRAM_ROWS.replace("3.500.000\t3.500.000\t100", "1.330.000.000\t1.275.000.000\t95,86")
    (t,) = parse_text(text).tables
    assert t.rows[0].label == "PROGRAM PENUNJANG" and t.rows[0].cells[3].number is not None


def test_tables_view_shows_the_repairs():
    from sakiplint.report.tables import render_tables_json, render_tables_text

    doc = parse_text(PROGRAM_ROWS)
    assert "perbaikan: baris berisi beberapa tingkat" in render_tables_text(doc)
    assert '"repairs": [' in render_tables_json(doc)


# --------------------------------------------------------------------------- crossed headers

CROSSED = (
    "Sasaran\tIndikator\tKinerja\t\t\tAnggaran\t\tEfisiensi\t\n"
    "\t\tTarget\tRealisasi\tCapaian (%)\tPagu\tRealisasi\t\tCapaian (%)\n"
    "Layanan prima\tIKM\t80\t84\t105,00%\t1.000.000\t950.000\t95,00%\t110,53%\n"
    "Tata kelola\tNilai SAKIP\t70\t77\t110,00%\t2.000.000\t1.600.000\t80,00%\t137,50%\n"
)


def test_crossed_header_labels_are_put_back_when_the_numbers_show_it():
    (t,) = parse_text(CROSSED).tables
    assert [c.role for c in t.columns[5:]] == [
        "anggaran", "realisasi_anggaran", "serapan", "efisiensi"]
    assert any("bersilang" in r for r in t.repairs)


def test_crossed_header_left_alone_when_the_column_is_no_percentage_of_its_group():
    text = CROSSED.replace("95,00%", "91,00%")   # not 950.000 / 1.000.000
    (t,) = parse_text(text).tables
    assert not any("bersilang" in r for r in t.repairs)
    assert t.columns[7].role == "efisiensi"


# --------------------------------------------------------------------------- flattened rows

FLATTENED = (
    "Luas wilayah per desa adalah sebagai berikut:\n\n"
    "Desa Luas (Ha) **Persentase** Ket. Sukamaju 2,50 40 Desa Sukasari 60 3,75"
    " Desa 120 Mekarsari 7,50 Kelurahan\n\n"
    "Tabel 1.1. Luas Wilayah per Desa\n\n\n"
    "| Cibodas | 200 | 12,50 | Desa |\n"
    "|---|---|---|---|\n"
    "| Cikole | 1.180 | 73,75 | Desa |\n"
    "| Jumlah | 1.600 | 100,00 | |\n"
)


def test_rows_flattened_into_the_paragraph_above_a_headerless_fragment():
    (t,) = parse_text(FLATTENED.replace("Kelurahan\n", "Desa\n")).tables
    assert [c.header for c in t.columns] == ["Desa", "Luas (Ha)", "Persentase", "Ket."]
    data = [(r.label, r.number(1), r.number(2), r.line) for r in t.rows if r.kind == "data"]
    assert data[:3] == [("Sukamaju", 40, Decimal("2.50"), 3), ("Sukasari", 60, Decimal("3.75"), 3),
                        ("Mekarsari", 120, Decimal("7.50"), 3)]
    assert len(data) == 5 and t.caption == "Tabel 1.1 Luas Wilayah per Desa"
    assert any("paragraf baris 3" in r for r in t.repairs)
    cell = t.rows[0].cells[1]
    line = FLATTENED.split("\n")[2]
    assert line[cell.column - 1:].startswith("40")


def test_a_paragraph_that_is_not_whole_rows_is_left_alone():
    # "Kelurahan" instead of the word every row repeats: the paragraph is not rows
    (t,) = parse_text(FLATTENED).tables
    assert not t.header_rows and len(t.rows) == 3


# --------------------------------------------------------------------------- shifted rows

SHIFTED = (
    "| Uraian | Sebelum Perubahan | Sesudah Perubahan | Bertambah/Berkurang |\n"
    "|---|---|---|---|\n"
    "| Penyediaan ATK | 12.000.000 | 15.000.000 | 3.000.000 |\n"
    "| Rapat Koordinasi | 40.000.000 | 35.000.000 | (5.000.000) |\n"
    "| Jasa Kebersihan | 75.250.000 75.250.000 | | 0 |\n"
    "| Pemeliharaan Gedung | 20.000.000 | (8.000.000) | |\n"
    "| Perjalanan Dinas | 9.000.000 | 9.000.000 | 0 |\n"
)


def test_rows_shifted_by_merged_cells_are_realigned():
    (t,) = parse_text(SHIFTED).tables
    rows = {r.label: [c.number for c in r.cells[1:]] for r in t.rows}
    assert rows["Jasa Kebersihan"] == [Decimal(75250000), Decimal(75250000), Decimal(0)]
    assert rows["Pemeliharaan Gedung"] == [Decimal(20000000), None, Decimal(-8000000)]
    line = SHIFTED.split("\n")[4]
    second = next(r for r in t.rows if r.label == "Jasa Kebersihan").cells[2]
    assert line[second.value_column - 1:].startswith("75.250.000 |")
    assert any("dua angka dalam satu sel" in r for r in t.repairs)
    assert any("nilai negatif" in r for r in t.repairs)


def test_a_negative_value_where_negatives_belong_stays():
    # the Sesudah column already holds a negative value elsewhere: no evidence of a shift
    text = SHIFTED.replace("| 35.000.000 | (5.000.000) |", "| (1.000.000) | (5.000.000) |")
    (t,) = parse_text(text).tables
    row = next(r for r in t.rows if r.label == "Pemeliharaan Gedung")
    assert row.cells[2].number == Decimal(-8000000)


# a row whose number the converter merged with the next cell's text ("2 Yang Akuntabel"):
# every other cell one column to the left, the last cell empty
MERGED_NUMBER = (
    "Tabel 3.5 Perbandingan Realisasi Kinerja Tahun 2024 dan Tahun Sebelumnya\n\n"
    "| No | Sasaran | Indikator Kinerja | Satuan | Tahun | Target | Realisasi | Capaian | Ket |\n"
    "|---|---|---|---|---|---|---|---|---|\n"
    "| 1 | Meningkatnya kualitas pelayanan | Indeks Kepuasan Masyarakat | Nilai | 2023 "
    "| 80 | 82,40 | 103,00 | |\n"
    "| 2 Yang Akuntabel | Indeks Kepuasan Masyarakat | Nilai | 2024 | 82 | 86,10 | 105,00 "
    "| Naik | |\n"
)


def test_row_number_merged_with_the_next_cell_is_put_back():
    (t,) = parse_text(MERGED_NUMBER).tables
    row = t.rows[1]
    assert [c.text for c in row.cells] == [
        "2", "Yang Akuntabel", "Indeks Kepuasan Masyarakat", "Nilai", "2024", "82", "86,10",
        "105,00", "Naik"]
    assert [c.number for c in row.cells[5:8]] == [Decimal(82), Decimal("86.10"),
                                                  Decimal("105.00")]
    line = MERGED_NUMBER.split("\n")[5]
    assert line[row.cells[1].column - 1:].startswith("Yang Akuntabel |")
    (note,) = [r for r in t.repairs if "nomor baris" in r]
    from sakiplint.engine.words import table_note
    assert table_note(note, "en") == ("row number merged with the cell beside it split, the "
                                      "row moved one column to the right (lines 6)")
    # the capaian of the repaired row is checked: 86,10 / 82 = 105,00
    _doc, found = lint_text(MERGED_NUMBER.replace("105,00", "107,00"), rules=[RULES["AR001"]])
    assert [(f.rule, f.line) for f in found] == [("AR001", 6)]


def test_a_numbered_label_that_fits_its_columns_stays():
    # "2 Kegiatan" is a label (its row fits the columns as printed): nothing moves
    text = MERGED_NUMBER.replace(
        "| 2 Yang Akuntabel | Indeks Kepuasan Masyarakat | Nilai | 2024 | 82 | 86,10 | 105,00 "
        "| Naik | |", "| 2 | 2 Kegiatan | Indeks Kepuasan Masyarakat | Nilai | 2024 | 82 | 86,10 "
        "| 105,00 | |")
    (t,) = parse_text(text).tables
    assert [c.text for c in t.rows[1].cells][:3] == [
        "2", "2 Kegiatan", "Indeks Kepuasan Masyarakat"]
    assert not any("nomor baris" in r for r in t.repairs)


def test_numbered_program_labels_get_their_level():
    (t,) = parse_text(
        "Program\tAnggaran\tSumber\n"
        "1. Program Penunjang Urusan\tRp. 1.200.000.000\tAPBD\n"
        "2) Program Pemberdayaan Desa\tRp. 300.000.000\tAPBD\n"
        "a. Kegiatan Rapat Koordinasi\tRp. 50.000.000\tAPBD\n"
        "12 Program Lain\tRp. 5.000.000\tAPBD\n"
    ).tables
    assert [r.level for r in t.rows] == [1, 1, 2, None]


# --------------------------------------------------------------------------- truncated numbers

TRUNCATED = (
    "| Sub Kegiatan | Pagu | Realisasi | Capaian | Sisa |\n"
    "|---|---|---|---|---|\n"
    "| Penyediaan Gaji | 4,200,000,000 | 4,050,000,250 | 96,43 | 149,999,750 |\n"
    "| Rapat Koordinasi | 300,000,000 | 216,430,125 | 72,14 | 83,569,875 |\n"
    "| Alat Tulis Kantor | 45,000,000 | 30,871,900 | 68,60 | 14,128,100 |\n"
    "| Penatausahaan Arsip | 80,000,000 | 61,250,00 | 76,56 | 18,750,000 |\n"
    "| Surat Menyurat | 8,000,000 | 4,000,00 | 5 | 4,000,000 |\n"
)


def test_cut_numbers_completed_from_the_tables_own_arithmetic():
    (t,) = parse_text(TRUNCATED).tables
    arsip = next(r for r in t.rows if r.label == "Penatausahaan Arsip")
    assert arsip.cells[2].number == Decimal(61250000)      # 80.000.000 - 18.750.000
    assert t.columns[2].role == "realisasi_anggaran" and t.columns[3].role == "serapan"
    # a row cut further ("5" among two-decimal percentages) is not guessed
    surat = next(r for r in t.rows if r.label == "Surat Menyurat")
    assert surat.cells[2].number is None
    assert any("angka terpotong" in r and "61,250,00" in r for r in t.repairs)


def test_cut_number_not_completed_against_the_printed_digits():
    text = TRUNCATED.replace("| 61,250,00 |", "| 61,350,00 |")   # 61.350.00x is not 61.250.000
    (t,) = parse_text(text).tables
    arsip = next(r for r in t.rows if r.label == "Penatausahaan Arsip")
    assert arsip.cells[2].number is None
