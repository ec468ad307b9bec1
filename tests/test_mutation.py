"""Mutation test: inject one wrong number at a time into relations that hold in the corpus
reports (a capaian, an absorption percentage, a budget parent, a total) and check that
sakiplint flags it at the right line, with nothing new elsewhere."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from conftest import corpus_reports, needs_corpus
from sakiplint.checks import sums
from sakiplint.checks.arithmetic import _left, capaian_triples
from sakiplint.lint import lint_text
from sakiplint.model import Cell, Document
from sakiplint.numfmt import consistent

REPORTS = corpus_reports()
HUNDRED = Decimal(100)


def _holding_cells(doc: Document) -> list[tuple[str, Cell]]:
    """(rule, cell) for each derived value whose relation currently holds."""
    out: list[tuple[str, Cell]] = []
    for t in doc.tables:
        if t.skipped:
            continue
        for tc, rc, cc in capaian_triples(t):
            for row in t.rows:
                if row.kind != "data":
                    continue
                cells = [row.cell(x.index) for x in (tc, rc, cc)]
                nums = [c.number if c else None for c in cells]
                if None in nums or nums[0] <= 0 or cells[2].value.kind not in ("percent", "number"):
                    continue
                if consistent(nums[2], nums[1] / nums[0] * HUNDRED, cells[2].decimals):
                    out.append(("AR001", cells[2]))
        for sc in t.columns:
            if sc.role != "serapan":
                continue
            rc = _left(t, sc, "realisasi_anggaran", ("serapan", "capaian"))
            ac = _left(t, rc, "anggaran", ("serapan", "capaian")) if rc else None
            if rc is None or ac is None or ac.stage is not None:
                continue
            for row in t.rows:
                if row.kind == "average":
                    continue
                a, r, s = row.cell(ac.index), row.cell(rc.index), row.cell(sc.index)
                if None in (a, r, s) or None in (a.number, r.number, s.number) or a.number <= 0:
                    continue
                if consistent(s.number, r.number / a.number * HUNDRED, s.decimals):
                    out.append(("BU003", s))
        cols = sums.budget_columns(t)
        labels = Counter((r.level, " ".join(r.label.lower().split())) for r in t.rows)
        for k, row in enumerate(t.rows):
            if row.kind == "data" and row.level is not None and cols:
                if labels[(row.level, " ".join(row.label.lower().split()))] > 1:
                    continue
                kids = sums.children_of(t, k)
                if not kids:
                    continue
                for col in cols:
                    s = sums._sum(kids, col)
                    if s is not None and s == row.number(col.index):
                        out.append(("BU001", row.cells[col.index]))
            if row.kind == "total" and t.header_rows:
                kids = sums._total_children(t, k)
                if len(kids) < 2:
                    continue
                for col, code in [(c, "BU002") for c in cols] + [
                    (c, "AR002") for c in sums.count_columns(t)
                ]:
                    s = sums._sum(kids, col)
                    if s is not None and s == row.number(col.index):
                        out.append((code, row.cells[col.index]))
    return out


def _mutate(line: str, cell: Cell) -> str | None:
    v = cell.value
    numeric = v.text[v.start:v.end]
    start = cell.value_column - 1
    if not numeric or line[start:start + len(numeric)] != numeric:
        return None
    for i, ch in enumerate(numeric):
        if ch.isdigit():
            new = "8" if ch == "9" else str(int(ch) + 1)
            if i == 0 and ch == "0":
                new = "5"
            mutated = numeric[:i] + new + numeric[i + 1:]
            return line[:start] + mutated + line[start + len(numeric):]
    return None


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_injected_errors_are_caught_without_collateral(report):
    text = report.read_text(encoding="utf-8")
    doc, before = lint_text(text)
    base = {(f.rule, f.line, f.column) for f in before}
    lines = text.split("\n")
    caught = missed = collateral = 0
    details: list[str] = []
    for code, cell in _holding_cells(doc):
        mutated_line = _mutate(lines[cell.line - 1], cell)
        if mutated_line is None:
            continue
        new_lines = list(lines)
        new_lines[cell.line - 1] = mutated_line
        _, after = lint_text("\n".join(new_lines))
        new = [f for f in after if (f.rule, f.line, f.column) not in base]
        hit = [f for f in new if f.line == cell.line or any(r.line == cell.line for r in f.related)]
        if any(f.rule == code for f in hit):
            caught += 1
        else:
            missed += 1
            details.append(f"missed {code} at {cell.line}: {cell.text}")
        extra = [f for f in new if f not in hit]
        if extra:
            collateral += 1
            details.append(f"collateral after {code} at {cell.line}: "
                           + ", ".join(f"{f.rule}@{f.line}" for f in extra))
    total = caught + missed
    print(f"\n{report.name}: {caught}/{total} injections caught"
          f" ({100 * caught / max(total, 1):.1f}%), {collateral} with collateral findings")
    for d in details[:20]:
        print("  ", d)
    assert total > 0
    assert caught / total >= 0.95
    assert collateral == 0
