"""Count claims in running text ("5 (lima) program ... tabel berikut") against the table the
paragraph introduces: extraction (sakiplint.facts.counts), linking, what a table counts, and the
rule NA008. Silence is tested as much as findings."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.engine import all_rules
from sakiplint.engine.lint import lint_file, lint_text
from sakiplint.facts.counts import counts_of, table_counts
from sakiplint.read.parse import parse_text

RULES = {r.code: r for r in all_rules()}
TITLE = "# Laporan Kinerja Kecamatan Sukamaju Tahun 2024\n\n"


def run(text: str) -> list[tuple[int, int, int, str | None, str | None]]:
    _, findings = lint_text(text, rules=[RULES["NA008"]])
    return [(f.line, f.column, f.end_column, f.actual, f.expected) for f in findings]


def claims(text: str) -> list[tuple[int, str, bool]]:
    doc = parse_text(text)
    return [(c.value, c.noun, c.whole) for c in counts_of(doc).claims]


def linked(text: str) -> list[tuple[int, str, int | None]]:
    doc = parse_text(text)
    return [(lc.claim.value, lc.claim.noun, lc.count) for lc in counts_of(doc).linked]


PROGRAMS = [
    "Program Penunjang Urusan Pemerintahan Daerah",
    "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
    "Program Koordinasi Ketentraman dan Ketertiban Umum",
    "Program Penyelenggaraan Urusan Pemerintahan Umum",
    "Program Pembinaan dan Pengawasan Pemerintahan Desa",
]


def program_table(n: int, caption: str = "Tabel 2.6 Alokasi Anggaran per Program") -> str:
    rows = "\n".join(f"| {PROGRAMS[i]} | {(i + 1) * 100}.000.000 |" for i in range(n))
    return f"{caption}\n\n| Uraian | Anggaran (Rp) |\n|---|---|\n{rows}\n"


SASARAN = [
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya akuntabilitas kinerja",
    "Meningkatnya partisipasi masyarakat",
    "Meningkatnya ketenteraman wilayah",
]
INDIKATOR = [
    "Indeks Kepuasan Masyarakat", "Persentase pengaduan yang ditindaklanjuti",
    "Nilai SAKIP Kecamatan", "Persentase usulan musrenbang yang diakomodir",
    "Persentase gangguan ketertiban yang diselesaikan", "Rasio Linmas per RT",
    "Persentase lembaga kemasyarakatan aktif", "Jumlah inovasi pelayanan",
]


def pk_table(per_sasaran: list[int], caption: str = "Tabel 2.4 Perjanjian Kinerja Tahun 2024",
             repeat_merged: bool = False) -> str:
    """A PK table: each sasaran with its indicators; the sasaran cell is left empty on the
    continuation rows (merged cell) or repeated (``repeat_merged``)."""
    lines = ["| Sasaran Strategis | Indikator Kinerja | Target |", "|---|---|---|"]
    k = 0
    for s, n in enumerate(per_sasaran):
        for j in range(n):
            name = SASARAN[s] if (j == 0 or repeat_merged) else ""
            lines.append(f"| {name} | {INDIKATOR[k]} | {70 + k} |")
            k += 1
    return caption + "\n\n" + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- extraction

def test_claims_with_words_and_positions() -> None:
    text = (TITLE + "Kecamatan Sukamaju merencanakan 4 (empat) program, 11 (sebelas) kegiatan, "
            "dan 27 (dua puluh tujuh) sub kegiatan pada tahun 2024.\n")
    doc = parse_text(text)
    got = counts_of(doc).claims
    assert [(c.value, c.noun, c.words, c.whole) for c in got] == [
        (4, "program", "empat", True), (11, "kegiatan", "sebelas", True),
        (27, "sub_kegiatan", "dua puluh tujuh", True),
    ]
    line = doc.lines[2]
    for c in got:
        assert c.line == 3
        assert line[c.column - 1:c.end_column - 1] == str(c.value)


def test_claim_position_on_a_later_line_and_in_bold() -> None:
    text = TITLE + "Perjanjian kinerja tahun ini\nmemuat **3** sasaran strategis.\n"
    doc = parse_text(text)
    (c,) = counts_of(doc).claims
    assert (c.line, c.value, c.noun) == (4, 3, "sasaran")
    assert doc.lines[3][c.column - 1] == "3"


def test_words_disagreeing_with_digits_keep_the_digits() -> None:
    # NA001 reports the disagreement; the count is what the digits say
    assert claims("Terdapat 5 (enam) program.") == [(5, "program", True)]


@pytest.mark.parametrize("text", [
    "1. Program Penunjang Urusan Pemerintahan",
    "2) Indikator Kinerja Utama",
    "Tabel 2 Indikator Kinerja Utama Kecamatan",
    "Tabel 2.2 Indikator Kinerja Program",
    "capaian 61%. Indikator berikutnya",
    "Pada tahun 2023 program ini dilanjutkan.",
    "Sasaran ke-5 sasaran terakhir",
    "Dokumen 1.1 Program Kerja",
    "Disusun 2 (tahun anggaran) program",   # parentheses that are not a number in words
    "Sebanyak 0 program dibatalkan.",
])
def test_not_a_count(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # subset phrasing: silent for the noun
    ("Dari 5 program, 3 (tiga) program tercapai secara efisien.",
     [(5, "program", False), (3, "program", False)]),
    ("Terdapat 2 (dua) sasaran tercapai sesuai target.", [(2, "sasaran", False)]),
    ("Yang belum tercapai ada 1 (satu) sasaran yaitu peningkatan partisipasi.",
     [(1, "sasaran", False)]),
    ("PK memuat 4 (empat) indikator utama dan 9 indikator tambahan.",
     [(4, "indikator", False), (9, "indikator", False)]),
    ("Tiga sasaran dengan masing-masing 2 indikator.", [(2, "indikator", False)]),
    ("Terdapat 3 indikator sasaran yang diukur.", [(3, "indikator", False)]),
    ("Targetnya 4 kegiatan dengan realisasi 4 kegiatan.",
     [(4, "kegiatan", False), (4, "kegiatan", False)]),
    ("Ada 6 program kerja tahun ini.", [(6, "program", False)]),
    # a target value, not the size of a set
    ("Indikator ini targetnya 4 kegiatan sosialisasi.", [(4, "kegiatan", False)]),
    # the noun named again later: which set the table holds is unclear
    ("Renstra menetapkan 5 sasaran; sasaran tahun ini sebagai berikut:",
     [(5, "sasaran", False)]),
    # whole counts
    ("Realisasi sebesar 92% dari pagu yang terdiri dari 4 (empat) program.",
     [(4, "program", True)]),
    ("Dengan memiliki 3 (tiga) sasaran sebagaimana ditunjukkan pada tabel berikut.",
     [(3, "sasaran", True)]),
    ("Terdapat 12 indikator kinerja yang menjadi target tahun ini.", [(12, "indikator", True)]),
])
def test_whole_or_part(text: str, expected: list[tuple[int, str, bool]]) -> None:
    assert claims(text) == expected


# --------------------------------------------------------------------------- linking

def intro(n: int, ref: str = "dengan rincian pada tabel berikut:") -> str:
    return f"Pada tahun 2024 Kecamatan Sukamaju melaksanakan {n} program {ref}\n"


def test_forward_reference_links_the_next_table() -> None:
    text = TITLE + intro(4) + "\n" + program_table(4)
    assert linked(text) == [(4, "program", 4)]
    assert run(text) == []


def test_finding_points_at_the_digits_and_the_table() -> None:
    text = TITLE + intro(3) + "\n" + program_table(4)
    _, findings = lint_text(text, rules=[RULES["NA008"]])
    (f,) = findings
    assert (f.line, f.actual, f.expected) == (3, "3", "4")
    assert text.splitlines()[2][f.column - 1:f.end_column - 1] == "3"
    assert f.related[0].line == 5   # the caption
    assert "Tabel 2.6" in f.message("id") and "Tabel 2.6" in f.message("en")
    assert f.message("id") != f.message("en")


@pytest.mark.parametrize("ref", [
    "dengan rincian pada tabel 2.6 berikut:",
    "sebagai berikut:",
    "sebagaimana tercantum dalam tabel di bawah ini:",
    "yang rinciannya dapat dilihat pada tabel:",
])
def test_forward_reference_phrasings(ref: str) -> None:
    assert run(TITLE + intro(3, ref) + "\n" + program_table(4))[0][3:] == ("3", "4")


@pytest.mark.parametrize("text", [
    # the paragraph names another table than the next one
    TITLE + intro(3, "dengan rincian pada tabel 2.7 berikut:") + "\n" + program_table(4),
    TITLE + intro(3, "dengan rincian pada tabel II.6 berikut:") + "\n" + program_table(4),
    # no forward reference
    TITLE + intro(3, "yang seluruhnya didanai APBD.") + "\n" + program_table(4),
    # a backward reference: the count may be about the table above
    TITLE + intro(3, "seperti tabel di atas, rinciannya sebagai berikut:") + "\n"
    + program_table(4),
    # another paragraph between
    TITLE + intro(3) + "\nAnggaran bersumber dari APBD Kabupaten.\n\n" + program_table(4),
    # a heading between
    TITLE + intro(3) + "\n## B. Alokasi Anggaran\n\n" + program_table(4),
    # the table is too far away
    TITLE + intro(3) + "\n" * 14 + program_table(4),
    # a list between
    TITLE + intro(3) + "\n- satu\n- dua\n\n" + program_table(4),
])
def test_no_link(text: str) -> None:
    assert run(text) == []


def test_tsv_table_with_bold_caption() -> None:
    text = (TITLE + "Perjanjian kinerja memuat 4 (empat) sasaran strategis sebagai berikut :\n\n"
            "**Tabel 2.4 Perjanjian Kinerja**\n\n"
            "Sasaran Strategis\tIndikator Kinerja\tTarget\n"
            "Meningkatnya kualitas pelayanan publik\tIndeks Kepuasan Masyarakat\t82\n"
            "Meningkatnya akuntabilitas kinerja\tNilai SAKIP\t70\n"
            "Meningkatnya partisipasi masyarakat\tPersentase usulan diakomodir\t60\n")
    assert [(a, e) for *_, a, e in run(text)] == [("4", "3")]


def test_caption_split_over_two_lines() -> None:
    table = program_table(2).split("\n\n", 1)[1]
    text = (TITLE + "Terdapat 3 (tiga) program sebagaimana tabel 3.2 di bawah ini:\n\n"
            "Tabel 3.2.\n\nRealisasi Anggaran per Program\n\n" + table)
    assert [(a, e) for *_, a, e in run(text)] == [("3", "2")]


def test_html_table() -> None:
    text = (TITLE + "Terdapat 3 (tiga) program dengan rincian pada tabel berikut:\n\n"
            "<table><tr><th>Program</th><th>Anggaran</th></tr>"
            "<tr><td>Program Penunjang Urusan</td><td>100.000</td></tr>"
            "<tr><td>Program Pemberdayaan Masyarakat</td><td>200.000</td></tr></table>\n")
    assert [(a, e) for *_, a, e in run(text)] == [("3", "2")]


def test_caption_below_the_table_links_with_blank_lines_only() -> None:
    table = program_table(4).split("\n\n", 1)[1]
    text = TITLE + intro(5) + "\n" + table + "\nTabel 2.6 Alokasi Anggaran per Program\n"
    assert [(a, e) for *_, a, e in run(text)] == [("5", "4")]


# --------------------------------------------------------------------------- table counts

def counts(text: str) -> dict[str, int]:
    doc = parse_text(text)
    return table_counts(doc, doc.tables[0]).counts


HIERARCHY = """Tabel 2.8 Alokasi Anggaran per Program, Kegiatan dan Sub Kegiatan

