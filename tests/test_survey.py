"""IKM survey tables (sakiplint.facts.scales.surveys) and AR007."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.engine import all_rules, run_rules
from sakiplint.facts.scales import surveys
from sakiplint.read.numfmt import fmt
from sakiplint.read.parse import parse_text

D = Decimal
SCORES = st.lists(st.decimals(min_value=1, max_value=4, places=2), min_size=9, max_size=9)


def _codes(text: str) -> list[tuple[str, int]]:
    doc = parse_text(text)
    return [(f.rule, f.line) for f in run_rules(doc, [r for r in all_rules() if r.code == "AR007"])]


def _horizontal(scores: list[Decimal], ikm_row: str | None, after: str | None) -> str:
    head = "\t".join(f"U{i}" for i in range(1, len(scores) + 1))
    vals = "\t".join(fmt(s, 2) for s in scores)
    text = ("**Tabel 3.3 Hasil Survei Kepuasan Masyarakat Kecamatan Sukamaju**\n\n"
            f"Unsur\t{head}\nNilai per unsur\t{vals}\n")
    if ikm_row is not None:
        text += f"Nilai IKM\t{ikm_row}\n"
    text += "\nSumber: Kecamatan Sukamaju, 2024\n"
    if after is not None:
        text += f"\nBerdasarkan tabel di atas, nilai IKM tahun 2024 sebesar {after} (Baik).\n"
    return text


def _ikm(scores: list[Decimal]) -> Decimal:
    return sum(scores, D(0)) / len(scores) * 25


@settings(max_examples=40, deadline=None)
@given(scores=SCORES, off=st.sampled_from([D(0), D("0.1"), D(2), D(-3)]))
def test_generated_in_table(scores: list[Decimal], off: Decimal) -> None:
    stated = _ikm(scores) + off
    text = _horizontal(scores, fmt(stated, 2), None)
    line = text.count("\n", 0, text.index("Nilai IKM")) + 1
    # element scores printed with 2 decimals: up to 25 x 0,01 (+ 0,01) is rounding
    expected = [] if abs(off) < D("0.26") else [("AR007", line)]
    assert _codes(text) == expected


@settings(max_examples=40, deadline=None)
@given(scores=SCORES, off=st.sampled_from([D(0), D(1), D(-5)]))
def test_generated_in_sentence(scores: list[Decimal], off: Decimal) -> None:
    stated = _ikm(scores) + off
    text = _horizontal(scores, None, fmt(stated, 2))
    line = text.count("\n", 0, text.index("Berdasarkan")) + 1
    assert _codes(text) == ([] if off == 0 else [("AR007", line)])


def test_weight_0111_accepted() -> None:
    scores = [D("3.50")] * 9
    # 9 x 3,50 x 0,111 x 25 = 87,41 (the mean x 25 is 87,50)
    assert _codes(_horizontal(scores, "87,41", None)) == []


def test_vertical_layout() -> None:
    rows = "".join(f"U{i}\tUnsur {i}\t3,{i}0\n" for i in range(1, 10))
    text = ("**Tabel 3.4 Nilai Unsur Pelayanan Kecamatan Sukamaju**\n\n"
            f"Kode\tUnsur Pelayanan\tNilai Rata-rata\n{rows}\n"
            "Dengan demikian nilai IKM Kecamatan Sukamaju adalah 90,00.\n")
    # mean of 3,10 .. 3,90 = 3,50; x 25 = 87,50
    doc = parse_text(text)
    (s,) = surveys(doc)
    assert len(s.elements) == 9
    assert _codes(text) == [("AR007", 14)]


def test_damaged_ikm_row_and_no_sentence_is_silent() -> None:
    scores = [D("3.20")] * 9
    assert _codes(_horizontal(scores, "83,\t514 (Baik)", None)) == []


def test_sentence_with_two_candidates_is_silent() -> None:
    scores = [D("3.20")] * 9
    text = _horizontal(scores, None, "85,00 dari 60 responden")
    assert _codes(text) == []


def test_sentence_target_number_ignored() -> None:
    scores = [D("3.20")] * 9   # IKM 80,00
    assert _codes(_horizontal(scores, None, "80,00 (target 90,00)")) == []
    text = _horizontal(scores, None, "85,00 (target 80,00)")
    assert _codes(text) == [("AR007", text.count("\n", 0, text.index("Berdasarkan")) + 1)]


def test_ikm_scale_does_not_rate_capaian() -> None:
    from sakiplint.facts.scales import rating_scales
    from sakiplint.read.parse import parse_text as parse

    text = ("**Tabel 3.2 Nilai Mutu Pelayanan IKM**\n\nNilai Interval\tMutu\n"
            "25,00 - 64,99\tTidak Baik\n65,00 - 76,60\tKurang Baik\n"
            "76,61 - 88,30\tBaik\n88,31 - 100,00\tSangat Baik\n")
    (scale,) = rating_scales(parse(text))
    assert scale.kind == "ikm"


def test_scores_outside_1_to_4_are_not_a_survey() -> None:
    scores = [D("3.20")] * 8 + [D("5.00")]
    assert surveys(parse_text(_horizontal(scores, "99,00", None))) == []
