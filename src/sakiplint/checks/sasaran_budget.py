"""A sasaran's budget (efficiency table) against the programs the Perjanjian Kinerja lists
under that sasaran.

The Perjanjian Kinerja (or a table pairing sasaran, indicators and programs with their
budget) lists under each sasaran the programs that serve it. The efficiency table gives each
sasaran a pagu and a realisasi: they are the sums of those programs' pagu and realisasi.
Readings: the program amounts of each PK table (before and after the revision) and of the
budget tables; for the realisasi, each realisasi the budget tables give for the program (a
program printed on several rows: each row and their sum; a program the PK splits between
sasaran: the row of the budget table whose pagu is the part's). A value is reported when no
combination of the readings gives it; the message names the readings tried.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from sakiplint.checks.common import Tried, related_cell, short, table_label, tried_args
from sakiplint.engine import Context, Issue
from sakiplint.facts.hierarchy import amount
from sakiplint.facts.identity import (
    Identity,
    budget_level,
    compatible,
    identity,
    normalise,
    program_key,
)
from sakiplint.model import Cell, Column, Document, Row, Table
from sakiplint.read.numfmt import fmt

#: at most this many combinations of program readings are tried (beyond: not judged)
COMBINATIONS = 64


@dataclass(slots=True)
class _Program:
    key: str
    name: Cell
    amount: Decimal
    cell: Cell


@dataclass(slots=True)
class _Group:
    """The programs a PK-like table lists under one sasaran."""

    table: Table
    stage: str | None
    year: int
    indicator: str | None           # identity key of the sasaran's indicator
    sasaran: str                    # normalised sasaran name
    programs: list[_Program] = field(default_factory=list)


def _money(table: Table) -> Column | None:
    cols = [c for c in table.columns if c.money and c.numeric
            and c.role in ("anggaran", "number", "jumlah")]
    return cols[0] if len(cols) == 1 else None


def _left(table: Table, index: int, role: str) -> Column | None:
    for col in reversed(table.columns[:index]):
        if col.role == role:
            return col
    return None


def _pk_groups(doc: Document, ident: Identity) -> list[_Group]:
    out: list[_Group] = []
    for table in doc.tables:
        if table.skipped or table.index not in ident.infos:
            continue
        info = ident.info(table)
        if info.year is None or info.role in ("efisiensi", "capaian", "perbandingan"):
            continue
        progs = [c for c in table.columns if c.role == "program"]
        money = _money(table)
        if len(progs) != 1 or money is None:
            continue
        prog = progs[0]
        levels = {budget_level(r.cells[prog.index].text, prog) for r in table.rows}
        if {"program", "kegiatan"} <= levels:
            # programs and their kegiatan in one column (the budget tree, a Program and a
            # Kegiatan column read as one): which rows a sasaran's budget sums is not known
            continue
        ind = _left(table, prog.index, "indikator")
        sas = _left(table, prog.index, "sasaran")
        if ind is None and sas is None:
            continue
        group: _Group | None = None
        for row in table.rows:
            if row.kind != "data":
                group = None
                continue
            i_text = row.cells[ind.index].text if ind is not None else ""
            s_text = row.cells[sas.index].text if sas is not None else ""
            if i_text or s_text:
                key = ident.key_of(table, ind, i_text) if ind is not None and i_text else None
                group = _Group(table, info.stage, info.year, key, normalise(s_text))
                out.append(group)
            name, cell = row.cells[prog.index], row.cells[money.index]
            value = amount(cell)
            if group is None or not name.text or value is None:
                continue
            group.programs.append(_Program(program_key(name.text), name, value, cell))
    return [g for g in out if g.programs]


@dataclass(slots=True)
class _Measured:
    """A sasaran row of an efficiency table: its pagu and realisasi."""

    table: Table
    row: Row
    year: int
    indicator: str | None
    sasaran: str
    label: str
    pagu: Cell | None
    realisasi: Cell | None


def _measured(doc: Document, ident: Identity) -> list[_Measured]:
    out: list[_Measured] = []
    for table in doc.tables:
        if table.skipped or table.index not in ident.infos:
            continue
        info = ident.info(table)
        if info.year is None or any(c.role == "program" for c in table.columns):
            continue
        a = [c for c in table.columns if c.role == "anggaran" and c.money and c.numeric]
        r = [c for c in table.columns if c.role == "realisasi_anggaran" and c.money and c.numeric]
        ind = next((c for c in table.columns if c.role == "indikator"), None)
        sas = next((c for c in table.columns if c.role == "sasaran"), None)
        if len(a) != 1 or len(r) > 1 or (ind is None and sas is None):
            continue
        sasaran = label = ""
        for row in table.rows:
            if row.kind != "data":
                continue
            s_text = row.cells[sas.index].text if sas is not None else ""
            if s_text:
                sasaran, label = normalise(s_text), s_text
            i_text = row.cells[ind.index].text if ind is not None else ""
            key = ident.key_of(table, ind, i_text) if ind is not None and i_text else None
            out.append(_Measured(table, row, info.year, key, sasaran, label or i_text,
                                 row.cells[a[0].index], row.cells[r[0].index] if r else None))
    return out


def _matches(m: _Measured, g: _Group) -> bool:
    if g.year != m.year:
        return False
    if m.indicator is not None and g.indicator is not None:
        return m.indicator == g.indicator
    return bool(m.sasaran) and bool(g.sasaran) and compatible(m.sasaran, g.sasaran)


def _spending(doc: Document, ident: Identity) -> dict[int, dict[Decimal, list[tuple[Cell, Cell]]]]:
    """Year -> pagu -> (pagu cell, realisasi cell) of every row of the budget tables."""
    out: dict[int, dict[Decimal, list[tuple[Cell, Cell]]]] = {}
    for table in doc.tables:
        if table.skipped or table.index not in ident.infos:
            continue
        info = ident.info(table)
        if info.year is None or info.role != "anggaran":
            continue
        a = [c for c in table.columns if c.role == "anggaran" and c.money and c.numeric]
        r = [c for c in table.columns if c.role == "realisasi_anggaran" and c.money and c.numeric]
        if len(a) != 1 or len(r) != 1:
            continue
        for row in table.rows:
            pa, re_ = row.cells[a[0].index], row.cells[r[0].index]
            if row.kind == "data" and pa.number is not None and amount(re_) is not None:
                out.setdefault(info.year, {}).setdefault(pa.number, []).append((pa, re_))
    return out


def _combine(
    per_program: list[list[tuple[Decimal, str]]]
) -> list[tuple[Decimal, list[str]]] | None:
    combos: list[tuple[Decimal, list[str]]] = [(Decimal(0), [])]
    for options in per_program:
        if not options:
            return None
        combos = [(v + w, [*parts, d]) for v, parts in combos for w, d in options]
        if len(combos) > COMBINATIONS:
            return None
    return combos


def _stage_text(stage: str | None) -> tuple[str, str]:
    return {"sebelum": ("sebelum perubahan", "before the revision"),
            "sesudah": ("sesudah perubahan", "after the revision")}.get(
                stage or "", ("tahap tidak disebut", "stage not stated"))


def sasaran_budget(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT006: an efficiency table's pagu or realisasi for a sasaran that no reading of the
    programs the PK lists under that sasaran gives."""
    ident = identity(doc)
    groups = _pk_groups(doc, ident)
    if not groups:
        return
    measured = _measured(doc, ident)
    spending = _spending(doc, ident) if measured else {}
    split = _split_programs(groups)
    # groups by (year, indicator); those without an indicator and, for rows without one,
    # every group of the year are matched by sasaran name (bounded)
    by_indicator: dict[tuple[int, str], list[_Group]] = {}
    no_indicator: dict[int, list[_Group]] = {}
    by_year: dict[int, list[_Group]] = {}
    for g in groups:
        if g.indicator is not None:
            by_indicator.setdefault((g.year, g.indicator), []).append(g)
        else:
            no_indicator.setdefault(g.year, []).append(g)
        by_year.setdefault(g.year, []).append(g)
    for m in measured:
        if m.indicator is not None:
            pool = by_indicator.get((m.year, m.indicator), []) + \
                no_indicator.get(m.year, [])[:COMBINATIONS]
        else:
            pool = by_year.get(m.year, [])[:COMBINATIONS]
        mine = [g for g in pool if _matches(m, g) and g.table.index != m.table.index]
        if not mine:
            continue
        yield from _judge_pagu(m, mine, ident, split)
        yield from _judge_realisasi(m, mine, ident, spending.get(m.year, {}), split)