| Uraian | Anggaran (Rp) |
|---|---|
| Program Penunjang Urusan Pemerintahan Daerah | 300.000.000 |
| Kegiatan Perencanaan dan Evaluasi Kinerja | 100.000.000 |
| Sub Kegiatan Penyusunan Dokumen Perencanaan | 60.000.000 |
| Sub Kegiatan Evaluasi Kinerja Perangkat Daerah | 40.000.000 |
| Kegiatan Administrasi Keuangan | 200.000.000 |
| Sub Kegiatan Penyediaan Gaji dan Tunjangan ASN | 200.000.000 |
| Program Pemberdayaan Masyarakat Desa dan Kelurahan | 50.000.000 |
| Kegiatan Koordinasi Pemberdayaan Masyarakat | 50.000.000 |
| Sub Kegiatan Peningkatan Partisipasi Masyarakat | 50.000.000 |
| Jumlah | 350.000.000 |
"""


def test_counts_per_level_from_prefixes() -> None:
    assert counts(HIERARCHY) == {"program": 2, "kegiatan": 3, "sub_kegiatan": 4}


def test_header_repeated_inside_the_table_is_not_a_program() -> None:
    text = HIERARCHY.replace(
        "| Program Pemberdayaan", "| Program / Kegiatan / Sub Kegiatan | Anggaran (Rp) |\n"
        "| Program Pemberdayaan")
    assert counts(text)["program"] == 2


def test_total_row_in_a_sasaran_column_is_not_a_sasaran() -> None:
    text = pk_table([1, 2]) + "| Total Anggaran 2024 | | 1.000.000 |\n"
    assert counts(text) == {"sasaran": 2, "indikator": 3}


def test_a_name_alone_on_its_row_makes_the_count_unclear() -> None:
    # "Daerah" is the rest of an indicator name broken over two rows by the converter
    text = pk_table([2, 1]) + "| | Daerah | |\n"
    assert "indikator" not in counts(text)


def test_placeholders_in_a_name_column_are_passed_over() -> None:
    text = pk_table([1, 1]) + "| - | - | - |\n"
    assert counts(text) == {"sasaran": 2, "indikator": 2}


def test_kegiatan_in_a_program_column_give_no_program_count() -> None:
    text = """Tabel 2.6 Program PK

