"""Reading the prose as a reviewer does (issue 13): values with their own years and roles,
links through the report's own structure, scale changes, agency-level statements, verdicts,
years and names. Every mechanism has a case where it reads / links / flags and a case where
it must not. The reports are written for these tests, modelled on the corpus."""

from __future__ import annotations

import pytest

from sakiplint.engine import Context, Settings, all_rules
from sakiplint.engine.lint import lint_text
from sakiplint.facts.claims import claims_in_text

RULES = {r.code: r for r in all_rules()}

HEAD = "# Laporan Kinerja Kecamatan Sukamaju Tahun 2024\n\n"

TABLE = HEAD + """Tabel 3.1 Capaian Kinerja Tahun 2024

| Sasaran | Indikator Kinerja | Target 2024 | Realisasi 2024 | Capaian 2024 |
|---|---|---|---|---|
| Meningkatnya pelayanan publik kecamatan | Indeks Kepuasan Masyarakat | 80 | 86,40 | 108,00 |
| Meningkatnya akuntabilitas perangkat daerah | Nilai SAKIP Kecamatan | 70 | 71,50 | 102,14 |
| Meningkatnya sarpras wilayah | Indeks Kepuasan Layanan Prasarana Publik | 3,20 | 4,10 | 128,13 |

"""


def run(text: str, *codes: str) -> list[tuple[str, int, str | None]]:
    _, found = lint_text(text, rules=[RULES[c] for c in codes])
    return [(f.rule, f.line, f.actual) for f in found]


def stated(text: str) -> list[tuple[str, str, int | None, bool]]:
    return [(sv.role, sv.value.text, sv.year, sv.sure)
            for sv in claims_in_text(text, bare=True).stated]


# --------------------------------------------------------------------------- years

@pytest.mark.parametrize(("text", "expected"), [
    # each clause its own year
    ("Capaian tahun 2024 sebesar 102%, sedangkan capaian tahun 2023 sebesar 98%.",
     [("capaian", "102", 2024, True), ("capaian", "98", 2023, True)]),
    # "tahun sebelumnya" is the year before the sentence's own year
    ("Realisasi tahun 2024 yaitu 80 dan realisasi tahun sebelumnya 75.",
     [("realisasi", "80", 2024, True), ("realisasi", "75", 2023, True)]),
    # two years, two values, in order
    ("Capaian kinerja tahun 2023 dan 2024 sebesar 95% dan 104%.",
     [("capaian", "95", 2023, False), ("capaian", "104", 2024, False)]),
    # a year after the value, in its clause
    ("Realisasi 80 pada tahun 2024.", [("realisasi", "80", 2024, True)]),
])
def test_each_value_gets_its_own_year(text: str, expected: list[tuple]) -> None:
    assert stated(text) == expected


def test_a_year_only_compared_with_dates_nothing() -> None:
    (sv,) = claims_in_text("Dibandingkan tahun 2023, realisasi IKM sebesar 82.").stated
    assert sv.other_period


def test_a_period_is_nobodys_year() -> None:
    (sv,) = claims_in_text("Capaian 95% sesuai Renstra 2021-2026.").stated
    assert sv.year is None and not sv.other_period


# --------------------------------------------------------------------------- roles

@pytest.mark.parametrize(("text", "role", "sure"), [
    ("Capaian kinerja pada indikator ke-2 sebesar 142 %.", "capaian", False),
    ('Realisasi Target kinerja "Indikator ke-3" tahun 2024 yaitu 95 %.', "any", False),
    ("Target 80 telah terealisasi.", "target", True),
])
def test_roles_in_any_word_order(text: str, role: str, sure: bool) -> None:
    (sv,) = claims_in_text(text).stated
    assert (sv.role, sv.sure) == (role, sure)


def test_a_count_after_a_name_is_no_value() -> None:
    assert claims_in_text("Target kinerja untuk wilayah ini sebanyak 3 indikator.").stated == []