def _split_programs(groups: list[_Group]) -> frozenset[str]:
    """Programs a PK table lists under more than one sasaran."""
    out: set[str] = set()
    per_table: dict[int, dict[str, int]] = {}
    for g in groups:
        counts = per_table.setdefault(g.table.index, {})
        for key in {p.key for p in g.programs}:
            counts[key] = counts.get(key, 0) + 1
            if counts[key] > 1:
                out.add(key)
    return frozenset(out)


def _judge_pagu(
    m: _Measured, mine: list[_Group], ident: Identity, split: frozenset[str]
) -> Iterator[Issue]:
    cell = m.pagu
    if cell is None or cell.number is None:
        return
    tried: list[Tried] = []
    related: list[Cell] = []
    for g in mine:
        total = sum((p.amount for p in g.programs), Decimal(0))
        if total == cell.number:
            return
        st_id, st_en = _stage_text(g.stage)
        parts = " + ".join(p.cell.text for p in g.programs)
        tried.append(Tried(f"{table_label(g.table)} ({st_id}): {parts}",
                           f"{table_label(g.table)} ({st_en}): {parts}",
                           fmt(total, 0, "id")))
        related += [p.cell for p in g.programs]
    # any mix: each program's amount in any PK table, or (not split between sasaran) in
    # the budget tables
    options: dict[str, list[tuple[Decimal, str]]] = {}
    for g in mine:
        for p in g.programs:
            options.setdefault(p.key, []).append((p.amount, p.cell.text))
    for key, opts in options.items():
        if key not in split:
            opts += [(o.value, o.cell.text) for o in
                     ident.budgets.get((f"program:{key}", "anggaran", m.year), [])
                     if o.info.role == "anggaran"]
    combos = _combine([list(dict.fromkeys(o)) for o in options.values()])
    if combos is None or any(value == cell.number for value, _ in combos):
        return
    yield _issue(m, cell, "pagu", tried, related)


