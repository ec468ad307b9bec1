"""Table recognition on reports written for these tests (modelled on converter output)."""

from __future__ import annotations

from decimal import Decimal

from sakiplint.read.parse import parse_text


def tables_of(text: str):
    return parse_text(text).tables


def test_tsv_caption_above_in_bold_and_roles():
    (t,) = tables_of(
        "**Tabel 3.1 Target dan Realisasi Kinerja Tahun 2024**\n\n"
        "Sasaran Strategis\tIndikator Kinerja\tTarget 2024\tRealisasi 2024\tCapaian 2024"
        "\tKeterangan\n"
        "<b>Meningkatnya layanan</b>\tIndeks Kepuasan\t80.04\t91.24\t113.99%\tsurvei\n"
    )
    assert t.caption == "Tabel 3.1 Target dan Realisasi Kinerja Tahun 2024"
    assert (t.start_line, t.end_line) == (3, 4)
    assert [c.role for c in t.columns] == [
        "sasaran", "indikator", "target", "realisasi", "capaian", "keterangan"]
    assert all(c.year == 2024 for c in t.columns[2:5])
    row = t.rows[0]
    assert row.cells[0].bold and row.cells[0].text == "Meningkatnya layanan"
    assert row.cells[2].number == Decimal("80.04")
    assert row.cells[4].number == Decimal("113.99") and row.cells[4].decimals == 2


def test_caption_split_over_two_lines():
    (t,) = tables_of(
        "Tabel 2.4\nSasaran dan Pagu Anggaran\n\nProgram\tAnggaran\nProgram A\t1.000.000\n"
    )
    assert t.caption == "Tabel 2.4 Sasaran dan Pagu Anggaran"
    assert t.caption_line == 1


def test_caption_below_the_table():
    text = "Uraian\tJumlah\nSekretariat\t4\nSeksi\t3\n\n**Tabel 1.2 Pegawai per unit**\n\nLain.\n"
    (t,) = tables_of(text)
    assert t.caption == "Tabel 1.2 Pegawai per unit"


def test_caption_belongs_to_the_table_below_it():
    text = (
        "A\tB\n1\t2\n\n"
        "Tabel 5.1 Kedua\n\n"
        "Uraian\tNilai\nx\t3\n"
    )
    t1, t2 = tables_of(text)
    assert t1.caption is None
    assert t2.caption == "Tabel 5.1 Kedua"


def test_group_header_over_year_columns_and_empty_label_cells():
    (t,) = tables_of(
        "Tabel 2.1 Matrik\n\n"
        "Tujuan\tIndikator\tKondisi awal\tTarget Kinerja Pada Tahun Ke\t\t\n"
        "\t\t2020\t2021\t2022\t2023\n"
        "Terwujudnya X\tIndeks Y\t70,00\t72,50\t75,00\t77,50\n"
    )
    assert len(t.header_rows) == 2
    assert [c.year for c in t.columns] == [None, None, 2020, 2021, 2022, 2023]
    assert [c.role for c in t.columns[3:]] == ["target"] * 3
    assert t.columns[4].header == "Target Kinerja Pada Tahun Ke 2022"


def test_kinerja_anggaran_group_headers():
    (t,) = tables_of(
        "Sasaran\tIndikator\tKinerja\t\t\tAnggaran\t\t\n"
        "\t\tTarget\tRealisasi\tCapaian (%)\tPagu (Rp)\tRealisasi (Rp)\tCapaian (%)\n"
        "S1\tI1\t80\t84,00\t105,00\t1.000.000\t900.000\t90,00\n"
    )
    assert [c.role for c in t.columns[2:]] == [
        "target", "realisasi", "capaian", "anggaran", "realisasi_anggaran", "serapan"]


def test_column_number_row_is_header_not_data():
    (t,) = tables_of("No\tUraian\tJumlah\n1\t2\t3\n1\tMeja\t4 buah\n2\tKursi\t7 buah\n")
    assert len(t.rows) == 2
    assert t.rows[0].cells[2].number == Decimal(4)


def test_continuation_with_repeated_header_is_merged():
    text = (
        "Tabel 3.10 Realisasi Anggaran\n\n"
        "Uraian\tAnggaran\tRealisasi\n"
        "Program A\t3.000.000\t2.000.000\n"
        "Kegiatan A1\t3.000.000\t2.000.000\n"
        "\n\n12\n\n"
        "Uraian\tAnggaran\tRealisasi\n"
        "Sub Kegiatan A1a\t1.000.000\t500.000\n"
        "Sub Kegiatan A1b\t2.000.000\t1.500.000\n"
    )
    (t,) = tables_of(text)
    assert t.parts == [(3, 5), (10, 12)]
    assert [r.level for r in t.rows] == [1, 2, 3, 3]
    assert [r.line for r in t.rows] == [4, 5, 11, 12]


def test_tables_separated_by_prose_are_not_merged():
    text = "A\tB\nx\t1\n\nSebuah paragraf penjelasan.\n\nA\tB\ny\t2\n"
    assert len(tables_of(text)) == 2


