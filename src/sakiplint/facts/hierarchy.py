"""Row levels of budget tables (Program > Kegiatan > Sub Kegiatan): as printed, or inferred
from the numbers where the labels do not say.

Converted reports often lose the words "Kegiatan" and "Sub Kegiatan": under a program row
come rows of unknown level, some of them kegiatan (each the sum of the rows below it), some
sub kegiatan. :func:`levels` keeps every printed level and, for a run of rows of unknown
level, infers the one split the numbers allow:

- all rows are children of the known row above them, when that row is their sum;
- or the rows split into groups, each a head row equal to the sum of the rows under it up
  to the next head (kegiatan and their sub kegiatan), the whole split unique, and the known
  row above (if any) equal to the sum of the heads.

The amounts come from the table's budget column with the most numbers (a dash counts as
zero). Nothing is inferred when the split is not unique or the numbers are missing.

:func:`top_sums` gives every sum of "top-level" rows that some reading of a list of rows as
parents and children allows (a row equal to the sum of the rows right after it may be their
parent), bounded in size.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sakiplint.model import Cell, Column, Document, Row, Table

MEMO_KEY = "hierarchy.levels"
_DASHES = ("-", "–", "—", "−")
#: at most this many distinct sums are tracked per position (beyond: "anything goes")
SUM_LIMIT = 64

_AMOUNT_ROLES = ("anggaran", "realisasi_anggaran", "sisa")


def amount(cell: Cell | None) -> Decimal | None:
    """A cell's amount for summing: its number, zero for a dash; None when blank or not a
    number (a percentage is not an amount)."""
    if cell is None or cell.value is None:
        return None
    v = cell.value
    if v.kind == "empty" and (v.note or "").strip() in _DASHES:
        return Decimal(0)
    if cell.number is None or v.kind == "percent":
        return None
    return cell.number


def anchor_column(table: Table) -> Column | None:
    """The budget column with the most amounts (the budget before spending, on a tie)."""
    best: tuple[int, int, Column] | None = None
    for col in table.columns:
        if not (col.numeric and (col.money or col.role in _AMOUNT_ROLES)):
            continue
        if col.role not in (*_AMOUNT_ROLES, "jumlah", "number"):
            continue
        n = sum(1 for r in table.rows if r.kind == "data" and amount(r.cell(col.index)) is not None)
        rank = (n, 1 if col.role == "anggaran" else 0, col)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else None


@dataclass(frozen=True, slots=True)
class Structure:
    """A table's rows as the numbers read them: each row's level (printed or inferred), and
    the rows that are totals although no label says so."""

    levels: list[int | None]
    totals: frozenset[int] = frozenset()

    def is_total(self, row: Row) -> bool:
        return row.kind == "total" or row.index in self.totals

    def is_data(self, row: Row) -> bool:
        return row.kind == "data" and row.index not in self.totals


def structure(doc: Document, table: Table) -> Structure:
    """The table's :class:`Structure` (computed once per table)."""
    cache: dict[int, Structure] = doc.memo(MEMO_KEY, lambda d: {})
    if table.index not in cache:
        cache[table.index] = infer_structure(table)
    return cache[table.index]


def levels(doc: Document, table: Table) -> list[int | None]:
    """Each row's level (by row index): printed, or inferred (see module doc)."""
    return structure(doc, table).levels


def infer_levels(table: Table) -> list[int | None]:
    return infer_structure(table).levels


def infer_structure(table: Table) -> Structure:
    rows = table.rows
    out: list[int | None] = [r.level if r.kind == "data" else None for r in rows]
    col = anchor_column(table)
    if col is None:
        return Structure(out)
    totals = _unlabelled_total(table, col, out)
    for t in totals:
        out[t] = None
    if all(lv is not None for i, (lv, r) in enumerate(zip(out, rows, strict=True))
           if r.kind == "data" and i not in totals):
        return Structure(out, totals)
    k = 0
    n = len(rows)
    while k < n:
        if rows[k].kind != "data" or out[k] is not None or k in totals:
            k += 1
            continue
        j = k
        while j < n and rows[j].kind == "data" and out[j] is None and j not in totals:
            j += 1
        _infer_segment(rows, out, k, j, col)
        k = j
    return Structure(out, totals)


