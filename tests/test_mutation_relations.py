"""Mutation test over relations found independently of the rules.

An oracle of its own (below; it calls no rule and no relation function of ``checks``) reads
the parsed tables of each corpus report and finds the relations that hold: a capaian equal
to realisasi / target x 100, an absorption equal to spending / budget x 100, a Jumlah row
equal to the sum of the rows above it, a parent row equal to the sum of its children, one
indicator's value printed alike in three or more tables, one program's amount printed alike
in two or more tables. For every kind of table (by its role: Renstra, PK, capaian,
efficiency, budget ...) and every kind of relation, one wrong number is injected (one digit
changed in place) and sakiplint must report it at its line with a rule of that relation,
with nothing new anywhere else (a finding elsewhere that names the changed line as related
is not "elsewhere"). Skipped without the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from conftest import corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_text
from sakiplint.facts.identity import identity
from sakiplint.model import Cell, Document, Row, Table

REPORTS = corpus_reports()
HUNDRED = Decimal(100)

#: the rules that may report a broken relation of each kind
EXPECTED = {
    "capaian": {"AR001", "AR011", "XT003"},
    "serapan": {"BU003"},
    "total": {"BU002", "AR002"},
    "parent": {"BU001"},
    "indicator": {"XT001", "XT002", "XT003", "XT005", "AR001", "AR011"},
    "budget": {"XT004", "XT006", "BU001", "BU002"},
}


@dataclass(frozen=True, slots=True)
class Found:
    kind: str          # a key of EXPECTED
    role: str          # the table's role
    cell: Cell         # the value to change


def _num(cell: Cell | None) -> Decimal | None:
    if cell is None or cell.number is None or cell.value is None:
        return None
    if cell.value.kind not in ("number", "percent", "money"):
        return None
    return cell.number


def _close(printed: Decimal, exact: Decimal, decimals: int) -> bool:
    return abs(printed - exact) < Decimal(1).scaleb(-decimals)


def _cols(table: Table, role: str) -> list[int]:
    return [c.index for c in table.columns if c.role == role and c.numeric]


def _capaian(table: Table) -> Iterator[Cell]:
    for c in _cols(table, "capaian"):
        col = table.columns[c]
        real = [i for i in _cols(table, "realisasi") if i < c
                and table.columns[i].year == col.year]
        targ = [i for i in _cols(table, "target") if i < c and table.columns[i].year == col.year]
        if not real or not targ:
            continue
        r_i, t_i = real[-1], targ[-1]
        for row in table.rows:
            t, r, v = _num(row.cell(t_i)), _num(row.cell(r_i)), _num(row.cell(c))
            cell = row.cell(c)
            if t and r is not None and v is not None and cell is not None and row.kind == "data" \
                    and t > 0 and v > 0 and _close(v, r / t * HUNDRED, cell.decimals):
                yield cell


def _serapan(table: Table) -> Iterator[Cell]:
    for s in _cols(table, "serapan"):
        ra = [i for i in _cols(table, "realisasi_anggaran") if i < s]
        a = [i for i in _cols(table, "anggaran") if i < s and table.columns[i].stage is None]
        if not ra or not a:
            continue
        for row in table.rows:
            x, y, v = _num(row.cell(a[-1])), _num(row.cell(ra[-1])), _num(row.cell(s))
            cell = row.cell(s)
            if x and y is not None and v and cell is not None and x > 0 and \
                    _close(v, y / x * HUNDRED, cell.decimals):
                yield cell


def _summable(table: Table) -> list[int]:
    return [c.index for c in table.columns if c.numeric and c.role in (
        "anggaran", "realisasi_anggaran", "sisa", "jumlah", "number") and c.year is None]


def _total(table: Table) -> Iterator[Cell]:
    if not table.header_rows:
        return
    for k, row in enumerate(table.rows):
        if row.kind != "total":
            continue
        above: list[Row] = []
        for r in reversed(table.rows[:k]):
            if r.kind == "total":
                break
            if r.kind == "data":
                above.append(r)
        levels = [r.level for r in above if r.level is not None]
        top = [r for r in above if levels and r.level == min(levels)]
        for c in _summable(table):
            v = _num(row.cell(c))
            cell = row.cell(c)
            if not v or cell is None:
                continue
            for rows in (above, top):
                vals = [_num(r.cell(c)) for r in rows]
                if len(rows) >= 2 and all(x is not None for x in vals) and \
                        sum(vals, Decimal(0)) == v:  # type: ignore[arg-type]
                    yield cell
                    break


def _parent(table: Table) -> Iterator[Cell]:
    rows = table.rows
    for k, row in enumerate(rows):
        if row.kind != "data" or row.level is None:
            continue
        kids: list[Row] = []
        for r in rows[k + 1:]:
            if r.kind != "data" or r.level is None or r.level <= row.level:
                break
            kids.append(r)
        kids = [r for r in kids if r.level == row.level + 1]
        if not kids:
            continue
        for c in _summable(table):
            v = _num(row.cell(c))
            vals = [_num(r.cell(c)) for r in kids]
            cell = row.cell(c)
            if v and cell is not None and all(x is not None for x in vals) and \
                    sum(vals, Decimal(0)) == v:  # type: ignore[arg-type]
                yield cell


def _name(text: str) -> str:
    return " ".join(text.lower().split())


def _indicators(doc: Document) -> Iterator[tuple[str, Cell]]:
    """(table role, cell) for indicator values printed alike, under the same name, kind and
    column year, in three or more tables."""
    ident = identity(doc)
    seen: dict[tuple[str, str, int], list[tuple[Table, Cell]]] = {}
    for t in doc.tables:
        if t.skipped:
            continue
        names = [c.index for c in t.columns if c.role == "indikator"]
        if not names:
            continue
        for c in t.columns:
            if c.role not in ("target", "realisasi", "capaian") or c.year is None or not c.numeric:
                continue
            for row in t.rows:
                n, v = row.cell(names[-1]), _num(row.cell(c.index))
                if n is not None and n.text and v is not None and row.kind == "data":
                    seen.setdefault((_name(n.text), c.role, c.year), []).append(
                        (t, row.cells[c.index]))
    for occ in seen.values():
        if len({t.index for t, _ in occ}) < 3 or len({t.index for t, _ in occ}) != len(occ):
            continue
        if len({x.number for _, x in occ}) != 1:
            continue
        t, cell = occ[-1]
        yield ident.info(t).role, cell


def _budgets(doc: Document) -> Iterator[tuple[str, Cell]]:
    """(table role, cell) for a program's amount printed alike in two or more tables (and
    only once in each)."""
    ident = identity(doc)
    seen: dict[tuple[str, str], list[tuple[Table, Cell]]] = {}
    for t in doc.tables:
        if t.skipped:
            continue
        amounts = [c.index for c in t.columns if c.role in ("anggaran", "realisasi_anggaran")
                   and c.money and c.numeric]
        for row in t.rows:
            label = row.label
            if row.kind != "data" or not label.lower().startswith("program"):
                continue
            for i in amounts:
                v = _num(row.cell(i))
                if v:
                    seen.setdefault((_name(label), t.columns[i].role or ""), []).append(
                        (t, row.cells[i]))
    for occ in seen.values():
        tables = [t.index for t, _ in occ]
        if len(set(tables)) < 2 or len(set(tables)) != len(tables):
            continue
        if len({x.number for _, x in occ}) != 1:
            continue
        t, cell = occ[-1]
        yield ident.info(t).role, cell


def relations(doc: Document) -> list[Found]:
    """Per (table role, relation kind), the first and the last holding relation found."""
    ident = identity(doc)
    out: dict[tuple[str, str], list[Found]] = {}

    def add(found: Found) -> None:
        got = out.setdefault((found.role, found.kind), [])
        if len(got) < 2:
            got.append(found)
        elif got[-1].cell.line != found.cell.line:
            got[-1] = found

    for t in doc.tables:
        if t.skipped or t.index not in ident.infos:
            continue
        role = ident.info(t).role
        for kind, finder in (("capaian", _capaian), ("serapan", _serapan), ("total", _total),
                             ("parent", _parent)):
            for cell in finder(t):
                add(Found(kind, role, cell))
    for kind, finder in (("indicator", _indicators), ("budget", _budgets)):
        for role, cell in finder(doc):
            add(Found(kind, role, cell))
    return [f for got in out.values() for f in got]


def mutate(line: str, cell: Cell) -> str | None:
    """The line with the first non-zero digit of the cell's number changed (9 -> 8, else +1)."""
    v = cell.value
    if v is None:
        return None
    numeric = v.text[v.start:v.end]
    start = cell.value_column - 1
    if not numeric or line[start:start + len(numeric)] != numeric:
        return None
    for i, ch in enumerate(numeric):
        if ch.isdigit() and ch != "0":
            new = "8" if ch == "9" else str(int(ch) + 1)
            return line[:start] + numeric[:i] + new + numeric[i + 1:] + line[start + len(numeric):]
    return None


