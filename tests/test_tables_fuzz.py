"""Generated tables: the reader never crashes on damaged shapes, keeps every row it is
given, and its repairs keep the cell grid consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.read.parse import parse_text

_WORDS = ["Program", "Kegiatan", "Sub Kegiatan", "Jumlah", "Tahun 2023", "T", "ahun 2024",
          "2", "202", "23", "Desa", "Realisasi", "Target", "Capaian (%)", "Pagu", "-", "NA",
          "(1.500.000)", "1.000.000 2.000.000", "85,20", "1,540,00", "<b>x</b>", "", "", ""]
cell = st.one_of(st.sampled_from(_WORDS), st.from_regex(r"[0-9.,()% -]{0,12}", fullmatch=True))
row = st.lists(cell, min_size=1, max_size=8)


def _pipe(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def _tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) + ("\t" if len(r) == 1 else "") for r in rows)


def _html(rows: list[list[str]]) -> str:
    return "<table>" + "".join(
        "<tr>" + "".join(f"<td colspan={1 + len(c) % 3}>{c}" for c in r) for r in rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(row, min_size=1, max_size=6), min_size=1, max_size=4),
       st.sampled_from([_pipe, _tsv, _html]),
       st.sampled_from(["\n\n", "\n\n\n12\n\n", "\nTabel 3.1 Judul\n\n", "\nParagraf.\n\n"]))
def test_damaged_tables_never_crash_and_keep_a_consistent_grid(chunks, style, between):
    text = between.join(style(c) for c in chunks) + "\n"
    doc = parse_text(text)
    for t in doc.tables:
        width = len(t.columns)
        assert all(len(r.cells) == width for r in t.rows)
        assert [r.index for r in t.rows] == list(range(len(t.rows)))
        assert all(isinstance(x, str) for x in t.repairs)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=6), st.integers(min_value=1, max_value=5),
       st.booleans())
def test_split_table_rows_all_kept(first, second, tail):
    header = "| Uraian | Target | Realisasi | Capaian |\n|---|---|---|---|\n"
    body = [f"| Indikator {k} yang panjang | {80 + k} | {81 + k} | 100 |" for k in range(first)]
    rest = [f"| Indikator {k} | {70 + k} | {71 + k} | 100 |" for k in range(second)]
    text = "Tabel 3.1 Capaian\n\n" + header + "\n".join(body) + "\n\n\n\n17\n\n"
    if tail:
        text += "| lanjutan teks | | | |\n|---|---|---|---|\n"
    text += "\n".join(rest) + "\n"
    (t,) = parse_text(text).tables
    assert len(t.rows) == first + second
    if tail:
        assert t.rows[first - 1].cells[0].text.endswith("yang panjang lanjutan teks")


def test_a_tail_never_lands_on_a_number():
    text = (
        "| Uraian | Target | Realisasi |\n|---|---|---|\n| Indikator satu | 80 | 84 |\n"
        "\n\n\n17\n\n| | persen | |\n|---|---|---|\n| Indikator dua | 70 | 71 |\n"
    )
    for t in parse_text(text).tables:
        assert all(c.text in ("80", "84", "70", "71") for r in t.rows for c in r.cells[1:])