| Sasaran | Program | Anggaran (Rp) |
|---|---|---|
| Meningkatnya kualitas pelayanan | Program Penunjang Urusan Pemerintahan | 100.000.000 |
| | Kegiatan Administrasi Keuangan | 60.000.000 |
| | Kegiatan Administrasi Umum | 40.000.000 |
"""
    assert "program" not in counts(text)


def test_counts_per_level_from_numbering() -> None:
    text = """Tabel 2.8 Rencana Anggaran

No	Program / Kegiatan / Sub Kegiatan	Anggaran (Rp)
1	Program Penunjang Urusan Pemerintahan Daerah	300.000.000
1.1	Perencanaan dan Evaluasi Kinerja	100.000.000
1.1.1	Penyusunan Dokumen Perencanaan	100.000.000
1.2	Administrasi Keuangan	200.000.000
1.2.1	Penyediaan Gaji dan Tunjangan ASN	150.000.000
1.2.2	Penyusunan Laporan Keuangan	50.000.000
"""
    assert counts(text) == {"program": 1, "kegiatan": 2, "sub_kegiatan": 3}


def test_unmarked_kegiatan_levels_count_programs_only() -> None:
    text = HIERARCHY.replace("| Kegiatan ", "| ").replace("| Sub Kegiatan ", "| ")
    assert counts(text) == {"program": 2}
    para = "Tahun 2024 direncanakan 2 program dan 5 kegiatan dengan rincian pada tabel berikut:"
    assert linked(TITLE + para + "\n\n" + text) == [(2, "program", 2), (5, "kegiatan", None)]
    assert run(TITLE + para + "\n\n" + text) == []


def test_sasaran_and_indikator_with_merged_cells() -> None:
    assert counts(pk_table([2, 1, 3])) == {"sasaran": 3, "indikator": 6}
    assert counts(pk_table([2, 1, 3], repeat_merged=True)) == {"sasaran": 3, "indikator": 6}


def test_sasaran_broken_over_rows_is_not_counted() -> None:
    text = pk_table([2, 1]).replace(
        f"|  | {INDIKATOR[1]} |", f"| dan pelayanan publik | {INDIKATOR[1]} |")
    assert "sasaran" not in counts(text)


def test_same_sasaran_apart_is_not_counted() -> None:
    lines = pk_table([1, 1, 1]).splitlines()
    lines[-1] = lines[-1].replace(SASARAN[2], SASARAN[0])
    assert "sasaran" not in counts("\n".join(lines) + "\n")


def test_goal_rows_in_the_sasaran_column_are_not_sasaran() -> None:
    matrix = """Tabel 2.1 Tujuan dan Sasaran