def test_a_bare_list_item_value_is_unsure() -> None:
    (sv,) = claims_in_text("Indeks Kepuasan Masyarakat sebesar 86,40 % (Tinggi)",
                           bare=True).stated
    assert (sv.role, sv.bare) == ("any", True)
    assert claims_in_text("Sasaran 2", bare=True).stated == []   # a label's number


# --------------------------------------------------------------------------- links

def test_numbered_label_links_the_paragraphs_under_it() -> None:
    text = TABLE + (
        "1) Indikator Kinerja ke-1 (Indeks Kepuasan Masyarakat)\n\n"
        'Target kinerja "Indikator Kinerja ke-1" tahun 2024 yaitu 80 dan realisasinya 86,40.\n\n'
        "2) Indikator Kinerja ke-2 (Nilai SAKIP Kecamatan)\n\n"
        'Realisasi Target kinerja "Indikator Kinerja ke-2" tahun 2024 yaitu 150%.\n'
    )
    # 150% is none of 70, 71,50, 102,14: wrong whatever its role
    assert run(text, "NA006", "NA007") == [("NA007", 17, "150%")]


def test_a_number_no_label_of_the_run_carries_is_not_linked() -> None:
    text = TABLE + (
        "1) Indikator Kinerja ke-1 (Indeks Kepuasan Masyarakat)\n\n"
        "Untuk indikator ke-5 realisasi sebesar 50.\n"
    )
    assert run(text, "NA006", "NA007") == []


def test_the_lead_sentence_carries_its_indicator() -> None:
    text = TABLE + (
        "Indikator Nilai SAKIP Kecamatan dinilai oleh Inspektorat. Realisasi sebesar 75,50.\n"
    )
    assert run(text, "NA006", "NA007") == [("NA007", 11, "75,50")]
    # a sentence turning to a program is not about the indicator
    other = TABLE + (
        "Indikator Nilai SAKIP Kecamatan dinilai oleh Inspektorat. Program pendukungnya "
        "terealisasi 75,50.\n"
    )
    assert run(other, "NA006", "NA007") == []


def test_a_sasaran_named_in_full_names_its_one_indicator() -> None:
    text = TABLE + "Sasaran Meningkatnya pelayanan publik kecamatan tercapai 118,00%.\n"
    assert run(text, "NA006", "NA007") == [("NA006", 11, "118,00%")]


def test_noun_and_verb_forms_name_alike() -> None:
    from sakiplint.facts.links import stem

    assert stem("pelaksanaan") == stem("melaksanakan")
    assert stem("pelayanan") == stem("melayani")


def test_a_cited_table_is_the_reference() -> None:
    text = HEAD + """Tabel 3.6 Keberhasilan Capaian

| Meningkatnya kualitas pelayanan | Indeks Kepuasan Masyarakat | 80.04 | 91.24 | 113.99% |
| Meningkatnya akuntabilitas | Nilai SAKIP Kecamatan | 85.2 | 86.6 | 101.64% |

Tabel 3.7 Target Renstra

| No | Indikator Kinerja | Target 2024 |
|---|---|---|
| 1 | Indeks Kepuasan Masyarakat | 81.00 |

Berdasarkan tabel 3.6 di atas dapat dilihat bahwa:

Indikator Indeks Kepuasan Masyarakat mencapai 112.6%, realisasi 91,24 dari target 81.00.
"""
    # judged against Tabel 3.6 (its header lost: read by its capaian arithmetic), not the
    # Renstra target the sentence happens to match
    assert run(text, "NA006") == [("NA006", 16, "112.6%"), ("NA006", 16, "81.00")]


# --------------------------------------------------------------------------- scales, roles

def test_an_index_restated_out_of_100_is_compared_by_the_factor() -> None:
    ok = TABLE + ("Indeks Kepuasan Layanan Prasarana Publik tahun 2024 ditargetkan 64 dan "
                  "realisasinya 82 atau capaian 128,13%.\n")
    assert run(ok, "NA006") == []
    wrong = TABLE + ("Indeks Kepuasan Layanan Prasarana Publik tahun 2024 ditargetkan 64 dan "
                     "realisasinya 90 atau capaian 140,63%.\n")
    assert run(wrong, "NA006") == [("NA006", 11, "90"), ("NA006", 11, "140,63%")]


