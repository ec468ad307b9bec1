"""Stated capaian formulas (sakiplint.facts.formulas) and their use by AR001."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.engine import all_rules, run_rules
from sakiplint.facts.formulas import Formula, formulas_in_line, parse_formula, stated_formulas
from sakiplint.read.numfmt import fmt
from sakiplint.read.parse import parse_text

NEGATIVE = r"$$Capaian = \frac{Target - (Realisasi - Target)}{Target}x100\%$$"
POSITIVE = r"$$Capaian = \frac{Realisasi}{Target} x 100\%$$"


@pytest.mark.parametrize(("text", "polarity"), [
    (r"\frac{Target - (Realisasi - Target)}{Target}x100\%", "negative"),
    ("(Target - (Realisasi - Target)) / Target x 100", "negative"),
    ("Target / Realisasi x 100%", "negative"),
    (r"\frac{Rencana}{Realisasi} \times 100", "negative"),
    (r"\frac{Realisasi}{Target} x 100\%", "positive"),
    (r"\frac{\text{Realisasi}}{\text{Target}} \times 100 \%", "positive"),
    ("Realisasi : Target x 100", "positive"),
    ("Realisasi * 100 / Target", "positive"),
    ("Realisasi - Target", "other"),      # not 100 at the target: not a capaian formula
    ("Target / 2", "other"),
])
def test_polarity(text: str, polarity: str) -> None:
    expr = parse_formula(text)
    assert expr is not None
    assert Formula(expr, 1, text).polarity == polarity


@pytest.mark.parametrize("text", [
    "Jumlah usulan diterima / jumlah usulan x 100",
    "Realisasi dibagi dengan Target",
    "",
    r"\frac{Realisasi}{",
])
def test_not_a_formula(text: str) -> None:
    assert parse_formula(text) is None


def test_statement_in_a_line() -> None:
    assert formulas_in_line(NEGATIVE) == [r"\frac{Target - (Realisasi - Target)}{Target}x100\%"]
    assert formulas_in_line("Capaian Kinerja = Realisasi / Target x 100   (rumus umum)") == [
        "Realisasi / Target x 100"
    ]
    assert formulas_in_line("Tidak ada rumus di sini.") == []


@settings(max_examples=60, deadline=None)
@given(
    t=st.decimals(min_value=1, max_value=1000, places=2),
    r=st.decimals(min_value=0, max_value=1000, places=2),
)
def test_negative_formula_evaluates(t: Decimal, r: Decimal) -> None:
    expr = parse_formula(r"\frac{Target - (Realisasi - Target)}{Target}x100\%")
    assert expr is not None
    f = Formula(expr, 1, "")
    assert f.apply(t, r) == (t - (r - t)) / t * 100


def _report(indicator: str, t: str, r: str, c: str, formula_lines: list[str]) -> str:
    prose = "\n\n".join(
        ["Pengukuran kinerja Kecamatan Sukamaju menggunakan rumus berikut:", *formula_lines]
    )
    return (
        f"{prose}\n\n**Tabel 3.1 Capaian Kinerja Tahun 2024**\n\n"
        "Sasaran\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
        f"Meningkatnya kesehatan warga\t{indicator}\t{t}\t{r}\t{c}\n"
    )


def _codes(text: str) -> list[str]:
    doc = parse_text(text)
    rules = [r for r in all_rules() if r.code == "AR001"]
    return [f.rule for f in run_rules(doc, rules)]


def test_stated_formulas_are_found() -> None:
    doc = parse_text(_report("Prevalensi stunting", "20,00", "18,00", "110,00%",
                             [POSITIVE, "Semakin tinggi realisasi semakin rendah capaian:",
                              NEGATIVE]))
    found = stated_formulas(doc)
    assert [f.polarity for f in found] == ["positive", "negative"]
    assert found[1].line == 7


def test_stated_negative_formula_accepted_for_lower_is_better() -> None:
    # (20 - (18 - 20)) / 20 x 100 = 110
    assert _codes(_report("Prevalensi stunting", "20,00", "18,00", "110,00%", [NEGATIVE])) == []


def test_stated_formula_wins_over_builtin_inverse() -> None:
    # 20 / 18 x 100 = 111,11 is the built-in inverse, but the report states another formula
    text = _report("Prevalensi stunting", "20,00", "18,00", "111,11%", [NEGATIVE])
    assert _codes(text) == ["AR001"]
    # without a stated formula the built-in inverse is accepted
    assert _codes(_report("Prevalensi stunting", "20,00", "18,00", "111,11%", [])) == []


def test_negative_formula_not_applied_to_higher_is_better() -> None:
    # an ordinary indicator: 110 is not 18 / 20 x 100 whatever the report states
    text = _report("Indeks Kepuasan Masyarakat", "20,00", "18,00", "110,00%", [NEGATIVE])
    assert _codes(text) == ["AR001"]


@settings(max_examples=40, deadline=None)
@given(
    t=st.integers(min_value=10, max_value=500),
    r=st.integers(min_value=1, max_value=500),
    off=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(3)]),
)
def test_generated_lower_is_better_rows(t: int, r: int, off: Decimal) -> None:
    td, rd = Decimal(t), Decimal(r)
    stated = (td - (rd - td)) / td * 100
    printed = stated + off
    others = [rd / td * 100]
    text = _report("Angka kematian ibu", str(t), str(r), fmt(printed, 2) + "%", [NEGATIVE])
    near = any(abs(printed - x) < Decimal("0.01") for x in [stated, *others])
    assert (_codes(text) == []) == near


POLARITY_TABLE = """**Tabel 2.3 Indikator Kinerja Utama Kecamatan Sukamaju**

Indikator Kinerja\tSatuan\tPolaritas
Jumlah rumah tidak layak huni\tunit\t{mark}
Indeks Kepuasan Masyarakat\tindeks\tPositif

"""


@pytest.mark.parametrize(("mark", "negative"), [
    ("Negatif", True), ("(-)", True), ("Minimize", True), ("-", False), ("Positif", False),
])
def test_report_marks_polarity(mark: str, negative: bool) -> None:
    capaian = ("**Tabel 3.1 Capaian Kinerja Tahun 2024**\n\n"
               "Sasaran\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
               "Meningkatnya kualitas hunian\tJumlah rumah tidak layak huni\t"
               "40\t30\t125,00%\n")
    # (40 - (30 - 40)) / 40 x 100 = 125: right only for a lower-is-better indicator
    text = POLARITY_TABLE.format(mark=mark) + capaian
    assert _codes(text) == ([] if negative else ["AR001"])
    from sakiplint.facts.formulas import indicator_key, negative_indicators

    keys = negative_indicators(parse_text(text))
    assert (indicator_key("Jumlah rumah tidak layak huni") in keys) == negative
