"""NA009 and sakiplint.facts.budget_links: Rupiah amounts in sentences linked to the budget tables
(a program / kegiatan named in full, or the total of the budget table the paragraph
introduces or follows) and compared with them. Every way of linking has a case where it
links and one where it must not; silence is tested as much as findings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.engine import all_rules
from sakiplint.engine.lint import lint_file, lint_text
from sakiplint.facts.budget_links import budget_links, judge, sentence_amounts

RULES = {r.code: r for r in all_rules()}
HEAD = "# Laporan Kinerja Kecamatan Sukamaju Tahun 2024\n\n"


def dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def pct(r: int, a: int) -> str:
    return f"{r * 100 / a:.2f}".replace(".", ",")


def table(rows: list[tuple[str, int, int]], caption: str = "Tabel 3.9 Realisasi Anggaran "
          "per Program Tahun 2024", total: bool = True) -> str:
    out = [caption, "", "| No | Program / Kegiatan | Anggaran (Rp) | Realisasi (Rp) | % |",
           "|---|---|---|---|---|"]
    for i, (name, a, r) in enumerate(rows, start=1):
        out.append(f"| {i} | {name} | {dots(a)} | {dots(r)} | {pct(r, a)} |")
    if total:
        a = sum(x[1] for x in rows)
        r = sum(x[2] for x in rows)
        out.append(f"| | Jumlah | {dots(a)} | {dots(r)} | {pct(r, a)} |")
    return "\n".join(out) + "\n"


PROGRAMS = [
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", 1_250_000_000, 1_180_500_000),
    ("Kegiatan Pemberdayaan Masyarakat Desa dan Kelurahan", 800_000_000, 760_000_000),
    ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 2_000_000_000,
     1_900_000_000),
    ("Program Koordinasi Ketentraman dan Ketertiban Umum", 418_601_325, 395_246_192),
]
TABLE = table(PROGRAMS, total=False)


def findings(text: str) -> list[tuple[int, int, str | None, str | None]]:
    _, found = lint_text(text, rules=[RULES["NA009"]])
    return [(f.line, f.column, f.actual, f.expected) for f in found]


def links(text: str) -> list[tuple[str, str, str, bool]]:
    """(target, key, amount as printed, agrees) for each linked amount."""
    doc, _ = lint_text(text, rules=[])
    return [(lk.target, lk.key, lk.amount.value.text, judge(lk).agrees)
            for lk in budget_links(doc).links]


def prose_line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), start=1) if needle in ln)


# --------------------------------------------------------------------------- program links

def test_program_sentence_agreeing_is_linked_and_silent():
    text = HEAD + TABLE + (
        "\nProgram Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran sebesar "
        "Rp 1.250.000.000 terealisasi Rp 1.180.500.000 atau 94,44%.\n")
    assert links(text) == [
        ("program", "program:pemberdayaan masyarakat desa dan kelurahan", "1.250.000.000", True),
        ("program", "program:pemberdayaan masyarakat desa dan kelurahan", "1.180.500.000", True),
    ]
    assert findings(text) == []


def test_program_sentence_contradicting_is_reported_at_the_amount():
    sentence = ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran sebesar "
                "Rp 1.250.000.000 terealisasi Rp 1.108.500.000 atau 88,68%.")
    text = HEAD + TABLE + "\n" + sentence + "\n"
    line = prose_line(text, "88,68")
    col = sentence.index("1.108.500.000") + 1
    assert findings(text) == [(line, col, "Rp 1.108.500.000", "1.180.500.000")]
    _, found = lint_text(text, rules=[RULES["NA009"]])
    f = found[0]
    assert "realisasi anggaran" in f.message("id") and "spending" in f.message("en")
    assert "Program Pemberdayaan Masyarakat Desa dan Kelurahan" in f.message("id")
    assert [r.line for r in f.related] == [prose_line(text, "| 1 |")]


@pytest.mark.parametrize("sentence", [
    # two programs named: which one is meant?
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan dan Program Koordinasi Ketentraman "
    "dan Ketertiban Umum dengan anggaran Rp 9.999.000.000.",
    # a program the tables do not hold, beside one they do
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan serta Program Kebersihan Kota "
    "dengan anggaran Rp 9.999.000.000.",
    # a longer name than the table's: another program
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan Mandiri dengan anggaran "
    "Rp 9.999.000.000.",
    # the name without the word "program": which level is it?
    "Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran Rp 9.999.000.000.",
    # a sub kegiatan of the same words
    "Sub Kegiatan Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran Rp 9.999.000.000.",
    # only part of the name
    "Program Pemberdayaan Masyarakat dengan anggaran Rp 9.999.000.000.",
    # another year
    "Pada tahun 2023 Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran "
    "Rp 9.999.000.000.",
    # the amount is about something the program is carried out through
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan dilaksanakan melalui pembangunan "
    "jalan lingkungan dengan anggaran Rp 9.999.000.000.",
    # the agency's total, mentioned in a program's sentence
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan menyerap 12% dari total anggaran "
    "Rp 9.999.000.000.",
    # last year's figure
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan dianggarkan Rp 9.999.000.000 pada "
    "tahun sebelumnya.",
    # two years: which one?
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan tahun 2023 dan 2024 dengan anggaran "
    "Rp 9.999.000.000.",
])
def test_unclear_program_sentences_are_not_linked(sentence):
    text = HEAD + TABLE + "\n" + sentence + "\n"
    assert links(text) == []
    assert findings(text) == []


def test_kegiatan_and_program_of_the_same_words_are_told_apart():
    text = HEAD + TABLE + (
        "\nKegiatan Pemberdayaan Masyarakat Desa dan Kelurahan dengan pagu Rp 800.000.000 "
        "terealisasi Rp 760.000.000.\n"
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan pagu Rp 800.000.000.\n")
    got = links(text)
    assert [(t, a, ok) for t, _, a, ok in got] == [
        ("kegiatan", "800.000.000", True), ("kegiatan", "760.000.000", True),
        ("program", "800.000.000", False),
    ]
    assert [f[2:] for f in findings(text)] == [("Rp 800.000.000", "1.250.000.000")]


@pytest.mark.parametrize(("words", "role"), [
    ("dengan anggaran sebesar", ["anggaran"]),
    ("dengan pagu anggaran", ["anggaran"]),
    ("dialokasikan anggaran sebesar", ["anggaran"]),
    ("dengan realisasi anggaran sebesar", ["realisasi_anggaran"]),
    ("anggarannya telah terealisasi sebesar", ["realisasi_anggaran"]),
    ("mampu menyerap anggaran sebesar", ["realisasi_anggaran"]),
    ("dengan sisa anggaran sebesar", [None]),
    ("dengan anggaran yang tidak terserap sebesar", [None]),
    ("dengan anggaran yang belum terealisasi sebesar", [None]),
    ("mengalami kenaikan anggaran sebesar", [None]),
    ("untuk belanja pegawai sebesar", [None]),
    ("sebesar", []),    # no budget word at all: not a budget sentence
])
def test_role_of_an_amount(words, role):
    sentence = f"Program Koordinasi Ketentraman dan Ketertiban Umum {words} Rp 418.601.325."
    got = sentence_amounts(sentence, 2024)
    assert [a.role for a in got] == role


def test_roles_in_one_sentence():
    got = sentence_amounts(
        "Penyerapan anggaran belanja Perangkat Daerah pada tahun 2024 Rp 3.080.500.000 dari "
        "total belanja Rp 3.250.000.000 atau sebesar 94,78%.", None)
    assert [(a.value.text, a.role, a.year) for a in got] == [
        ("3.080.500.000", "realisasi_anggaran", 2024), ("3.250.000.000", "anggaran", 2024)]
    got = sentence_amounts("Realisasi Rp 3.080.500.000 dari Rp 3.250.000.000.", 2024)
    assert [a.role for a in got] == ["realisasi_anggaran", "anggaran"]
    # "anggaran dan realisasi ... Rp A dan Rp B": which is which is not said next to them
    got = sentence_amounts("Anggaran dan realisasi masing-masing Rp 5.000.000 dan Rp 4.000.000.",
                           2024)
    assert [a.role for a in got] == [None, None]
    # "Tahun Anggaran 2024" is a year, not a budget
    got = sentence_amounts("Pada Tahun Anggaran 2024 Kecamatan Sukamaju melaksanakan "
                           "kegiatan yang bersumber dari APBD sebesar Rp 5.000.000.", None)
    assert [(a.role, a.year) for a in got] == [(None, 2024)]
    # a price per unit
    assert [a.role for a in sentence_amounts("Anggaran Rp 50.000 per orang.", 2024)] == [None]


@pytest.mark.parametrize(("amount", "agrees"), [
    ("Rp 1,25 miliar", True),
    ("Rp 1,3 miliar", True),        # rounded to one decimal of a billion
    ("Rp 1,2 miliar", True),        # truncated
    ("Rp 1,4 miliar", False),
    ("Rp 1.250 juta", True),
    ("Rp 1.251 juta", False),
    ("Rp 1.250.000.000,00", True),
    ("Rp 1.250.000.001", False),    # plain amounts must match exactly
    ("1.250.000.000 rupiah", True),
])
def test_rounded_amounts_are_judged_at_their_precision(amount, agrees):
    text = HEAD + TABLE + (f"\nProgram Pemberdayaan Masyarakat Desa dan Kelurahan dengan "
                           f"anggaran sebesar {amount}.\n")
    got = links(text)
    assert [ok for *_, ok in got] == [agrees]
    assert bool(findings(text)) is not agrees


def test_amount_written_without_space_after_rp():
    text = HEAD + TABLE + ("\nProgram Pemberdayaan Masyarakat Desa dan Kelurahan dengan "
                           "anggaran sebesar Rp1.205.000.000.\n")
    assert [f[2:] for f in findings(text)] == [("Rp 1.205.000.000", "1.250.000.000")]


def test_plans_and_damaged_cells_are_no_reference():
    renstra = HEAD + """Tabel 2.3 Rencana Program dan Pagu Indikatif Renstra 2022-2026