def test_a_phrase_is_calibrated_by_the_reports_own_usage() -> None:
    text = TABLE + "".join(
        f"{k}) Indikator Kinerja ke-{k} ({name})\n\n"
        f'Realisasi Target kinerja "Indikator Kinerja ke-{k}" tahun 2024 yaitu {value}%.\n\n'
        for k, name, value in (
            (1, "Indeks Kepuasan Masyarakat", "108,00"),
            (2, "Nilai SAKIP Kecamatan", "102,14"),
            (3, "Indeks Kepuasan Layanan Prasarana Publik", "128,13"),
        ))
    wrong = text + (
        "4) Indikator Kinerja ke-4 (Nilai SAKIP Kecamatan)\n\n"
        'Realisasi Target kinerja "Indikator Kinerja ke-4" tahun 2024 yaitu 70%.\n'
    )
    # the phrase means the capaian in this report: 70 is the target, not the capaian
    assert run(text, "NA006", "NA007") == []
    assert run(wrong, "NA006", "NA007") == [("NA007", 25, "70%")]


TWO_YEARS = HEAD + """Tabel 3.8 Perbandingan Realisasi Kinerja Tahun 2024 dan Tahun 2023

""" + "| Indikator Kinerja | " + " | ".join(
    f"{role} {year}" for year in (2023, 2024) for role in ("Target", "Realisasi", "Capaian")
) + """ |
|---|---|---|---|---|---|---|
| Indeks Kepuasan Masyarakat | 80 | 76 | 95,00 | 80 | 86,40 | 108,00 |
| Nilai SAKIP Kecamatan | 70 | 63 | 90,00 | 70 | 71,50 | 102,14 |
| Indeks Kepuasan Layanan Prasarana Publik | 3,20 | 3,04 | 95,00 | 3,20 | 4,10 | 128,13 |
| Jumlah Inovasi | 1 | 0 | 0,00 | 1 | 1 | 100 |

"""


def _labelled(previous: str) -> str:
    return TWO_YEARS + "".join(
        f"{k}) Indikator Kinerja ke-{k} ({name})\n\n"
        f'Realisasi Target kinerja "Indikator Kinerja ke-{k}" tahun 2024 yaitu {value}% dan '
        f"realisasi tahun sebelumnya sebesar {before}%.\n\n"
        for k, name, value, before in (
            (1, "Indeks Kepuasan Masyarakat", "108,00", "95,00"),
            (2, "Nilai SAKIP Kecamatan", "102,14", previous),
            (3, "Indeks Kepuasan Layanan Prasarana Publik", "128,13", "95,00"),
        ))


def test_a_role_word_repeating_a_calibrated_phrase_means_what_it_means() -> None:
    """'Realisasi Target kinerja ... 2024 yaitu A% dan realisasi tahun sebelumnya B%': the
    phrase states the capaian in this report, and its first word repeated for the year
    before states the capaian of that year."""
    assert run(_labelled("90,00"), "NA006", "NA007") == []   # the 2023 capaian
    assert run(_labelled("63"), "NA006", "NA007") == []      # the 2023 realisasi itself
    assert run(_labelled("85,00"), "NA006", "NA007") == [("NA007", 18, "85,00%")]
    # without the calibrated phrase, a realisasi is the realisasi
    plain = TWO_YEARS + "Nilai SAKIP Kecamatan tahun 2023 realisasinya sebesar 90,00.\n"
    assert run(plain, "NA006", "NA007") == [("NA006", 12, "90,00")]


