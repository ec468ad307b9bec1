"""Cross-table checks: one indicator (or program), one year, one kind of value, one number.

The linking is done by :mod:`sakiplint.facts.identity`; these checks only compare.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from decimal import Decimal

from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.identity import BudgetOccurrence, Occurrence, identity, mispaired, same_number
from sakiplint.model import Cell, Document

from .common import short

PK_ROLES = ("pk", "pk_perubahan")
MEASURED_ROLES = ("capaian", "efisiensi")


def _rel(cell: Cell, what: str) -> Related:
    return Related(line=cell.line, column=cell.value_column, message=f"{what}: {cell.text}")


def _label(o: Occurrence | BudgetOccurrence) -> str:
    return (o.table.caption_number and f"Tabel {o.table.caption_number}") or \
        f"tabel baris {o.table.start_line}"


def _groups(occs: Sequence[Occurrence | BudgetOccurrence]) -> list[list[Occurrence]]:
    groups: list[list] = []  # type: ignore[type-arg]
    for o in occs:
        for g in groups:
            if same_number(g[0].cell, o.cell):
                g.append(o)
                break
        else:
            groups.append([o])
    return groups


def target_vs_pk(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT001: a capaian / efficiency table's target that matches neither the PK nor the PK
    Perubahan for the same indicator and year."""
    ident = identity(doc)
    for (_, kind, year), occs in ident.values.items():
        if kind != "target":
            continue
        pk = [o for o in occs if o.info.role in PK_ROLES]
        if not pk:
            continue
        for o in occs:
            if o.info.role not in MEASURED_ROLES:
                continue
            if any(same_number(o.cell, p.cell) for p in pk):
                continue
            yield Issue(
                at=o.cell, actual=o.cell.text, expected=" / ".join(
                    dict.fromkeys(p.cell.text for p in pk)),
                args={"indicator": short(o.name.text), "year": year,
                      "pk": ", ".join(f"{_label(p)} {p.cell.text}" for p in pk)},
                related=[_rel(p.cell, f"{_label(p)} ({p.info.role})") for p in pk],
            )


def pk_vs_renstra(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT002: the PK target for a year differs from the Renstra / IKU matrix target for that
    year (one finding per indicator, at the revised PK when there is one)."""
    ident = identity(doc)
    for (_, kind, year), occs in ident.values.items():
        if kind != "target":
            continue
        renstra = [o for o in occs if o.info.role == "renstra"]
        pk = [o for o in occs if o.info.role in PK_ROLES]
        if not renstra or not pk or len(_groups(renstra)) != 1:
            continue
        if any(same_number(p.cell, renstra[0].cell) for p in pk):
            continue
        revised = [p for p in pk if p.info.role == "pk_perubahan"]
        main = [p for p in (revised or pk) if not p.info.lampiran] or (revised or pk)
        at = main[0]
        related = [_rel(r.cell, f"{_label(r)} (Renstra)") for r in renstra]
        related += [_rel(p.cell, f"{_label(p)} ({p.info.role})") for p in pk if p is not at]
        yield Issue(
            at=at.cell, actual=at.cell.text, expected=renstra[0].cell.text,
            args={"indicator": short(at.name.text), "year": year,
                  "renstra": _label(renstra[0])},
            related=related,
        )


def _other_scale(a: Cell, b: Cell) -> bool:
    """Two values a factor of 2 or more apart that is not a power of ten (a misplaced
    decimal point stays a finding): most likely two different scales or units."""
    x, y = a.number, b.number
    if x is None or y is None or x <= 0 or y <= 0:
        return False
    ratio = max(x, y) / min(x, y)
    if ratio < 2:
        return False
    exp = ratio.adjusted()  # ratio = m x 10^exp, 1 <= m < 10 (no float overflow past 1e308)
    power = exp + round(math.log10(float(ratio.scaleb(-exp))))
    return abs(ratio.scaleb(-power) - 1) > Decimal("0.01")


def value_mismatch(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT003: the realisasi or capaian of one indicator and year differs between tables.
    The value judged wrong is the one in the minority (on a tie: the later table)."""
    ident = identity(doc)
    suspect = {(p.table.index, p.row.index) for p, _ in mispaired(ident)}
    for (_, kind, year), occs in ident.values.items():
        if kind not in ("realisasi", "capaian") or len({o.table.index for o in occs}) < 2:
            continue
        groups = _groups(occs)
        if len(groups) < 2:
            continue

        def weight(g: list[Occurrence]) -> tuple[int, int, int]:
            trusted = [o for o in g if (o.table.index, o.row.index) not in suspect]
            return (-len({o.table.index for o in trusted}), -len(g), g[0].cell.line)

        groups.sort(key=weight)
        majority = groups[0]
        for g in groups[1:]:
            if kind == "realisasi" and _other_scale(g[0].cell, majority[0].cell):
                continue  # e.g. an index on 1-5 restated on 0-100: not the same measure
            for o in g:
                yield Issue(
                    at=o.cell, actual=o.cell.text, expected=majority[0].cell.text,
                    args={"indicator": short(o.name.text), "year": year, "kind": kind,
                          "other": _label(majority[0])},
                    related=[_rel(m.cell, f"{_label(m)} {kind}") for m in majority],
                )


def budget_mismatch(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT004: a program's or kegiatan's budget (at one revision stage) or spending differs
    between tables. Budgets of an unknown stage are only compared with other unknown-stage ones."""
    ident = identity(doc)
    for (_, kind, year), occs in ident.budgets.items():
        by_stage: dict[str | None, list[BudgetOccurrence]] = {}
        for o in occs:
            by_stage.setdefault(o.stage, []).append(o)
        for stage, same in by_stage.items():
            if len({o.table.index for o in same}) < 2:
                continue
            first = same[0]
            for o in same[1:]:
                if o.cell.number == first.cell.number:
                    continue
                yield Issue(
                    at=o.cell, actual=o.cell.text, expected=first.cell.text,
                    args={"program": short(o.name.text), "year": year,
                          "kind": "realisasi anggaran" if kind == "realisasi_anggaran"
                          else "anggaran", "stage": stage or "-", "other": _label(first)},
                    related=[_rel(first.cell, _label(first))],
                )
