"""A capaian printed without its target: recomputed with the targets the other tables give.

Tables comparing several years (realisasi and capaian 2019 ... 2023) often print no target
column. The capaian is then checked against every target the report gives elsewhere for the
same indicator and year (Renstra, IKU, Perjanjian Kinerja, other measurement tables), each a
reading; and, when the table's own rows show that it measures capaian against the year
before (realisasi / realisasi of the previous year x 100), that definition too. A capaian
is reported only when no reading gives it, and the message names the readings tried.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sakiplint.checks.arithmetic import (
    HUNDRED,
    capaian_triples,
    lower_is_better_candidates,
)
from sakiplint.checks.common import (
    Tried,
    lower_is_better,
    number_of,
    other_scale,
    related_cell,
    short,
    table_label,
    tried_args,
)
from sakiplint.engine import Context, Issue, Settings
from sakiplint.facts.identity import (
    Identity,
    Occurrence,
    comparable,
    identity,
    same_number,
    value_kind,
)
from sakiplint.model import Cell, Column, Document, Row, Table
from sakiplint.read.numfmt import consistent, fmt

if TYPE_CHECKING:
    from sakiplint.facts.formulas import Formula

#: a table measures capaian against the year before when at least this many of its cells
#: follow that definition and no target does
_YOY_MIN = 2


@dataclass(slots=True)
class _Cap:
    row: Row
    col: Column
    cell: Cell
    value: Decimal
    real: Cell
    r: Decimal
    year: int
    targets: list[Occurrence]        # one per distinct target value, from other tables
    previous: Cell | None            # the realisasi of the year before, in this table
    target_ok: bool = False
    yoy_ok: bool = False


def _realisasi_for(table: Table, cap: Column, year_columns: bool) -> Column | None:
    cols = table.columns
    if cap.year is not None:
        same = [c for c in cols if c.role == "realisasi" and c.year == cap.year
                and value_kind(c) == "realisasi"]
        return same[0] if len(same) == 1 else None
    if year_columns:
        return None
    for c in reversed(cols[:cap.index]):
        if c.role == "capaian":
            return None
        if c.role == "realisasi" and value_kind(c) == "realisasi":
            return c
    return None


def _previous_column(table: Table, year: int) -> Column | None:
    """The column holding the realisasi of ``year`` - 1: a realisasi column of that year, or
    a "Kondisi / Data awal" column of that year."""
    found = [c for c in table.columns if c.year == year - 1 and (
        c.role == "realisasi" or any(w in c.header.lower() for w in ("awal", "kondisi")))]
    return found[0] if len(found) == 1 else None


def _indicator_column(table: Table, index: int) -> Column | None:
    for col in reversed(table.columns[:index]):
        if col.role == "indikator":
            return col
    return None


def _distinct(occs: list[Occurrence]) -> list[Occurrence]:
    out: list[Occurrence] = []
    for o in occs:
        if not any(same_number(o.cell, x.cell) for x in out):
            out.append(o)
    return out


def _gather(ident: Identity, table: Table) -> list[_Cap]:
    info = ident.info(table)
    if info.role in ("perbandingan", "renstra", "pk", "pk_perubahan"):
        return []
    covered = {c.index for _, _, c in capaian_triples(table)}
    year_columns = any(c.year for c in table.columns if value_kind(c))
    out: list[_Cap] = []
    for cap in table.columns:
        if cap.role != "capaian" or cap.index in covered or not cap.numeric:
            continue
        if value_kind(cap) != "capaian" or any(c.role == "target" and (
                c.year == cap.year or cap.year is None) for c in table.columns):
            continue   # a target column the triples could not pair (or one printing
            # ratings, "B (75)"): the table has its own target, the layout is unclear
        year = cap.year if cap.year is not None else (None if year_columns else info.year)
        real = _realisasi_for(table, cap, year_columns)
        ind = _indicator_column(table, cap.index)
        if year is None or real is None or ind is None:
            continue
        prev = _previous_column(table, year)
        for row in table.rows:
            if row.kind != "data":
                continue
            name, c_cell, r_cell = row.cell(ind.index), row.cell(cap.index), row.cell(real.index)
            c, r = number_of(c_cell), number_of(r_cell)
            if name is None or not name.text or c is None or r is None or r < 0:
                continue
            assert c_cell is not None and r_cell is not None
            if c_cell.value is None or c_cell.value.kind not in ("percent", "number"):
                continue
            key = ident.key_of(table, ind, name.text)
            if key is None:
                continue
            here = Occurrence(table, info, row, r_cell, name, key, "realisasi", year)
            others = [o for o in ident.values.get((key, "target", year), [])
                      if o.table.index != table.index and comparable(o, here)]
            targets = [o for o in _distinct(others) if o.cell.number and o.cell.number > 0
                       and not other_scale(o.cell, r_cell)]
            if not targets:
                continue
            previous = row.cell(prev.index) if prev is not None else None
            out.append(_Cap(row, cap, c_cell, c, r_cell, r, year, targets, previous))
    return out


def _candidates(
    cap: _Cap, table: Table, settings: Settings, formulas: Sequence[Formula],
    negative: frozenset[str],
) -> list[tuple[Tried, Decimal]]:
    """(reading, capaian it gives) for each target the other tables give."""
    from sakiplint.checks.arithmetic import _marked_negative
    from sakiplint.checks.common import indicator_text

    out: list[tuple[Tried, Decimal]] = []
    label = indicator_text(cap.row, table)
    inverse = lower_is_better(label, settings.lower_is_better) or _marked_negative(
        cap.row, table, negative)
    d = cap.cell.decimals
    suffix = "%" if cap.cell.value is not None and cap.cell.value.kind == "percent" else ""
    for o in cap.targets:
        t = o.cell.number
        assert t is not None
        exact = cap.r / t * HUNDRED
        where = table_label(o.table)
        desc = f"{cap.real.text} / {o.cell.text} ({where}) x 100"
        out.append((Tried(desc, desc, fmt(exact, d, cap.col.notation) + suffix), exact))
        if inverse:
            for x in lower_is_better_candidates(t, cap.r, formulas):
                out.append((Tried(f"{desc} (rumus negatif)", f"{desc} (negative formula)",
                                  fmt(x, d, cap.col.notation) + suffix), x))
    return out


def _yoy(cap: _Cap) -> Decimal | None:
    p = number_of(cap.previous)
    if p is None or p <= 0:
        return None
    return cap.r / p * HUNDRED


def other_targets(ctx: Context, table: Table) -> Iterator[Issue]:
    """AR011: a capaian without a target in its own table, against the targets the other
    tables give for the indicator and year (and the year-on-year definition, when the
    table's own rows use it)."""
    if not any(c.role == "capaian" for c in table.columns):
        return
    from sakiplint.facts.formulas import negative_formulas, negative_indicators

    ident = identity(ctx.document)
    caps = _gather(ident, table)
    if not caps:
        return
    settings, scale = ctx.settings, ctx.settings.tolerance_scale
    formulas = negative_formulas(ctx.document)
    negative = negative_indicators(ctx.document)
    judged: list[tuple[_Cap, list[tuple[Tried, Decimal]], Decimal | None]] = []
    for cap in caps:
        cands = _candidates(cap, table, settings, formulas, negative)
        d = cap.cell.decimals
        cap.target_ok = any(consistent(cap.value, x, d, scale) for _, x in cands)
        yoy = _yoy(cap)
        cap.yoy_ok = yoy is not None and consistent(cap.value, yoy, d, scale)
        judged.append((cap, cands, yoy))
    # the table's own definition: capaian against the year before, when its rows say so
    # and the sentence introducing the table does not say it measures against the target
    yoy_only = sum(1 for c in caps if c.yoy_ok and not c.target_ok)
    target_only = sum(1 for c in caps if c.target_ok and not c.yoy_ok)
    yoy_rows = yoy_only >= _YOY_MIN and yoy_only > target_only
    stated = yoy_rows and _stated_against_target(ctx.document, table)
    yoy_used = yoy_rows and not stated
    for cap, cands, yoy in judged:
        if cap.target_ok or (yoy_used and cap.yoy_ok):
            continue
        tried = [t for t, _ in cands]
        suffix = "%" if cap.cell.value is not None and cap.cell.value.kind == "percent" else ""
        if yoy_used and yoy is not None and cap.previous is not None:
            desc = f"{cap.real.text} / {cap.previous.text} ({cap.year - 1}) x 100"
            tried.append(Tried(f"{desc}, dibanding tahun sebelumnya",
                               f"{desc}, against the year before",
                               fmt(yoy, cap.cell.decimals, cap.col.notation) + suffix))
        elif stated and cap.yoy_ok:
            tried.append(Tried("(sama dengan realisasi tahun sebelumnya x 100, padahal kalimat "
                               "pengantar tabel menyatakan capaian diukur terhadap target)",
                               "(equal to realisasi of the year before x 100, while the "
                               "sentence introducing the table says capaian is measured "
                               "against the target)", ""))
        first = cands[0][1]
        name = cap.row.cells[_indicator_column(table, cap.col.index).index]  # type: ignore[union-attr]
        related = [related_cell(cap.real, f"realisasi {cap.year}")]
        related += [related_cell(o.cell, f"target {cap.year} ({table_label(o.table)})")
                    for o in cap.targets]
        yield Issue(
            at=cap.cell, actual=cap.cell.text,
            expected=fmt(first, cap.cell.decimals, cap.col.notation) + suffix,
            args={"indicator": short(name.text), "year": cap.year, **tried_args(tried)},
            related=related,
        )


_AGAINST_TARGET = re.compile(
    r"\b(?:berdasarkan|terhadap|dibandingkan(?:\s+dengan)?|dibanding(?:\s+dengan)?)\s+"
    r"target\b", re.I)


def _stated_against_target(doc: Document, table: Table) -> bool:
    """Whether the paragraph just above the table (its caption) says that the capaian is
    measured against the target ("berdasarkan target yang ditetapkan")."""
    top = table.caption_line or table.start_line
    if table.caption_line is not None:
        top = min(top, table.start_line)
    paras = doc.paragraphs
    ends = [pa.end_line for pa in paras]
    i = bisect_right(ends, top - 1) - 1
    while i >= 0 and top - paras[i].end_line <= 4:
        text = paras[i].text
        if not text.lower().startswith(("tabel", "table")):
            return _AGAINST_TARGET.search(text) is not None
        i -= 1
    return False