@needs_corpus
@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_one_wrong_number_per_relation_and_table_kind_is_found_alone(report):
    text = report.read_text(encoding="utf-8")
    doc, before = lint_text(text)
    base = {(f.rule, f.line, f.column) for f in before}
    lines = text.split("\n")
    found = relations(doc)
    assert found, "no relation found"
    problems: list[str] = []
    tried = 0
    for rel in found:
        line_no = rel.cell.line
        changed = mutate(lines[line_no - 1], rel.cell)
        if changed is None:
            continue
        tried += 1
        mutated = list(lines)
        mutated[line_no - 1] = changed
        _, after = lint_text("\n".join(mutated))
        new = [f for f in after if (f.rule, f.line, f.column) not in base]
        here = [f for f in new if f.line == line_no]
        if not any(f.rule in EXPECTED[rel.kind] for f in here):
            problems.append(f"missed {rel.kind} in a {rel.role} table at {line_no} "
                            f"({rel.cell.text}): new {[(f.rule, f.line) for f in new]}")
        stray = [f for f in new if f.line != line_no
                 and all(r.line != line_no for r in f.related)]
        if stray:
            problems.append(f"{rel.kind} in a {rel.role} table at {line_no}: also "
                            + ", ".join(f"{f.rule}@{f.line}" for f in stray))
    kinds = sorted({(f.role, f.kind) for f in found})
    print(f"\n{report.name}: {tried} relations broken, {len(problems)} problems; {kinds}")
    assert tried > 0
    assert not problems, "\n".join(problems)
