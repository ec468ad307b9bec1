"""Tests for the narrative rules NA002-NA007 and NA010: numbers in running text checked
against each other (sentence-internal arithmetic, the direction of a change) and against the
tables (linked by indicator name or by context, and year; more in tests/test_links.py).
Silence is tested as much as findings: consistent sentences, unclear links and different
scales must give nothing."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.checks.narrative import link_stated
from sakiplint.engine import Context, Settings, all_rules
from sakiplint.engine.lint import lint_file, lint_text
from sakiplint.facts.claims import claims_of
from sakiplint.read.numfmt import fmt

RULES = {r.code: r for r in all_rules()}
NA = ("NA002", "NA003", "NA004", "NA005", "NA006", "NA007", "NA010")


def run(text: str, *codes: str) -> list[tuple[str, int, str | None, str | None]]:
    _, findings = lint_text(text, rules=[RULES[c] for c in codes or NA])
    return [(f.rule, f.line, f.actual, f.expected) for f in findings]


def pct(d: Decimal, places: int = 2) -> str:
    return f"{d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}".replace(".", ",")


def dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --------------------------------------------------------------------------- NA002

NA002_FAIL = [
    ("Indikator IKM dengan target 80 telah tercapai sebesar 84,49 atau tercapai 115,61%.",
     "115,61%", "105,61%"),
    ("IKM terealisasi 84,49 dari target 80 sehingga capaian kinerja sebesar 95,00%.",
     "95,00%", "105,61%"),
    ("- 2) Program Pelayanan, Target 50% terealisasi 60% dengan capaian kinerja 294,12%",
     "294,12%", "120,00%"),
    ("Nilai IKM ditargetkan sebesar 75 dan realisasinya sebesar 90 atau capaian kinerjanya "
     "sebesar 125%.", "125%", "120%"),
]

NA002_PASS = [
    "Indikator IKM dengan target 80 telah tercapai sebesar 84,49 atau tercapai 105,61%.",
    "Indikator IKM dengan target 80 telah tercapai sebesar 84,49 atau tercapai 105,6%.",
    # truncation passes as well as rounding
    "Target 62,59 dan realisasinya sebesar 88 atau capaian kinerjanya sebesar 140,59%.",
    # lower-is-better formulas
    "Prevalensi stunting dengan target 10 terealisasi 8 atau capaian 125%.",
    "Prevalensi stunting dengan target 10 terealisasi 8 atau capaian 120%.",
    # capped achievement
    "Target 90% dapat tercapai sebesar 100%, dengan demikian tercapai sebesar 100%.",
    # two triples in one sentence: not paired up, silent
    "Target 80 tercapai 84 atau 99% dan target 70 tercapai 77 atau 99%.",
    # a percentage relative to the target is not the capaian
    "Target 100 orang, terealisasi 120 orang atau 20% di atas target.",
    # clauses separated by ";" are claims of their own
    "Target 80 tercapai 84 atau 105%; capaian Nilai SAKIP 99%.",
    # target zero: undefined, silent
    "Target 0 terealisasi 5 atau capaian 100%.",
]


@pytest.mark.parametrize(("text", "actual", "expected"), NA002_FAIL)
def test_na002_flags_wrong_capaian(text: str, actual: str, expected: str) -> None:
    assert run(text, "NA002") == [("NA002", 1, actual, expected)]


@pytest.mark.parametrize("text", NA002_PASS)
def test_na002_silent(text: str) -> None:
    assert run(text, "NA002") == []


PLACES = st.integers(0, 2)
POSITIVE = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(1000), places=2)


@settings(max_examples=80, deadline=None)
@given(POSITIVE, POSITIVE, PLACES, st.booleans())
def test_na002_generated(t: Decimal, r: Decimal, places: int, wrong: bool) -> None:
    exact = r / t * 100
    stated = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if wrong:
        stated += Decimal(7)
        alternatives = (t / r * 100, (2 * t - r) / t * 100)
        assume(all(abs(stated - x) >= Decimal(1).scaleb(-places) for x in alternatives))
        assume(not (stated == 100 and exact > 100))
    text = (
        f"Indikator Persentase Layanan dengan target {pct(t)} telah tercapai sebesar "
        f"{pct(r)} atau tercapai {pct(stated, places)}%."
    )
    got = run(text, "NA002")
    if wrong:
        assert [g[0] for g in got] == ["NA002"]
        assert got[0][3] == fmt(exact, places, "id") + "%"
    else:
        assert got == []


# --------------------------------------------------------------------------- NA003

def test_na003_fail_and_pass() -> None:
    fail = ("Penyerapan anggaran tahun 2024 sebesar 95,10% dari total anggaran sebesar "
            "Rp. 12.500.000.000 dan terealisasi sebesar Rp. 11.250.000.000.")
    assert run(fail, "NA003") == [("NA003", 1, "95,10%", "90,00%")]
    ok = fail.replace("95,10%", "90,00%")
    assert run(ok, "NA003") == []
    # roles unknown: the larger amount is the budget
    plain = "Belanja Rp 800.000 dan Rp 1.000.000 atau serapan 80%."
    assert run(plain, "NA003") == []
    # three amounts: not judged
    three = "Pagu Rp 1.000.000, realisasi Rp 800.000 dan sisa Rp 200.000 atau serapan 70%."
    assert run(three, "NA003") == []
    # a percentage that is not the absorption
    other = "Anggaran Rp 1.000.000 dan realisasi Rp 800.000 dengan efisiensi 5%."
    assert run(other, "NA003") == []


@settings(max_examples=60, deadline=None)
@given(st.integers(10**6, 10**12), st.integers(1, 1000), st.booleans())
def test_na003_generated(anggaran: int, per_mille: int, wrong: bool) -> None:
    realisasi = anggaran * per_mille // 1000
    exact = Decimal(realisasi) * 100 / Decimal(anggaran)
    stated = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) + (3 if wrong else 0)
    text = (f"Realisasi anggaran sebesar {pct(stated)}% dari pagu sebesar Rp. {dots(anggaran)} "
            f"dan terealisasi sebesar Rp. {dots(realisasi)}.")
    got = run(text, "NA003")
    assert [g[0] for g in got] == (["NA003"] if wrong else [])


# --------------------------------------------------------------------------- NA004

NA004_PASS = [
    "Jumlah penduduk 12.480 jiwa terdiri dari 6.310 laki-laki (51%) dan 6.170 perempuan (49%).",
    "Pegawai sebanyak 30 orang, terdiri dari 12 orang perempuan dan 18 orang laki-laki.",
    "Kecamatan terdiri dari 9 kelurahan dan 41 RW.",                      # no total
    "Ada 5 program yang terdiri dari 12 kegiatan dan 30 sub kegiatan.",   # different nouns
    "Sebanyak 30 pegawai terdiri dari 10 pegawai golongan III dan 5 pegawai golongan IV "
    "serta 15 pegawai golongan II.",                                        # list continues
]


@pytest.mark.parametrize("text", NA004_PASS)
def test_na004_silent(text: str) -> None:
    assert run(text, "NA004") == []


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 500_000), st.integers(0, 500_000), st.integers(-3, 3))
def test_na004_generated(lk: int, pr: int, off: int) -> None:
    total = lk + pr + off
    assume(total > 0)
    text = (f"Penduduk tercatat sebanyak {dots(total)} jiwa yang terdiri dari {dots(lk)} "
            f"laki-laki dan {dots(pr)} perempuan.")
    got = run(text, "NA004")
    assert got == ([] if off == 0 else [("NA004", 1, dots(total), dots(lk + pr))])


def test_na004_same_noun_parts() -> None:
    text = ("Perjanjian kinerja memuat 18 (delapan belas) indikator, terdiri dari 5 (lima) "
            "indikator utama dan 12 (dua belas) indikator tambahan.")
    assert run(text, "NA004") == [("NA004", 1, "18", "17")]


# --------------------------------------------------------------------------- NA005

NA005_PASS = [
    "Tahun 2023 sebesar 88,40% dan tahun 2024 sebesar 93,10% atau kenaikan sebesar 4,70%.",
    "Tahun 2023 sebesar 80 dan tahun 2024 sebesar 88 atau kenaikan sebesar 10%.",  # mixed kinds
    "Nilai 2024 sebesar 80 dan 2023 sebesar 88 atau penurunan sebesar 10.",        # relative
    "Nilai 2024 sebesar 87,80 atau kenaikan sebesar 11,23 dibanding 2023.",       # one value
    # target beside realisasi: their difference is not the change
    "Realisasi 85% dari target 80% dibanding tahun lalu mengalami kenaikan 3%.",
    # no comparison over time
    "Nilai IKM 85,10% dan IPMas 80,20% atau kenaikan sebesar 2,00%.",
]


@pytest.mark.parametrize("text", NA005_PASS)
def test_na005_silent(text: str) -> None:
    assert run(text, "NA005") == []


@settings(max_examples=60, deadline=None)
@given(POSITIVE, POSITIVE, st.booleans())
def test_na005_generated(a: Decimal, b: Decimal, wrong: bool) -> None:
    diff = abs(b - a)
    stated = diff + (Decimal("0.5") if wrong else 0)
    if wrong:
        rel = [diff * 100 / min(a, b), diff * 100 / max(a, b)]
        assume(all(abs(stated - x) >= Decimal("0.01") for x in rel))
    word = "kenaikan" if b >= a else "penurunan"
    text = (f"Pada tahun 2023 sebesar {pct(a)}% dan tahun 2024 sebesar {pct(b)}% sehingga "
            f"terjadi {word} sebesar {pct(stated)}%.")
    got = run(text, "NA005")
    assert [g[0] for g in got] == (["NA005"] if wrong else [])


# "naik dari A menjadi B" with the difference before, after, in parentheses, or absent
FROM_TO_FORMS = [
    "Nilai IKM meningkat sebesar {d} dari {a} menjadi {b}.",
    "Nilai IKM naik dari {a} menjadi {b} atau sebesar {d}.",
    "Nilai IKM naik dari {a} pada tahun 2023 menjadi {b} pada tahun 2024 atau naik {d}.",
    "Nilai IKM meningkat dari {a} menjadi {b} ({d} poin).",
    "Nilai IKM meningkat dari tahun 2023 sebesar {a} menjadi {b} pada tahun 2024 atau {d}.",
]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(FROM_TO_FORMS), POSITIVE, POSITIVE, st.booleans(),
)
def test_na005_na010_from_to_generated(form: str, a: Decimal, b: Decimal, wrong: bool) -> None:
    """Every form of "dari A menjadi B": a wrong difference is NA005, a wrong direction
    word is NA010; a right sentence is silent."""
    assume(abs(b - a) >= Decimal("0.1"))
    diff = abs(b - a)
    stated = diff + (Decimal("0.5") if wrong else 0)
    if wrong:
        rel = [diff * 100 / min(a, b), diff * 100 / max(a, b)]
        assume(all(abs(stated - x) >= Decimal("0.01") for x in rel))
    text = form.format(a=pct(a), b=pct(b), d=pct(stated))
    # the forms say "up": a decrease is a wrong direction
    expect = (["NA010"] if b < a else []) + (["NA005"] if wrong else [])
    got = run(text, "NA005", "NA010")
    assert sorted(g[0] for g in got) == sorted(expect)
    sentence_line = 1
    assert all(g[1] == sentence_line for g in got)


@pytest.mark.parametrize("text", [
    # direction word not right before "dari": not the direct form
    "Nilai IKM meningkat cukup signifikan dari 84 menjadi 80 responden.",
    # "turun" with a decrease
    "Angka stunting turun dari 14,2% menjadi 12,6%.",
    # equal values are not judged
    "Jumlah aduan naik dari 12 menjadi 12.",
    # one reading in each notation goes up ("1.250" read as 1,25 or 1250)
    "Nilai naik dari 1.250 menjadi 2,5.",
])
def test_na010_silent(text: str) -> None:
    assert run(text, "NA010") == []


def test_na010_points_at_the_second_value() -> None:
    text = "Prevalensi stunting naik dari 14,2% menjadi 12,6% pada tahun 2024."
    (f,) = lint_text(text, rules=[RULES["NA010"]])[1]
    assert (f.line, f.column, f.actual) == (1, text.index("12,6") + 1, "12,6%")
    assert [r.column for r in f.related] == [text.index("14,2") + 1]


# --------------------------------------------------------------------------- NA006

TABLE = """# Laporan Kinerja Kecamatan Sukamaju Tahun 2024