def test_pipe_table_with_separator_rows_in_the_middle_and_headerless_continuation():
    text = (
        "Tabel 1.2 Jumlah Penduduk\n\n"
        "| Desa | Laki – Laki | Perempuan | Jumlah |\n"
        "|------|-----|-----|-----|\n"
        "| Sukamaju | 1.201 | 1.100 | 2.301 |\n"
        "| Sukamukti | 300 | 280 | 580 |\n"
        "\n\n \n"
        "| Sukasari | 410 | 390 | 800 |\n"
        "|----|----|----|----|\n"
        "| Jumlah | 1.911 | 1.770 | 3.681 |\n"
    )
    (t,) = tables_of(text)
    assert t.style == "pipe"
    assert len(t.parts) == 2
    assert [r.kind for r in t.rows] == ["data", "data", "data", "total"]
    assert t.rows[-1].line == 12
    assert t.rows[0].cells[1].number == Decimal(1201)


def test_html_table():
    text = (
        "Tabel 4.2 Anggaran\n\n<table>\n<tr><th>Program</th><th>Pagu</th></tr>\n"
        "<tr><td>Program A</td><td>1.500.000</td></tr>\n"
        "<tr><td colspan=\"1\">Program B</td><td>500.000</td></tr>\n</table>\n"
    )
    (t,) = tables_of(text)
    assert t.style == "html"
    assert t.caption == "Tabel 4.2 Anggaran"
    assert [r.cells[1].number for r in t.rows] == [Decimal(1500000), Decimal(500000)]
    assert t.rows[1].line == 6


def test_cells_with_html_lists_and_latex():
    (t,) = tables_of(
        "Nilai %\tPencapaian\n"
        "$90 \\leq x < 110$\tBerhasil\n"
        "Strategi\t<ul><li>a. satu &amp; dua;</li><li>b. tiga</li></ul>\n"
    )
    assert t.rows[0].cells[0].text == "90 \\leq x < 110"
    assert t.rows[1].cells[1].text == "a. satu & dua; b. tiga"


def test_numbering_gives_levels():
    (t,) = tables_of(
        "No\tUraian\tAnggaran\n"
        "1\tProgram Penunjang\t3.000,00\n"
        "1.1\tAdministrasi Keuangan\t2.000,00\n"
        "1.1.1\tPenyediaan Gaji\t2.000,00\n"
        "1.2\tAdministrasi Umum\t1.000,00\n"
    )
    assert [r.level for r in t.rows] == [1, 2, 3, 2]
    assert t.rows[0].cells[2].number == Decimal(3000)


def test_notation_decided_per_column():
    (t,) = tables_of(
        "Uraian\tA\tB\n"
        "x\t85.200\t85.2\n"
        "y\t1.234.567\t80.04\n"
    )
    # column A: "1.234.567" can only be Indonesian, so "85.200" is 85200
    assert t.rows[0].cells[1].number == Decimal(85200)
    # column B: English decimals
    assert t.rows[0].cells[2].number == Decimal("85.2")
    assert t.columns[1].notation == "id" and t.columns[2].notation == "en"


def test_total_and_average_rows():
    (t,) = tables_of(
        "Indikator\tCapaian\n"
        "A\t100%\n"
        "B\t110%\n"
        "<b>Rata-rata Capaian</b>\t<b>105%</b>\n"
        "<b>Jumlah</b>\t<b>2</b>\n"
    )
    assert [r.kind for r in t.rows] == ["data", "data", "average", "total"]


def test_broken_table_never_crashes():
    text = "|a|b|\n|---|\n| only one cell\n|||\n\t\t\n\tx\n|\n<table><tr></table>\n"
    parse_text(text)  # must not raise


def test_finding_points_at_the_value_column():
    from sakiplint.engine.lint import lint_text

    text = "Indikator\tTarget\tRealisasi\tCapaian\nIKM\t80\t88\t<b>105,00%</b>\n"
    _, findings = lint_text(text)
    (f,) = findings
    line = text.split("\n")[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "105,00%"
    assert f.expected == "110,00%"


def test_headerless_chunk_that_lost_a_column_is_not_merged():
    text = (
        "| Program | Kegiatan | Pagu | Realisasi |\n"
        "|---|---|---|---|\n"
        "| Program A | Kegiatan A1 | 1.000 | 900 |\n"
        "\n\n"
        "| Kegiatan A2 | 2.000 | 1.500 |\n"
        "|---|---|---|\n"
        "| Kegiatan A3 | 500 | 400 |\n"
    )
    first, second = tables_of(text)
    assert len(first.rows) == 1 and len(second.columns) == 3


def test_average_column_relation_generated():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sakiplint.checks.sums import average_column_relations
    from sakiplint.engine import Settings

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.integers(min_value=5000, max_value=9999), min_size=2, max_size=5),
           st.integers(min_value=-300, max_value=300))
    def check(values, shift):
        from decimal import Decimal

        mean = sum(Decimal(v) for v in values) / len(values) / 100
        printed = (mean + Decimal(shift) / 100).quantize(Decimal("0.01"))
        header = "\t".join(["Unit"] + [f"TW {i + 1}" for i in range(len(values))] + ["Rata-rata"])
        cells = [f"{Decimal(v) / 100:.2f}".replace(".", ",") for v in values]
        row = "\t".join(["Layanan", *cells, f"{printed}".replace(".", ",")])
        (t,) = tables_of(f"{header}\n{row}\n")
        (rel,) = list(average_column_relations(t, Settings()))
        assert rel.holds == (abs(printed - mean) < Decimal("0.01"))

    check()