def test_a_one_word_name_is_named_by_all_its_words() -> None:
    """'Jumlah Inovasi' has one distinguishing word: the whole name, in order, names it;
    the word alone does not."""
    label = ("1) Indikator Kinerja ke-1 (Jumlah Inovasi yang telah dilakukan)\n\n"
             'Pada "Indikator Kinerja ke-1" tahun 2023 realisasinya sebesar 1.\n')
    assert run(TWO_YEARS + label, "NA006", "NA007") == [("NA007", 14, "1")]
    alone = "Pada inovasi pelayanan tahun 2023 realisasinya sebesar 1.\n"
    assert run(TWO_YEARS + alone, "NA006", "NA007") == []


# --------------------------------------------------------------------------- agency level

BUDGET = HEAD + """Tabel 2.8 Alokasi Anggaran per Program Tahun 2024

| Uraian | Sebelum Perubahan | Sesudah Perubahan |
|---|---|---|
| PROGRAM PENUNJANG URUSAN PEMERINTAHAN | 300.000.000 | 320.000.000 |
| Administrasi Keuangan Perangkat Daerah | 200.000.000 | 220.000.000 |
| Penyediaan Gaji dan Tunjangan ASN | 150.000.000 | 170.000.000 |
| Penyusunan Laporan Keuangan | 50.000.000 | 50.000.000 |
| Administrasi Umum Perangkat Daerah | 100.000.000 | 100.000.000 |
| Penyediaan Bahan Logistik Kantor | 100.000.000 | 100.000.000 |
| PROGRAM PEMBERDAYAAN MASYARAKAT DESA | 80.000.000 | 80.000.000 |
| Koordinasi Kegiatan Pemberdayaan Desa | 80.000.000 | 80.000.000 |
| Peningkatan Partisipasi Masyarakat | 30.000.000 | 30.000.000 |
| Peningkatan Efektifitas Kegiatan | 50.000.000 | 50.000.000 |

"""


def test_counts_of_kegiatan_read_from_the_amounts() -> None:
    from sakiplint.facts.counts import table_counts

    doc, _ = lint_text(BUDGET, rules=[])
    (table,) = doc.tables
    assert table_counts(doc, table).counts == {
        "program": 2, "kegiatan": 3, "sub_kegiatan": 5}


def test_budget_counts_stated_anywhere_against_the_years_tables() -> None:
    said = ("Pada Tahun Anggaran 2024 Kecamatan Sukamaju mendapat alokasi anggaran dengan "
            "rincian 2 (dua) program, {k} kegiatan dan {s} sub kegiatan.\n")
    assert run(BUDGET + said.format(k="3 (tiga)", s="5 (lima)"), "NA008") == []
    assert run(BUDGET + said.format(k="4 (empat)", s="5 (lima)"), "NA008") == [
        ("NA008", 18, "4")]


def test_whole_budget_stated_anywhere() -> None:
    ok = BUDGET + ("Pada Tahun Anggaran 2024 Kecamatan Sukamaju mendapatkan alokasi anggaran "
                   "sebesar Rp 380.000.000.\n")
    assert run(ok, "NA009") == []
    wrong = ok.replace("380.000.000.", "385.000.000.")
    assert run(wrong, "NA009") == [("NA009", 18, "Rp 385.000.000")]


def test_a_count_of_people_against_the_table_its_caption_names() -> None:
    text = HEAD + """Penduduk Kecamatan Sukamaju pada tahun 2024 tercatat sebanyak 12.500 orang
yang terdiri dari 6.300 laki-laki dan 6.200 perempuan.

Tabel 1.2 Jumlah Penduduk Kecamatan Sukamaju Tahun 2024

| No | Desa | Laki-laki | Perempuan | Jumlah |
|---|---|---|---|---|
| 1 | Desa Sukamaju | 4.000 | 3.900 | 7.900 |
| 2 | Desa Sukamundur | 2.300 | 2.300 | 4.600 |
| | Jumlah | 6.300 | 6.200 | 12.500 |
"""
    assert run(text, "NA008") == []
    assert run(text.replace("12.500 orang", "13.500 orang"), "NA008") == [
        ("NA008", 3, "13.500")]


