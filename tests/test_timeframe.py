"""The report's time frame (sakiplint.facts.timeframe) and the dates grammar."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.cli import main
from sakiplint.engine.lint import lint_text
from sakiplint.facts.timeframe import MONTHS, parse_expression, scan_line, timeframe

MONTH_SPELLINGS = sorted(MONTHS.items())


def tf_of(text: str):
    doc, _ = lint_text(text, rules=[])
    return timeframe(doc)


# --------------------------------------------------------------------------- grammar

@pytest.mark.parametrize(("text", "kind", "fields"), [
    ("9 Januari 2023", "date", {"year": 2023, "month": 1, "day": 9}),
    ("Pebruari 2022", "month_year", {"year": 2022, "month": 2, "day": None}),
    ("1 Nopember 2021", "date", {"year": 2021, "month": 11, "day": 1}),
    ("31/12/2023", "numeric_date", {"year": 2023, "month": 12, "day": 31}),
    ("31-12-2023", "numeric_date", {"year": 2023, "month": 12, "day": 31}),
    ("Triwulan IV", "quarter", {"number": 4}),
    ("TRIWULAN 3", "quarter", {"number": 3}),
    ("Triwulan kedua", "quarter", {"number": 2}),
    ("Semester I", "semester", {"number": 1}),
    ("semester dua", "semester", {"number": 2}),
    ("2018-2023", "period", {"year": 2018, "end_year": 2023}),
    ("2021 – 2026", "period", {"year": 2021, "end_year": 2026}),
    ("2019 s.d. 2024", "period", {"year": 2019, "end_year": 2024}),
    ("2019 sampai dengan 2024", "period", {"year": 2019, "end_year": 2024}),
    ("5 (lima) tahun", "duration", {"number": 5}),
    ("enam tahun", "duration", {"number": 6}),
])
def test_grammar_reads_expressions(text, kind, fields):
    e = parse_expression(text)
    assert e is not None and e.kind == kind
    for k, v in fields.items():
        assert getattr(e, k) == v


@pytest.mark.parametrize("text", [
    "31 Februari 2023", "32/01/2023", "12/13/2023", "Triwulan V", "Semester III",
    "2023-2018", "5 (enam) tahun", "2001-2090",
])
def test_grammar_rejects_impossible_values(text):
    assert parse_expression(text) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(MONTH_SPELLINGS), st.booleans())
def test_any_indonesian_date_round_trips(d, spelling, upper):
    name, month = spelling
    day = min(d.day, 28)
    text = f"{day} {name.capitalize()} {d.year}"
    if upper:
        text = text.upper()
    e = parse_expression(text)
    assert e is not None
    assert (e.year, e.month, e.day) == (d.year, month, day)
    found = scan_line(f"Ditetapkan di Sukamaju pada {text}.", 5)
    assert [(f.kind, f.line, f.column) for f in found] == [("date", 5, 29)]


@settings(max_examples=100, deadline=None)
@given(st.integers(1990, 2089), st.integers(1, 10), st.sampled_from(["-", " - ", " – ", " s.d. ",
                                                                    " sampai dengan "]))
def test_periods_in_running_text(start, length, sep):
    line = f"Renstra Kecamatan Sukamaju Tahun {start}{sep}{start + length} disusun."
    found = [e for e in scan_line(line, 1) if e.kind == "period"]
    assert len(found) == 1
    assert (found[0].year, found[0].end_year) == (start, start + length)
    assert line[found[0].column - 1:].startswith(str(start))


def test_scanner_does_not_read_numbers_as_dates():
    assert scan_line("NIP. 19690521 199303 1 005 dan nomor 188.45/453/35.73.112/2021", 1) == []
    assert [e.kind for e in scan_line("Nilai 80,04 pada 2023", 1)] == []


# --------------------------------------------------------------------------- time frame

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH KECAMATAN SUKAMAJU TAHUN 2024

KATA PENGANTAR

Laporan Kinerja ini disusun berdasarkan Rencana Strategis Kecamatan Sukamaju Tahun 2020-2025.

Sukamaju, 10 Februari 2025

BAB II PERENCANAAN KINERJA

Target mengacu pada Renstra Tahun 2020-2025 serta RPJMD Kabupaten Sukamaju 2021-2026.

Tabel 3.1 Target dan Realisasi Kinerja Tahun 2024

No\tIndikator\tTarget\tRealisasi\tCapaian
1\tIndeks Kepuasan Masyarakat\t80\t84\t105%

Sumber: Kantor Kecamatan Sukamaju, 2024

LAMPIRAN

PERJANJIAN KINERJA TAHUN 2024

Sukamaju, 3 Januari 2024

EVALUASI KINERJA TAHUN 2024
KECAMATAN SUKAMAJU
TRIWULAN III

Sukamaju, 8 Oktober 2024
"""