| Tujuan | Sasaran | Indikator Sasaran |
|---|---|---|
| Terwujudnya kecamatan melayani | Meningkatnya kualitas pelayanan | Indeks Kepuasan Masyarakat |
| | Meningkatnya akuntabilitas kinerja | Nilai SAKIP Kecamatan |

"""
    capaian = """Tabel 3.1 Capaian Kinerja

| Sasaran Strategis | Indikator Kinerja | Target | Realisasi |
|---|---|---|---|
| Terwujudnya kecamatan melayani | Indeks Kepuasan Masyarakat (Tujuan) | 80 | 82 |
| Meningkatnya kualitas pelayanan | Persentase pengaduan selesai | 90 | 95 |
| Meningkatnya akuntabilitas kinerja | Nilai SAKIP Kecamatan | 70 | 71 |
"""
    doc = parse_text(matrix + capaian)
    assert table_counts(doc, doc.tables[0]).counts == {"sasaran": 2, "tujuan": 1, "indikator": 2}
    # the goal row is left out of the sasaran, and the indicator count becomes unclear
    assert table_counts(doc, doc.tables[1]).counts == {"sasaran": 2}


def test_goal_named_in_prose_is_not_a_sasaran() -> None:
    prose = ("Kecamatan Sukamaju mempunyai tujuan yaitu “Terwujudnya kecamatan melayani” "
             "dengan sasaran dan capaian sebagaimana tabel berikut:\n\n")
    capaian = """Tabel 3.1 Capaian Kinerja