Tabel 3.1 Capaian Kinerja Tahun 2024

| No | Indikator Kinerja | Target 2024 | Realisasi 2024 | Capaian 2024 |
|---|---|---|---|---|
| 1 | Indeks Kepuasan Masyarakat | 80 | 86,40 | 108,00 |
| 2 | Nilai SAKIP Kecamatan | 70 | 71,50 | 102,14 |
| 3 | Indeks Kepuasan Layanan Prasarana Publik | 3,20 | 4,10 | 128,13 |

"""


def linked(text: str) -> list[tuple[str, str, bool]]:
    doc, _ = lint_text(text, rules=[])
    ctx = Context(doc, RULES["NA006"], Settings())
    return [(sl.stated.role, sl.stated.value.text, sl.agrees) for sl in link_stated(doc, ctx)]


def test_na006_agreeing_claims_are_linked_and_silent() -> None:
    text = TABLE + (
        "Indikator Indeks Kepuasan Masyarakat dengan target 80 telah tercapai sebesar 86,40 "
        "atau tercapai 108%.\n\nNilai SAKIP terealisasi 71,5 pada tahun 2024.\n"
    )
    assert linked(text) == [
        ("target", "80", True), ("realisasi", "86,40", True), ("capaian", "108", True),
        ("realisasi", "71,5", True),
    ]
    assert run(text, "NA006") == []


def test_na006_contradiction_points_at_the_sentence_number() -> None:
    text = TABLE + "Nilai SAKIP Kecamatan Sukamaju tahun 2024 terealisasi 74,50.\n"
    doc, findings = lint_text(text, rules=[RULES["NA006"]])
    (f,) = findings
    assert (f.line, f.actual, f.expected) == (11, "74,50", "71,50")
    assert doc.lines[f.line - 1][f.column - 1:].startswith("74,50")
    assert [r.line for r in f.related] == [8]


@pytest.mark.parametrize("sentence", [
    # two indicators named in one sentence: no link
    "Indeks Kepuasan Masyarakat dan Nilai SAKIP terealisasi 74,50.",
    # another year than the table's
    "Nilai SAKIP Kecamatan pada tahun 2023 terealisasi 74,50.",
    # a year the sentence only compares with dates nothing
    "Dibandingkan tahun 2023, realisasi Nilai SAKIP sebesar 74,50.",
    # restated on another scale (1-5 index out of 100)
    "Indeks Kepuasan Layanan Prasarana Publik terealisasi 82.",
    # no indicator name at all
    "Kinerja terealisasi 74,50 pada tahun 2024.",
])
def test_na006_silent_when_link_unclear(sentence: str) -> None:
    assert run(TABLE + sentence + "\n", "NA006") == []


def test_na006_capaian_against_another_target_is_not_compared() -> None:
    # the sentence computes its capaian against another target (say the Renstra one): only
    # the target itself differs from the table; realisasi and capaian are not compared
    text = TABLE + (
        "Indeks Kepuasan Masyarakat dengan target 81 tercapai 86,40 atau tercapai 106,67%.\n"
    )
    assert run(text, "NA006") == [("NA006", 11, "81", "80")]


def test_na006_when_tables_disagree_a_value_matching_one_of_them_passes() -> None:
    second = TABLE.replace("Tabel 3.1", "Tabel 3.2").replace("| 70 | 71,50 |", "| 70 | 73,00 |")
    assert run(TABLE + second + "Nilai SAKIP terealisasi 73,00.\n", "NA006") == []
    # a value matching neither contradicts both: both are named
    assert run(TABLE + second + "Nilai SAKIP terealisasi 74,50.\n", "NA006") == [
        ("NA006", 21, "74,50", "71,50 / 73,00")]


def test_na006_one_value_for_two_years_is_read_for_each() -> None:
    # "tahun 2023 dan tahun 2024 ... 74,50": both years; the table has 2024
    text = TABLE + "Nilai SAKIP tahun 2023 dan tahun 2024 terealisasi 74,50.\n"
    assert run(text, "NA006") == [("NA006", 11, "74,50", "71,50")]


# --------------------------------------------------------------------------- corpus

# report -> (claims per kind, {link kind: (linked stated values, of which agree)}, findings
# per rule)
CORPUS: dict[str, tuple[dict[str, int], dict[str, tuple[int, int]], dict[str, list[int]]]] = {
    "kedungkandang-2023": (
        {"capaian": 10, "budget": 1, "breakdown": 0, "change": 0},
        # 715: the paragraph cites Tabel 3.6 (target 80.04, capaian 113.99%) and states 81.00
        # and 112.6%; 921: capaian 294,12% where the table says 125.02%; 718 and 719 name
        # their sasaran before "dengan indikator kinerja X tercapai ...": X is meant (agree)
        {"sentence": (40, 37)}, {"NA002": [921], "NA006": [715, 715, 921]},
    ),
    "klojen-2021": (
        # 348 / 413 restate the 1-5 index out of 100 (x20): the capaian (and at 413 the
        # realisasi) differ from the table's 140,57% / 4,40
        {"capaian": 5, "budget": 1, "breakdown": 0, "change": 1},
        {"sentence": (19, 16), "context": (10, 10)}, {"NA006": [348, 413, 413]},
    ),
    "kotabangun-2023": (
        # 4 capaian claims across two sentences (1124, 1245, 1249, 1271, 1293): 1124 and 1271
        # wrong; the "Realisasi Target kinerja ... 100%" paragraphs under the numbered labels
        # (1543-1582) and the conclusion's 95% (1961) contradict the tables
        {"capaian": 7, "budget": 1, "breakdown": 2, "change": 2},
        # 1979: the 2022 absorption 91,89% "atau terjadi peningkatan sebesar 0,52%", while the
        # report's 2023 absorption (1795) is 92,00: 0,11 points
        # the closing list (1948-1975) restates capaian per indicator: its items link and
        # agree with Tabel 3.x (e.g. 1954 "sebesar 100%", 1973 stunting 76,36 %)
        # the paragraphs under the numbered labels 1405-1582 compare 2023 with 2022 against
        # Tabel 3.8 (read whole): 1452 (indicator 7, 57,11% where 2022 gives 100) and 1488
        # (Jumlah Inovasi: 2022 realisasi 0, capaian 0.00; the text says 1 and 100%) contradict;
        # 1944: the conclusion's IKM target 75 against Tabel 3.7's 76 (its 2023 row re-aligned)
        {"sentence": (37, 35), "context": (55, 43)},
        {"NA002": [1118, 1124, 1271], "NA004": [666], "NA005": [1862, 1979],
         "NA006": [1944, 1961],
         "NA007": [1177, 1249, 1452, 1452, 1488, 1488, 1543, 1553, 1566, 1582]},
    ),
    "kromengan-2022": (
        # 411: "realisasinya sebesar 100%" against the table its paragraph cites (90%); 647:
        # a list item under the paragraph (645) naming the indicator and ending with a colon:
        # "Target 90% dapat tercapai sebesar 100%" (target agrees, realisasi 100 vs 90)
        {"capaian": 1, "budget": 0, "breakdown": 0, "change": 0}, {"context": (5, 3)},
        {"NA007": [411, 647]},
    ),
}


@needs_corpus
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.stem)
def test_corpus_claims_linked_agreeing_and_contradicting(path) -> None:
    if path.stem not in CORPUS:
        pytest.skip("no recorded counts")
    kinds, links, by_rule = CORPUS[path.stem]
    doc, findings = lint_file(path, rules=[RULES[c] for c in NA])
    claims = claims_of(doc)
    assert {k: len(getattr(claims, k)) for k in kinds} == kinds
    ctx = Context(doc, RULES["NA006"], Settings())
    counted: dict[str, tuple[int, int]] = {}
    for sl in link_stated(doc, ctx):
        n, ok = counted.get(sl.link.how, (0, 0))
        counted[sl.link.how] = (n + 1, ok + sl.agrees)
    assert counted == links
    got: dict[str, list[int]] = {}
    for f in findings:
        got.setdefault(f.rule, []).append(f.line)
    assert got == by_rule


def test_a_bound_in_a_scale_legend_is_no_comparison():
    """NA013 judges two values a sentence compares; a value written as a bound ("> 100%")
    is the edge of a rating band in a legend, not a value: no comparison is read."""
    from sakiplint.engine.lint import lint_text

    legend = ("Kategori capaian: Tidak Tercapai 0 - 49,99%, Tercapai 100% Melebihi Target "
              ">100%.\n")
    wrong = "Capaian indikator tahun 2024 sebesar 96% melebihi target 100%.\n"
    found = {t: [f.rule for f in lint_text(t)[1]] for t in (legend, wrong)}
    assert "NA013" not in found[legend]
    assert "NA013" in found[wrong]