| Program | Pagu Indikatif 2024 (Rp) | Pagu Indikatif 2025 (Rp) |
|---|---|---|
| Program Pemberdayaan Masyarakat Desa dan Kelurahan | 1.500.000.000 | 1.600.000.000 |

"""
    sentence = ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran sebesar "
                "Rp 1.250.000.000.\n")
    assert links(renstra + sentence) == []
    damaged = TABLE.replace("1.250.000.000", "(1.250.000.000)")   # negative: no budget
    assert links(HEAD + damaged + "\n" + sentence) == []


def test_amounts_in_other_units_are_not_compared():
    thousands = TABLE.replace("Anggaran (Rp)", "Anggaran (Rp 000)").replace(
        "1.250.000.000", "1.250.000")
    sentence = ("\nProgram Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran sebesar "
                "Rp 1.250.000.000.\n")
    assert links(HEAD + thousands + sentence) == []
    # the same unit mistake without a marked header: a factor of 1000 is a unit, not a typo
    unmarked = TABLE.replace("1.250.000.000", "1.250.000")
    assert [ok for *_, ok in links(HEAD + unmarked + sentence)] == [False]
    assert findings(HEAD + unmarked + sentence) == []


def test_tables_disagreeing_among_themselves_give_silence():
    other = table([("Program Pemberdayaan Masyarakat Desa dan Kelurahan", 1_300_000_000,
                    1_180_500_000)], caption="Tabel 3.10 Anggaran Program Tahun 2024",
                  total=False)
    text = HEAD + TABLE + "\n" + other + (
        "\nProgram Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran sebesar "
        "Rp 1.111.000.000.\n")
    assert [ok for *_, ok in links(text)] == [False]
    assert findings(text) == []


# --------------------------------------------------------------------------- stages

STAGES = HEAD + """Tabel 2.8 Alokasi Anggaran per Program Tahun 2024