| Sasaran Strategis | Indikator Kinerja | Target | Realisasi |
|---|---|---|---|
| Terwujudnya kecamatan melayani | Indeks Kepuasan Masyarakat | 80 | 82 |
| Meningkatnya kualitas pelayanan | Persentase pengaduan selesai | 90 | 95 |
| Meningkatnya akuntabilitas kinerja | Nilai SAKIP Kecamatan | 70 | 71 |
"""
    doc = parse_text(TITLE + prose + capaian)
    assert table_counts(doc, doc.tables[0]).counts == {"sasaran": 2}
    assert run(TITLE + prose.replace("dengan sasaran", "dengan 2 (dua) sasaran") + capaian) == []
    # without the goal's name the table's first row counts as a sasaran
    doc = parse_text(TITLE + capaian)
    assert table_counts(doc, doc.tables[0]).counts == {"sasaran": 3, "indikator": 3}


def test_two_sasaran_columns_or_a_swollen_header_give_no_count() -> None:
    text = """Tabel 2.1 Matrik

| Sasaran RPJMD | Sasaran Strategis | Indikator Kinerja |
|---|---|---|
| Meningkatnya tata kelola | Meningkatnya kualitas pelayanan publik | Indeks Kepuasan Masyarakat |
"""
    assert "sasaran" not in counts(text)


def test_skipped_table_counts_nothing() -> None:
    doc = parse_text("Tabel 2.1 Kosong\n\n| Sasaran | Indikator |\n|---|---|\n")
    (t,) = doc.tables
    assert t.skipped
    assert table_counts(doc, t).counts == {}
    para = "Perjanjian kinerja memuat 3 sasaran sebagaimana ditunjukkan pada tabel berikut."
    empty = "Tabel 2.1 Kosong\n\n| Sasaran | Indikator |\n|---|---|\n"
    assert linked(TITLE + para + "\n\n" + empty) == []


def test_continuation_after_a_page_break() -> None:
    first = program_table(3)
    rest = "\n".join(f"| {PROGRAMS[i]} | {(i + 1) * 100}.000.000 |" for i in (3, 4))
    # the same shape, no header: counted together
    text = first + "\n\n\n7\n\n" + rest + "\n"
    doc = parse_text(text)
    assert table_counts(doc, doc.tables[0]).counts == {"program": 5}
    # a continuation that lost a column: the table's extent is unclear, no counts
    rest3 = "\n".join(f"| {PROGRAMS[i]} | 1 | {(i + 1) * 100}.000.000 |" for i in (3, 4))
    doc = parse_text(first + "\n\n\n7\n\n" + rest3 + "\n")
    assert len(doc.tables) == 2
    assert table_counts(doc, doc.tables[0]).counts == {}
    # a source line ends the table: the next table is another one
    doc = parse_text(first + "\nSumber: Kecamatan Sukamaju\n\n" + rest3 + "\n")
    assert table_counts(doc, doc.tables[0]).counts == {"program": 3}


# --------------------------------------------------------------------------- NA008

def test_sasaran_claim_against_pk_table() -> None:
    para = "Perjanjian kinerja memuat 3 (tiga) sasaran sebagaimana ditunjukkan pada tabel berikut."
    assert run(TITLE + para + "\n\n" + pk_table([2, 1, 3])) == []
    bad = para.replace("3 (tiga)", "4 (empat)")
    assert [(a, e) for *_, a, e in run(TITLE + bad + "\n\n" + pk_table([2, 1, 3]))] == [
        ("4", "3")]


def test_indikator_claim_against_pk_table() -> None:
    para = "Terdapat 7 indikator kinerja yang diperjanjikan, secara rinci dalam tabel di bawah ini:"
    assert [(a, e) for *_, a, e in run(TITLE + para + "\n\n" + pk_table([2, 1, 3]))] == [
        ("7", "6")]


WORDS = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=1, max_value=6), stated=st.integers(min_value=1, max_value=9),
       words=st.booleans())
def test_generated_program_tables(n: int, stated: int, words: bool) -> None:
    """Delete or keep program rows: a finding exactly when the sentence and table differ."""
    number = f"{stated} ({WORDS[stated - 1]})" if words else str(stated)
    text = (TITLE + f"Tahun 2024 direncanakan {number} program dengan rincian pada tabel "
            "berikut:\n\n" + program_table(n))
    got = run(text)
    if stated == n:
        assert got == []
    else:
        assert [(ln, a, e) for ln, _c, _e, a, e in got] == [(3, str(stated), str(n))]


@settings(max_examples=60, deadline=None)
@given(per=st.lists(st.integers(min_value=1, max_value=2), min_size=1, max_size=4),
       drop=st.booleans(), repeat=st.booleans())
def test_generated_pk_tables(per: list[int], drop: bool, repeat: bool) -> None:
    """A sentence written for the full table; the table maybe loses its last sasaran."""
    stated = len(per)
    table = pk_table(per[:-1] if drop and len(per) > 1 else per, repeat_merged=repeat)
    text = (TITLE + f"Perjanjian kinerja memuat {stated} sasaran sebagaimana ditunjukkan "
            "pada tabel berikut.\n\n" + table)
    got = run(text)
    if drop and len(per) > 1:
        assert [(a, e) for *_, a, e in got] == [(str(stated), str(stated - 1))]
    else:
        assert got == []


def test_subset_sentence_before_a_table_is_silent() -> None:
    para = ("Dari 5 program, 3 (tiga) program tercapai secara efisien sebagaimana "
            "tabel berikut:")
    assert run(TITLE + para + "\n\n" + program_table(4)) == []
    para = "Terdapat 2 (dua) sasaran tercapai sebagaimana tabel berikut:"
    assert run(TITLE + para + "\n\n" + pk_table([1, 1, 1])) == []


# --------------------------------------------------------------------------- corpus

# per report: count claims, claims linked to a table, linked with a known table count,
# of those agreeing; and the NA008 findings (line) -- every one checked by hand against
# the report text
CORPUS = {
    # no count claims of the nouns in the prose; four counts of people in one paragraph
    # (118), none whole
    "kedungkandang-2023.md": (4, 0, 0, 0, []),
    # 162: "3 (tiga) sasaran sebagaimana ditunjukkan pada tabel berikut" -> Tabel 2.4 lists
    # 3 sasaran (agrees); 112 is followed by a list, not a table; 25 / 411 / 416 are subsets
    # counts of people at 63 and 342: no table introduced
    "klojen-2021.md": (11, 1, 1, 1, []),
    # 742: 5 program -> Tabel 2.8 has 5 PROGRAM rows (agrees), its kegiatan / sub kegiatan
    # rows are unmarked (silent); 1356: "15 (lima belas) indikator" -> Tabel 3.8 (year header
    # rebuilt from split cells, three page parts) lists 25: TRUE finding; 1795: "12 kegiatan
    # dan 38 sub kegiatan" -> Tabel 3.15 (four page parts, merged program / kegiatan / sub
    # kegiatan cells split) lists 13 and 33: two TRUE findings
    # 387: "PNS ... sebanyak 34 orang. Perincian jumlah tersebut adalah sebagai berikut:",
    # a label "A. Berdasarkan Pendidikan", then Tabel 1.3 PNS Berdasarkan Pendidikan whose
    # Jumlah row totals 33 (SMA 15 + S1 18; Tabel 1.4 by golongan also 33): TRUE finding.
    # 286 / 288: counts of people by desa, several in the paragraph (not whole)
    "kotabangun-2023.md": (26, 8, 5, 1, [387, 1356, 1795, 1795]),
    # 337: 17 pegawai -> Tabel 1.1 (pendidikan / pangkat / eselon blocks) has no total row:
    # no count, silent; 441-443: per service, no table introduced
    "kromengan-2022.md": (4, 1, 0, 0, []),
}


@needs_corpus
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus(path) -> None:
    if path.name not in CORPUS:
        pytest.skip("not reviewed")
    doc, findings = lint_file(path, rules=[RULES["NA008"]])
    c = counts_of(doc)
    known = [lc for lc in c.linked if lc.count is not None]
    got = (len(c.claims), len(c.linked), len(known), sum(1 for lc in known if lc.agrees))
    assert (*got, [f.line for f in findings]) == CORPUS[path.name]


NOUN_TEXT = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan",
             "sasaran": "sasaran", "indikator": "indikator", "tujuan": "tujuan"}


@settings(max_examples=80, deadline=None)
@given(
    prefix=st.lists(st.sampled_from(["Kecamatan", "Sukamaju", "memiliki", "kini", "ini",
                                     "menetapkan", "sebanyak", "pada"]), max_size=6),
    value=st.integers(min_value=1, max_value=99),
    words=st.booleans(), bold=st.booleans(), indent=st.sampled_from(["", "- ", "1. "]),
    noun=st.sampled_from(sorted(NOUN_TEXT)), wrap=st.booleans(),
)
def test_generated_claim_positions(prefix: list[str], value: int, words: bool, bold: bool,
                                   indent: str, noun: str, wrap: bool) -> None:
    """Wherever the claim sits (list item, bold digits, after a line break), its line and
    column point at its digits in the raw text."""
    digits = f"**{value}**" if bold else str(value)
    number = digits + (f" ({WORDS[value - 1]})" if words and value <= 9 else "")
    head = " ".join(["Dalam", *prefix])
    sep = "\n" if wrap else " "
    text = f"{TITLE}{indent}{head}{sep}{number} {NOUN_TEXT[noun]} yang dilaksanakan.\n"
    doc = parse_text(text)
    got = counts_of(doc).claims
    assert [(c.value, c.noun) for c in got] == [(value, noun)]
    c = got[0]
    assert doc.lines[c.line - 1][c.column - 1:c.end_column - 1] == str(value)


HIERARCHY_ROWS = [ln for ln in HIERARCHY.splitlines() if ln.startswith(("| Program",
                                                                         "| Kegiatan",
                                                                         "| Sub"))]


@pytest.mark.parametrize("deleted", HIERARCHY_ROWS, ids=lambda r: r[2:30])
def test_mutation_delete_a_hierarchy_row(deleted: str) -> None:
    """The sentence was written for the full table; one row is deleted from the table: a
    finding for that row's level only, pointing at its number."""
    para = ("Tahun 2024 dilaksanakan 2 (dua) program, 3 (tiga) kegiatan dan 4 (empat) sub "
            "kegiatan dengan rincian pada tabel berikut:")
    assert run(TITLE + para + "\n\n" + HIERARCHY) == []
    table = HIERARCHY.replace(deleted + "\n", "")
    got = run(TITLE + para + "\n\n" + table)
    noun = ("sub_kegiatan" if deleted.startswith("| Sub") else
            "kegiatan" if deleted.startswith("| Kegiatan") else "program")
    stated = {"program": 2, "kegiatan": 3, "sub_kegiatan": 4}[noun]
    column = para.index(f"{stated} (") + 1
    assert got == [(3, column, column + 1, str(stated), str(stated - 1))]


