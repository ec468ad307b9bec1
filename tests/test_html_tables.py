"""HTML tables read with the standard library's parser: spans resolved to the cell grid,
missing end tags tolerated, spans bounded, time linear in the input."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from sakiplint.read import html as rhtml
from sakiplint.read.parse import parse_text


def only_table(text: str):
    (t,) = parse_text(text).tables
    return t


def texts(t) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in t.rows]


def test_rowspan_and_colspan_resolved_to_the_grid():
    t = only_table(
        "Tabel 3.5 Realisasi Anggaran\n\n"
        "<table>\n"
        "<tr><th rowspan=\"2\">Uraian</th><th colspan=\"2\">Anggaran</th></tr>\n"
        "<tr><th>Pagu</th><th>Realisasi</th></tr>\n"
        "<tr><td rowspan=\"2\">Program Pelayanan</td><td>2.000.000</td><td>1.500.000</td></tr>\n"
        "<tr><td>1.000.000</td><td>900.000</td></tr>\n"
        "</table>\n"
    )
    assert [c.header for c in t.columns] == ["Uraian", "Anggaran Pagu", "Anggaran Realisasi"]
    assert [c.role for c in t.columns] == ["program", "anggaran", "realisasi_anggaran"]
    # the row under a rowspan gets an empty first cell, its values stay in their columns
    assert texts(t) == [["Program Pelayanan", "2.000.000", "1.500.000"],
                        ["", "1.000.000", "900.000"]]
    assert t.rows[1].cells[1].number == Decimal(1000000)


def test_missing_end_tags_do_not_drop_the_table():
    text = (
        "Tabel 1.2 Pegawai\n\n"
        "<table>\n"
        "<tr><td>Unit<td>Jumlah\n"
        "<tr><td>Sekretariat<td>4\n"
        "<tr><td>Seksi Umum<td>3\n"
        "\n"
        "Paragraf sesudah tabel yang tidak ditutup.\n"
    )
    doc = parse_text(text)
    (t,) = doc.tables
    assert texts(t) == [["Sekretariat", "4"], ["Seksi Umum", "3"]]
    assert (t.start_line, t.end_line) == (3, 6)
    assert 8 not in doc.table_lines          # the paragraph stays prose
    assert any("</table>" in r for r in t.repairs)
    assert any("</td>" in r for r in t.repairs)


def test_cell_position_points_at_its_text():
    text = (
        "<table>\n<tr><td>Indikator</td><td>Capaian</td></tr>\n"
        "<tr><td>IKM</td><td>  <b>95,5%</b></td></tr>\n</table>\n"
    )
    t = only_table(text)
    cell = t.rows[0].cells[1]
    line = text.split("\n")[cell.line - 1]
    assert line[cell.value_column - 1:].startswith("95,5%")


def test_huge_colspan_is_bounded():
    t = only_table(
        "<table><tr><td>Uraian</td><td>Nilai</td></tr>"
        "<tr><td colspan=\"99999999\">Program A</td><td>5</td></tr>"
        "<tr><td rowspan=99999999>x</td><td>7</td></tr></table>\n"
    )
    assert all(len(r.cells) <= rhtml.MAX_SPAN + 2 for r in t.rows)
    assert any("dibatasi" in r for r in t.repairs)


def test_text_around_tags_and_lone_angle_brackets():
    t = only_table(
        "<table><tr><th>Interval</th><th>Predikat</th></tr>\n"
        "<tr><td>90 < x <= 100</td><td>Sangat <i>Baik</i></td></tr>\n"
        "<tr><td><!-- komentar --> 75 < x</td><td>Baik</td></tr></table>\n"
    )
    assert t.rows[0].cells[0].text == "90 < x <= 100"
    assert t.rows[0].cells[1].text == "Sangat Baik"
    assert t.rows[1].cells[1].text == "Baik"


def test_nested_table_stays_inside_its_cell():
    t = only_table(
        "<table><tr><th>Uraian</th><th>Rincian</th></tr>"
        "<tr><td>A</td><td><table><tr><td>a1</td><td>a2</td></tr></table></td></tr>"
        "<tr><td>B</td><td>b</td></tr></table>\n"
    )
    assert texts(t) == [["A", "a1 a2"], ["B", "b"]]


def test_mask_keeps_length_and_blanks_what_is_no_tag():
    src = '<td a="x>y<td>1 < 2 <b>ok</b> <!-- c --> <td'
    out = rhtml.mask(src)
    assert len(out) == len(src)
    assert "<b>ok</b>" in out and "<td>" in out
    assert "1   2" in out and "<!--" not in out and not out.endswith("<td")


@pytest.mark.parametrize("unit", [
    "<a", "<", "</", "<!", "<?", "<![", "<tr><td>x", "<td colspan=9>", '<td a="', "&#",
    "<table>", "</table>",
])
def test_linear_on_crafted_input(unit):
    def run(n: int) -> float:
        text = "<table>" + unit * n + "\n"
        best = 1e9
        for _ in range(2):
            t0 = time.perf_counter()
            parse_text(text)
            best = min(best, time.perf_counter() - t0)
        return best

    run(100)  # warm up imports
    small, big = run(1_000), run(10_000)
    # ten times the input: well under a hundred times the time (quadratic), and bounded
    assert big < 10.0
    assert big < 25 * small + 0.1
