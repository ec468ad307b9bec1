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