| Uraian | Sebelum Perubahan | Sesudah Perubahan |
|---|---|---|
| Program Pemberdayaan Masyarakat Desa dan Kelurahan | Rp 1.000.000.000 | Rp 1.250.000.000 |
| Program Penunjang Urusan Pemerintahan Daerah | Rp 2.000.000.000 | Rp 1.900.000.000 |

"""


@pytest.mark.parametrize(("sentence", "expected"), [
    # no stage named: either stage agrees
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran Rp 1.000.000.000.",
     None),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran Rp 1.250.000.000.",
     None),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran Rp 1.100.000.000.",
     "Rp 1.000.000.000 (sebelum perubahan) / Rp 1.250.000.000 (sesudah perubahan)"),
    # the stage named: that stage only
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran murni "
     "Rp 1.000.000.000.", None),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran murni "
     "Rp 1.250.000.000.", "Rp 1.000.000.000 (sebelum perubahan)"),
    ("Setelah perubahan, anggaran Program Pemberdayaan Masyarakat Desa dan Kelurahan "
     "sebesar Rp 1.250.000.000.", None),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan dianggarkan Rp 1.000.000.000 "
     "pada APBD Perubahan.", "Rp 1.250.000.000 (sesudah perubahan)"),
])
def test_budget_stages(sentence, expected):
    got = findings(STAGES + sentence + "\n")
    assert [f[3] for f in got] == ([expected] if expected else [])


def test_stage_table_is_kept_whole_in_the_index():
    doc, _ = lint_text(STAGES, rules=[])
    from sakiplint.facts.budget_links import budget_values

    vals = budget_values(doc)[("program:pemberdayaan masyarakat desa dan kelurahan",
                               "anggaran", 2024)]
    assert sorted((v.stage or "", int(v.cell.number or 0)) for v in vals) == [
        ("sebelum", 1_000_000_000), ("sesudah", 1_250_000_000)]


# --------------------------------------------------------------------------- totals

TOTAL_SENTENCE = ("Penyerapan anggaran belanja Perangkat Daerah Kecamatan Sukamaju pada tahun 2024 "
                  "sebesar Rp {r} dari total belanja Rp {a} atau sebesar 94,78%.")
TOTAL_TABLE = table(PROGRAMS[2:])   # total 2.418.601.325 / 2.295.246.192


def test_total_sentence_introducing_the_table():
    good = TOTAL_SENTENCE.format(r="2.295.246.192", a="2.418.601.325")
    text = HEAD + good + "\n\n" + TOTAL_TABLE
    assert [(t, a, ok) for t, _, a, ok in links(text)] == [
        ("total", "2.295.246.192", True), ("total", "2.418.601.325", True)]
    bad = TOTAL_SENTENCE.format(r="2.295.246.192", a="2.481.601.325")
    text = HEAD + bad + "\n\n" + TOTAL_TABLE
    assert [f[2:] for f in findings(text)] == [("Rp 2.481.601.325", "2.418.601.325")]


def test_total_sentence_following_the_table_after_its_source_note():
    bad = TOTAL_SENTENCE.format(r="2.259.246.192", a="2.418.601.325")
    text = HEAD + TOTAL_TABLE + "\nSumber: Subbagian Keuangan, 2025\n\n" + bad + "\n"
    assert [f[2:] for f in findings(text)] == [("Rp 2.259.246.192", "2.295.246.192")]


@pytest.mark.parametrize("variant", ["gap", "no_total", "two_totals", "no_marker", "program",
                                     "between", "other_year"])
def test_total_sentence_not_linked_when_unclear(variant):
    bad = TOTAL_SENTENCE.format(r="2.295.246.192", a="9.999.999.999")
    tab = TOTAL_TABLE
    if variant == "no_total":
        tab = table(PROGRAMS[2:], total=False)
    elif variant == "two_totals":
        tab = TOTAL_TABLE + "| | Total | 2.418.601.325 | 2.295.246.192 | 94,90 |\n"
    elif variant == "no_marker":
        bad = "Realisasi Rp 2.295.246.192 dari anggaran Rp 9.999.999.999."
    elif variant == "program":
        bad = ("Penyerapan anggaran Perangkat Daerah untuk Program Kebersihan Kota sebesar "
               "Rp 9.999.999.999.")
    elif variant == "other_year":
        bad = bad.replace("2024", "2023")
    if variant == "gap":
        text = HEAD + bad + "\n\nParagraf lain tentang hal lain.\n\n" + tab
    elif variant == "between":
        text = HEAD + tab + "\n" + bad + "\n\n" + table(PROGRAMS[:1], caption="Tabel 3.10 "
                                                        "Anggaran Tahun 2024")
    else:
        text = HEAD + bad + "\n\n" + tab
    assert [lk for lk in links(text) if lk[0] == "total"] == []
    # Not the total row of a table next to it; a sentence about the whole agency budget
    # is still judged against the year's agency-level figures (total row or program rows).
    agency = {"gap": "2.418.601.325", "no_total": "2.418.601.325",
              "between": "2.418.601.325 / 1.250.000.000"}
    if variant in agency:
        assert [f[2:] for f in findings(text)] == [("Rp 9.999.999.999", agency[variant])]
    else:
        assert findings(text) == []


def test_total_of_a_table_without_program_rows_is_not_the_agency_budget():
    per_desa = ("Tabel 3.14 Realisasi APBDes Tahun 2024\n\n| No | Desa | Pagu (Rp) | "
                "Realisasi (Rp) |\n|---|---|---|---|\n| 1 | Sukamaju | 1.000.000.000 | "
                "900.000.000 |\n| 2 | Sukamundur | 1.000.000.000 | 950.000.000 |\n"
                "| | Jumlah | 2.000.000.000 | 1.850.000.000 |\n")
    bad = TOTAL_SENTENCE.format(r="2.295.246.192", a="2.418.601.325")
    assert links(HEAD + bad + "\n\n" + per_desa) == []


def test_amount_located_on_its_own_line_of_a_paragraph():
    text = HEAD + TABLE + (
        "\nProgram Pemberdayaan Masyarakat Desa dan Kelurahan dengan anggaran\n"
        "sebesar **Rp 1.250.000.000** terealisasi\nRp 1.180.000.000.\n")
    got = findings(text)
    line = prose_line(text, "Rp 1.180.000.000")
    assert got == [(line, 4, "Rp 1.180.000.000", "1.180.500.000")]


def test_links_are_memoised():
    doc, _ = lint_text(HEAD + TABLE, rules=[])
    assert budget_links(doc) is budget_links(doc)


# --------------------------------------------------------------------------- generated

NAME_WORDS = ["Pemberdayaan", "Pelayanan", "Koordinasi", "Penyelenggaraan", "Ketertiban",
              "Kebersihan", "Perencanaan", "Pengawasan", "Sarana", "Kelurahan", "Umum"]


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(st.lists(st.sampled_from(NAME_WORDS), min_size=2, max_size=4, unique=True),
                   min_size=1, max_size=4, unique_by=lambda ws: tuple(ws)),
    amounts=st.lists(st.integers(10_000_000, 9_000_000_000), min_size=4, max_size=4),
    pick=st.integers(0, 3), delta=st.integers(1, 5_000_000), spend=st.booleans(),
)
def test_perturbing_a_table_amount_gives_one_finding(names, amounts, pick, delta, spend):
    # names must not be word prefixes of each other at the same level for a clean link
    rows = [(f"Program {' '.join(ws)}", amounts[i], amounts[i] * 9 // 10)
            for i, ws in enumerate(names)]
    k = pick % len(rows)
    name, a, r = rows[k]
    stated = r if spend else a
    role = "terealisasi" if spend else "dengan anggaran sebesar"
    sentence = f"{name} {role} Rp {dots(stated)}."
    others = [n for n, _, _ in rows if n != name]
    if any(f" {o[len('Program '):]} ".lower() in f" {name} ".lower() for o in others):
        return   # another program's name inside this one: two names in the sentence
    right = HEAD + table(rows, total=False) + "\n" + sentence + "\n"
    assert findings(right) == []
    perturbed = list(rows)
    perturbed[k] = (name, a + delta, r) if not spend else (name, a, r + delta)
    wrong = HEAD + table(perturbed, total=False) + "\n" + sentence + "\n"
    got = findings(wrong)
    assert [(f[2], f[3]) for f in got] == [
        (f"Rp {dots(stated)}", dots(stated + delta))]
    # restored: silence again
    assert findings(right) == []


@settings(max_examples=30, deadline=None)
@given(value=st.integers(1_000_000, 99_000_000_000), digits=st.integers(1, 3))
def test_rounded_billions_agree_with_the_value_they_round(value, digits):
    billions = Decimal(value) / Decimal(10) ** 9
    printed = f"{billions:.{digits}f}".replace(".", ",")
    name = PROGRAMS[0][0]
    rows = [(name, value, value)]
    text = HEAD + table(rows, total=False) + (
        f"\n{name} dengan anggaran sebesar Rp {printed} miliar.\n")
    got = links(text)
    if printed.startswith("0,") and set(printed[2:]) == {"0"}:
        return
    assert [ok for *_, ok in got] == [True]


# --------------------------------------------------------------------------- corpus

#: per report: (amounts with a role, linked amounts, agreeing, NA009 findings as
#: (line, column, actual, expected)); every link and finding checked by hand:
#: - kromengan-2022 line 703: "anggaran Tahun 2022 sebesar Rp.2.910.568.737,00 dapat terserap
#:   92,46% sebagaimana tabel berikut" introduces the table at 705-722 whose Jumlah row (722)
#:   gives anggaran 2.910.568.737: agrees.
#: - klojen-2021 line 389 states the agency's realisasi 37.354.300.278 and anggaran
#:   40.353.401.000; the tables it introduces have no total row, but the 2021 program rows
#:   (the agency-level figures) sum to exactly these: both agree.
#: - kedungkandang-2023 line 974 states the agency budget Rp 57.389.082.949; the 2023 budget
#:   tables give 57.169.683.949 (murni) and 57.389.683.949 (perubahan): the printed amount
#:   matches neither (082 for 683, a typing slip): finding.
#: - kotabangun-2023 line 430 states the 2023 budget Rp 31.404.151.565; the report's tables
#:   give Rp 31.824.349.565 (PK murni) and Rp 54.401.966.922 (perubahan): matches neither:
#:   finding. Line 1795's Rp 54.401.966.922,00 agrees with the perubahan figure. Line 714's
#:   amount is not given a role ("bersumber dari APBD sebesar": no budget word near it).
CORPUS = {
    "kedungkandang-2023.md": (2, 1, 0, [
        (974, 119, "Rp 57.389.082.949",
         "57.169.683.949 (sebelum perubahan) / 57.389.683.949 (sesudah perubahan)")]),
    "klojen-2021.md": (2, 2, 2, []),
    "kotabangun-2023.md": (3, 2, 1, [
        (430, 242, "Rp 31.404.151.565",
         "Rp. 31.824.349.565 (sebelum perubahan) / Rp. 54.401.966.922 (sesudah perubahan) / "
         "54.401.966.922")]),
    "kromengan-2022.md": (1, 1, 1, []),
}


@needs_corpus
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_links_and_findings(path):
    doc, found = lint_file(path, rules=[RULES["NA009"]])
    bl = budget_links(doc)
    agree = sum(judge(lk).agrees for lk in bl.links)
    got = (len(bl.amounts), len(bl.links), agree,
           [(f.line, f.column, f.actual, f.expected) for f in found])
    assert got == CORPUS[path.name]


PK_MURNI = """Tabel 2.4 Program dan Anggaran Perjanjian Kinerja Tahun 2024