# --------------------------------------------------------------------------- verdicts

def test_verdicts_against_the_numbers() -> None:
    text = TABLE + "Dari 3 (tiga) sasaran strategis hanya 1 (satu) yang berhasil mencapai target.\n"
    assert run(text, "NA014") == [("NA014", 11, "1")]
    assert run(text.replace("hanya 1 (satu)", "3 (tiga)"), "NA014") == []
    # a row printed twice is one row: the same finding, against the same table
    row = ("| Meningkatnya akuntabilitas perangkat daerah | Nilai SAKIP Kecamatan | 70 | 71,50 "
           "| 102,14 |\n")
    twice = text.replace(row, row + row)
    _, found = lint_text(twice, rules=[RULES["NA014"]])
    assert [(f.line, f.actual, f.expected) for f in found] == [(12, "1", "3")]


def test_not_achieved_said_of_an_indicator_that_reached_its_target() -> None:
    text = TABLE + (
        "2) Indikator Kinerja ke-2 (Nilai SAKIP Kecamatan)\n\n"
        "Nilai yang diperoleh sesuai harapan. Tidak tercapainya target kinerja disebabkan "
        "kurangnya sumber daya manusia.\n"
    )
    assert run(text, "NA014") == [("NA014", 13, "Tidak tercapainya target")]


# --------------------------------------------------------------------------- names

def test_agency_name_read_with_kota() -> None:
    from sakiplint.facts.identity import own_agency

    doc, _ = lint_text("# Laporan Kinerja Kecamatan Kota Sukamaju Tahun 2024\n\nIsi.\n",
                       rules=[])
    assert own_agency(doc) == ("kecamatan", "kota sukamaju")
    doc, _ = lint_text("# Laporan Kinerja Kecamatan Sukamaju Kota Malang Tahun 2024\n",
                       rules=[])
    assert own_agency(doc) == ("kecamatan", "sukamaju")


def test_stale_and_mismatched_years_need_no_comparison_in_the_sentence() -> None:
    text = HEAD + ("## Pengukuran\n\nPengukuran dilakukan dengan membandingkan target dan "
                   "realisasi dalam penetapan kinerja Kecamatan Sukamaju tahun 2022.\n")
    assert run(text, "DQ109") == [("DQ109", 5, "2022")]
    compared = text.replace("tahun 2022.", "tahun 2022 dibandingkan tahun sebelumnya.")
    assert run(compared, "DQ109") == []


def _daftar_report(daftar: str) -> str:
    return HEAD + "DAFTAR TABEL\n\n" + daftar + "\n\n## BAB I\n\n" + "".join(
        f"Tabel {n} {title} Tahun 2024\n\n| Uraian | Nilai |\n|---|---|\n| a | 1 |\n\n"
        for n, title in (("1.1", "Data Pegawai"), ("1.2", "Data Penduduk"))) + "Penutup.\n" * 12


def test_daftar_entries_a_converter_joined_on_one_line_are_each_read() -> None:
    """A PDF converter may join the Daftar Tabel lines into one: each entry still counts."""
    lines = ("Tabel 1.1 Data Pegawai Tahun 2024 .......... 2",
             "Tabel 1.2 Data Penduduk Tahun 2023 .......... 3")
    apart = run(_daftar_report("\n\n".join(lines)), "DQ110")
    joined = run(_daftar_report(" ".join(lines)), "DQ110")
    assert [(r, a) for r, _, a in apart] == [("DQ110", "2023")]
    assert joined == [("DQ110", 5, "2023")]
    assert run(_daftar_report(" ".join(lines).replace("2023", "2024")), "DQ110") == []


def test_ctx_is_built() -> None:
    # Context is the rule runner's object: kept importable for the helpers above
    doc, _ = lint_text(TABLE, rules=[])
    assert Context(doc, RULES["NA006"], Settings()).document is doc


# --------------------------------------------------------------------------- outvoted tables

