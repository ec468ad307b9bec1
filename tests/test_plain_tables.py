"""Plain-text tables (read/plain.py) and page furniture (read/furniture.py).

Small hand-written cases of each layout and of each kind of furniture, the real excerpts of
``../shared/corpus-plain`` (their tables recovered, nothing raised), the corpus prose (no
paragraph turned into a table), and the ``pdftotext`` samples in fixtures/plain (made from
the fixture reports by ``tests/render_styles.py --pdf``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_file, lint_text
from sakiplint.read.blocks import find_blocks
from sakiplint.read.furniture import find_furniture
from sakiplint.read.parse import parse_text

CORPUS_PLAIN = ROOT.parent / "shared" / "corpus-plain"
needs_plain = pytest.mark.skipif(not CORPUS_PLAIN.is_dir(), reason="no ../shared/corpus-plain")


def _plain(doc):
    return [t for t in doc.tables if t.style == "plain"]


# --------------------------------------------------------------------------- layouts

JOINED = """Tabel 3.1 Capaian Kinerja Tahun 2024

Sasaran Strategis Indikator Kinerja Target Realisasi Capaian
Meningkatnya kualitas pelayanan publik Indeks Kepuasan Masyarakat (IKM) 82,50 86,12 104,39%
Meningkatnya partisipasi masyarakat Persentase usulan musrenbang yang diakomodir 60% 57% 97,00%

Capaian tersebut dibahas pada bagian berikut.
"""


def test_joined_rows_give_cells_and_roles():
    doc = parse_text(JOINED)
    (table,) = _plain(doc)
    assert [c.role for c in table.columns] == ["sasaran", "indikator", "target", "realisasi",
                                               "capaian"]
    assert table.rows[1].cells[1].text == "Persentase usulan musrenbang yang diakomodir"
    assert table.rows[1].cells[4].column == JOINED.split("\n")[4].index("97,00%") + 1


def test_joined_wrong_capaian_is_found_at_its_place():
    _, findings = lint_text(JOINED)
    (f,) = findings
    assert (f.rule, f.line, f.actual) == ("AR001", 5, "97,00%")


ALIGNED = """Tabel 3.1 Capaian Kinerja Tahun 2024

 Sasaran Strategis          Indikator Kinerja           Target   Realisasi   Capaian
 Meningkatnya kualitas      Indeks Kepuasan             82,50    86,12       104,39%
 pelayanan publik           Masyarakat (IKM)
 Meningkatnya partisipasi   Persentase usulan           60%      57%         97,00%
 masyarakat                 musrenbang yang diakomodir
"""


def test_aligned_wrapped_labels_join_their_cells():
    (table,) = _plain(parse_text(ALIGNED))
    assert len(table.rows) == 2
    assert table.rows[1].cells[1].text == "Persentase usulan musrenbang yang diakomodir"
    _, findings = lint_text(ALIGNED)
    assert [(f.rule, f.line) for f in findings] == [("AR001", 6)]


CELLS = """Tabel 1.1 Pegawai Menurut Jenis Kelamin

Unit Kerja
Laki-laki
Perempuan
Jumlah
Sekretariat
5
4
9
Seksi Pemerintahan
3

