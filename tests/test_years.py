"""Years, periods and dates against the report's time frame: DQ101-DQ108."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.engine import all_rules
from sakiplint.engine.lint import lint_text

RULES = {r.code: r for r in all_rules()}
MONTH = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "Nopember", "Desember")


def run(code: str, text: str):
    _, findings = lint_text(text, rules=[RULES[code]])
    return findings


def head(year: int) -> str:
    return f"LAPORAN KINERJA INSTANSI PEMERINTAH KECAMATAN SUKAMAJU TAHUN {year}\n\n"


def idate(d: date) -> str:
    return f"{d.day} {MONTH[d.month]} {d.year}"


# --------------------------------------------------------------------------- DQ101

@settings(max_examples=60, deadline=None)
@given(st.integers(2005, 2040), st.integers(4, 6), st.integers(1, 3), st.booleans())
def test_plan_period_slip_is_found(start, length, slip, same_start):
    good = f"{start}-{start + length}"
    bad = f"{start}-{start + length - slip}" if same_start else f"{start + slip}-{start + length}"
    text = (head(start + 2)
            + f"Laporan ini mengacu pada Rencana Strategis Kecamatan Sukamaju Tahun {good}.\n\n"
            + f"Target jangka menengah tercantum dalam Renstra {good}.\n\n"
            + f"Capaian dinilai terhadap Renstra Tahun {bad} dan Renja tahunan.\n")
    found = run("DQ101", text)
    assert [(f.line, f.actual, f.expected) for f in found] == [(7, bad, good)]


@pytest.mark.parametrize("text", [
    # a new Renstra next to the old one: no shared start or end year
    "Renstra Tahun 2019-2024 berakhir; Renstra 2019-2024 dievaluasi.\n\n"
    "Renstra Tahun 2025-2029 sedang disusun.\n",
    # as many mentions one way as the other: no leading period
    "Renstra Tahun 2019-2024 disusun.\n\nRenstra Tahun 2019-2023 dijabarkan.\n",
    # the period of another document in the same sentence
    "Renstra Tahun 2019-2024 disusun.\n\nRenstra 2019-2024 memuat IKU.\n\n"
    "Renstra dijabarkan dalam Rencana Kerja Tahun 2019-2020.\n",
])
def test_plan_period_silent(text):
    assert run("DQ101", head(2022) + text) == []


# --------------------------------------------------------------------------- DQ102

@settings(max_examples=80, deadline=None)
@given(st.integers(2010, 2040), st.integers(0, 5), st.integers(1, 6), st.booleans())
def test_ordinal_year_of_a_period(start, offset, n, words):
    year = start + offset
    ordinal = (["pertama", "kedua", "ketiga", "keempat", "kelima", "keenam"][n - 1]
               if words else f"ke-{n}")
    text = (head(year) + f"Tahun {year} merupakan tahun {ordinal} pelaksanaan Renstra "
            f"Kecamatan Sukamaju Tahun {start}-{start + 5}.\n")
    found = run("DQ102", text)
    ok = n in (year - start + 1, year - start)
    assert (found == []) == ok
    if found:
        assert found[0].line == 3 and found[0].expected == f"tahun ke-{year - start + 1}"


@settings(max_examples=60, deadline=None)
@given(st.integers(2010, 2040), st.integers(3, 7), st.integers(1, 9), st.booleans())
def test_duration_of_a_period(start, length, n, with_words):
    words = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    count = f"{n} ({words[n - 1]})" if with_words else str(n)
    text = (head(start + 1) + f"Renstra disusun untuk kurun waktu {count} tahun, yaitu "
            f"{start}-{start + length}.\n")
    found = run("DQ102", text)
    assert (found == []) == (n in (length, length + 1))


@pytest.mark.parametrize("text", [
    # a year outside the period: the sentence speaks of another plan
    "Tahun 2030 adalah tahun kedua Renstra Tahun 2019-2024.\n",
    # "tahun kedua" without a period
    "Tahun 2022 merupakan tahun kedua pelaksanaan program ini.\n",
    # a duration not followed by the period it names
    "Selama kurun waktu 5 (lima) tahun kedepan kinerja ditingkatkan.\n",
])
def test_period_ordinal_silent(text):
    assert run("DQ102", head(2022) + text) == []


# --------------------------------------------------------------------------- DQ103

@settings(max_examples=80, deadline=None)
@given(st.integers(2010, 2040), st.integers(-3, 2),
       st.sampled_from(["lalu", "sebelumnya", "berjalan", "ini"]),
       st.sampled_from(["({y})", "(tahun {y})", ", yaitu tahun {y},", " yakni {y}"]))
def test_relative_year(year, diff, rel, form):
    named = year + diff
    text = (head(year) + f"Nilai indeks dibandingkan tahun {rel} "
            + form.format(y=named) + " sebesar 80.\n")
    found = run("DQ103", text)
    expected = year - 1 if rel in ("lalu", "sebelumnya") else year
    assert (found == []) == (named == expected)
    if found:
        assert (found[0].actual, found[0].expected) == (str(named), str(expected))


def test_relative_year_follows_the_year_the_sentence_names():
    text = head(2024) + "Realisasi tahun 2021 lebih rendah dari tahun sebelumnya (2020).\n"
    assert run("DQ103", text) == []


def test_relative_year_needs_a_report_year():
    assert run("DQ103", "Dibanding tahun lalu (2019) meningkat.\n") == []


def test_tahun_tahun_sebelumnya_is_not_a_year_reference():
    assert run("DQ103", head(2024) + "Hasil tahun-tahun sebelumnya (2019) dievaluasi.\n") == []


# --------------------------------------------------------------------------- DQ104

def measure_table(caption: str, header: str) -> str:
    return (f"{caption}\n\nNo\tIndikator\t{header}\n"
            "1\tIndeks Kepuasan Masyarakat\t80\t84\t105%\n"
            "2\tPersentase pengaduan selesai\t90\t90\t100%\n")


@settings(max_examples=40, deadline=None)
@given(st.integers(2015, 2040), st.integers(-2, 1), st.booleans())
def test_caption_and_header_years(year, diff, caption_wrong):
    other = year + diff
    cap_year, col_year = (other, year) if caption_wrong else (year, other)
    text = head(year) + measure_table(
        f"Tabel 3.1 Target dan Realisasi Kinerja Tahun {cap_year}",
        f"Target {col_year}\tRealisasi {col_year}\tCapaian {col_year}")
    found = run("DQ104", text)
    if diff == 0:
        assert found == []
    else:
        assert [(f.line, f.actual, f.expected) for f in found] == [
            (3 if caption_wrong else 5, str(other), str(year))]


@pytest.mark.parametrize("caption, header", [
    # a comparison with earlier years
    ("Tabel 3.2 Perbandingan Realisasi Kinerja Tahun 2024 dengan Tahun Sebelumnya",
     "Realisasi 2023\tRealisasi 2024\tKet"),
    # a Renstra matrix over several years
    ("Tabel 2.1 Matrik Renstra Tahun 2020-2025", "Target 2022\tTarget 2023\tTarget 2024"),
    # a quarterly evaluation
    ("Tabel 3.3 Evaluasi Kinerja Triwulan IV Tahun 2024", "Target 2023\tRealisasi\tCapaian"),
    # a table of another year with no disagreement inside it (last year's PK in the body)
    ("Tabel 2.4 Perjanjian Kinerja Tahun 2023", "Target 2023\tRealisasi 2023\tCapaian 2023"),
])
def test_multi_year_tables_stay_silent(caption, header):
    assert run("DQ104", head(2024) + measure_table(caption, header)) == []


# --------------------------------------------------------------------------- DQ105

@settings(max_examples=40, deadline=None)
@given(st.integers(2015, 2040), st.integers(-3, 2))
def test_source_year(year, diff):
    text = (head(year) + measure_table(f"Tabel 3.1 Capaian Kinerja Tahun {year}",
                                       "Target\tRealisasi\tCapaian")
            + f"\nSumber: Kantor Kecamatan Sukamaju, {year + diff}\n")
    found = run("DQ105", text)
    assert (found == []) == (diff >= 0)


def test_source_under_a_comparison_stays_silent():
    text = head(2024) + measure_table(
        "Tabel 3.2 Perbandingan Realisasi Kinerja Tahun 2024 dan Tahun Sebelumnya",
        "Realisasi 2023\tRealisasi 2024\tKet") + "\nSumber: Kantor Kecamatan Sukamaju, 2023\n"
    assert run("DQ105", text) == []


# --------------------------------------------------------------------------- DQ106

@settings(max_examples=80, deadline=None)
@given(st.integers(2015, 2040), st.integers(-400, 400), st.booleans())
def test_report_signed_before_its_year_ended(year, days, closing):
    signed = date(year + 1, 2, 10) + timedelta(days=days)
    body = ("BAB IV PENUTUP\n\nDemikian Laporan Kinerja Kecamatan Sukamaju ini disusun.\n"
            if closing else "KATA PENGANTAR\n\nLaporan ini disusun sebagai pertanggungjawaban.\n")
    text = head(year) + body + f"\nSukamaju, {idate(signed)}\n"
    found = run("DQ106", text)
    assert (found != []) == (signed <= date(year, 12, 31))


def test_signature_of_another_document_is_not_the_report():
    text = head(2024) + "PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, 2 Januari 2024\n"
    assert run("DQ106", text) == []


# --------------------------------------------------------------------------- DQ107

@settings(max_examples=80, deadline=None)
@given(st.integers(2015, 2040), st.integers(1, 4), st.integers(1, 12), st.booleans())
def test_quarter_evaluation_dated_before_its_quarter(year, q, month, semester):
    if semester:
        q = min(q, 2)
    roman = ["I", "II", "III", "IV"][q - 1]
    period = f"SEMESTER {roman}" if semester else f"TRIWULAN {roman}"
    start_month = (6 if semester else 3) * (q - 1) + 1
    text = (head(year) + "LAMPIRAN\n\n" + f"EVALUASI KINERJA TAHUN {year}\n{period}\n\n"
            + f"Sukamaju, 15 {MONTH[month]} {year}\n")
    found = run("DQ107", text)
    assert (found != []) == (month < start_month)


@pytest.mark.parametrize(("signed", "flagged"), [
    ("20 Desember 2023", False), ("3 Januari 2024", False), ("Februari 2024", False),
    ("3 Januari 2022", True), ("5 Januari 2025", True),
])
def test_pk_dated_outside_its_year(signed, flagged):
    text = head(2024) + f"PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, {signed}\n"
    assert (run("DQ107", text) != []) == flagged


# --------------------------------------------------------------------------- DQ108

@pytest.mark.parametrize(("first", "second", "flagged"), [
    ("2 Januari 2024", "2 Januari 2024", False),
    ("2 Januari 2024", "Januari 2024", False),
    ("2 Januari 2024", "4 Januari 2024", True),
    ("2 Januari 2024", "2 Februari 2024", True),
])
def test_pk_signed_twice(first, second, flagged):
    text = (head(2024) + f"PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, {first}\n\n"
            f"PERJANJIAN KINERJA TAHUN 2024\nKECAMATAN SUKAMAJU\n\nSukamaju, {second}\n")
    found = run("DQ108", text)
    assert (found != []) == flagged
    if found:
        assert found[0].line == 10 and found[0].expected == first


def test_two_agreements_of_different_officials_are_not_compared():
    text = (head(2024) + "PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, 2 Januari 2024\n\n"
            "PERUBAHAN PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, 30 September 2024\n\n"
            "PERJANJIAN KINERJA TAHUN 2024\nSEKRETARIS KECAMATAN\n\nSukamaju, 5 Januari 2024\n")
    assert run("DQ108", text) == []


def test_report_signed_twice_differently():
    text = (head(2024) + "KATA PENGANTAR\n\nLaporan ini disusun.\n\nSukamaju, 10 Februari 2025\n\n"
            "BAB IV PENUTUP\n\nDemikian Laporan Kinerja ini.\n\nSukamaju, 12 Maret 2025\n")
    found = run("DQ108", text)
    assert [(f.line, f.actual, f.expected) for f in found] == [
        (13, "12 Maret 2025", "10 Februari 2025")]
    # an early date is reported by DQ106 alone
    text = text.replace("12 Maret 2025", "12 Maret 2024")
    assert run("DQ108", text) == []


def test_agreements_signed_by_different_officials_are_not_compared():
    text = (head(2024) + "PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, 2 Januari 2024\n\n"
            "CAMAT SUKAMAJU\n\nNIP. 19700101 199503 1 001\n\n"
            "PERJANJIAN KINERJA TAHUN 2024\n\nSukamaju, 5 Januari 2024\n\n"
            "SEKRETARIS KECAMATAN\n\nNIP. 19800202 200501 2 002\n")
    assert run("DQ108", text) == []
    same = text.replace("19800202 200501 2 002", "19700101 199503 1 001")
    assert [f.line for f in run("DQ108", same)] == [13]


def test_configured_renstra_period_judges_a_single_mention():
    from sakiplint.engine import run_rules
    from sakiplint.facts.timeframe import set_renstra_period
    from sakiplint.read.parse import parse_document
    from sakiplint.read.source import Source

    doc = parse_document(Source("<t>", head(2024) + "Mengacu Renstra Tahun 2020-2024.\n", "utf-8"))
    set_renstra_period(doc, (2020, 2025))
    found = run_rules(doc, [RULES["DQ101"]])
    assert [(f.actual, f.expected) for f in found] == [("2020-2024", "2020-2025")]
