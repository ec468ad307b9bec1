"""AR006 shares of a breakdown and AR008 efficiency ratios."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.engine import all_rules, run_rules
from sakiplint.read.numfmt import fmt
from sakiplint.read.parse import parse_text

D = Decimal


def _codes(text: str, code: str) -> list[tuple[str, int]]:
    doc = parse_text(text)
    return [(f.rule, f.line) for f in run_rules(doc, [r for r in all_rules() if r.code == code])]


def _breakdown(parts: list[int], shares: list[Decimal], header: str = "Persentase (%)") -> str:
    body = "".join(f"Desa {i}\t{p}\t{fmt(s, 2)}\n" for i, (p, s) in enumerate(
        zip(parts, shares, strict=True), start=1))
    return ("**Tabel 1.1 Luas Wilayah Kecamatan Sukamaju**\n\n"
            f"Desa\tLuas (Ha)\t{header}\n{body}Jumlah\t{sum(parts)}\t100,00\n")


@settings(max_examples=50, deadline=None)
@given(
    parts=st.lists(st.integers(min_value=1, max_value=5000), min_size=3, max_size=8),
    wrong=st.integers(min_value=0, max_value=7),
)
def test_generated_breakdowns(parts: list[int], wrong: int) -> None:
    total = D(sum(parts))
    shares = [D(p) / total * 100 for p in parts]
    assert _codes(_breakdown(parts, shares), "AR006") == []
    k = wrong % len(parts)
    shares[k] += D("0.5")
    text = _breakdown(parts, shares)
    line = text.count("\n", 0, text.index(f"Desa {k + 1}\t")) + 1
    assert _codes(text, "AR006") == [("AR006", line)]


def test_unnamed_share_column_needs_three_rows() -> None:
    parts = [10, 30]
    shares = [D(25), D(70)]
    assert _codes(_breakdown(parts, shares, header="Ket"), "AR006") == []


def test_mostly_wrong_column_is_not_a_share_column() -> None:
    # a column of capaian-like values beside a total of 100: not judged
    parts = [10, 20, 30, 40]
    shares = [D(95), D(101), D(88), D(100)]
    assert _codes(_breakdown(parts, shares), "AR006") == []


def test_two_total_rows_not_judged() -> None:
    text = _breakdown([10, 30, 60], [D(10), D(30), D(50)]) + "Total\t100\t100,00\n"
    assert _codes(text, "AR006") == []


def _efficiency(rows: list[tuple[int, int, int, int, Decimal | None]], caption: str) -> str:
    lines = []
    for i, (t, r, a, ra, e) in enumerate(rows, start=1):
        c = D(r) / D(t) * 100
        s = D(ra) / D(a) * 100
        ratio = c / s * 100 if e is None else e
        lines.append(f"Sasaran {i}\tIndikator {i}\t{t}\t{r}\t{fmt(c, 2)}\t{a:,}\t{ra:,}\t"
                     f"{fmt(s, 2)}\t{fmt(ratio, 2)}\n".replace(",", "."))
    return (f"**Tabel 3.5 {caption}**\n\nSasaran\tIndikator\tTarget\tRealisasi\tCapaian (%)\t"
            "Pagu (Rp)\tRealisasi (Rp)\tCapaian (%)\tRasio (%)\n" + "".join(lines))


ROW = st.tuples(
    st.integers(min_value=50, max_value=100), st.integers(min_value=40, max_value=120),
    st.integers(min_value=100_000, max_value=900_000),
    st.integers(min_value=50, max_value=100),
)


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(ROW, min_size=3, max_size=5), wrong=st.integers(0, 4))
def test_generated_efficiency(rows: list[tuple[int, int, int, int]], wrong: int) -> None:
    full = [(t, r, a * 1000, a * 10 * pct, None) for t, r, a, pct in rows]
    text = _efficiency(full, "Analisis Efisiensi Anggaran")
    assert _codes(text, "AR008") == []
    k = wrong % len(full)
    t, r, a, ra, _ = full[k]
    ratio = (D(r) / D(t)) / (D(ra) / D(a)) * 100 + 2
    full[k] = (t, r, a, ra, ratio)
    text = _efficiency(full, "Analisis Efisiensi Anggaran")
    line = text.count("\n", 0, text.index(f"Sasaran {k + 1}\t")) + 1
    assert _codes(text, "AR008") == [("AR008", line)]


def test_efficiency_needs_the_word() -> None:
    rows = [(80, 84, 200_000, 180_000, D(150)), (50, 45, 100_000, 75_000, D(150)),
            (70, 77, 400_000, 380_000, D(150))]
    assert _codes(_efficiency(rows, "Perbandingan Kinerja dan Anggaran"), "AR008") == []


def test_efficiency_other_definition_is_silent() -> None:
    # every row uses 100 + capaian - serapan: the table's own definition, not judged
    rows = []
    for t, r, a, ra in [(80, 84, 200_000, 180_000), (50, 45, 100_000, 75_000),
                        (70, 77, 400_000, 380_000)]:
        e = 100 + D(r) / D(t) * 100 - D(ra) / D(a) * 100
        rows.append((t, r, a, ra, e))
    assert _codes(_efficiency(rows, "Analisis Efisiensi"), "AR008") == []