def _copy(number: str, real: str, capaian: str, t: str = "70") -> str:
    return f"""Tabel {number} Capaian Kinerja Tahun 2024

| Sasaran | Indikator Kinerja | Target 2024 | Realisasi 2024 | Capaian 2024 |
|---|---|---|---|---|
| Meningkatnya pelayanan publik kecamatan | Indeks Kepuasan Masyarakat | 80 | 86,40 | 108,00 |
| Meningkatnya akuntabilitas perangkat daerah | Nilai SAKIP Kecamatan | {t} | {real} | {capaian} |

"""


_SAYS = "Realisasi Nilai SAKIP Kecamatan tahun 2024 sebesar 65.\n"


def test_a_value_only_an_outvoted_table_gives_is_judged_by_the_others() -> None:
    # Tabel 3.1, 3.2 and 3.3 give realisasi 71,50; only Tabel 3.4 gives 65: the sentence
    # repeats that one table's slip
    text = (TABLE + _copy("3.2", "71,50", "102,14") + _copy("3.3", "71,50", "102,14")
            + _copy("3.4", "65", "92,86") + _SAYS)
    assert run(text, "NA006") == [("NA006", text.count("\n"), "65")]
    _, (f,) = lint_text(text, rules=[RULES["NA006"]])
    assert f.related[0].message == "hanya satu tabel: realisasi 65"


@pytest.mark.parametrize("copies", [
    # one table against one: either may be right, the sentence agrees with one
    ("3.4",),
    # two tables against two
    ("3.2", "3.4", "3.5"),
])
def test_a_value_a_table_gives_is_not_outvoted_without_a_majority(copies: tuple) -> None:
    text = TABLE
    for i, number in enumerate(copies):
        low = i > 0 or len(copies) == 1
        text += _copy(number, "65" if low else "71,50", "92,86" if low else "102,14")
    assert run(text + _SAYS, "NA006") == []


# --------------------------------------------------------------------------- list introductions

_INTRO = TABLE + """Indikator Nilai SAKIP Kecamatan tahun 2024 berhasil. Sebabnya{colon}

{items}
"""
_ITEMS = ("- Realisasi tahun 2024 sebesar 65 karena pendampingan intensif.",
          "- Target tahun 2024 sebesar 75.")


@pytest.mark.parametrize(("colon", "first", "expected"), [
    # the list the paragraph introduces speaks of its indicator: both items are judged
    (":", [], [("NA007", 13, "65"), ("NA007", 14, "75")]),
    # no colon: the paragraph introduces no list
    (".", [], []),
    # an item naming another indicator ends what the introduction names
    (":", ["- Indeks Kepuasan Masyarakat dibahas tersendiri."], []),
])
def test_a_list_speaks_of_what_its_introduction_names(
        colon: str, first: list[str], expected: list[tuple]) -> None:
    text = _INTRO.format(colon=colon, items="\n".join([*first, *_ITEMS]))
    assert run(text, "NA006", "NA007") == expected


# --------------------------------------------------------------------------- one-sided changes

_WHOLE = HEAD + """Realisasi anggaran Tahun Anggaran 2024 Kecamatan Sukamaju sebesar 93,10%, \
dari pagu sebesar Rp 2.000.000.000 dan terealisasi sebesar Rp 1.862.000.000.

"""


