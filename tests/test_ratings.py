"""Rating scales (sakiplint.facts.scales), AR005 rating labels and AR009 trend words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.checks.ratings import trend_direction
from sakiplint.engine import all_rules, run_rules
from sakiplint.facts.scales import Interval, parse_interval, rating_scales, same_label
from sakiplint.read.numfmt import fmt
from sakiplint.read.parse import parse_text

D = Decimal


@pytest.mark.parametrize(("text", "expected"), [
    ("110 Keatas", Interval(D(110), True, None, False)),
    ("110 ke atas", Interval(D(110), True, None, False)),
    (r"$90 \leq x < 110$", Interval(D(90), True, D(110), False)),
    (r"$x < 60$", Interval(None, False, D(60), False)),
    ("91% ≤ 100%", Interval(D(91), True, D(100), True)),
    ("≤ 50%", Interval(None, False, D(50), True)),
    ("> 100", Interval(D(100), False, None, False)),
    ("x ≥ 85,5", Interval(D("85.5"), True, None, False)),
    ("60 - 70", Interval(D(60), True, D(70), True)),
    ("60 s/d 75", Interval(D(60), True, D(75), True)),
    ("kurang dari 55", Interval(None, False, D(55), False)),
    (r"$75 \le x \le 90$", Interval(D(75), True, D(90), True)),
])
def test_parse_interval(text: str, expected: Interval) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["Baik (B) 60-70", "Sangat Tinggi", "2023", "70 - 60", ""])
def test_not_an_interval(text: str) -> None:
    assert parse_interval(text) is None


def test_same_label() -> None:
    assert same_label("Sangat tercapai /Sangat berhasil", "Sangat tercapai / Sangat berhasil")
    assert same_label("Berhasil", "Tercapai / Berhasil")
    assert same_label("Sedan g", "Sedang")
    assert not same_label("Berhasil", "Sangat berhasil")
    assert not same_label("Tercapai", "Tidak tercapai / Tidak berhasil")


SCALE = """**Tabel 2.5 Standar Penilaian Kinerja Kecamatan Sukamaju**

Nilai (%)\tKategori
$x \\geq 100$\tSangat Baik
$80 \\leq x < 100$\tBaik
$60 \\leq x < 80$\tCukup
$x < 60$\tKurang

"""
LABELS = ["Kurang", "Cukup", "Baik", "Sangat Baik"]


def _band(x: Decimal) -> str:
    return "Kurang" if x < 60 else "Cukup" if x < 80 else "Baik" if x < 100 else "Sangat Baik"


def _codes(text: str, code: str) -> list[tuple[str, int]]:
    doc = parse_text(text)
    return [(f.rule, f.line) for f in run_rules(doc, [r for r in all_rules() if r.code == code])]


def _capaian_table(rows: list[tuple[Decimal, str]]) -> str:
    body = "".join(
        f"Indikator {i}\t{fmt(x, 2)}%\t{label}\n" for i, (x, label) in enumerate(rows, start=1)
    )
    return f"**Tabel 3.2 Capaian Kinerja 2024**\n\nIndikator Kinerja\tCapaian\tKategori\n{body}"


def test_scale_found() -> None:
    doc = parse_text(SCALE)
    (scale,) = rating_scales(doc)
    assert [b.label for b in scale.bands] == ["Sangat Baik", "Baik", "Cukup", "Kurang"]


@settings(max_examples=50, deadline=None)
@given(st.lists(
    st.tuples(st.decimals(min_value=0, max_value=150, places=2), st.sampled_from(LABELS)),
    min_size=1, max_size=6,
))
def test_generated_ratings(rows: list[tuple[Decimal, str]]) -> None:
    text = SCALE + _capaian_table(rows)
    first = text.count("\n", 0, text.index("Indikator 1")) + 1
    expected = [("AR005", first + i) for i, (x, label) in enumerate(rows) if _band(x) != label]
    assert _codes(text, "AR005") == expected


def test_no_scale_no_finding() -> None:
    assert _codes(_capaian_table([(D(50), "Sangat Baik")]), "AR005") == []


def test_gap_in_scale_is_not_judged() -> None:
    scale = ("**Tabel 3.1 Skala Nilai Peringkat Kinerja**\n\n| Interval Nilai | Kriteria |\n"
             "|---|---|\n| 91% ≤ 100% | Sangat Tinggi |\n| 76% ≤ 90% | Tinggi |\n"
             "| 66% ≤ 75% | Sedang |\n| ≤ 65% | Rendah |\n\n")
    table = _capaian_table([(D("90.5"), "Sangat Tinggi"), (D("130"), "Sangat Tinggi"),
                            (D("80"), "Sedang")])
    text = scale + table
    line = text.count("\n", 0, text.index("Indikator 3")) + 1
    assert _codes(text, "AR005") == [("AR005", line)]


def test_unknown_label_is_not_judged() -> None:
    assert _codes(SCALE + _capaian_table([(D(50), "Memuaskan")]), "AR005") == []


@pytest.mark.parametrize(("word", "d"), [
    ("Meningkat", 1), ("Menin gkat", 1), ("Menurun", -1), ("Menu run", -1), ("Tetap", 0),
    ("naik", 1), ("Lainnya", None),
])
def test_trend_direction(word: str, d: int | None) -> None:
    assert trend_direction(word) == d


def _trend_table(rows: list[tuple[int, int, str]], indicator: str = "Indeks Layanan") -> str:
    body = "".join(f"{indicator} {i}\t{a}\t{b}\t{w}\n" for i, (a, b, w) in enumerate(rows, 1))
    return ("**Tabel 3.8 Perbandingan Realisasi Kinerja**\n\n"
            f"Indikator Kinerja\tRealisasi 2023\tRealisasi 2024\tKeterangan\n{body}")


@settings(max_examples=40, deadline=None)
@given(st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 5),
              st.sampled_from(["Meningkat", "Menurun", "Tetap"])),
    min_size=1, max_size=5,
))
def test_generated_trends(rows: list[tuple[int, int, str]]) -> None:
    text = _trend_table(rows)
    first = text.count("\n", 0, text.index("Indeks Layanan 1")) + 1
    words = {1: "Meningkat", -1: "Menurun", 0: "Tetap"}
    expected = [("AR009", first + i) for i, (a, b, w) in enumerate(rows)
                if words[(b > a) - (b < a)] != w]
    assert _codes(text, "AR009") == expected


def test_trend_silent_for_lower_is_better() -> None:
    text = _trend_table([(30, 20, "Meningkat")], indicator="Prevalensi stunting")
    assert _codes(text, "AR009") == []


PAIRED = """**Tabel 2.6 Standar Pencapaian**