def _unlabelled_total(table: Table, col: Column, lv: list[int | None]) -> frozenset[int]:
    """The last row, when it has numbers but no label and its amount is the sum of the
    labelled top-level (program) rows above it: a Jumlah row whose label was lost."""
    rows = table.rows
    if len(rows) < 3 or rows[-1].kind != "data" or rows[-1].label:
        return frozenset()
    last = rows[-1]
    v = amount(last.cell(col.index))
    tops = [r for r in rows[:-1] if r.kind == "data" and r.level is not None]
    if v is None or not tops or any(r.kind == "total" for r in rows[:-1]):
        return frozenset()
    top = min(r.level for r in tops if r.level is not None)
    parts = [amount(r.cell(col.index)) for r in tops if r.level == top]
    if len(parts) < 2 or any(x is None for x in parts):
        return frozenset()
    if sum((x for x in parts if x is not None), Decimal(0)) != v:
        return frozenset()
    return frozenset({last.index})


def _infer_segment(rows: list[Row], out: list[int | None], start: int, end: int,
                   col: Column) -> None:
    """Levels for rows[start:end] (all of unknown level): all children of the known row
    above when it is their sum; else the unique split into heads and members, if any (the
    row above, a wrong sum, is then judged against the heads)."""
    vals = [amount(r.cell(col.index)) for r in rows[start:end]]
    if any(v is None for v in vals) or not vals:
        return
    values = [v for v in vals if v is not None]
    parent: int | None = None
    if start > 0 and rows[start - 1].kind == "data" and out[start - 1] is not None:
        parent = out[start - 1]
    total = sum(values, Decimal(0))
    if parent is not None:
        if parent >= 3:
            return
        pv = amount(rows[start - 1].cell(col.index))
        if pv is not None and pv == total and total != 0:
            for i in range(start, end):
                out[i] = parent + 1
            return
        if parent + 2 > 3:
            return
    heads = unique_split(values)
    if heads is None or (parent is None and len(heads) < 2):
        return
    top = parent + 1 if parent is not None else 2
    for i in range(len(values)):
        out[start + i] = top if i in heads else top + 1


def unique_split(values: list[Decimal]) -> set[int] | None:
    """The heads of the one split of ``values`` into groups [head, members...] (at least one
    member) with each head equal to the sum of its members; None when there is no such
    split or more than one."""
    n = len(values)
    prefix = [Decimal(0)]
    for v in values:
        prefix.append(prefix[-1] + v)
    at: dict[Decimal, list[int]] = {}
    for i, p in enumerate(prefix):
        at.setdefault(p, []).append(i)
    # ends[i]: the j (exclusive) such that values[i] == sum(values[i+1:j]), j >= i + 2
    ways = [0] * (n + 1)
    ways[n] = 1
    ends: list[list[int]] = [[] for _ in range(n)]
    for i in range(n - 1, -1, -1):
        for j in at.get(prefix[i + 1] + values[i], ()):
            if j >= i + 2 and ways[j]:
                ends[i].append(j)
                ways[i] = min(2, ways[i] + ways[j])
    if ways[0] != 1:
        return None
    heads: set[int] = set()
    i = 0
    while i < n:
        nxt = [j for j in ends[i] if ways[j]]
        if len(nxt) != 1:
            return None
        heads.add(i)
        i = nxt[0]
    return heads


def top_sums(values: list[Decimal]) -> set[Decimal] | None:
    """Every sum of the top-level rows under some reading of ``values`` as a list where a
    row equal to the sum of the rows right after it may be their parent; None when more
    than :data:`SUM_LIMIT` sums are possible (the reading is too loose to judge)."""
    n = len(values)
    prefix = [Decimal(0)]
    for v in values:
        prefix.append(prefix[-1] + v)
    at: dict[Decimal, list[int]] = {}
    for i, p in enumerate(prefix):
        at.setdefault(p, []).append(i)
    sums: list[set[Decimal] | None] = [None] * (n + 1)
    sums[n] = {Decimal(0)}
    for i in range(n - 1, -1, -1):
        nxt = sums[i + 1]
        if nxt is None:
            return None
        here = {values[i] + s for s in nxt}
        for j in at.get(prefix[i + 1] + values[i], ()):
            if j >= i + 2:
                later = sums[j]
                if later is None:
                    return None
                here |= {values[i] + s for s in later}
        if len(here) > SUM_LIMIT:
            return None
        sums[i] = here
    return sums[0]
