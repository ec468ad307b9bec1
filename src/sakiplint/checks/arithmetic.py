"""Arithmetic relations: capaian = realisasi / target x 100, serapan = realisasi anggaran /
anggaran x 100, Rata-rata rows. Each ``*_relations`` function yields every relation it
recomputes; the rule reports those that do not hold."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from sakiplint.checks.common import (
    Relation,
    failing,
    indicator_name,
    indicator_text,
    lower_is_better,
    number_of,
    related_cell,
    short,
    year_compatible,
)
from sakiplint.engine import Context, Issue, Settings
from sakiplint.model import Cell, Column, Row, Table
from sakiplint.read.numfmt import consistent, fmt

if TYPE_CHECKING:
    from sakiplint.facts.formulas import Formula

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


def _ratio_inputs(
    row: Row, base_col: Column, part_col: Column, pct_col: Column, dash: bool = False
) -> tuple[Cell, Cell, Cell, Decimal, Decimal, Decimal] | None:
    """Cells and numbers of ``pct = part / base x 100`` in one row, when all are there
    (``dash``: a dash for the part is zero spent)."""
    b_cell = row.cell(base_col.index)
    p_cell = row.cell(part_col.index)
    c_cell = row.cell(pct_col.index)
    b, p, c = number_of(b_cell), number_of(p_cell), number_of(c_cell)
    if dash and p is None:
        from sakiplint.facts.hierarchy import amount

        p = amount(p_cell)
    if b is None or p is None or c is None or b <= 0 or p < 0:
        return None
    assert b_cell is not None and p_cell is not None and c_cell is not None
    if c_cell.value is None or c_cell.value.kind not in ("percent", "number"):
        return None
    return b_cell, p_cell, c_cell, b, p, c


def _pct_suffix(cell: Cell) -> str:
    return "%" if cell.value is not None and cell.value.kind == "percent" else ""


def lower_is_better_candidates(
    t: Decimal, r: Decimal, formulas: Sequence[Formula] = ()
) -> list[Decimal]:
    """Capaian values acceptable for a lower-is-better indicator: those of the negative
    formulas the report states (the report's own definition wins), else the common ones:
    (target - (realisasi - target)) / target x 100 and target / realisasi x 100."""
    if formulas:
        return [x for f in formulas if (x := f.apply(t, r)) is not None]
    out = [(t - (r - t)) / t * HUNDRED]
    if r:
        out.append(t / r * HUNDRED)
    return out


def capaian_relations(
    table: Table, settings: Settings, formulas: Sequence[Formula] = (),
    negative: frozenset[str] = frozenset(),
) -> Iterator[Relation]:
    """capaian = realisasi / target x 100. Lower-is-better indicators (the phrase list, or
    ``negative``: indicator keys the report marks so) also pass with the negative-polarity
    ``formulas`` the report states, else with the common inverse formulas (see
    sakiplint.facts.formulas)."""
    extra, scale = settings.lower_is_better, settings.tolerance_scale
    for t_col, r_col, c_col in capaian_triples(table) + inferred_triples(table, settings):
        for row in table.rows:
            if row.kind != "data":
                continue
            got = _ratio_inputs(row, t_col, r_col, c_col)
            if got is None:
                continue
            t_cell, r_cell, c_cell, t, r, c = got
            d = c_cell.decimals
            exact = r / t * HUNDRED
            holds = consistent(c, exact, d, scale)
            label = indicator_text(row, table)
            if not holds and (
                lower_is_better(label, extra) or _marked_negative(row, table, negative)
            ):
                inverse = lower_is_better_candidates(t, r, formulas)
                holds = any(consistent(c, x, d, scale) for x in inverse)
            yield Relation(holds, Issue(
                at=c_cell,
                actual=c_cell.text,
                expected=fmt(exact, d, c_col.notation) + _pct_suffix(c_cell),
                args={"indicator": short(indicator_name(row, table) or label),
                      "realisasi": r_cell.text, "target": t_cell.text},
                related=[related_cell(r_cell, "realisasi"), related_cell(t_cell, "target")],
            ))


def _marked_negative(row: Row, table: Table, negative: frozenset[str]) -> bool:
    if not negative:
        return False
    from sakiplint.facts.formulas import indicator_key

    return any(
        indicator_key(c.text) in negative
        for c, col in zip(row.cells, table.columns, strict=False)
        if c.text and col.role == "indikator"
    )


_UNNAMED = ("number", "persen", None)


def _holds_mostly(
    table: Table, t_col: Column, r_col: Column, c_col: Column, settings: Settings,
    rows: int = 3, telling_rows: int = 2, majority: bool = True,
) -> bool:
    """Most rows with all three numbers have c = r / t x 100 (two of them at least with
    r != t and c not 0, so that the rule is not read from rows of 100 / 100 / 100
    or of zeros)."""
    n = holds = telling = 0
    for row in table.rows:
        if row.kind != "data":
            continue
        got = _ratio_inputs(row, t_col, r_col, c_col)
        if got is None:
            continue
        _, _, c_cell, t, r, c = got
        n += 1
        if consistent(c, r / t * HUNDRED, c_cell.decimals, settings.tolerance_scale):
            holds += 1
            telling += r != t and c != 0
    return n >= rows and telling >= telling_rows and (2 * holds > n if majority else holds > 0)


def inferred_triples(table: Table, settings: Settings) -> list[tuple[Column, Column, Column]]:
    """(target, realisasi, capaian) column triples the headers do not name but the numbers
    show: three adjacent numeric columns without value roles (a table whose header was
    lost), or a percentage column right after a target and a realisasi column, where most
    rows have c = r / t x 100."""
    named = {c.index for _, _, c in capaian_triples(table)}
    cols = table.columns
    out: list[tuple[Column, Column, Column]] = []
    for i in range(2, len(cols)):
        t, r, c = cols[i - 2], cols[i - 1], cols[i]
        if c.index in named or not (t.numeric and r.numeric and c.numeric) or c.money:
            continue
        plain = all(x.role in _UNNAMED for x in (t, r, c))
        after = t.role == "target" and r.role == "realisasi" and c.role in _UNNAMED \
            and year_compatible(t, r) and year_compatible(r, c)
        if (plain and _holds_mostly(table, t, r, c, settings)) or (
                after and _holds_mostly(table, t, r, c, settings, 2, 1)) or (
                # a bare "%" right after Target and Realisasi is the capaian by convention:
                # one row agreeing is enough to confirm it
                after and c.role == "persen"
                and _holds_mostly(table, t, r, c, settings, 2, 0, majority=False)):
            out.append((t, r, c))
    return out


def capaian(ctx: Context, table: Table) -> Iterator[Issue]:
    from sakiplint.facts.formulas import negative_formulas, negative_indicators

    formulas: Sequence[Formula] = ()
    negative: frozenset[str] = frozenset()
    if len([c for c in table.columns if c.numeric]) >= 3:
        formulas = negative_formulas(ctx.document)
        negative = negative_indicators(ctx.document)
    return failing(capaian_relations(table, ctx.settings, formulas, negative))


def _left(table: Table, col: Column, role: str, stop: tuple[str, ...]) -> Column | None:
    for c in reversed(table.columns[: col.index]):
        if c.role == role:
            return c
        if c.role in stop:
            return None
    return None


def _absorption_columns(table: Table) -> Iterator[tuple[Column, Column, Column, bool]]:
    """(anggaran, realisasi anggaran, serapan, named) column triples: a column named serapan
    (``named``), or a percentage column right after the realisasi anggaran whose header
    says something else ("% Realisasi", "% dari Angg.") when most of its rows already are
    realisasi / anggaran x 100 (the numbers tell what the column is)."""
    for s_col in table.columns:
        named = s_col.role == "serapan"
        if not named:
            left = table.columns[s_col.index - 1] if s_col.index else None
            if left is None or left.role != "realisasi_anggaran" or s_col.money \
                    or not s_col.numeric or s_col.role not in (
                        "realisasi", "persen", "number", "efisiensi", "capaian"):
                continue
        r_col = _left(table, s_col, "realisasi_anggaran", ("serapan", "capaian"))
        if r_col is None:
            continue
        a_col = _left(table, r_col, "anggaran", ("serapan", "capaian"))
        if a_col is None or a_col.stage is not None:
            continue
        yield a_col, r_col, s_col, named


def serapan_relations(table: Table, settings: Settings) -> Iterator[Relation]:
    scale = settings.tolerance_scale
    for a_col, r_col, s_col, named in _absorption_columns(table):
        rels: list[Relation] = []
        for row in table.rows:
            if row.kind == "average":
                continue
            got = _ratio_inputs(row, a_col, r_col, s_col, dash=True)
            if got is None:
                continue
            a_cell, r_cell, s_cell, a, r, s = got
            exact = r / a * HUNDRED
            rels.append(Relation(consistent(s, exact, s_cell.decimals, scale), Issue(
                at=s_cell, actual=s_cell.text,
                expected=fmt(exact, s_cell.decimals, s_col.notation) + _pct_suffix(s_cell),
                args={"row": short(row.label), "realisasi": r_cell.text, "anggaran": a_cell.text},
                related=[related_cell(r_cell, "realisasi"), related_cell(a_cell, "anggaran")],
            )))
        if named or (len(rels) >= 3 and 2 * sum(r.holds for r in rels) > len(rels)):
            yield from rels


def serapan(ctx: Context, table: Table) -> Iterator[Issue]:
    """Serapan (absorption) = realisasi anggaran / anggaran x 100."""
    return failing(serapan_relations(table, ctx.settings))


def average_relations(table: Table, settings: Settings) -> Iterator[Relation]:
    """A Rata-rata row against the mean of the rows above it. When the mean of all rows does
    not match, a contiguous run of at least two rows whose mean matches is accepted (reports
    often leave a goal-level row out of the average)."""
    scale = settings.tolerance_scale
    for k, row in enumerate(table.rows):
        if row.kind != "average":
            continue
        data = [r for r in table.rows[:k] if r.kind == "data"]
        for col in table.columns:
            if not col.numeric or col.role == "no":
                continue
            cell = row.cell(col.index)
            v = number_of(cell)
            if v is None or cell is None:
                continue
            vals = [number_of(r.cell(col.index)) for r in data]
            if len(vals) < 2 or any(x is None for x in vals):
                continue  # empty cells: unclear whether they count as zero
            prefix = [Decimal(0)]
            for x in vals:
                prefix.append(prefix[-1] + (x or 0))
            n = len(vals)
            mean = prefix[n] / n
            holds = consistent(v, mean, cell.decimals, scale) or any(
                consistent(v, (prefix[j] - prefix[i]) / (j - i), cell.decimals, scale)
                for i in range(n) for j in range(i + 2, n + 1) if (i, j) != (0, n)
            )
            yield Relation(holds, Issue(
                at=cell, actual=cell.text,
                expected=fmt(mean, cell.decimals, col.notation) + _pct_suffix(cell),
                args={"column": short(col.name, 40), "count": n},
                related=[related_cell(r.cells[col.index], short(r.label, 50)) for r in data],
            ))


def average_rows(ctx: Context, table: Table) -> Iterator[Issue]:
    return failing(average_relations(table, ctx.settings))