# --------------------------------------------------------------------------- people

PEOPLE_TABLE = """Tabel 1.3 PNS Berdasarkan Pendidikan

| Pendidikan | Laki-laki | Perempuan | Jumlah |
|---|---|---|---|
| SMA | 6 | 4 | 10 |
| S1 | 9 | 5 | 14 |
| S2 | 2 | 1 | 3 |
| Jumlah | 17 | 10 | 27 |
"""


@pytest.mark.parametrize(("para", "expected"), [
    # agrees
    ("Jumlah PNS Kecamatan Sukamaju sebanyak 27 orang dengan rincian sebagai berikut:", []),
    # contradicts
    ("Jumlah PNS Kecamatan Sukamaju sebanyak 29 orang dengan rincian sebagai berikut:",
     [("29", "27")]),
    # in words too, and a label line between
    ("Pegawai Negeri Sipil (PNS) sebanyak 29 (dua puluh sembilan) orang. Perincian "
     "sebagai berikut:\n\nA. Berdasarkan Pendidikan", [("29", "27")]),
    # the caption names someone else: no link
    ("Jumlah penduduk sebanyak 29 orang sebagaimana tabel berikut:", []),
    # a part (by sex) and two counts in the paragraph: no whole count
    ("PNS laki-laki sebanyak 17 orang sebagaimana tabel berikut:", []),
    ("PNS sebanyak 29 orang, 3 orang di antaranya PPPK, sebagaimana tabel berikut:", []),
    # no forward reference
    ("Jumlah PNS Kecamatan Sukamaju sebanyak 29 orang.", []),
])
def test_people_count_against_the_table_total(para: str, expected: list) -> None:
    got = run(TITLE + para + "\n\n" + PEOPLE_TABLE)
    assert [(a, e) for *_, a, e in got] == expected


def test_people_count_silent_without_a_total_row() -> None:
    table = PEOPLE_TABLE.replace("| Jumlah | 17 | 10 | 27 |\n", "")
    assert run(TITLE + "Jumlah PNS sebanyak 29 orang sebagai berikut:\n\n" + table) == []


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
       delta=st.sampled_from([0, 0, 1, -1, 5]))
def test_people_generated(rows: list[int], delta: int) -> None:
    total = sum(rows)
    assume(total + delta > 0)
    body = "".join(f"| Golongan {i + 1} | {n} |\n" for i, n in enumerate(rows))
    table = ("Tabel 1.4 PNS Berdasarkan Golongan\n\n| Golongan | Jumlah |\n|---|---|\n"
             + body + f"| Jumlah | {total} |\n")
    para = f"PNS Kecamatan Sukamaju berjumlah {total + delta} orang sebagaimana tabel berikut:"
    got = run(TITLE + para + "\n\n" + table)
    assert [(a, e) for *_, a, e in got] == ([(str(total + delta), str(total))] if delta else [])