3
Jumlah
8
4
13
"""


def test_one_cell_per_line_with_empty_cells_counted():
    (table,) = _plain(parse_text(CELLS))
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Sekretariat", "5", "4", "9"], ["Seksi Pemerintahan", "3", "", "3"],
        ["Jumlah", "8", "4", "13"]]
    _, findings = lint_text(CELLS)
    assert [(f.rule, f.line, f.actual) for f in findings] == [("AR002", 18, "13")]


def test_a_cell_whose_column_is_not_certain_is_not_guessed():
    # two numbers for three value columns: which one is empty cannot be told
    text = ("Unit Kerja Laki-laki Perempuan Jumlah\n"
            "Sekretariat 5 4 9\n"
            "Seksi Pemerintahan 3 3\n"
            "Jumlah 8 4 12\n")
    (table,) = _plain(parse_text(text))
    assert any("baris 3" in n and "tidak pasti" in n for n in table.notes)
    assert all(c.number is None for c in table.rows[1].cells)
    # the total is not summed over a row it could not read: no false alarm
    _, findings = lint_text(text)
    assert findings == []


def test_units_glued_to_numbers_and_column_number_rows():
    text = ("No Indikator Satuan Target Realisasi Capaian\n"
            "1 2 3 4 5 6\n"
            "1 Jumlah dokumen perencanaan dokumen 4 4 100,00\n"
            "2 Persentase usulan diakomodir persen 95.56 93 97.32\n")
    (table,) = _plain(parse_text(text))
    assert [c.text for c in table.rows[1].cells] == [
        "2", "Persentase usulan diakomodir", "persen", "95.56", "93", "97.32"]
    assert lint_text(text)[1] == []


def test_prose_is_not_a_table():
    text = ("Target dan realisasi kinerja tahun 2024 dibandingkan sebagai berikut. Capaian "
            "kinerja rata-rata 104,39% dengan target 82,50 dan realisasi 86,12.\n\n"
            "Jumlah pegawai 24 orang, terdiri dari 15 laki-laki dan 9 perempuan.\n")
    assert _plain(parse_text(text)) == []


# --------------------------------------------------------------------------- furniture

def test_running_header_and_page_numbers_repeat():
    lines = ["Laporan Kinerja Kecamatan Sukamaju Tahun 2024 12", "isi halaman"] + [
        "kalimat"] * 20 + ["- 13 -", "", "Laporan Kinerja Kecamatan Sukamaju Tahun 2024 13",
                           "isi"] + ["kalimat"] * 20 + [
        "Laporan Kinerja Kecamatan Sukamaju Tahun 2024 14"]
    found = find_furniture(lines)
    assert {1, 23, 25, len(lines)} <= found.lines
    assert 2 not in found.lines


def test_page_marker_glued_to_a_paragraph_is_blanked():
    text = ("PEMERINTAH KABUPATEN CONTOH TAHUN 2025 LAPORAN KINERJA TAHUN 2024 Bab 3 hal 15 "
            "unit, jika dibandingkan dengan tahun sebelumnya ada peningkatan sebesar 24 "
            "unit.\n")
    doc = parse_text(text)
    assert "hal 15" not in doc.lines[0] and "unit, jika" in doc.lines[0]
    assert doc.lines[0].index("unit, jika") == text.index("unit, jika")   # columns kept
    assert lint_text(text)[1] == []


def test_a_column_of_numbers_is_not_page_numbers():
    lines = ["Unit Kerja", "Jumlah", "Sekretariat", "1", "Seksi A", "2", "Seksi B", "3"]
    assert not find_furniture(lines).lines


def test_viewer_banner_is_furniture():
    lines = ["• Tidak ada hasil yang ditemukan", "", "N/A", "Protected", "",
             "Academic year: 2022", "", "Copied!", "12", "0", "Teks penuh", "", "(1)",
             "", "Isi laporan dimulai di sini dengan kalimat yang cukup panjang sekali."]
    found = find_furniture(lines)
    assert {1, 4, 6, 8, 9, 10, 11} <= found.lines
    assert 15 not in found.lines


def test_tab_table_interrupted_by_furniture_is_joined():
    rows = ["Program\tAnggaran (Rp)",
            *(f"Program Nomor {k}\t{k}00.000.000" for k in range(1, 6))]
    text = "\n".join([
        "Tabel 2.4 Pagu Anggaran", "", *rows[:3],
        "- 7 -", "", "Laporan Kinerja Kecamatan Contoh Hal. 8", *rows[3:],
        "<b>Total</b>\t<b>1.600.000.000</b>", "", "Laporan Kinerja Kecamatan Contoh Hal. 9"])
    doc = parse_text(text)
    (table,) = doc.tables
    assert len(table.rows) == 6
    (f,) = lint_text(text)[1]
    assert (f.rule, f.actual) == ("BU002", "1.600.000.000")


def test_furniture_stays_out_of_the_report_year():
    text = ("Academic year: 2030\nCopied!\nTeks penuh\n\n"
            "LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2024\n")
    assert parse_text(text).report_year == 2024


def test_blocks_hook_returns_plain_blocks():
    blocks = find_blocks(JOINED.split("\n"))
    assert [b.style for b in blocks] == ["plain"]
    assert blocks[0].header_rows == 1


# --------------------------------------------------------------------------- real text

#: the tables with a header in ../shared/corpus-plain: (file, first line of the header)
PLAIN_TABLES = {
    ("frag-05.md", 14), ("frag-05.md", 29), ("frag-05.md", 40),
    ("frag-07.md", 12), ("frag-08.md", 36), ("frag-08.md", 62),
}
#: a true finding in those excerpts: two different tables numbered 3.1 (pages 29 and 30)
PLAIN_TRUE = {("frag-08.md", "DU004", 60)}


@needs_plain
def test_corpus_plain_tables_are_recovered_and_nothing_is_raised():
    found: set[tuple[str, int]] = set()
    raised: set[tuple[str, str, int]] = set()
    for path in sorted(CORPUS_PLAIN.glob("frag-*.md")):
        doc, findings = lint_file(path)
        found |= {(path.name, t.start_line) for t in _plain(doc)}
        raised |= {(path.name, f.rule, f.line) for f in findings}
    assert found == PLAIN_TABLES
    assert raised == PLAIN_TRUE


@needs_corpus
@pytest.mark.parametrize("report", corpus_reports(), ids=[p.name for p in corpus_reports()])
def test_corpus_prose_gives_no_plain_table(report: Path):
    """The corpus reports' paragraphs (their TAB, pipe and HTML tables taken out) hold no
    plain-text table."""
    lines = report.read_text(encoding="utf-8").split("\n")
    taken: set[int] = set()
    for b in find_blocks(lines):
        taken.update(range(b.start_line, b.end_line + 1))
    prose = "\n".join("" if i + 1 in taken else ln for i, ln in enumerate(lines))
    assert _plain(parse_text(prose)) == []


#: real converter output of the fixture reports (chromium PDF, then pdftotext with and
#: without -layout): every finding is a planted mistake of the report (see
#: tests/test_fixture_reports.py), found where pdftotext put it
PDFTOTEXT = {
    "dinas-pangan-sumberasri-2024.layout.txt": {
        ("NA005", 77), ("XT003", 86), ("BU002", 121), ("NA009", 123)},
    "dinas-pangan-sumberasri-2024.raw.txt": {("NA005", 218)},
    "kaliwangi-2023.layout.txt": {("AR001", 120), ("NA006", 128), ("BU001", 207)},
    "kaliwangi-2023.raw.txt": {("AR001", 488)},
    "muarajaya-2023.layout.txt": {("AR002", 24), ("BU004", 165)},
    "muarajaya-2023.raw.txt": set(),
    # AR002 39: the Pangkat Jumlah of Tabel 1.1's three side-by-side breakdowns sums to
    # 1+1+2+3+2+2+2+1+0+2 = 16, printed 17 (planted; found since the header's sub names
    # parted by one space are read apart)
    "sidorejo-2022.layout.txt": {("NA001", 16), ("AR002", 39), ("BU003", 164)},
    "sidorejo-2022.raw.txt": {("NA001", 14)},
    # XT001 119: the planted IPMas target 83,50 against the Perjanjian Kinerja's 83,00 (the
    # TAB form's XT001 at 99, found since main's XT001 reads Tabel 3.1)
    "wonosari-2021.layout.txt": {("XT001", 119), ("AR001", 119), ("NA002", 177),
                                 ("NA006", 177), ("BU003", 246)},
    "wonosari-2021.raw.txt": {("NA002", 514)},
}


@pytest.mark.parametrize("name", sorted(PDFTOTEXT))
def test_pdftotext_samples_raise_only_planted_mistakes(name):
    from conftest import FIXTURES

    _, findings = lint_file(FIXTURES / "plain" / name)
    assert {(f.rule, f.line) for f in findings} == PDFTOTEXT[name]


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parent.parent
                                                         / "fixtures" / "plain").glob("*.txt")))
def test_tables_in_english_print_no_indonesian_note(name):
    """`sakiplint tables --lang en` on a plain-text report: every note and skip reason of the
    plain reader is said in English (engine/words.py has a pattern for each)."""
    from click.testing import CliRunner

    from conftest import FIXTURES
    from sakiplint.cli import main

    result = CliRunner().invoke(main, ["tables", "--lang", "en", str(FIXTURES / "plain" / name)])
    assert result.exit_code == 0, result.output
    said = [ln for ln in result.output.splitlines()
            if ln.lstrip().startswith(("note:", "skipped:", "repair:"))]
    assert said or name.startswith(("muarajaya", "dinas")), "the sample has notes to say"
    indonesian = ("baris", "tidak", "sel ", "kepala tabel", "dibaca", "diperiksa", "kolom")
    assert not [ln for ln in said if any(w in ln.lower() for w in indonesian)]


@pytest.mark.parametrize("third", ["9" * 5000, "³", "٣"])
def test_numbered_sub_columns_of_any_digits_do_not_crash(third: str) -> None:
    """A line of column numbers whose third is a numeral int() refuses (over 4,300 digits, a
    superscript, an Arabic-Indic digit) is no line of column numbers (found by the fuzz)."""
    from sakiplint.engine.lint import lint_text

    text = ("Tabel 2.1 Realisasi Per Bulan\n\nUraian Realisasi\n"
            f"1 2 {third} 4 Jumlah\nBelanja 10 20 30 40 100\nPegawai 1 2 3 4 10\n")
    lint_text(text)