Nilai %\tPencapaian
110 keatas\tSangat tercapai / Sangat berhasil
$90 \\leq x < 110$\tTercapai / Berhasil
$60 \\leq x < 90$\tCukup tercapai / Cukup berhasil
$x < 60$\tTidak tercapai / Tidak berhasil

"""


def test_yes_no_status_column_is_not_a_rating() -> None:
    # "Tercapai" beside 125% as a plain status: no label of the scale is written in full
    text = PAIRED + _capaian_table([(D(125), "Tercapai"), (D(50), "Tidak tercapai")])
    assert _codes(text, "AR005") == []


def test_half_label_judged_in_a_rating_column() -> None:
    text = PAIRED + _capaian_table([(D(125), "Tercapai / Berhasil"), (D(95), "Berhasil")])
    line = text.count("\n", 0, text.index("Indikator 1")) + 1
    assert _codes(text, "AR005") == [("AR005", line)]


def test_scale_index_finds_the_scales_each_label_names():
    """facts.scales.ScaleIndex answers which scales know a label from their labels; it must
    agree with asking every scale (Scale.knows / knows_fully), slash pairs included."""
    from decimal import Decimal

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sakiplint.facts.scales import Band, Interval, Scale, scale_index

    words = ["Sangat", "Baik", "Cukup", "Kurang", "Tercapai", "Berhasil", "Tinggi", "Rendah",
             "Tidak"]
    label = st.lists(st.sampled_from(words), min_size=1, max_size=3).map(" ".join)
    pair = st.tuples(label, label).map(lambda t: f"{t[0]} / {t[1]}")
    any_label = st.one_of(label, pair, label.map(str.upper), label.map(lambda s: s + "."))
    iv = Interval(Decimal(0), True, Decimal(100), True)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.lists(any_label, min_size=1, max_size=4), min_size=1, max_size=6),
           st.lists(any_label, min_size=1, max_size=8))
    def check(scale_labels: list[list[str]], asked: list[str]) -> None:
        scales = [Scale(i, tuple(Band(iv, lab, 1) for lab in labs))
                  for i, labs in enumerate(scale_labels)]
        index = scale_index(scales)
        for a in asked:
            assert index.knowing(a) == [s for s in scales if s.knows(a)]
            assert index.knows_fully(a) == any(s.knows_fully(a) for s in scales)

    check()
