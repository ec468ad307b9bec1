"""Duplicate and data-quality rules: DU001-DU004, DQ201-DQ203."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.engine import all_rules
from sakiplint.engine.lint import lint_text
from sakiplint.facts.identity import compatible, identity

R = {r.code: r for r in all_rules()}


def _run(text: str, code: str):
    return lint_text(text, rules=[R[code]])[1]


# --------------------------------------------------------------------------- DU001

_INDICATORS = [
    "Indeks Kepuasan Masyarakat", "Persentase pengaduan yang ditindaklanjuti",
    "Persentase dokumen perencanaan tepat waktu", "Jumlah lembaga kemasyarakatan aktif",
    "Persentase usulan musrenbang yang diakomodir",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_INDICATORS), min_size=2, max_size=6))
def test_duplicate_indicator_under_one_sasaran(names):
    rows = [f"{i + 1 if i == 0 else ''}\t{'Meningkatnya pelayanan' if i == 0 else ''}\t{n}\t9{i}"
            for i, n in enumerate(names)]
    text = "Tabel 2.2 Indikator Kinerja Utama\n\nNo\tSasaran Strategis\tIndikator\tTarget\n" + \
        "\n".join(rows) + "\n"
    found = _run(text, "DU001")
    expected = [4 + i for i, n in enumerate(names) if n in names[:i]]
    assert [f.line for f in found] == expected


def test_same_indicator_under_different_sasaran_is_fine():
    text = ("Tabel 2.2 IKU\n\nSasaran Strategis\tIndikator\tTarget\n"
            "Meningkatnya pelayanan\tIndeks Kepuasan Masyarakat\t80\n"
            "Meningkatnya partisipasi\tIndeks Kepuasan Masyarakat\t80\n")
    assert _run(text, "DU001") == []


# --------------------------------------------------------------------------- DU002

def _pairing_report(sasarans: list[str]) -> str:
    parts = []
    for i, s in enumerate(sasarans):
        parts.append(f"Tabel 3.{i + 1} Capaian Kinerja Tahun 2024\n\n"
                     "Sasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\n"
                     f"{s}\tIndeks Kepuasan Masyarakat\t80\t8{i}\n")
    return "\n".join(parts)


def test_indicator_paired_with_other_sasaran():
    good, bad = "Meningkatnya kualitas pelayanan publik", "Meningkatnya partisipasi warga desa"
    found = _run(_pairing_report([good, good, bad, good]), "DU002")
    assert [f.line for f in found] == [14]
    assert len(found[0].related) == 3
    assert _run(_pairing_report([good, good, good]), "DU002") == []
    # two against one is not enough to judge
    assert _run(_pairing_report([good, bad]), "DU002") == []
    # a truncated or respelled sasaran is the same sasaran
    assert _run(_pairing_report([good, good, "Meningkat nya kualitas pelayanan"]), "DU002") == []


# --------------------------------------------------------------------------- DU003

def test_copy_paste_rows():
    head = "Tabel 3.5 Realisasi Anggaran\n\nUraian\tAnggaran (Rp)\tRealisasi (Rp)\t%\n"
    rows = ["Sub Kegiatan Surat Menyurat\t12.345.678\t12.000.123\t97,20",
            "Sub Kegiatan Bahan Bacaan\t8.000.000\t7.900.000\t98,75",
            "Sub Kegiatan Jasa Komunikasi\t12.345.678\t12.000.123\t97,20"]
    assert [f.line for f in _run(head + "\n".join(rows) + "\n", "DU003")] == [6]
    # round amounts repeated are legitimate
    rows = ["Sub Kegiatan Surat Menyurat\t5.000.000\t0\t0",
            "Sub Kegiatan Bahan Bacaan\t8.000.000\t7.900.000\t98,75",
            "Sub Kegiatan Jasa Komunikasi\t5.000.000\t0\t0"]
    assert _run(head + "\n".join(rows) + "\n", "DU003") == []


# --------------------------------------------------------------------------- DU004

def test_duplicate_table_number_and_continuation():
    t = "Tabel {n} {title}\n\nIndikator\tTarget\nIndeks Kepuasan Masyarakat\t80\n"
    dup = t.format(n="3.4", title="Capaian") + "\n" + t.format(n="3.4", title="Efisiensi")
    assert [f.line for f in _run(dup, "DU004")] == [6]
    cont = t.format(n="3.4", title="Capaian") + "\nteks\n\n" + t.format(n="3.4", title="Capaian")
    assert _run(cont, "DU004") == []
    lanj = t.format(n="3.4", title="Capaian") + "\nteks\n\n" + t.format(
        n="3.4", title="Capaian (lanjutan)")
    assert _run(lanj, "DU004") == []


# --------------------------------------------------------------------------- DQ201

@settings(max_examples=60, deadline=None)
@given(st.permutations([2020, 2021, 2022, 2023, 2024]))
def test_year_columns_order(years):
    header = "\t".join(f"Realisasi {y}" for y in years)
    text = ("Tabel 3.2 Realisasi Kinerja\n\nIndikator Kinerja\t" + header +
            "\nIndeks Kepuasan Masyarakat\t80\t81\t82\t83\t84\n")
    found = _run(text, "DQ201")
    ordered = years in ([2020, 2021, 2022, 2023, 2024], [2024, 2023, 2022, 2021, 2020])
    assert bool(found) == (not ordered)
    assert all(f.line == 3 for f in found)


def test_year_groups_may_repeat_years():
    text = ("Tabel 3.2 Realisasi dan Capaian\n\n"
            "Indikator\tRealisasi\t\t\tCapaian\t\t\n"
            "\t2022\t2023\t2024\t2022\t2023\t2024\n"
            "Indeks Kepuasan Masyarakat\t80\t81\t82\t100\t101\t102\n")
    assert _run(text, "DQ201") == []


# --------------------------------------------------------------------------- DQ202

@settings(max_examples=80, deadline=None)
@given(st.decimals(min_value=1, max_value=90, places=2),
       st.lists(st.decimals(min_value=Decimal("0.9"), max_value=Decimal("1.1"), places=3),
                min_size=4, max_size=4),
       st.integers(1, 3), st.sampled_from([Decimal(10), Decimal(100), Decimal("0.1")]))
def test_misplaced_decimal(base, steps, pos, factor):
    series = [base]
    for s in steps:
        series.append((series[-1] * s).quantize(Decimal("0.01")))
    assume(all(v > 0 for v in series))
    clean = list(series)
    bad = list(series)
    bad[pos] = (bad[pos] * factor).quantize(Decimal("0.0001"))
    assume(bad[pos] >= Decimal("0.01"))

    def text(vals):
        cells = "\t".join(format(v, "f") for v in vals)
        return ("Tabel 2.1 Target Renstra\n\nIndikator Kinerja\tTarget 2021\tTarget 2022\t"
                "Target 2023\tTarget 2024\tTarget 2025\nIndeks Kepuasan Layanan\t" + cells + "\n")

    found = _run(text(clean), "DQ202")
    assert all(f.line == 4 for f in found)
    hit = _run(text(bad), "DQ202")
    assert any(f.column == text(bad).split("\n")[3].find(format(bad[pos], "f")) + 1 for f in hit)


# --------------------------------------------------------------------------- DQ203

TITLE = "LAPORAN KINERJA\nKECAMATAN SUKAMAJU\nTAHUN 2024\n\nKecamatan Sukamaju melayani.\n\n"


def test_other_agency_name():
    found = _run(TITLE + "Kecamatan Cibodas telah mencapai target kinerja.\n", "DQ203")
    assert [f.line for f in found] == [7] and found[0].actual == "Kecamatan Cibodas"
    for ok in ("Sebelah timur berbatasan dengan Kecamatan Cibodas.",
               "Kecamatan Cibodas, Kecamatan Mekarsari dan Kecamatan Sukamaju dibandingkan.",
               "Kecamatan Sukamaju telah mencapai target.",
               "Kecamatan yang profesional adalah tujuan kami."):
        assert _run(TITLE + ok + "\n", "DQ203") == [], ok


# --------------------------------------------------------------------------- corpus injection

REPORTS = corpus_reports()


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_injected_sasaran_swap_is_caught(report):
    """Write another sasaran next to an indicator that three or more tables pair
    consistently: DU002 must flag exactly that cell."""
    text = report.read_text(encoding="utf-8")
    doc, before = lint_text(text, rules=[R["DU002"]])
    ident = identity(doc)
    base = {(f.line, f.column) for f in before}
    groups = [ps for ps in ident.pairings.values()
              if len({p.table.index for p in ps}) >= 3
              and all(compatible(p.sasaran_key, ps[0].sasaran_key) for p in ps)]
    if len(groups) < 2:
        pytest.skip("no two consistently paired indicators")
    lines = text.split("\n")
    tried = 0
    for target, donor in itertools.permutations(groups, 2):
        if compatible(target[0].sasaran_key, donor[0].sasaran_key):
            continue
        p = target[-1]
        line = lines[p.sasaran.line - 1]
        start = p.sasaran.column - 1
        if line[start:start + len(p.sasaran.raw)] != p.sasaran.raw or "|" in p.sasaran.raw:
            continue
        new = list(lines)
        new[p.sasaran.line - 1] = line[:start] + donor[0].sasaran.text + \
            line[start + len(p.sasaran.raw):]
        after = lint_text("\n".join(new), rules=[R["DU002"]])[1]
        fresh = [f for f in after if (f.line, f.column) not in base]
        assert any(f.line == p.sasaran.line for f in fresh), (p.sasaran.line, p.indicator.text)
        tried += 1
        if tried >= 3:
            break
    if not tried:
        pytest.skip("no sasaran cell could be rewritten in place")


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_injected_duplicate_row_is_caught(report):
    """Repeat an indicator row (sasaran written out) of a sasaran / indicator table right
    below itself: DU001 flags the copy."""
    text = report.read_text(encoding="utf-8")
    doc, _ = lint_text(text, rules=[R["DU001"]])
    lines = text.split("\n")
    for t in doc.tables:
        if t.skipped or t.style != "tsv" or any(c.role == "program" for c in t.columns):
            continue
        inds = [c for c in t.columns if c.role == "indikator"]
        sas = [c for c in t.columns if c.role == "sasaran"]
        if not inds or not sas:
            continue
        row = next((r for r in t.rows if r.kind == "data" and r.cells[inds[-1].index].text
                    and r.cells[sas[-1].index].text and len(r.cells[inds[-1].index].text) > 12),
                   None)
        if row is None or row.line in {p[1] for p in t.parts}:
            continue
        new = [*lines[:row.line], lines[row.line - 1], *lines[row.line:]]
        after = lint_text("\n".join(new), rules=[R["DU001"]])[1]
        assert any(f.line == row.line + 1 for f in after), (t.title, row.line)
        return
    pytest.skip("no sasaran / indicator TSV table")
