"""Tests for sakiplint.read.cells: the table-cell value grammar and notation decisions.

All cell strings here are made up (invented numbers in the shapes LKjIP tables use).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.read.cells import CellValue, Reading, _parser, decide_notation, parse_cell

D = Decimal

# text, kind, id value, id decimals, en value, en decimals, unit
# (None for an impossible reading; its decimals column is then None too)
NUMERIC_CASES: list[tuple[str, str, str | None, int | None, str | None, int | None, str | None]] = [
    # plain integers: both notations agree
    ("0", "number", "0", 0, "0", 0, None),
    ("75", "number", "75", 0, "75", 0, None),
    ("2023", "number", "2023", 0, "2023", 0, None),
    ("007", "number", "7", 0, "7", 0, None),
    ("23091", "number", "23091", 0, "23091", 0, None),
    # one 3-digit group after one separator: ambiguous
    ("1.234", "number", "1234", 0, "1.234", 3, None),
    ("85.200", "number", "85200", 0, "85.2", 3, None),
    ("80.040", "number", "80040", 0, "80.04", 3, None),
    ("1,234", "number", "1.234", 3, "1234", 0, None),
    ("81,406", "number", "81.406", 3, "81406", 0, None),
    # Indonesian only
    ("1.234.567", "number", "1234567", 0, None, None, None),
    ("12.345.678.901", "number", "12345678901", 0, None, None, None),
    ("1.234,5", "number", "1234.5", 1, None, None, None),
    ("6.418.250,00", "number", "6418250", 2, None, None, None),
    ("80,04", "number", "80.04", 2, None, None, None),
    ("3,5", "number", "3.5", 1, None, None, None),
    ("0,00", "number", "0", 2, None, None, None),
    ("100,00", "number", "100", 2, None, None, None),
    ("0,750", "number", "0.75", 3, None, None, None),
    (",25", "number", "0.25", 2, None, None, None),
    ("1234,5", "number", "1234.5", 1, None, None, None),
    # English only
    ("1,234,567", "number", None, None, "1234567", 0, None),
    ("4,305,118,250", "number", None, None, "4305118250", 0, None),
    ("1,234.5", "number", None, None, "1234.5", 1, None),
    ("3,217,400.00", "number", None, None, "3217400", 2, None),
    ("80.04", "number", None, None, "80.04", 2, None),
    ("85.2", "number", None, None, "85.2", 1, None),
    ("0.5", "number", None, None, "0.5", 1, None),
    ("0.500", "number", None, None, "0.5", 3, None),
    (".5", "number", None, None, "0.5", 1, None),
    ("1234.567", "number", None, None, "1234.567", 3, None),
    ("01.234", "number", None, None, "1.234", 3, None),
    # looks like a number, fits neither notation
    ("1.23.456", "number", None, None, None, None, None),
    ("2,710,45", "number", None, None, None, None, None),
    ("1.1.1", "number", None, None, None, None, None),
    ("1,5.25", "number", None, None, None, None, None),
    # a lone trailing separator is ignored
    ("5.", "number", "5", 0, "5", 0, None),
    ("83,", "number", "83", 0, "83", 0, None),
    # negatives
    ("-1.234", "number", "-1234", 0, "-1.234", 3, None),
    ("(47.250.000)", "number", "-47250000", 0, None, None, None),
    ("- 2.500", "number", "-2500", 0, "-2.5", 3, None),
    ("−12", "number", "-12", 0, "-12", 0, None),
    ("–8", "number", "-8", 0, "-8", 0, None),
    ("(6)", "number", "-6", 0, "-6", 0, None),
    ("( 9 )", "number", "-9", 0, "-9", 0, None),
    ("-0,75", "number", "-0.75", 2, None, None, None),
    ("(1,234,567.50)", "number", None, None, "-1234567.5", 2, None),
    ("+15", "number", "15", 0, "15", 0, None),
    ("-0", "number", "0", 0, "0", 0, None),
    # percentages
    ("117.45%", "percent", None, None, "117.45", 2, "%"),
    ("100 %", "percent", "100", 0, "100", 0, "%"),
    ("236,48 %", "percent", "236.48", 2, None, None, "%"),
    ("34%", "percent", "34", 0, "34", 0, "%"),
    ("1.5 %", "percent", None, None, "1.5", 1, "%"),
    ("0 %", "percent", "0", 0, "0", 0, "%"),
    ("99,9%", "percent", "99.9", 1, None, None, "%"),
    ("-5%", "percent", "-5", 0, "-5", 0, "%"),
    ("(12%)", "percent", "-12", 0, "-12", 0, "%"),
    ("(7)%", "percent", "-7", 0, "-7", 0, "%"),
    ("1.250%", "percent", "1250", 0, "1.25", 3, "%"),
    # Rupiah
    ("Rp 1.000.000,-", "money", "1000000", 0, None, None, "Rp"),
    ("Rp. 3.481.026.155,00,-", "money", "3481026155", 2, None, None, "Rp"),
    ("Rp. 14.750.000", "money", "14750000", 0, None, None, "Rp"),
    ("Rp1.500", "money", "1500", 0, "1.5", 3, "Rp"),
    ("Rp 250.000,00", "money", "250000", 2, None, None, "Rp"),
    ("RP. 7.000", "money", "7000", 0, "7", 3, "Rp"),
    ("Rp.2.345.000", "money", "2345000", 0, None, None, "Rp"),
    ("-Rp 4.500.000", "money", "-4500000", 0, None, None, "Rp"),
    ("(Rp 4.500.000)", "money", "-4500000", 0, None, None, "Rp"),
    ("Rp (4.500.000)", "money", "-4500000", 0, None, None, "Rp"),
    ("Rp -4.500.000", "money", "-4500000", 0, None, None, "Rp"),
    ("Rp 5,-", "money", "5", 0, "5", 0, "Rp"),
    ("Rp 3,000,000.00", "money", None, None, "3000000", 2, "Rp"),
    ("12.500 Rupiah", "money", "12500", 0, "12.5", 3, "Rp"),
    ("1.000.000,-", "number", "1000000", 0, None, None, None),
    # numbers with a unit word
    ("86,37 Indek", "number", "86.37", 2, None, None, "Indek"),
    ("9 laporan", "number", "9", 0, "9", 0, "laporan"),
    ("417 RT", "number", "417", 0, "417", 0, "RT"),
    ("81.26 Angka", "number", None, None, "81.26", 2, "Angka"),
    ("5 Dokumen", "number", "5", 0, "5", 0, "Dokumen"),
    ("100 Persen", "number", "100", 0, "100", 0, "Persen"),
    ("3 Dok.", "number", "3", 0, "3", 0, "Dok."),
    ("1.250 Orang", "number", "1250", 0, "1.25", 3, "Orang"),
    ("4 Nilai", "number", "4", 0, "4", 0, "Nilai"),
    ("72 Indeks", "number", "72", 0, "72", 0, "Indeks"),
    # surrounding whitespace
    ("  1.234 ", "number", "1234", 0, "1.234", 3, None),
    ("\u00a042,5\u00a0%", "percent", "42.5", 1, None, None, "%"),
]


def _reading(value: str | None, decimals: int | None) -> Reading | None:
    if value is None:
        return None
    assert decimals is not None
    return Reading(D(value), decimals)


@pytest.mark.parametrize(
    ("text", "kind", "id_value", "id_dec", "en_value", "en_dec", "unit"), NUMERIC_CASES
)
def test_numeric_cells(
    text: str,
    kind: str,
    id_value: str | None,
    id_dec: int | None,
    en_value: str | None,
    en_dec: int | None,
    unit: str | None,
) -> None:
    cell = parse_cell(text)
    assert cell.kind == kind
    assert cell.text == text
    assert cell.id_reading == _reading(id_value, id_dec)
    assert cell.en_reading == _reading(en_value, en_dec)
    assert cell.unit == unit
    assert cell.is_numeric == (id_value is not None or en_value is not None)
    assert cell.ambiguous == (
        id_value is not None and en_value is not None and D(id_value) != D(en_value)
    )
    assert 0 <= cell.start <= cell.end <= len(text)
    if cell.is_numeric:
        assert any(c.isdigit() for c in text[cell.start : cell.end])


# text, kind, note, unit
NON_NUMERIC_CASES: list[tuple[str, str, str | None, str | None]] = [
    ("", "empty", "", None),
    ("   ", "empty", "", None),
    ("-", "empty", "-", None),
    ("–", "empty", "–", None),
    ("—", "empty", "—", None),
    ("---", "empty", "---", None),
    ("-" * 50, "empty", "-" * 50, None),
    ("N/a", "empty", "N/a", None),
    ("NA", "empty", "NA", None),
    ("n/a", "empty", "n/a", None),
    ("N/A", "empty", "N/A", None),
    ("n.a.", "empty", "n.a.", None),
    (" - ", "empty", "-", None),
    ("Rp -", "empty", "-", "Rp"),
    ("Rp. --", "empty", "--", "Rp"),
    ("#DIV/0!", "error", "#DIV/0!", None),
    ("#####", "error", "#####", None),
    ("##### #", "error", "##### #", None),
    ("#REF!", "error", "#REF!", None),
    ("#VALUE!", "error", "#VALUE!", None),
    ("#N/A", "error", "#N/A", None),
    ("#NAME?", "error", "#NAME?", None),
    ("#NUM!", "error", "#NUM!", None),
    # plain text: no readings
    ("Tahun 2023 ada 5 desa", "text", None, None),
    ("Target 2024", "text", None, None),
    ("nihil", "text", None, None),
    ("Meningkat", "text", None, None),
    ("%", "text", None, None),
    ("Rp", "text", None, None),
    ("3. Strategi", "text", None, None),
    ("1 234", "text", None, None),
    ("12.500 12.500", "text", None, None),
    ("2021-2026", "text", None, None),
    ("S1", "text", None, None),
    ("IV/b", "text", None, None),
    ("65 x < 80", "text", None, None),
    ("≤ 45%", "text", None, None),
    ("B.", "text", None, None),
    ("b", "text", None, None),
    ("Tabel 3.2", "text", None, None),
    ("(4)/(3)", "text", None, None),
    ("7 kel ompok", "text", None, None),
    ("1. 234", "text", None, None),
    ("12 laporan 3", "text", None, None),
    ("Indikator kinerja utama yang tidak mempunyai angka", "text", None, None),
]


@pytest.mark.parametrize(("text", "kind", "note", "unit"), NON_NUMERIC_CASES)
def test_non_numeric_cells(text: str, kind: str, note: str | None, unit: str | None) -> None:
    cell = parse_cell(text)
    assert cell.kind == kind
    assert cell.note == note
    assert cell.unit == unit
    assert cell.id_reading is None and cell.en_reading is None
    assert not cell.is_numeric and not cell.ambiguous
    assert (cell.start, cell.end) == (0, len(text))
    assert cell.reading("id") is None and cell.reading("en") is None


# text, rating, reading value (both notations), note
RATING_CASES: list[tuple[str, str, str | None, str | None]] = [
    ("B", "B", None, None),
    ("BB", "BB", None, None),
    ("A", "A", None, None),
    ("AA", "AA", None, None),
    ("C", "C", None, None),
    ("CC", "CC", None, None),
    ("D", "D", None, None),
    ("(B)", "B", None, None),
    ("В", "B", None, None),  # Cyrillic Ve from PDF conversion
    ("С", "C", None, None),  # Cyrillic Es
    ("B (75)", "B", "75", None),
    ("A (92)", "A", "92", None),
    ("Baik", "Baik", None, None),
    ("Sangat Tinggi", "Sangat Tinggi", None, None),
    ("Cukup Berhasil", "Cukup Berhasil", None, None),
    ("sangat berhasil", "sangat berhasil", None, None),
    ("Kurang", "Kurang", None, None),
    ("Baik Sekali", "Baik Sekali", None, None),
    ("Baik (B)", "B", None, None),
    ("Baik (B) 60-70", "B", None, "60-70"),
    ("Baik (B) 60- 70", "B", None, "60- 70"),
    ("Cukup 50 - 60", "Cukup", None, "50 - 60"),
    ("Baik (80)", "Baik", "80", None),
]


@pytest.mark.parametrize(("text", "rating", "value", "note"), RATING_CASES)
def test_rating_cells(text: str, rating: str, value: str | None, note: str | None) -> None:
    cell = parse_cell(text)
    assert cell.kind == "rating"
    assert cell.rating == rating
    assert cell.note == note
    assert not cell.is_numeric
    if value is None:
        assert cell.id_reading is None and cell.en_reading is None
    else:
        assert cell.id_reading == cell.en_reading == Reading(D(value), 0)
        assert text[cell.start : cell.end] == value


def test_cell_forms_count() -> None:
    forms = {c[0] for c in NUMERIC_CASES} | {c[0] for c in NON_NUMERIC_CASES}
    forms |= {c[0] for c in RATING_CASES}
    assert len(forms) >= 80


# ---- spans -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("1.234.567", "1.234.567"),
        ("  1.234 ", "1.234"),
        ("(47.250.000)", "47.250.000"),
        ("-1.234", "1.234"),
        ("Rp. 3.481.026.155,00,-", "3.481.026.155,00"),
        ("Rp 1.000.000,-", "1.000.000"),
        ("117.45%", "117.45"),
        ("100 %", "100"),
        ("86,37 Indek", "86,37"),
        ("5.", "5"),
        (".5", ".5"),
        ("B (75)", "75"),
    ],
)
def test_numeric_span(text: str, span: str) -> None:
    cell = parse_cell(text)
    assert text[cell.start : cell.end] == span


# ---- reading(notation) -------------------------------------------------------------------


def test_reading_prefers_column_notation_then_falls_back() -> None:
    amb = parse_cell("85.200")
    assert amb.reading("id") == Reading(D(85200), 0)
    assert amb.reading("en") == Reading(D("85.2"), 3)
    id_only = parse_cell("80,04")
    assert id_only.reading("en") == id_only.reading("id") == Reading(D("80.04"), 2)
    en_only = parse_cell("1,234,567")
    assert en_only.reading("id") == en_only.reading("en") == Reading(D(1234567), 0)
    assert parse_cell("1.1.1").reading("id") is None


def test_cellvalue_is_frozen_and_cached() -> None:
    cell = parse_cell("1.234")
    assert parse_cell("1.234") is cell
    with pytest.raises(AttributeError):
        cell.kind = "text"  # type: ignore[misc]
    assert isinstance(cell, CellValue)


def test_grammar_compiled_once() -> None:
    assert _parser() is _parser()
    assert _parser().options.parser == "lalr"


# ---- decide_notation ---------------------------------------------------------------------


def _cells(*texts: str) -> list[CellValue]:
    return [parse_cell(t) for t in texts]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # votes decide
        (("1.234.567", "85.200"), "id"),
        (("2.910.500.120,00", "1.234", "-"), "id"),
        (("1,234,567", "1,234"), "en"),
        (("117.45%", "104.2%", "99%"), "en"),
        (("80,04", "75,5", "85.2"), "id"),
        (("117.45%", "85.2", "80,04"), "en"),
        (("0.500", "85.200"), "en"),
        # no votes: a lone 3-digit group is read as thousands
        (("85.200", "80.040"), "id"),
        (("1,234", "5,678"), "en"),
        (("Rp 4.500", "Rp 7.250"), "id"),
        # tie between votes: same tie-break
        (("80,04", "85.2", "85.200"), "id"),
        (("80,04", "85.2", "1,250"), "en"),
        # nothing to go on: Indonesian
        (("2023", "75", "-", "Baik", "#DIV/0!", "1.1.1"), "id"),
        ((), "id"),
        (("85.200", "1,250"), "id"),
    ],
)
def test_decide_notation(texts: tuple[str, ...], expected: str) -> None:
    assert decide_notation(_cells(*texts)) == expected


def test_decide_notation_accepts_any_iterable() -> None:
    assert decide_notation(parse_cell(t) for t in ("1,234,567", "12")) == "en"


def test_column_reading_after_decision() -> None:
    column = _cells("80.04", "85.200", "77.5")
    notation = decide_notation(column)
    assert notation == "en"
    values = [c.reading(notation) for c in column]
    assert [r.value for r in values if r] == [D("80.04"), D("85.2"), D("77.5")]


# ---- properties --------------------------------------------------------------------------


def _format(int_part: int, frac: str, thousands: str, decimal: str) -> str:
    grouped = f"{int_part:,}".replace(",", thousands)
    return f"{grouped}{decimal}{frac}" if frac else grouped


@st.composite
def printed_numbers(draw: st.DrawFn) -> tuple[Decimal, int, str, str]:
    """A random Decimal printed in one notation, possibly signed, with Rp or % around it."""
    int_part = draw(st.integers(min_value=0, max_value=10**15))
    decimals = draw(st.integers(min_value=0, max_value=4))
    frac = "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=decimals, max_size=decimals))
    )
    notation = draw(st.sampled_from(["id", "en"]))
    thousands, decimal = (".", ",") if notation == "id" else (",", ".")
    body = _format(int_part, frac, thousands, decimal)
    value = Decimal(f"{int_part}.{frac}" if frac else str(int_part))
    sign = draw(st.sampled_from(["", "-", "()"]))
    if sign == "-":
        body, value = f"-{body}", -value
    elif sign == "()":
        body, value = f"({body})", -value
    wrap = draw(st.sampled_from(["{}", "Rp {}", "Rp. {}", "{}%", "{} %", "{} laporan", " {} "]))
    return value, decimals, notation, wrap.format(body)


@settings(max_examples=400, deadline=None)
@given(printed_numbers())
def test_formatted_decimals_read_back(case: tuple[Decimal, int, str, str]) -> None:
    value, decimals, notation, text = case
    cell = parse_cell(text)
    assert cell.is_numeric, text
    reading = cell.reading(notation)  # type: ignore[arg-type]
    assert reading is not None
    assert reading.value == value, text
    assert reading.decimals == decimals, text


CELL_ALPHABET = "0123456789.,-–—−()%#/!? RrpPNnaABCDВ\u00a0Baikx"


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=CELL_ALPHABET, max_size=20)))
def test_parse_cell_never_raises(text: str) -> None:
    cell = parse_cell(text)
    assert cell.text == text
    assert 0 <= cell.start <= cell.end <= len(text)
    if cell.kind == "text":
        assert cell.id_reading is None and cell.en_reading is None
