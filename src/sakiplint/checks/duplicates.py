"""Duplicates and data-quality slips: an indicator listed twice, an indicator under another
sasaran, copy-pasted rows, a table number used twice, year columns out of order, a decimal
point in the wrong place, another agency's name."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.identity import (
    AgencyMention,
    agencies,
    budget_level,
    caption_facts,
    identity,
    indicator_key,
    is_data,
    mispaired,
    normalise,
    program_key,
    year_problems,
    year_runs,
)
from sakiplint.model import Cell, Column, Document, Row, Table
from sakiplint.read.numfmt import fmt, multiple_of_power_of_ten

from .common import short


def _rel(cell: Cell, what: str) -> Related:
    return Related(line=cell.line, column=cell.column, message=f"{what}: {short(cell.text)}")


def _parent_column(table: Table, ind: Column) -> Column | None:
    for col in reversed(table.columns[:ind.index]):
        if col.role in ("no", "satuan", "indikator") or col.numeric:
            continue
        return col if col.role in ("sasaran", "program", "label") else None
    return None


# --------------------------------------------------------------------------- DU001

def _row_text(row: Row) -> tuple[str, ...]:
    return tuple(" ".join(c.text.lower().split()) for c in row.cells)


def _copied_rows(table: Table) -> Iterator[tuple[Row, Row, Cell]]:
    """(row, the earlier row it repeats, its indicator cell): an indicator row printed again
    cell for cell (its name, its figures, its notes) in one table."""
    inds = [c for c in table.columns if c.role == "indikator"]
    if not inds:
        return
    seen: dict[tuple[str, ...], Row] = {}
    for row in table.rows:
        if not is_data(row, table):
            continue
        name = next((row.cells[c.index] for c in reversed(inds) if row.cells[c.index].text), None)
        if name is None or len(indicator_key(name.text).split()) < 2:
            continue
        if not any(row.cells[c.index].number is not None for c in table.columns if c.numeric):
            continue
        progs = [row.cells[c.index] for c in table.columns
                 if c.role == "program" and row.cells[c.index].text]
        if progs and budget_level(progs[-1].text, None) == "kegiatan":
            continue   # a kegiatan listed again: DU005
        key = _row_text(row)
        first = seen.get(key)
        if first is None:
            seen[key] = row
            continue
        yield row, first, name


def duplicate_indicator(ctx: Context, table: Table) -> Iterator[Issue]:
    """The same indicator listed twice under the same parent (sasaran / program / kegiatan)
    in one table; in any layout, an indicator row printed again cell for cell."""
    if identity(ctx.document).info(table).role == "perbandingan":
        return
    flagged: set[int] = set()
    for row, first, name in _copied_rows(table):
        flagged.add(row.index)
        fc = next(c for c in first.cells if c.text.lower() == name.text.lower())
        yield Issue(
            at=name, actual=name.text, expected=None,
            args={"indicator": short(name.text), "first": fc.line,
                  "where": "dengan angka yang sama", "where_en": "with the same figures"},
            related=[_rel(fc, "pertama")],
        )
    if any(c.role == "program" for c in table.columns):
        return   # program / kegiatan layouts repeat indicators per program legitimately
    inds = [c for c in table.columns if c.role == "indikator"]
    for ind in inds[-1:]:
        parent_col = _parent_column(table, ind)
        if parent_col is None or parent_col.role != "sasaran":
            continue
        parent = ""
        seen: dict[tuple[str, str], Row] = {}
        for row in table.rows:
            if not is_data(row, table):
                continue
            if parent_col is not None:
                pc = row.cell(parent_col.index)
                if pc is not None and pc.text:
                    parent = normalise(pc.text)
            cell = row.cell(ind.index)
            if cell is None or not cell.text:
                continue
            key = indicator_key(cell.text)
            if len(key.split()) < 2:
                continue
            first = seen.get((parent, key))
            if first is None:
                seen[(parent, key)] = row
                continue
            if row.index in flagged:
                continue
            fc = first.cells[ind.index]
            yield Issue(
                at=cell, actual=cell.text, expected=None,
                args={"indicator": short(cell.text), "first": fc.line,
                      "where": "di bawah sasaran yang sama",
                      "where_en": "under the same sasaran"},
                related=[_rel(fc, "pertama")],
            )


# --------------------------------------------------------------------------- DU005

def duplicate_kegiatan(ctx: Context, table: Table) -> Iterator[Issue]:
    """The same kegiatan with the same indicator listed twice under one program of a table
    (the second listing is reported)."""
    progs = [c for c in table.columns if c.role == "program"]
    if not progs:
        return
    inds = [c for c in table.columns if c.role == "indikator"]
    program = ""
    seen: dict[tuple[str, str, str], Cell] = {}
    for row in table.rows:
        if row.kind != "data" or row.unread:
            continue
        named = [(row.cells[c.index], c) for c in progs if row.cells[c.index].text]
        if not named:
            continue
        for cell, col in named:
            if budget_level(cell.text, col) == "program":
                program = program_key(cell.text)
        cell, col = named[-1]
        if budget_level(cell.text, col) != "kegiatan" or not program or \
                len(cell.text.split()) < 2:
            continue    # one word names no kegiatan (a unit or a name's tail cut off)
        ind = next((c for c in inds if c.index > col.index), None)
        ind_text = row.cells[ind.index].text if ind is not None else ""
        key = (program, program_key(cell.text), normalise(ind_text))
        first = seen.get(key)
        if first is None:
            seen[key] = cell
            continue
        yield Issue(
            at=cell, actual=cell.text, expected=None,
            args={"kegiatan": short(cell.text), "indicator": short(ind_text or "-"),
                  "first": first.line},
            related=[_rel(first, "pertama")],
        )


# --------------------------------------------------------------------------- DU002

def sasaran_pairing(ctx: Context, doc: Document) -> Iterator[Issue]:
    """An indicator written next to a sasaran that every other table pairing it (at least two
    of them, agreeing among themselves) contradicts."""
    for p, others in mispaired(identity(doc)):
        other = others[0]
        yield Issue(
            at=p.sasaran, actual=p.sasaran.text, expected=other.sasaran.text,
            args={"indicator": short(p.indicator.text), "sasaran": short(p.sasaran.text),
                  "other": short(other.sasaran.text),
                  "count": len({q.table.index for q in others})},
            related=[_rel(q.sasaran, "sasaran") for q in others[:5]],
        )


# --------------------------------------------------------------------------- DU003

def _distinctive(c: Cell) -> bool:
    n = c.number
    if n is None:
        return False
    if abs(n) >= 1000:
        return not multiple_of_power_of_ten(n, 3)   # 450.173.202 is telling, 5.000.000 not
    return c.decimals > 0 and n not in (Decimal(0), Decimal(100)) and n != n.to_integral_value()


_LONG_TEXT = 30


def _same_long_text(a: Row, b: Row, cols: list[Column]) -> bool:
    """The two rows carry the same long free text (a follow-up plan, a note) in one of the
    text columns: the words nearly all shared."""
    for col in cols:
        x, y = a.cells[col.index].text, b.cells[col.index].text
        if len(x) >= _LONG_TEXT and len(y) >= _LONG_TEXT:
            wx, wy = set(normalise(x).split()), set(normalise(y).split())
            if len(wx & wy) / max(len(wx | wy), 1) >= 0.8:
                return True
    return False


def copy_paste_rows(ctx: Context, table: Table) -> Iterator[Issue]:
    """Rows with different labels carrying the same figures in three or more numeric cells
    (at least two of them distinctive: not 0 or 100, with decimals or large; the same long
    free text counts as one)."""
    cols = [c for c in table.columns if c.numeric and c.role != "no"]
    texts = [c for c in table.columns if not c.numeric and c.role in ("keterangan", "label")]
    seen: dict[tuple[tuple[int, Decimal], ...], Row] = {}
    for row in table.rows:
        if row.kind != "data" or not row.label:
            continue
        sig = tuple(
            (c.index, row.cells[c.index].number)  # type: ignore[misc]
            for c in cols if row.cells[c.index].number is not None
        )
        if len(sig) < 3:
            continue
        distinctive = sum(1 for c in cols if _distinctive(row.cells[c.index]))
        if distinctive < 1:
            continue
        first = seen.get(sig)
        if first is None:
            seen[sig] = row
            continue
        if distinctive < 2 and not _same_long_text(first, row, texts):
            continue
        if normalise(first.label) == normalise(row.label) or first.level != row.level \
                or row.index - first.index == 1:
            continue
        yield Issue(
            at=row, actual=None, expected=None,
            args={"label": short(row.label, 120), "first": short(first.label, 120),
                  "line": first.line,
                  "count": len(sig)},
            related=[Related(line=first.line, message=f"baris sama: {short(first.label)}")],
        )


# --------------------------------------------------------------------------- DU004

def duplicate_table_number(ctx: Context, doc: Document) -> Iterator[Issue]:
    """Two different tables carrying the same caption number."""
    captions = caption_facts(doc)
    first: dict[str, Table] = {}
    for t in doc.tables:
        facts = captions.get(t.index)
        if facts is None or not t.caption_number or t.caption_line is None or not t.caption:
            continue
        if facts.continued:
            continue
        prev = first.get(t.caption_number)
        if prev is None:
            first[t.caption_number] = t
            continue
        if normalise(prev.caption or "") == normalise(t.caption):
            continue   # the same caption repeated: a continuation
        col = facts.column
        yield Issue(
            at=(t.caption_line, col, t.caption_line, col + facts.width),
            actual=f"Tabel {t.caption_number}", expected=None,
            args={"number": t.caption_number, "title": short(t.caption),
                  "first": short(prev.caption or "")},
            related=[Related(line=prev.caption_line or prev.start_line,
                             message=short(prev.caption or ""))],
        )


# --------------------------------------------------------------------------- DQ201

def _header_cell(table: Table, col: Column) -> Cell | None:
    for hr in reversed(table.header_rows):
        if col.index < len(hr) and hr[col.index].text and str(col.year) in hr[col.index].text:
            return hr[col.index]
    return None


def year_columns(ctx: Context, table: Table) -> Iterator[Issue]:
    """A year repeated, or years out of order, in a header's run of year columns."""
    for col, other, kind in year_problems(table):
        cell = _header_cell(table, col)
        oc = _header_cell(table, other)
        if cell is None:
            continue
        yield Issue(
            at=(cell.line, cell.column, cell.line, cell.column + len(cell.raw.rstrip())),
            actual=str(col.year), expected=None,
            args={"year": col.year, "problem": "berulang" if kind == "duplicate" else
                  "tidak berurutan", "problem_en": "repeated" if kind == "duplicate" else
                  "out of order", "header": short(col.header)},
            related=[_rel(oc, "kolom")] if oc is not None else [],
        )


