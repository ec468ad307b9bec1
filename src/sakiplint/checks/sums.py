"""Sums and differences: a budget parent row (Program > Kegiatan > Sub Kegiatan) against its
children, a Jumlah / Total row against the rows it adds up, a Jumlah column against its
breakdown, Sisa and Bertambah/(Berkurang) against the columns they derive from. Each
``*_relations`` function yields every relation it recomputes; the rules report those that do
not hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import (
    Relation,
    Tried,
    failing,
    number_of,
    related_cell,
    short,
    tried_args,
)
from sakiplint.engine import Context, Issue, Settings
from sakiplint.facts.hierarchy import Structure, amount, structure, top_sums
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


Levels = list[int | None]


def _levels(table: Table, lv: Levels | None) -> Levels:
    return lv if lv is not None else [r.level for r in table.rows]


def children_of(
    table: Table, k: int, lv: Levels | None = None, totals: frozenset[int] = frozenset()
) -> list[Row] | None:
    """Direct children of hierarchical row ``k`` (levels ``lv``: printed or inferred, see
    :mod:`sakiplint.facts.hierarchy`; ``totals``: rows read as totals); None when the
    structure is unclear."""
    lv = _levels(table, lv)
    rows = table.rows
    level = lv[k]
    assert level is not None
    below: list[int] = []
    for j in range(k + 1, len(rows)):
        if rows[j].kind != "data" or j in totals:
            break
        if lv[j] is None:
            return None  # a row of unknown level inside the subtree: do not guess
        if lv[j] <= level:  # type: ignore[operator]
            break
        below.append(j)
    if not below:
        return None
    top = min(lv[j] for j in below)  # type: ignore[type-var]
    return [rows[j] for j in below if lv[j] == top]


def _amount(cell: Cell | None) -> Decimal | None:
    n = number_of(cell)
    if n is None or cell is None or cell.value is None or cell.value.kind == "percent":
        return None
    return n


def _sum(rows: list[Row], col: Column) -> Decimal | None:
    """The sum of the rows' amounts (a dash counts as zero); None if one is missing."""
    total = Decimal(0)
    for r in rows:
        n = amount(r.cell(col.index))
        if n is None:
            return None
        total += n
    return total


def _sum_relation(
    parent: Row, kids: list[Row], col: Column, what: str, holds_also: bool = False,
    also: list[Row] | None = None,
) -> Relation | None:
    """``parent`` = the sum of ``kids`` in column ``col``; ``holds_also``: accepted anyway
    (another reading agrees); ``also``: the rows of that other reading, named too."""
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
        related=[related_cell(r.cells[col.index], short(r.label, 50)) for r in kids]
        + [related_cell(r.cells[col.index], short(r.label, 50)) for r in (also or [])
           if all(r is not k for k in kids)],
    ))


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def hierarchy_relations(table: Table, st: Structure | None = None) -> Iterator[Relation]:
    """Program / Kegiatan rows against the sum of their direct children (budget columns).

    Some reports list one program several times (once per indicator) and print the
    program's whole amount on its first occurrence. For a label repeated at one level, both
    are readings: a value equal to the sum of its own children, or to the sum of the children
    of all the rows of that label, passes."""
    cols = budget_columns(table)
    if not cols:
        return
    st = st or Structure([r.level for r in table.rows])
    lv = st.levels
    occurrences: dict[tuple[int, str], list[int]] = defaultdict(list)
    for k, r in enumerate(table.rows):
        level = lv[k]
        if level is not None and st.is_data(r):
            occurrences[(level, _key(r.label))].append(k)
    kids_of = {k: children_of(table, k, lv, st.totals)
               for ks in occurrences.values() for k in ks}
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
            # readings: the row's own children, or the children of every row of that label
            every = [kid for j in ks for kid in (kids_of[j] or [])]
            for col in cols:
                whole = _sum(every, col) == row.number(col.index)
                rel = _sum_relation(row, kids, col, "induk", holds_also=whole, also=every)
                if rel is not None:
                    yield rel


def hierarchy(ctx: Context, table: Table) -> Iterator[Issue]:
    if not budget_columns(table):
        return iter(())
    return failing(hierarchy_relations(table, structure(ctx.document, table)))


def _block(table: Table, k: int, st: Structure) -> list[int]:
    """Indices of the data rows a total row ``k`` may add up: since the table start or the
    previous total row."""
    out: list[int] = []
    for j in range(k - 1, -1, -1):
        row = table.rows[j]
        if st.is_total(row):
            break
        if st.is_data(row):
            out.append(j)
    out.reverse()
    return out


def _level_name(level: int) -> tuple[str, str]:
    return f"tingkat {level}", f"level {level}"