def _judge_realisasi(
    m: _Measured, mine: list[_Group], ident: Identity,
    spending: dict[Decimal, list[tuple[Cell, Cell]]], split: frozenset[str],
) -> Iterator[Issue]:
    cell = m.realisasi
    if cell is None or cell.number is None:
        return
    # each program's realisasi readings, the programs of the sasaran in the PK tables
    seen: dict[tuple[str, Decimal], _Program] = {}
    for g in mine:
        for p in g.programs:
            seen.setdefault((p.key, p.amount), p)
    by_key: dict[str, list[_Program]] = {}
    for p in seen.values():
        by_key.setdefault(p.key, []).append(p)
    per_program: list[list[tuple[Decimal, str]]] = []
    related: list[Cell] = []
    for key, progs in by_key.items():
        options: list[tuple[Decimal, str]] = []
        for o in ident.budgets.get((f"program:{key}", "realisasi_anggaran", m.year), []):
            if o.table.index != m.table.index:
                shown = o.cell.text if not o.derived else fmt(o.value, 0, "id")
                options.append((o.value, f"{short(o.name.text, 40)} {shown} "
                                         f"({table_label(o.table)})"))
                if not o.derived:
                    related.append(o.cell)
                    if key in split:
                        related += _kegiatan_cells(o.table, o.row, o.column)
        if key in split:
            # the part of a program the PK splits between sasaran: the budget table's row
            # whose pagu is the part's
            for p in progs:
                for _pa, re_ in spending.get(p.amount, []):
                    value = amount(re_)
                    if value is not None:
                        options.append((value, f"{short(p.name.text, 40)} {re_.text} "
                                               f"(baris {re_.line})"))
        per_program.append(list(dict.fromkeys(options)))
    combos = _combine(per_program)
    if not combos:
        return
    if any(value == cell.number for value, _ in combos):
        return
    tried = [Tried(" + ".join(parts), " + ".join(parts), fmt(value, 0, "id"))
             for value, parts in combos]
    yield _issue(m, cell, "realisasi", tried, related)


def _issue(m: _Measured, cell: Cell, what: str, tried: list[Tried],
           related: list[Cell]) -> Issue:
    return Issue(
        at=cell, actual=cell.text, expected=tried[0].value if tried else None,
        args={"what": what, "what_en": "budget" if what == "pagu" else "spending",
              "sasaran": short(m.label), "year": m.year, **tried_args(tried, limit=4)},
        related=[related_cell(c, "program")
                 for c in {id(c): c for c in related}.values()][:16],
    )


def _kegiatan_cells(table: Table, row: Row, column: int) -> list[Cell]:
    """The cells in ``column`` of the kegiatan rows right under program row ``row`` (where a
    program the PK splits between sasaran finds its parts)."""
    out: list[Cell] = []
    for r in table.rows[row.index + 1:]:
        if r.kind != "data" or (r.level is not None and r.level <= (row.level or 1)):
            break
        if r.level == (row.level or 1) + 1 and column < len(r.cells):
            out.append(r.cells[column])
    return out
