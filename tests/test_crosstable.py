"""Cross-table rules XT001-XT004: generated fixture reports and conflicts injected into the
corpus reports (read from ../shared/corpus, skipped when absent)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.engine import all_rules
from sakiplint.engine.lint import lint_text
from sakiplint.facts.identity import identity, same_number
from sakiplint.model import Cell

RULES = [r for r in all_rules() if r.code.startswith(("XT", "DU", "DQ2"))]
XT = {r.code: r for r in RULES}
REPORTS = corpus_reports()


def _run(text: str, *codes: str):
    return lint_text(text, rules=[XT[c] for c in codes])[1]


def _id(v: Decimal) -> str:
    return f"{v:.2f}".replace(".", ",")


ROW = "Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat"


def _report(pk: Decimal, pkp: Decimal | None, cap: Decimal, renstra: Decimal,
            real: Decimal, real2: Decimal) -> str:
    out = [
        "LAPORAN KINERJA KECAMATAN SUKAMAJU TAHUN 2024", "",
        "Tabel 2.1 Target Renstra Tahun 2022-2026", "",
        "Sasaran\tIndikator Kinerja\tTarget 2023\tTarget 2024\tTarget 2025",
        f"{ROW}\t80,00\t{_id(renstra)}\t90,00",
        "", "Tabel 2.2 Perjanjian Kinerja Tahun 2024", "",
        "Sasaran Strategis\tIndikator Kinerja\tTarget",
        f"Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat\t{_id(pk)}", "",
    ]
    if pkp is not None:
        out += ["Tabel 2.3 Perubahan Perjanjian Kinerja Tahun 2024", "",
                "Sasaran Strategis\tIndikator Kinerja\tTarget",
                f"Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat\t{_id(pkp)}", ""]
    out += ["Tabel 3.1 Capaian Kinerja Tahun 2024", "",
            "Sasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi",
            f"Meningkatnya kualitas pelayanan\tIndeks Kepuasan Masyarakat\t{_id(cap)}\t{_id(real)}",
            "", "Tabel 3.2 Realisasi Kinerja Tahun 2022-2024", "",
            "Sasaran Strategis\tIndikator Kinerja\tRealisasi 2022\tRealisasi 2023\tRealisasi 2024",
            f"{ROW}\t70,00\t75,00\t{_id(real2)}",
            ""]
    return "\n".join(out)


_VAL = st.decimals(min_value=50, max_value=99, places=2)


@settings(max_examples=60, deadline=None)
@given(_VAL, st.one_of(st.none(), _VAL), st.booleans(), _VAL, _VAL, st.booleans())
def test_generated_reports(pk, pkp, cap_from_pk, renstra, real, real_agrees):
    cap = (pkp if pkp is not None and not cap_from_pk else pk) if cap_from_pk or pkp else pk
    real2 = real if real_agrees else real + 3
    text = _report(pk, pkp, cap, renstra, real, real2)
    lines = text.split("\n")
    cap_line = next(i for i, ln in enumerate(lines, 1) if ln.startswith("Meningkatnya")
                    and ln.count("\t") == 3)
    # XT001: the capaian target matches the PK or its revision: silent
    assert _run(text, "XT001") == []
    bad = _report(pk, pkp, cap + 5, renstra, real, real2)
    found = _run(bad, "XT001")
    assert [f.line for f in found] == [cap_line]
    assert {r.line for r in found[0].related}  # names the PK line(s)
    # XT002: the (revised) PK against the Renstra
    effective = [pk] if pkp is None else [pk, pkp]
    xt002 = _run(text, "XT002")
    agrees = any(abs(v - renstra) < Decimal("0.005") for v in effective)
    assert bool(xt002) == (not agrees)
    # XT003: realisasi in two tables
    xt003 = _run(text, "XT003")
    assert bool(xt003) == (not real_agrees)
    if xt003:
        assert xt003[0].line == len(lines) - 1 and xt003[0].related[0].line == cap_line


def test_pk_and_revision_differing_is_not_a_finding():
    text = _report(Decimal(80), Decimal(82), Decimal(82), Decimal(82), Decimal(85), Decimal(85))
    assert _run(text, "XT001", "XT002", "XT003", "XT004") == []


def test_budget_same_stage_and_different_stage():
    def t(caption: str, amount: str) -> str:
        return (f"{caption}\n\nProgram\tAnggaran (Rp)\tRealisasi (Rp)\n"
                f"Program Penunjang Urusan Pemerintahan\t{amount}\t900.000.000\n")
    same = t("Tabel 3.5 Realisasi Anggaran Tahun 2024", "1.000.000.000") + "\n" + t(
        "Tabel 3.6 Efisiensi Anggaran Tahun 2024", "1.100.000.000")
    found = _run(same, "XT004")
    assert [f.line for f in found] == [9] and found[0].related[0].line == 4
    staged = t("Tabel 2.5 Anggaran Murni Tahun 2024", "1.000.000.000") + "\n" + t(
        "Tabel 2.6 Anggaran Perubahan Tahun 2024", "1.100.000.000")
    assert _run(staged, "XT004") == []
    other_year = t("Tabel 3.5 Realisasi Anggaran Tahun 2024", "1.000.000.000") + "\n" + t(
        "Tabel 3.6 Realisasi Anggaran Tahun 2023", "1.100.000.000")
    assert _run(other_year, "XT004") == []


# --------------------------------------------------------------------------- injection

def _mutate(line: str, cell: Cell) -> str | None:
    v = cell.value
    if v is None:
        return None
    numeric = v.text[v.start:v.end]
    start = cell.value_column - 1
    if not numeric or line[start:start + len(numeric)] != numeric:
        return None
    m = re.search(r"\d", numeric)
    if m is None:
        return None
    i = m.start()
    new = "8" if numeric[i] == "9" else str(int(numeric[i]) + 1)
    return line[:start] + numeric[:i] + new + numeric[i + 1:] + line[start + len(numeric):]


def _scale_jump(cell: Cell) -> bool:
    """Does :func:`_mutate` turn the value into one 2x-or-more away (not by a power of ten)?"""
    from sakiplint.read.cells import parse_cell

    v, n = cell.value, cell.number
    if v is None or n is None or n <= 0:
        return False
    numeric = v.text[v.start:v.end]
    m = re.search(r"\d", numeric)
    if m is None:
        return False
    i = m.start()
    new = "8" if numeric[i] == "9" else str(int(numeric[i]) + 1)
    mv = parse_cell(numeric[:i] + new + numeric[i + 1:])
    readings = [r for r in (mv.id_reading, mv.en_reading) if r is not None]
    same = [r.value for r in readings if r.decimals == cell.decimals] or [r.value for r in readings]
    if not same or same[0] <= 0:
        return False
    ratio = float(max(same[0], n) / min(same[0], n))
    return ratio >= 2 and abs(ratio / 10 ** round(math.log10(ratio)) - 1) > 0.01


def _targets(text: str) -> list[tuple[str, Cell]]:
    """(rule, cell) where changing the cell must raise the rule: a capaian-table target that
    agrees with the PK (XT001); a realisasi / capaian that at least two other tables
    confirm (XT003). A realisasi whose first digit change makes it another scale (100 ->
    200: XT003 takes a factor of 2 or more, not a power of ten, for another unit) is left
    out."""
    doc, _ = lint_text(text, rules=[])
    ident = identity(doc)
    out: list[tuple[str, Cell]] = []
    for (_, kind, _), occs in ident.values.items():
        if kind == "target":
            pk = [o for o in occs if o.info.role in ("pk", "pk_perubahan")]
            out += [("XT001", o.cell) for o in occs if o.info.role in ("capaian", "efisiensi")
                    and pk and all(same_number(o.cell, p.cell) for p in pk)]
        else:
            for o in occs:
                agree = {x.table.index for x in occs
                         if x.table.index != o.table.index and same_number(x.cell, o.cell)}
                if len(agree) >= 2 and all(same_number(x.cell, o.cell) for x in occs) and not (
                    kind == "realisasi" and _scale_jump(o.cell)
                ):
                    out.append(("XT003", o.cell))
    return out


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_injected_cross_table_conflicts_are_caught(report):
    text = report.read_text(encoding="utf-8")
    _, before = lint_text(text, rules=RULES)
    base = {(f.rule, f.line, f.column) for f in before}
    lines = text.split("\n")
    caught = total = 0
    missed: list[str] = []
    for code, cell in _targets(text):
        mutated = _mutate(lines[cell.line - 1], cell)
        if mutated is None:
            continue
        new_lines = list(lines)
        new_lines[cell.line - 1] = mutated
        _, after = lint_text("\n".join(new_lines), rules=RULES)
        new = [f for f in after if (f.rule, f.line, f.column) not in base]
        total += 1
        if any(f.rule == code and f.line == cell.line for f in new):
            caught += 1
        else:
            missed.append(f"{code}@{cell.line} {cell.text}")
        # nothing new away from the changed line and the values it conflicts with
        stray = [f for f in new if f.line != cell.line
                 and all(r.line != cell.line for r in f.related)]
        assert not stray, [(f.rule, f.line) for f in stray]
    print(f"\n{report.name}: {caught}/{total} injected conflicts caught", missed[:10])
    assert caught == total


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_injected_duplicate_table_number_is_caught(report):
    text = report.read_text(encoding="utf-8")
    doc, _ = lint_text(text, rules=[])
    captioned = [t for t in doc.tables if t.caption_number and t.caption_line]
    if len(captioned) < 2:
        pytest.skip("fewer than two captioned tables")
    a, b = captioned[0], captioned[-1]
    lines = text.split("\n")
    line = lines[b.caption_line - 1]
    assert b.caption_number is not None and a.caption_number is not None
    pos = line.find(b.caption_number)
    if pos < 0:
        pytest.skip("caption number not written compactly")
    lines[b.caption_line - 1] = line[:pos] + a.caption_number + line[pos + len(b.caption_number):]
    found = lint_text("\n".join(lines), rules=[XT["DU004"]])[1]
    assert any(f.line == b.caption_line for f in found)


def test_realisasi_on_another_scale_is_not_a_conflict_but_a_shifted_decimal_is():
    from decimal import Decimal

    from sakiplint.checks.common import other_scale as _other_scale
    from sakiplint.model import Cell

    def cell(x: str) -> Cell:
        return Cell(raw=x, text=x, line=1, column=1, number=Decimal(x))

    assert _other_scale(cell("80.4"), cell("4.28"))        # 0-100 vs 1-5 index
    assert not _other_scale(cell("844.9"), cell("84.49"))  # misplaced decimal: a finding
    assert not _other_scale(cell("84.49"), cell("83.12"))  # close values: a finding


# --------------------------------------------------------------------------- grouping by value

def _naive_groups(occs):
    from sakiplint.facts.identity import same_number

    groups: list[list] = []
    for o in occs:
        for g in groups:
            if same_number(g[0].cell, o.cell):
                g.append(o)
                break
        else:
            groups.append([o])
    return groups


def test_value_groups_found_by_index_equal_the_pairwise_ones():
    """checks.crosstable._groups looks a value's group up by its integer part; it must give
    what comparing with every group gives, for values printed with any decimals (parsed as
    cells are, both notations included)."""
    from types import SimpleNamespace

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sakiplint.checks.crosstable import _groups
    from sakiplint.model import Cell
    from sakiplint.read.cells import parse_cell

    def cell(text: str) -> Cell:
        v = parse_cell(text)
        r = v.reading("id") if v.is_numeric else None
        return Cell(text, text, 1, 1, value=v, number=r.value if r else None,
                    decimals=r.decimals if r else 0)

    printed = st.one_of(
        st.integers(0, 300).map(str),
        st.tuples(st.integers(0, 120), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),
        st.tuples(st.integers(0, 120), st.integers(0, 9)).map(lambda t: f"{t[0]},{t[1]}"),
        st.tuples(st.integers(1, 99), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]:03d}"),
        st.sampled_from(["1.234.567", "85,20", "85,2", "85", "86", "84,99", "-", "NA"]),
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(printed, min_size=1, max_size=25))
    def check(texts: list[str]) -> None:
        occs = [SimpleNamespace(cell=cell(t), i=i) for i, t in enumerate(texts)]
        occs = [o for o in occs if o.cell.number is not None]
        got = [[o.i for o in g] for g in _groups(occs)]
        assert got == [[o.i for o in g] for g in _naive_groups(occs)]

    check()


_NAMES = ["Persentase keluhan", "Jumlah keluhan", "Rasio keluhan", "Indeks keluhan",
          "Nilai SAKIP", "Proporsi keluhan", "Keluhan"]
_UNITS = ["", "persen", "%", "indeks", "nilai", "orang", "prosen"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_NAMES), st.sampled_from(_UNITS),
       st.sampled_from(_NAMES), st.sampled_from(_UNITS))
def test_xt001_comparable_classes_are_comparable(na: str, ua: str, nb: str, ub: str) -> None:
    """XT001 matches an occurrence against classes of PK occurrences: comparing classes
    must be what identity.comparable means: not two different stated measures, not a
    percentage unit against another unit (no measure or no unit compares with any)."""
    from types import SimpleNamespace

    from sakiplint.facts.identity import _PERCENT_UNITS, comparable, measure_of

    a = SimpleNamespace(name=SimpleNamespace(text=na), unit=ua)
    b = SimpleNamespace(name=SimpleNamespace(text=nb), unit=ub)
    ma, mb = measure_of(na), measure_of(nb)
    expected = not (ma and mb and ma != mb) and (
        not ua or not ub or (ua in _PERCENT_UNITS) == (ub in _PERCENT_UNITS))
    assert comparable(a, b) == expected  # type: ignore[arg-type]
