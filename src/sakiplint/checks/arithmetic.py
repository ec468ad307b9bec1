"""Arithmetic checks: capaian = realisasi / target x 100."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import (
    indicator_text,
    lower_is_better,
    number_of,
    related_cell,
    short,
    year_compatible,
)
from sakiplint.engine import Context, Issue
from sakiplint.model import Column, Table
from sakiplint.numfmt import consistent, fmt

HUNDRED = Decimal(100)


def capaian_triples(table: Table) -> list[tuple[Column, Column, Column]]:
    """(target, realisasi, capaian) column triples: by year where the columns carry years,
    otherwise the nearest realisasi and target to the left of the capaian column."""
    cols = table.columns
    out: list[tuple[Column, Column, Column]] = []
    for cap in cols:
        if cap.role != "capaian":
            continue
        if cap.year is not None:
            t = [c for c in cols if c.role == "target" and c.year == cap.year]
            r = [c for c in cols if c.role == "realisasi" and c.year == cap.year]
            if len(t) == 1 and len(r) == 1:
                out.append((t[0], r[0], cap))
                continue
        real: Column | None = None
        target: Column | None = None
        for c in reversed(cols[: cap.index]):
            if c.role == "capaian":
                break
            if real is None and c.role == "realisasi":
                real = c
            elif real is not None and c.role == "target":
                target = c
                break
        if (
            real is not None and target is not None
            and year_compatible(real, cap) and year_compatible(target, cap)
            and year_compatible(target, real)
        ):
            out.append((target, real, cap))
    return out


def capaian(ctx: Context, table: Table) -> Iterator[Issue]:
    extra = ctx.settings.lower_is_better
    scale = ctx.settings.tolerance_scale
    for t_col, r_col, c_col in capaian_triples(table):
        for row in table.rows:
            if row.kind != "data":
                continue
            t_cell, r_cell, c_cell = (row.cell(t_col.index), row.cell(r_col.index),
                                      row.cell(c_col.index))
            t, r, c = number_of(t_cell), number_of(r_cell), number_of(c_cell)
            if t is None or r is None or c is None or t <= 0 or r < 0:
                continue
            assert t_cell is not None and r_cell is not None and c_cell is not None
            if c_cell.value is None or c_cell.value.kind not in ("percent", "number"):
                continue
            d = c_cell.decimals
            exact = r / t * HUNDRED
            if consistent(c, exact, d, scale):
                continue
            label = indicator_text(row, table)
            if lower_is_better(label, extra):
                inverse = [(t - (r - t)) / t * HUNDRED, t / r * HUNDRED if r else None]
                if any(x is not None and consistent(c, x, d, scale) for x in inverse):
                    continue
                # polarity known but the printed value fits no formula: still report
            notation = c_col.notation
            expected = fmt(exact, d, notation)
            yield Issue(
                at=c_cell,
                actual=c_cell.text,
                expected=expected + ("%" if c_cell.value.kind == "percent" else ""),
                args={
                    "indicator": short(row.label or label),
                    "realisasi": r_cell.text, "target": t_cell.text,
                },
                related=[related_cell(r_cell, "realisasi"), related_cell(t_cell, "target")],
            )


def _left(table: Table, col: Column, role: str, stop: tuple[str, ...]) -> Column | None:
    for c in reversed(table.columns[: col.index]):
        if c.role == role:
            return c
        if c.role in stop:
            return None
    return None


def serapan(ctx: Context, table: Table) -> Iterator[Issue]:
    """Serapan (absorption) = realisasi anggaran / anggaran x 100."""
    scale = ctx.settings.tolerance_scale
    for s_col in table.columns:
        if s_col.role != "serapan":
            continue
        r_col = _left(table, s_col, "realisasi_anggaran", ("serapan", "capaian"))
        if r_col is None:
            continue
        a_col = _left(table, r_col, "anggaran", ("serapan", "capaian"))
        if a_col is None or a_col.stage is not None:
            continue
        for row in table.rows:
            if row.kind == "average":
                continue
            a_cell, r_cell, s_cell = (row.cell(a_col.index), row.cell(r_col.index),
                                      row.cell(s_col.index))
            a, r, s = number_of(a_cell), number_of(r_cell), number_of(s_cell)
            if a is None or r is None or s is None or a <= 0 or r < 0:
                continue
            assert a_cell is not None and r_cell is not None and s_cell is not None
            exact = r / a * HUNDRED
            if consistent(s, exact, s_cell.decimals, scale):
                continue
            pct = "%" if s_cell.value is not None and s_cell.value.kind == "percent" else ""
            yield Issue(
                at=s_cell, actual=s_cell.text,
                expected=fmt(exact, s_cell.decimals, s_col.notation) + pct,
                args={"row": short(row.label), "realisasi": r_cell.text, "anggaran": a_cell.text},
                related=[related_cell(r_cell, "realisasi"), related_cell(a_cell, "anggaran")],
            )


def average_rows(ctx: Context, table: Table) -> Iterator[Issue]:
    """A Rata-rata row against the mean of the rows above it. When the mean of all rows does
    not match, a contiguous run of at least two rows whose mean matches is accepted (reports
    often leave a goal-level row out of the average)."""
    scale = ctx.settings.tolerance_scale
    for k, row in enumerate(table.rows):
        if row.kind != "average":
            continue
        data = [r for r in table.rows[:k] if r.kind == "data"]
        for col in table.columns:
            if not col.numeric or col.role in ("no",):
                continue
            cell = row.cell(col.index)
            v = number_of(cell)
            if v is None or cell is None:
                continue
            vals = [number_of(r.cell(col.index)) for r in data]
            pairs = [(r, x) for r, x in zip(data, vals, strict=True) if x is not None]
            if len(pairs) < 2 or len(pairs) != len([x for x in vals if x is not None]):
                continue
            if any(x is None for x in vals):
                continue  # empty cells: unclear whether they count as zero
            nums = [x for _, x in pairs]
            mean = sum(nums, Decimal(0)) / len(nums)
            if consistent(v, mean, cell.decimals, scale):
                continue
            n = len(nums)
            if any(
                consistent(v, sum(nums[i:j], Decimal(0)) / (j - i), cell.decimals, scale)
                for i in range(n) for j in range(i + 2, n + 1) if (i, j) != (0, n)
            ):
                continue
            pct = "%" if cell.value is not None and cell.value.kind == "percent" else ""
            yield Issue(
                at=cell, actual=cell.text,
                expected=fmt(mean, cell.decimals, col.notation) + pct,
                args={"column": short(col.name, 40), "count": n},
                related=[related_cell(r.cells[col.index], short(r.label, 50)) for r, _ in pairs],
            )
