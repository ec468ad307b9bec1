"""Verbal ratings against the number they rate, using the rating scale the report prints
(see sakiplint.facts.scales)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import indicator_name, number_of, related_cell, short
from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.scales import (
    Band,
    Scale,
    ScaleIndex,
    capaian_scale_index,
    same_label,
    scale_tables,
)
from sakiplint.model import Cell, Row, Table

#: column roles whose numbers a rating may judge (a capaian, or a bare percent column)
_RATED_ROLES = ("capaian", "number", "persen", None)
#: column roles that hold words, where a rating may be written
_WORD_ROLES = ("label", "keterangan", None)


def _rated_number(table: Table, row: Row, k: int) -> Cell | None:
    """The capaian a rating in column ``k`` judges: the first filled cell to its left, when
    it is a capaian column or a percent value."""
    for j in range(k - 1, -1, -1):
        cell = row.cell(j)
        if cell is None or not cell.text:
            continue
        col = table.columns[j]
        if number_of(cell) is None or cell.value is None:
            return None
        if col.role == "capaian" or (col.role in _RATED_ROLES and cell.value.kind == "percent"):
            return cell
        return None
    return None


def _verdict(index: ScaleIndex, label: str, x: Decimal) -> tuple[bool, list[Band]] | None:
    """(holds, bands x falls in) over the scales that know ``label``; None when no scale
    knows the label or one of them has no band for x (a gap: do not judge)."""
    knowing: list[Scale] = index.knowing(label)
    if not knowing:
        return None
    found: list[Band] = []
    for s in knowing:
        bands = s.bands_for(x)
        if not bands:
            return None
        if any(same_label(label, b.label) for b in bands):
            return True, bands
        found.extend(bands)
    return False, found


def rating_mismatch(ctx: Context, table: Table) -> Iterator[Issue]:
    """A verbal rating ("Sangat Berhasil", "Tinggi") beside a capaian must be the label the
    report's own rating scale gives that number."""
    if table.index in scale_tables(ctx.document):
        return
    # a service-quality (IKM) scale does not rate capaian
    index = capaian_scale_index(ctx.document)
    if not index.scales:
        return
    for k, col in enumerate(table.columns):
        if col.role not in _WORD_ROLES or col.numeric:
            continue
        words = [c for r in table.rows if (c := r.cell(k)) is not None and c.text]
        # a rating column writes at least one of the scale's labels in full; a column of bare
        # "Tercapai" / "Tidak tercapai" is a yes/no status, not a rating
        if not any(index.knows_fully(c.text) for c in words):
            continue
        for row in table.rows:
            cell = row.cell(k)
            if cell is None or not cell.text or any(ch.isdigit() for ch in cell.text):
                continue
            num = _rated_number(table, row, k)
            x = number_of(num)
            if num is None or x is None:
                continue
            got = _verdict(index, cell.text, x)
            if got is None or got[0]:
                continue
            bands = got[1]
            expected = bands[0].label
            yield Issue(
                at=cell, actual=cell.text, expected=expected,
                args={"value": num.text, "row": short(row.label),
                      "interval": bands[0].interval.show()},
                related=[related_cell(num, "nilai"),
                         Related(line=bands[0].line,
                                 message=f"skala: {bands[0].interval.show()} = {expected}")],
            )


# --------------------------------------------------------------------------- trends
# "Meningkat / Menurun / Tetap" beside two values of the same kind for two years.

_TREND_WORDS = {
    "meningkat": 1, "naik": 1, "bertambah": 1, "peningkatan": 1,
    "menurun": -1, "turun": -1, "berkurang": -1, "penurunan": -1,
    "tetap": 0, "stabil": 0, "sama": 0,
}
_TREND_ROLES = ("realisasi", "capaian")


def trend_direction(text: str) -> int | None:
    """+1 / -1 / 0 for a trend word (split words joined: "Menin gkat"), else None."""
    key = "".join(ch for ch in text.lower() if ch.isalpha())
    return _TREND_WORDS.get(key)


def _year_pairs(table: Table, k: int) -> list[tuple[int, int]]:
    """(earlier, later) column indexes of one role left of column ``k``, years differing."""
    pairs: list[tuple[int, int]] = []
    for role in _TREND_ROLES:
        cols = [c for c in table.columns[:k] if c.role == role and c.year is not None]
        years = sorted({c.year for c in cols if c.year is not None})
        if len(years) < 2 or len(cols) != len(years):
            continue
        y0, y1 = years[-2], years[-1]
        a = next(c.index for c in cols if c.year == y0)
        b = next(c.index for c in cols if c.year == y1)
        pairs.append((a, b))
    return pairs


def trend_mismatch(ctx: Context, table: Table) -> Iterator[Issue]:
    """A trend word must agree with the two values it compares: the realisasi (or capaian)
    of the last two years in the row. Silent when the row's values disagree among
    themselves (realisasi rose, capaian fell) or the indicator is lower-is-better."""
    from sakiplint.checks.common import indicator_text, lower_is_better

    for k, col in enumerate(table.columns):
        if col.role not in _WORD_ROLES or col.numeric:
            continue
        pairs = _year_pairs(table, k)
        if not pairs:
            continue
        for row in table.rows:
            cell = row.cell(k)
            if cell is None or not cell.text:
                continue
            want = trend_direction(cell.text)
            if want is None or lower_is_better(indicator_text(row, table),
                                               ctx.settings.lower_is_better):
                continue
            seen: list[tuple[int, Cell, Cell, int, int]] = []
            for a, b in pairs:
                ca, cb = row.cell(a), row.cell(b)
                va, vb = number_of(ca), number_of(cb)
                if ca is None or cb is None or va is None or vb is None:
                    continue
                seen.append(((vb > va) - (vb < va), ca, cb, a, b))
            if not seen or any(s[0] == want for s in seen):
                continue
            d, ca, cb, a, b = seen[0]
            word = {1: "Meningkat", -1: "Menurun", 0: "Tetap"}[d]
            yield Issue(
                at=cell, actual=cell.text, expected=word,
                args={"before": ca.text, "after": cb.text,
                      "row": short(indicator_name(row, table))},
                related=[related_cell(ca, table.columns[a].name),
                         related_cell(cb, table.columns[b].name)],
            )