def test_time_frame_of_a_report():
    tf = tf_of(REPORT)
    assert tf.report_year == 2024 and tf.report_year_source == "document"
    assert tf.plan_period("renstra") == (2020, 2025)
    assert tf.plan_period("rpjmd") == (2021, 2026)
    assert tf.annex_line == 20
    kinds = [(s.doc_kind, s.doc_year, s.date.text, s.in_annex) for s in tf.signatures]
    assert kinds == [
        ("report", 2024, "10 Februari 2025", False),
        ("pk", 2024, "3 Januari 2024", True),
        ("evaluasi", 2024, "8 Oktober 2024", True),
    ]
    assert tf.signatures[2].quarter is not None and tf.signatures[2].quarter.number == 3
    assert tf.sources == {18: (2024, 36, "Sumber: Kantor Kecamatan Sukamaju, 2024")}


def test_time_frame_is_memoised():
    doc, _ = lint_text(REPORT, rules=[])
    assert timeframe(doc) is timeframe(doc)


def test_period_of_another_document_is_not_the_plan_period():
    tf = tf_of("LKjIP 2024\n\nRenstra dijabarkan dalam Rencana Kerja Tahun 2023-2024 dan IKU.\n")
    assert tf.plan_periods == []


def test_regulation_year_is_not_a_source_year():
    tf = tf_of("LKjIP 2024\n\n(Sumber : Peraturan Bupati Sukamaju Nomor 12 Tahun 2019)\n")
    assert tf.sources == {}


def test_report_year_from_configuration():
    from sakiplint.engine.lint import lint_source
    from sakiplint.read.source import Source

    doc, _ = lint_source(Source("<t>", "Laporan kinerja kecamatan.\n", "utf-8"), [], None, 2023)
    tf = timeframe(doc)
    assert (tf.report_year, tf.report_year_source) == (2023, "configuration")


def test_timeframe_command(tmp_path):
    f = tmp_path / "lkjip.md"
    f.write_text(REPORT, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["timeframe", str(f), "--isolated"])
    assert res.exit_code == 0, res.output
    assert "tahun laporan 2024" in res.output and "periode Renstra: 2020-2025" in res.output
    res = runner.invoke(main, ["timeframe", str(f), "--format", "json", "--isolated"])
    data = json.loads(res.output)
    assert data["renstra_period"] == [2020, 2025]
    assert data["signatures"][0]["iso"] == "2025-02-10"
    res = runner.invoke(main, ["timeframe", str(tmp_path / "missing.md")])
    assert res.exit_code == 2


def test_configured_renstra_period_wins():
    from sakiplint.facts.timeframe import set_renstra_period

    doc, _ = lint_text("LKjIP 2024\n\nRenstra Tahun 2020-2024 dan Renstra 2020-2024.\n", rules=[])
    set_renstra_period(doc, (2020, 2025))
    assert timeframe(doc).plan_period("renstra") == (2020, 2025)


def test_report_signature_far_from_its_title_is_not_the_report():
    text = ("LKjIP 2024\n\nBAB IV PENUTUP\n\n" + "Uraian.\n\n" * 60
            + "Sukamaju, 5 Januari 2024\n")
    assert [s.doc_kind for s in tf_of(text).signatures] == ["other"]


TOKENS = ["Renstra", "Tahun", "2019-2024", "2021 s.d 2026", "9 Januari 2023", "Pebruari",
          "2022", "31/12/2023", "Triwulan IV", "Semester", "II", "kurun waktu", "5 (lima)",
          "tahun", "ke-3", "sebelumnya", "(2021)", "Sumber:", ",", ".", "PERJANJIAN KINERJA",
          "EVALUASI KINERJA", "KATA PENGANTAR", "Sukamaju,", "\n", "\n\n", "\t", "|", "-"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_any_text_gives_a_time_frame_and_rules_do_not_crash(tokens):
    from sakiplint.engine import all_rules

    text = "LKjIP 2024\n" + " ".join(tokens)
    rules = [r for r in all_rules() if r.code.startswith("DQ1")]
    doc, findings = lint_text(text, rules=rules)
    tf = timeframe(doc)
    for exprs in tf.expressions.values():
        cols = [e.column for e in exprs]
        assert cols == sorted(cols)
    for f in findings:
        assert f.line >= 1 and f.column >= 1