| Program | Anggaran Murni (Rp) |
|---|---|
| Program Penyelenggaraan Pemerintahan dan Pelayanan Publik | 1.100.000.000 |
| Program Pemberdayaan Masyarakat Desa dan Kelurahan | 2.300.000.000 |
| Total Anggaran | 3.400.000.000 |

"""
PK_PERUBAHAN = """Tabel 2.6 Program dan Anggaran Perjanjian Kinerja Perubahan Tahun 2024

| Program | Anggaran Perubahan (Rp) |
|---|---|
| Program Penyelenggaraan Pemerintahan dan Pelayanan Publik | 1.250.000.000 |
| Program Pemberdayaan Masyarakat Desa dan Kelurahan | 2.100.000.000 |
| Total Anggaran | 3.350.000.000 |

"""


@pytest.mark.parametrize(("amount", "stage", "expected"), [
    ("3.400.000.000", "", []),
    ("3.350.000.000", "", []),     # the revised total: the report has a revision
    ("3.300.000.000", "", []),     # neither: which stage is meant is not said
    ("3.300.000.000", " murni", [("Rp 3.300.000.000", "3.400.000.000 (sebelum perubahan)")]),
])
def test_total_of_one_stage_table_when_the_report_has_both(amount, stage, expected):
    sentence = f"Total anggaran{stage} Kecamatan Sukamaju tahun 2024 sebesar Rp {amount}.\n\n"
    text = HEAD + PK_MURNI + sentence + "Perjanjian kinerja kemudian diubah.\n\n" + PK_PERUBAHAN
    assert [lk[0] for lk in links(text)] == ["total"]
    # between the two tables, the sentence belongs to neither table's total row; as a
    # statement about the whole agency it agrees when it matches either stage
    agrees = amount != "3.300.000.000"
    assert links(HEAD + PK_MURNI + sentence + PK_PERUBAHAN) == [
        ("agency", "agency", amount, agrees)]
    assert [f[2:] for f in findings(text)] == expected


def test_total_marked_by_the_agency_own_name_but_not_by_another_area():
    own = "Realisasi anggaran Kecamatan Sukamaju tahun 2024 sebesar Rp 2.259.246.192.\n\n"
    assert [f[2:] for f in findings(HEAD + own + TOTAL_TABLE)] == [
        ("Rp 2.259.246.192", "2.295.246.192")]
    area = ("Pembangunan di Kelurahan Sukamundur menyerap anggaran Rp 259.246.192, "
            "sebagaimana tabel berikut.\n\n")
    assert links(HEAD + area + TOTAL_TABLE) == []
    village = ("Total anggaran Desa Sukamundur tahun 2024 sebesar Rp 259.246.192.\n\n")
    assert links(HEAD + village + TOTAL_TABLE) == []


AGREEING = [
    "{P} dengan anggaran sebesar Rp {A} terealisasi Rp {R} atau 90,00%.",
    "Realisasi anggaran {P} sebesar Rp {R} dari pagu Rp {A}.",
    "Pagu anggaran {P} tahun 2024 sebesar Rp {A}, terealisasi Rp {R}.",
    "Anggaran {P} Rp {A}, realisasinya Rp {R}.",
    "Penyerapan anggaran {P} mencapai Rp {R} dari anggaran Rp {A}.",
    "Untuk {P} dialokasikan anggaran Rp {A} dan direalisasikan Rp {R}.",
]
NOT_JUDGED = [
    "Sisa anggaran {P} sebesar Rp {X}.",
    "{P} mengalami kenaikan anggaran sebesar Rp {X}.",
    "Pada tahun 2023 {P} dianggarkan Rp {X}.",
    "{P} dilaksanakan melalui kegiatan lain dengan anggaran Rp {X}.",
    "Anggaran {P} yang belum terealisasi sebesar Rp {X}.",
    "{P} dan Program Kebersihan Kota dengan anggaran Rp {X}.",
    "Belanja pegawai pada {P} sebesar Rp {X}.",
    "Honorarium {P} dianggarkan sebesar Rp {X} per bulan.",
    "Anggaran dan realisasi {P} masing-masing Rp {X} dan Rp {X}.",
    "{P} menyerap 10% dari total anggaran Rp {X}.",
    "Anggaran {P} tahun lalu sebesar Rp {X}.",
    "Sub Kegiatan {Q} dengan anggaran Rp {X}.",
]


@settings(max_examples=60, deadline=None)
@given(template=st.sampled_from(AGREEING), k=st.integers(0, 3),
       a=st.integers(50_000_000, 9_000_000_000))
def test_agreeing_phrasings_link_and_agree(template, k, a):
    rows = [(n, a + i * 7_000_001, (a + i * 7_000_001) * 9 // 10)
            for i, (n, _, _) in enumerate(PROGRAMS)]
    name, amount, real = rows[k]
    text = HEAD + table(rows, total=False) + "\n" + template.format(
        P=name, A=dots(amount), R=dots(real)) + "\n"
    got = links(text)
    assert sorted(x for _, _, x, _ in got) == sorted([dots(amount), dots(real)])
    assert all(ok for *_, ok in got)
    assert findings(text) == []


@settings(max_examples=80, deadline=None)
@given(template=st.sampled_from(NOT_JUDGED), k=st.integers(0, 3),
       x=st.integers(1_000, 99_000_000_000))
def test_other_amounts_are_never_reported(template, k, x):
    name = PROGRAMS[k][0]
    core = name.split(" ", 1)[1]
    text = HEAD + TABLE + "\n" + template.format(P=name, Q=core, X=dots(x)) + "\n"
    assert findings(text) == []


def _mutate(digits: str) -> str:
    """The same printed amount with one digit changed (a different, same-length amount)."""
    i = max(k for k, ch in enumerate(digits) if ch.isdigit() and k > 0)
    j = next(k for k in range(i, -1, -1) if digits[k].isdigit() and k > 0)
    return digits[:j] + str((int(digits[j]) + 1) % 10) + digits[j + 1:]


@needs_corpus
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.name)
def test_corpus_mutated_sentence_amount_is_reported(path):
    """Each linked amount of a real report, changed in memory, gives a finding there and
    nowhere else (amounts already wrong in the report stay reported)."""
    doc, before = lint_file(path, rules=[RULES["NA009"]])
    before = {(f.line, f.column) for f in before}
    for lk in budget_links(doc).links:
        v = lk.amount.value
        lines = doc.text.split("\n")
        line = lines[v.line - 1]
        start = v.column - 1
        assert line[start:start + len(v.text)] == v.text
        lines[v.line - 1] = line[:start] + _mutate(v.text) + line[start + len(v.text):]
        _, found = lint_text("\n".join(lines), rules=[RULES["NA009"]])
        got = {(f.line, f.column) for f in found}
        assert (v.line, v.column) in got
        assert got - before <= {(v.line, v.column)}
