"""Sums and differences: a budget parent row (Program > Kegiatan > Sub Kegiatan) against its
children, a Jumlah / Total row against the rows it adds up, a Jumlah column against its
breakdown, Sisa and Bertambah/(Berkurang) against the columns they derive from. Each
``*_relations`` function yields every relation it recomputes; the rules report those that do
not hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import Relation, failing, number_of, related_cell, short
from sakiplint.engine import Context, Issue, Settings
from sakiplint.model import Cell, Column, Row, Table
from sakiplint.read.numfmt import consistent, fmt

BUDGET_ROLES = ("anggaran", "realisasi_anggaran", "sisa", "selisih")
SUMMABLE_ROLES = (*BUDGET_ROLES, "jumlah", "number")


def budget_columns(table: Table) -> list[Column]:
    return [c for c in table.columns if c.numeric and (c.money or c.role in BUDGET_ROLES)
            and c.role in SUMMABLE_ROLES]


def count_columns(table: Table) -> list[Column]:
    """Non-money summable columns (people, documents, areas ...)."""
    return [c for c in table.columns if c.numeric and not c.money and c.role in ("jumlah", "number")
            and c.year is None]


def children_of(table: Table, k: int) -> list[Row] | None:
    """Direct children of hierarchical row ``k``; None when the structure is unclear."""
    rows = table.rows
    parent = rows[k]
    assert parent.level is not None
    below: list[Row] = []
    for row in rows[k + 1:]:
        if row.kind != "data":
            break
        if row.level is None:
            return None  # a row of unknown level inside the subtree: do not guess
        if row.level <= parent.level:
            break
        below.append(row)
    if not below:
        return None
    top = min(r.level for r in below if r.level is not None)
    return [r for r in below if r.level == top]


def _amount(cell: Cell | None) -> Decimal | None:
    n = number_of(cell)
    if n is None or cell is None or cell.value is None or cell.value.kind == "percent":
        return None
    return n


def _sum(rows: list[Row], col: Column) -> Decimal | None:
    total = Decimal(0)
    for r in rows:
        n = _amount(r.cell(col.index))
        if n is None:
            return None
        total += n
    return total


def _sum_relation(
    parent: Row, kids: list[Row], col: Column, what: str, holds_also: bool = False
) -> Relation | None:
    """``parent`` = the sum of ``kids`` in column ``col``; ``holds_also``: accepted anyway."""
    cell = parent.cell(col.index)
    pv = _amount(cell)
    s = _sum(kids, col)
    if pv is None or s is None or cell is None:
        return None

    decimals = max([cell.decimals] + [r.cells[col.index].decimals for r in kids])
    return Relation(s == pv or holds_also, Issue(
        at=cell,
        actual=cell.text,
        expected=fmt(s, decimals if s != s.to_integral_value() else 0, col.notation),
        args={"row": short(parent.label or what), "column": short(col.name, 40),
              "count": len(kids), "what": what},
        related=[related_cell(r.cells[col.index], short(r.label, 50)) for r in kids],
    ))


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def hierarchy_relations(table: Table) -> Iterator[Relation]:
    """Program / Kegiatan rows against the sum of their direct children (budget columns).

    Some reports list one program several times (once per indicator) and print the
    program's whole amount on its first occurrence. For a label repeated at one level, a
    value equal to the sum of the children of all its occurrences passes, and a row is only
    judged when some budget column of it does equal its own children's sum (so the row is
    certainly the parent of exactly those children)."""
    cols = budget_columns(table)
    if not cols:
        return
    occurrences: dict[tuple[int, str], list[int]] = defaultdict(list)
    for k, r in enumerate(table.rows):
        if r.level is not None and r.kind == "data":
            occurrences[(r.level, _key(r.label))].append(k)
    kids_of = {k: children_of(table, k) for ks in occurrences.values() for k in ks}
    for ks in occurrences.values():
        for k in ks:
            kids = kids_of[k]
            if kids is None:
                continue
            row = table.rows[k]
            if len(ks) == 1:
                for col in cols:
                    rel = _sum_relation(row, kids, col, "induk")
                    if rel is not None:
                        yield rel
                continue
            anchored = any(
                _sum(kids, c) is not None and _sum(kids, c) == row.number(c.index) for c in cols
            )
            if not anchored:
                continue
            every = [kid for j in ks for kid in (kids_of[j] or [])]
            for col in cols:
                whole = _sum(every, col) == row.number(col.index)
                rel = _sum_relation(row, kids, col, "induk", holds_also=whole)
                if rel is not None:
                    yield rel


def hierarchy(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(hierarchy_relations(table))


def _total_children(table: Table, k: int) -> list[Row]:
    rows: list[Row] = []
    for row in reversed(table.rows[:k]):
        if row.kind == "total":
            break
        if row.kind == "data":
            rows.append(row)
    rows.reverse()
    levels = [r.level for r in rows if r.level is not None]
    if levels:
        if any(r.level is None for r in rows):
            return []
        top = min(levels)
        rows = [r for r in rows if r.level == top]
    return rows


def total_relations(table: Table, cols: list[Column]) -> Iterator[Relation]:
    """Jumlah / Total rows against the data rows since the table start (or the previous
    total row); with a hierarchy, its top-level rows only."""
    if not cols or not table.header_rows:
        return  # without its header the table may have lost rows above (a fragment)
    for k, row in enumerate(table.rows):
        if row.kind != "total":
            continue
        kids = _total_children(table, k)
        if len(kids) < 2:
            continue
        for col in cols:
            rel = _sum_relation(row, kids, col, "jumlah")
            if rel is not None:
                yield rel


def budget_total(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(total_relations(table, budget_columns(table)))


def count_total(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(total_relations(table, count_columns(table)))


def _breakdown_run(table: Table, col: Column) -> list[Column]:
    """The run of count columns directly to the left of ``col`` (at least two)."""
    run: list[Column] = []
    for c in reversed(table.columns[: col.index]):
        if c.numeric and c.role == "number" and c.year is None and not c.money:
            run.append(c)
        else:
            break
    run.reverse()
    return run if len(run) >= 2 else []


def _row_aggregates(
    table: Table, role: str
) -> Iterator[tuple[Row, Column, Cell, Decimal, list[Column], list[Cell], list[Decimal]]]:
    """For each data row: the aggregate cell of a ``role`` column and the run of values it
    aggregates (all present)."""
    for a_col in table.columns:
        if a_col.role != role or a_col.money:
            continue
        run = _breakdown_run(table, a_col)
        if not run:
            continue
        for row in table.rows:
            if row.kind != "data":
                continue  # total rows are judged against the rows above (AR002)
            cell = row.cell(a_col.index)
            v = number_of(cell)
            if v is None or cell is None:
                continue
            parts = [row.cell(c.index) for c in run]
            nums = [number_of(p) for p in parts]
            if any(x is None or p is None for x, p in zip(nums, parts, strict=True)):
                continue
            yield row, a_col, cell, v, run, [p for p in parts if p is not None], \
                [x for x in nums if x is not None]


def jumlah_column_relations(table: Table) -> Iterator[Relation]:
    """A Jumlah column (laki-laki + perempuan = jumlah; staff per rank = total) against the
    run of count columns directly to its left."""
    for row, col, cell, v, run, parts, nums in _row_aggregates(table, "jumlah"):
        if cell.decimals or any(p.decimals for p in parts):
            continue
        s = sum(nums, Decimal(0))
        yield Relation(s == v, Issue(
            at=cell, actual=cell.text, expected=fmt(s, 0, col.notation),
            args={"row": short(row.label), "count": len(run)},
            related=[related_cell(p, short(c.name, 30)) for p, c in zip(parts, run, strict=True)],
        ))


def average_column_relations(table: Table, settings: Settings) -> Iterator[Relation]:
    """A Rata-rata column against the mean of the run of columns directly to its left."""
    for row, col, cell, v, run, parts, nums in _row_aggregates(table, "rata_rata"):
        mean = sum(nums, Decimal(0)) / len(nums)
        yield Relation(consistent(v, mean, cell.decimals, settings.tolerance_scale), Issue(
            at=cell, actual=cell.text, expected=fmt(mean, cell.decimals, col.notation),
            args={"row": short(row.label), "count": len(run)},
            related=[related_cell(p, short(c.name, 30)) for p, c in zip(parts, run, strict=True)],
        ))


def average_column(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(average_column_relations(table, ctx.settings))


def jumlah_column(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(jumlah_column_relations(table))


def difference_relations(table: Table) -> Iterator[Relation]:
    """Sisa = anggaran - realisasi; Bertambah/(Berkurang) = sesudah - sebelum."""
    cols = table.columns
    for d_col in cols:
        if d_col.role not in ("sisa", "selisih") or not d_col.numeric:
            continue
        if d_col.role == "sisa":
            a = [c for c in cols[: d_col.index] if c.role == "anggaran" and c.stage is None]
            b = [c for c in cols[: d_col.index] if c.role == "realisasi_anggaran"]
        else:
            a = [c for c in cols[: d_col.index] if c.stage == "sesudah" and c.numeric]
            b = [c for c in cols[: d_col.index] if c.stage == "sebelum" and c.numeric]
        if len(a) != 1 or len(b) != 1:
            continue
        for row in table.rows:
            cell, ca, cb = row.cell(d_col.index), row.cell(a[0].index), row.cell(b[0].index)
            v, x, y = number_of(cell), number_of(ca), number_of(cb)
            if v is None or x is None or y is None or cell is None or ca is None or cb is None:
                continue

            yield Relation(x - y == v, Issue(
                at=cell, actual=cell.text,
                expected=fmt(x - y, max(ca.decimals, cb.decimals), d_col.notation),
                args={"row": short(row.label), "a": ca.text, "b": cb.text},
                related=[related_cell(ca, short(a[0].name, 30)),
                         related_cell(cb, short(b[0].name, 30))],
            ))


def differences(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(difference_relations(table))
