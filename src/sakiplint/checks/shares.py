"""Breakdowns: share = part / total x 100 in a percentage column whose total row says 100.

A column is read as a share column only when (1) the table has a Jumlah / Total row, (2) that
row's cell in the column is 100 (99 .. 101: rounded shares), (3) the column directly left of
it is a count or amount column with a number in the total row, and (4) most data rows
already agree with part / total x 100 — the report's own values decide what the column is
(a serapan or capaian column next to a total row of 100 does not pass (4)).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import (
    Relation,
    Tried,
    failing,
    indicator_name,
    number_of,
    related_cell,
    short,
    tried_args,
)
from sakiplint.engine import Context, Issue, Settings
from sakiplint.model import Cell, Column, Row, Table
from sakiplint.read.numfmt import consistent, fmt

HUNDRED = Decimal(100)
#: roles a part column may have (counts, areas, amounts; not target / realisasi pairs)
PART_ROLES = ("number", "jumlah", "anggaran", None)
#: roles a share column may have
SHARE_ROLES = ("persen", "number", "jumlah", None)


def _is_share_header(col: Column) -> bool:
    h = col.header.lower()
    return col.role == "persen" or "%" in h or "persen" in h or "prosen" in h or "proporsi" in h


def _share_columns(table: Table, total: Row) -> Iterator[tuple[Column, Column, Cell]]:
    """(part column, share column, total part cell) pairs."""
    for col in table.columns:
        if col.index == 0 or col.role not in SHARE_ROLES or not col.numeric:
            continue
        share_total = number_of(total.cell(col.index))
        if share_total is None or not (99 <= share_total <= 101):
            continue
        part_col = table.columns[col.index - 1]
        if part_col.role not in PART_ROLES or not part_col.numeric:
            continue
        part_total = total.cell(part_col.index)
        p = number_of(part_total)
        if part_total is None or p is None or p <= 0:
            continue
        if part_total.value is not None and part_total.value.kind == "percent":
            continue
        yield part_col, col, part_total


def _all_percent(table: Table, col: Column) -> bool:
    cells = [r.cell(col.index) for r in table.rows]
    vals = [c for c in cells if c is not None and c.value is not None and c.number is not None]
    return bool(vals) and all(c.value is not None and c.value.kind == "percent" for c in vals)


def share_relations(table: Table, settings: Settings) -> Iterator[Relation]:
    scale = settings.tolerance_scale
    totals = [r for r in table.rows if r.kind == "total"]
    if len(totals) != 1:
        return  # several totals (sub-totals, continued tables): which one is the base?
    total = totals[0]
    data = [r for r in table.rows if r.kind == "data" and r.index < total.index]
    for part_col, share_col, total_cell in _share_columns(table, total):
        base = number_of(total_cell)
        assert base is not None
        rels: list[Relation] = []
        for row in data:
            part_cell, share_cell = row.cell(part_col.index), row.cell(share_col.index)
            part, share = number_of(part_cell), number_of(share_cell)
            if part is None or share is None or part_cell is None or share_cell is None:
                continue
            exact = part / base * HUNDRED
            pct = share_cell.value is not None and share_cell.value.kind == "percent"
            suffix = "%" if pct else ""
            rels.append(Relation(
                consistent(share, exact, share_cell.decimals, scale),
                Issue(
                    at=share_cell, actual=share_cell.text,
                    expected=fmt(exact, share_cell.decimals, share_col.notation) + suffix,
                    args={"row": short(row.label), "part": part_cell.text,
                          "total": total_cell.text},
                    related=[related_cell(part_cell, "bagian"),
                             related_cell(total_cell, "jumlah")],
                ),
            ))
        # the column is a share column only when the report's values mostly say so (with
        # more of them when its header does not name a percentage)
        named = _is_share_header(share_col) or _all_percent(table, share_col)
        if len(rels) >= (2 if named else 3) and 2 * sum(r.holds for r in rels) > len(rels):
            yield from rels


def shares(ctx: Context, table: Table) -> Iterator[Issue]:
    """Share = part / total x 100 in a percentage column whose total row says 100."""
    return failing(share_relations(table, ctx.settings))


# --------------------------------------------------------------------------- efficiency
# Efficiency tables: capaian kinerja | pagu | realisasi anggaran | capaian anggaran | ratio.
# Reports define the ratio in more than one way: capaian kinerja / capaian anggaran x 100
# (the usual one), 100 + capaian kinerja - capaian anggaran, or capaian kinerja - capaian
# anggaran (some regional templates). Each definition is a reading: a row is reported only
# when it fits none of them. The ratio column is judged only when the capaian-anggaran
# column before it is verified (realisasi / pagu x 100 in most rows, whatever its header
# says: converters often misplace the group headers, "Ratio efisiensi", of these tables) and
# at least half of its rows fit some definition (it is an efficiency column at all).

_EFFICIENCY_WORDS = ("efisien", "ratio", "rasio")
_NUMERIC_ROLES = ("serapan", "capaian", "efisiensi", "persen", "number", None)


def _mentions_efficiency(*texts: str | None) -> bool:
    return any(w in (t or "").lower() for t in texts for w in _EFFICIENCY_WORDS)


def _next_numeric(table: Table, col: Column) -> Column | None:
    k = col.index + 1
    if k >= len(table.columns):
        return None
    nxt = table.columns[k]
    return nxt if nxt.numeric and nxt.role in _NUMERIC_ROLES else None


def _definitions(
    c: Decimal, s: Decimal, unrounded: Decimal, dc: int, ds: int
) -> list[tuple[Tried, Decimal, Decimal]]:
    """(definition, its value, the tolerance beyond the printed decimals it allows)."""
    ratio = c / s * HUNDRED
    slack = _propagated(c, s, dc, ds, 0) - 1
    out = [
        (Tried("capaian kinerja / capaian anggaran x 100",
               "performance achievement / budget absorption x 100", ""), ratio, slack),
        (Tried("dari nilai tak dibulatkan", "from unrounded values", ""), unrounded, Decimal(0)),
        (Tried("100 + capaian kinerja - capaian anggaran",
               "100 + performance achievement - budget absorption", ""), HUNDRED + c - s,
         Decimal(0)),
        (Tried("capaian kinerja - capaian anggaran",
               "performance achievement - budget absorption", ""), c - s, Decimal(0)),
    ]
    return out


def efficiency_relations(table: Table, settings: Settings) -> Iterator[Relation]:
    from sakiplint.checks.arithmetic import capaian_triples

    scale = settings.tolerance_scale
    data = [r for r in table.rows if r.kind == "data"]
    for t_col, r_col, c_col in capaian_triples(table):
        right = table.columns[c_col.index + 1:]
        a_col = next((c for c in right[:2] if c.role == "anggaran"), None)
        if a_col is None or a_col.index + 1 >= len(table.columns):
            continue
        ra_col = table.columns[a_col.index + 1]
        if ra_col.role != "realisasi_anggaran":
            continue
        s_col = _next_numeric(table, ra_col)
        e_col = _next_numeric(table, s_col) if s_col is not None else None
        if s_col is None or e_col is None:
            continue
        if not _mentions_efficiency(table.caption, e_col.header, e_col.group, s_col.header,
                                    s_col.group):
            continue
        serapan: list[bool] = []
        ratios: list[Relation] = []
        for row in data:
            cells = [row.cell(c.index) for c in (t_col, r_col, c_col, a_col, ra_col, s_col, e_col)]
            nums = [number_of(c) for c in cells]
            if any(n is None for n in nums) or any(c is None for c in cells):
                continue
            t, r, c, a, ra, s, e = (n for n in nums if n is not None)
            _, _, c_cell, _, _, s_cell, e_cell = (x for x in cells if x is not None)
            if a <= 0 or s <= 0 or t <= 0:
                continue
            ok = consistent(s, ra / a * HUNDRED, s_cell.decimals, scale)
            serapan.append(ok)
            if not ok:
                continue   # the absorption itself is wrong (BU003): no ratio to judge
            # the ratio may come from the unrounded capaian and serapan
            unrounded = (r / t) / (ra / a) * HUNDRED
            step = Decimal(1).scaleb(-e_cell.decimals) * scale
            defs = _definitions(c, s, unrounded, c_cell.decimals, s_cell.decimals)
            holds = any(abs(e - x) < step + slack * scale for _, x, slack in defs)
            suffix = "%" if e_cell.value is not None and e_cell.value.kind == "percent" else ""
            tried = [Tried(d.id, d.en, fmt(x, e_cell.decimals, e_col.notation) + suffix)
                     for d, x, _ in defs if d.id != "dari nilai tak dibulatkan"]
            ratios.append(Relation(holds, Issue(
                at=e_cell, actual=e_cell.text,
                expected=fmt(defs[0][1], e_cell.decimals, e_col.notation) + suffix,
                args={"row": short(indicator_name(row, table)), "capaian": c_cell.text,
                      "serapan": s_cell.text, **tried_args(tried)},
                related=[related_cell(c_cell, "capaian kinerja"),
                         related_cell(s_cell, "capaian anggaran")],
            )))
        if len(serapan) >= 2 and 2 * sum(serapan) > len(serapan) \
                and 2 * sum(r.holds for r in ratios) >= len(ratios):
            yield from ratios


def _propagated(c: Decimal, s: Decimal, dc: int, ds: int, de: int) -> Decimal:
    """How far c / s x 100 may move when c and s are themselves rounded to dc / ds
    decimals, plus the ratio's own last digit."""
    ec, es = Decimal(1).scaleb(-dc), Decimal(1).scaleb(-ds)
    return Decimal(1).scaleb(-de) + HUNDRED * ec / s + HUNDRED * c * es / (s * s)


def efficiency(ctx: Context, table: Table) -> Iterator[Issue]:
    """Ratio efisiensi: one of the definitions reports use (see above)."""
    return failing(efficiency_relations(table, ctx.settings))