# --------------------------------------------------------------------------- DQ202

_SCALES = ((Decimal(10), 1), (Decimal(100), 2), (Decimal("0.1"), -1), (Decimal("0.01"), -2))


def misplaced_decimal(ctx: Context, table: Table) -> Iterator[Issue]:
    """A value in a year series off by a factor 10 or 100 from its two neighbours, which
    agree with each other, while the value moved by that factor fits between them."""
    inds = [c for c in table.columns if c.role == "indikator"]

    def name(row: Row) -> str:
        for c in inds:
            if row.cells[c.index].text:
                return row.cells[c.index].text
        return row.label

    for run in year_runs(table):
        if len(run) < 3 or run[0].role not in ("target", "realisasi", "capaian", "number"):
            continue
        for row in table.rows:
            if row.kind != "data":
                continue
            cells = [row.cells[c.index] for c in run]
            for i in range(1, len(cells) - 1):
                a, v, b = cells[i - 1].number, cells[i].number, cells[i + 1].number
                if a is None or v is None or b is None or a <= 0 or b <= 0 or v <= 0:
                    continue
                lo, hi = min(a, b), max(a, b)
                if hi / lo > Decimal("1.5") or lo / 5 <= v <= hi * 5:
                    continue
                for s, shift in _SCALES:
                    moved = v / s
                    if lo / Decimal("1.2") <= moved <= hi * Decimal("1.2"):
                        cell = cells[i]
                        yield Issue(
                            at=cell, actual=cell.text,
                            expected=fmt(moved, max(cell.decimals + shift, 0), run[i].notation),
                            args={"indicator": short(name(row)), "year": run[i].year,
                                  "left": cells[i - 1].text, "right": cells[i + 1].text},
                            related=[_rel(cells[i - 1], str(run[i - 1].year)),
                                     _rel(cells[i + 1], str(run[i + 1].year))],
                        )
                        break


# --------------------------------------------------------------------------- DQ203

def other_agency(ctx: Context, doc: Document) -> Iterator[Issue]:
    """Another agency of the same kind named where the report's own belongs: a paragraph
    naming exactly one other kecamatan (not a list, not a border description)."""
    known = agencies(doc)
    if known.own is None:
        return
    kind, name = known.own
    for p in known.paragraphs:
        if p.border:
            continue
        others: dict[str, AgencyMention] = {}
        for m in p.mentions:
            if m.kind != kind:
                continue
            n = m.name
            if n == name or n.startswith(name) or name.startswith(n):
                continue
            others.setdefault(n, m)
        if len(others) != 1:
            continue
        m = next(iter(others.values()))
        if m.line is None or m.column is None:
            continue
        own = f"{kind.capitalize()} {name.title()}"
        yield Issue(
            at=(m.line, m.column, m.line, m.column + len(m.text)), actual=m.text,
            expected=own, args={"name": m.text, "own": own},
        )
