"""Mutation test: inject one wrong number at a time into relations that hold in the corpus
reports (a capaian, an absorption percentage, a budget parent, a total) and check that
sakiplint flags it at the right line, with nothing new elsewhere."""

from __future__ import annotations

import pytest

from conftest import corpus_reports, needs_corpus
from sakiplint.checks import arithmetic, sums
from sakiplint.engine import Settings
from sakiplint.engine.lint import lint_text
from sakiplint.model import Cell, Document, Table

REPORTS = corpus_reports()

#: the relations the rules recompute, by the rule that reports them
RELATIONS = {
    "AR001": arithmetic.capaian_relations,
    "AR003": arithmetic.average_relations,
    "BU003": arithmetic.serapan_relations,
    "BU001": lambda t, s: sums.hierarchy_relations(t),
    "BU002": lambda t, s: sums.total_relations(t, sums.budget_columns(t)),
    "AR002": lambda t, s: sums.total_relations(t, sums.count_columns(t)),
    "AR004": lambda t, s: sums.jumlah_column_relations(t),
    "AR010": sums.average_column_relations,
    "BU004": lambda t, s: sums.difference_relations(t),
}


def _holding_cells(doc: Document) -> list[tuple[str, Cell]]:
    """(rule, cell) for each derived value whose relation currently holds."""
    settings = Settings()
    tables: list[Table] = [t for t in doc.tables if not t.skipped]
    return [
        (code, rel.cell)
        for t in tables for code, relations in RELATIONS.items()
        for rel in relations(t, settings) if rel.holds
    ]


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