def _readings(
    table: Table, block: list[int], col: Column, lv: Levels
) -> list[tuple[Tried, Decimal, list[Row]]]:
    """The sums a total row may stand for, most plausible first: the top-level rows (when
    the rows have levels), all rows, the rows of each other level, the leaves (rows with no
    deeper row under them), and every reading the numbers allow of rows equal to the sum
    of the rows right after them as parents (:func:`top_sums`)."""
    rows = table.rows
    out: list[tuple[Tried, Decimal, list[Row]]] = []
    seen: set[tuple[int, ...]] = set()

    def add(idx: list[int], desc_id: str, desc_en: str) -> None:
        key = tuple(idx)
        if len(idx) < 1 or key in seen:
            return
        seen.add(key)
        picked = [rows[j] for j in idx]
        total = _sum(picked, col)
        if total is not None:
            out.append((Tried(f"{desc_id} ({len(idx)} baris)", f"{desc_en} ({len(idx)} rows)",
                              fmt(total, 0 if total == total.to_integral_value()
                                  else max(rows[j].cells[col.index].decimals for j in idx),
                                  col.notation)),
                        total, picked))

    known = sorted({lv[j] for j in block if lv[j] is not None})  # type: ignore[type-var]
    if known:
        top = known[0]
        # the top level, with the unknown rows that come before any known one
        first_known = next(i for i, j in enumerate(block) if lv[j] is not None)
        add([j for j in block[:first_known]] + [j for j in block if lv[j] == top],
            "baris " + _level_name(top)[0], _level_name(top)[1] + " rows")
    add(block, "semua baris", "all rows")
    for level in known[1:]:
        add([j for j in block if lv[j] == level],
            "baris " + _level_name(level)[0], _level_name(level)[1] + " rows")
    if known:
        leaves = [j for i, j in enumerate(block) if i + 1 == len(block) or not (
            lv[j] is not None and lv[block[i + 1]] is not None
            and lv[block[i + 1]] > lv[j])]  # type: ignore[operator]
        add(leaves, "baris terbawah", "lowest rows")
    # rows left blank in this column (a list that ends before the others, as when several
    # breakdowns stand side by side): the rows that carry a value
    filled = [j for j in block if amount(rows[j].cell(col.index)) is not None]
    if 2 <= len(filled) < len(block) and all(
            not rows[j].cells[col.index].text for j in block if j not in filled):
        add(filled, "baris yang berisi angka", "rows with a value")
    vals = [amount(rows[j].cell(col.index)) for j in block]
    if all(v is not None for v in vals):
        sums = top_sums([v for v in vals if v is not None])
        printed = {v for _, v, _ in out}
        for s in sorted(sums or ()):
            if s not in printed:
                out.append((Tried("susunan induk/anak lain menurut angka",
                                  "another parent/child reading by the numbers",
                                  fmt(s, 0, col.notation)), s, []))
    return out


def total_relations(
    table: Table, cols: list[Column], st: Structure | None = None
) -> Iterator[Relation]:
    """Jumlah / Total rows against the data rows since the table start (or the previous
    total row), under every reading of their structure (:func:`_readings`): the relation
    holds when one reading gives the printed total."""
    if not cols or not table.header_rows:
        return  # without its header the table may have lost rows above (a fragment)
    st = st or Structure([r.level for r in table.rows])
    lv = st.levels
    for k, row in enumerate(table.rows):
        if not st.is_total(row):
            continue
        block = _block(table, k, st)
        if len(block) < 2 or any(table.rows[j].unread for j in block):
            continue    # a row the reader could not place: the total is not checked
        for col in cols:
            cell = row.cell(col.index)
            pv = _amount(cell)
            if pv is None or cell is None:
                continue
            readings = _readings(table, block, col, lv)
            if not readings:
                continue
            holds = any(v == pv for _, v, _ in readings)
            # the reading nearest the printed total is the one the report most likely meant
            tried, _, kids = min((r for r in readings if r[2]),
                                 key=lambda r: abs(r[1] - pv), default=readings[0])
            yield Relation(holds, Issue(
                at=cell, actual=cell.text, expected=tried.value,
                args={"row": short(row.label or "jumlah"), "column": short(col.name, 40),
                      "count": len(kids),
                      **tried_args([t for t, _, _ in readings], limit=5)},
                related=[related_cell(r.cells[col.index], short(r.label, 50)) for r in kids],
            ))


def budget_total(ctx: Context, table: Table) -> Iterator[Issue]:
    cols = budget_columns(table)
    if not cols:
        return iter(())
    return failing(total_relations(table, cols, structure(ctx.document, table)))


def count_total(ctx: Context, table: Table) -> Iterator[Issue]:
    cols = count_columns(table)
    if not cols:
        return iter(())
    return failing(total_relations(table, cols, structure(ctx.document, table)))


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