@pytest.mark.parametrize(("sentence", "expected"), [
    # 93,10 - 88,40 = 4,70 points, not 5,70
    ("Realisasi anggaran tahun 2024 meningkat dari tahun sebelumnya, dimana pada tahun 2023 "
     "realisasi anggaran Kecamatan Sukamaju sebesar 88,40% atau terjadi peningkatan sebesar 5,70%.",
     [("NA005", 5, "5,70%")]),
    # in points: holds
    ("Realisasi anggaran tahun 2024 meningkat dari tahun sebelumnya, dimana pada tahun 2023 "
     "realisasi anggaran Kecamatan Sukamaju sebesar 88,40% atau terjadi peningkatan sebesar 4,70%.",
     []),
    # as a relative change (4,70 / 88,40 = 5,32%): holds
    ("Realisasi anggaran tahun 2024 meningkat dari tahun sebelumnya, dimana pada tahun 2023 "
     "realisasi anggaran Kecamatan Sukamaju sebesar 88,40% atau terjadi peningkatan sebesar 5,32%.",
     []),
    # a program's absorption: not the agency's whole
    ("Realisasi anggaran Program Penunjang tahun 2024 meningkat, dimana pada tahun 2023 "
     "realisasinya sebesar 88,40% atau terjadi peningkatan sebesar 5,70%.", []),
])
def test_a_change_stated_with_one_value_takes_the_other_from_the_report(
        sentence: str, expected: list[tuple]) -> None:
    assert run(_WHOLE + sentence + "\n", "NA005") == expected


def test_a_change_stated_with_one_value_is_silent_without_the_other_year() -> None:
    text = HEAD + ("Realisasi anggaran tahun 2024 meningkat dari tahun sebelumnya, dimana pada "
                   "tahun 2023 realisasi anggaran Kecamatan Sukamaju sebesar 88,40% atau "
                   "terjadi peningkatan sebesar 5,70%.\n")
    assert run(text, "NA005") == []


# --------------------------------------------------------------------------- "dengan indikator"

_SASARAN_WORDS = TABLE.replace(
    "| Meningkatnya sarpras wilayah | Indeks Kepuasan Layanan Prasarana Publik | 3,20 | 4,10 "
    "| 128,13 |",
    "| Meningkatnya sarpras wilayah | Indeks Kepuasan Layanan Prasarana Publik | 3,20 | 4,10 "
    "| 128,13 |\n| Meningkatnya pembangunan wilayah | Jumlah Prasarana Publik Terbangun | 10 "
    "| 12 | 120,00 |")


@pytest.mark.parametrize(("value", "expected"), [("128,13", []), ("138,13", ["138,13%"])])
def test_the_words_after_indikator_name_the_indicator(value: str, expected: list) -> None:
    # the sasaran's name ("Pembangunan Prasarana Publik") holds every word of another
    # indicator; the words after "dengan indikator kinerja" name the one meant
    text = _SASARAN_WORDS + (
        "Sasaran “Meningkatnya Pembangunan Prasarana Publik” dengan indikator kinerja Indeks "
        f"Kepuasan Layanan Prasarana Publik telah tercapai sebesar {value}% karena dukungan "
        "masyarakat.\n")
    assert [a for _, _, a in run(text, "NA006")] == expected


def test_a_target_or_a_capaian_on_another_target_is_never_outvoted() -> None:
    # one table (a Renstra, an RKT) may set another target, and its capaian follows it
    text = (TABLE + _copy("3.2", "71,50", "102,14") + _copy("3.3", "71,50", "102,14")
            + _copy("3.4", "71,50", "110,00", t="65"))
    assert run(text + "Target Nilai SAKIP Kecamatan tahun 2024 sebesar 65.\n", "NA006") == []
    assert run(text + "Capaian Nilai SAKIP Kecamatan tahun 2024 sebesar 110,00%.\n",
               "NA006") == []


def test_the_evaluation_of_last_years_report_is_no_stale_year() -> None:
    """A report is evaluated the year after it: "hasil evaluasi atas LKjIP tahun 2023" in the
    2024 report names last year's report rightly; the same words without the evaluation are
    a year left over."""
    said = ("## Pengukuran\n\nNilai SAKIP Kecamatan Sukamaju 81,25 merupakan hasil evaluasi "
            "Inspektorat atas LKjIP tahun 2023.\n")
    assert run(HEAD + said, "DQ109") == []
    stale = said.replace("merupakan hasil evaluasi Inspektorat atas", "disajikan dalam")
    assert run(HEAD + stale, "DQ109") == [("DQ109", 5, "2023")]
