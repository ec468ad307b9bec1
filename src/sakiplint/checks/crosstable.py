"""Cross-table checks: one indicator (or program), one year, one kind of value, one number.

The linking is done by :mod:`sakiplint.facts.identity`; these checks only compare.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.identity import (
    BudgetOccurrence,
    Comparability,
    Occurrence,
    cell_numbers,
    comparability,
    comparable,
    comparable_classes,
    identity,
    mispaired,
    same_number,
)
from sakiplint.model import Cell, Document, Table
from sakiplint.read.numfmt import fmt

from .common import Tried, other_scale, short, tried_args

PK_ROLES = ("pk", "pk_perubahan")
MEASURED_ROLES = ("capaian", "efisiensi", "rkt")


def _rel(cell: Cell, what: str) -> Related:
    return Related(line=cell.line, column=cell.value_column, message=f"{what}: {cell.text}")


def _label(o: Occurrence | BudgetOccurrence) -> str:
    return (o.table.caption_number and f"Tabel {o.table.caption_number}") or \
        f"tabel baris {o.table.start_line}"


def _buckets(cell: Cell) -> set[int] | None:
    """Where a value's group may be found: two values that state the same number differ by
    less than one (their decimals are not negative), so the floors of its readings and
    their neighbours; None for a value without a non-negative number of decimals."""
    nums = cell_numbers(cell)
    if not nums or any(d < 0 for _, d in nums):
        return None
    out: set[int] = set()
    for x, _ in nums:
        f = int(x.to_integral_value(rounding=ROUND_FLOOR))
        out.update((f - 1, f, f + 1))
    return out


def _groups(occs: Sequence[Occurrence | BudgetOccurrence]) -> list[list[Occurrence]]:
    """The occurrences grouped by the number they state (:func:`same_number` with the first
    of a group), in order; values are looked up by their integer part, not against every
    group (a document of many reports has many groups)."""
    groups: list[list] = []  # type: ignore[type-arg]
    index: dict[int, list[int]] = {}
    loose: list[int] = []   # groups whose first value has no integer bucket
    for o in occs:
        where = _buckets(o.cell)
        if where is None:
            candidates = range(len(groups))
        else:
            candidates = sorted({i for b in where for i in index.get(b, ())} | set(loose))
        for i in candidates:
            if same_number(groups[i][0].cell, o.cell):
                groups[i].append(o)
                break
        else:
            groups.append([o])
            if where is None:
                loose.append(len(groups) - 1)
            else:
                for x, _ in cell_numbers(o.cell):
                    index.setdefault(int(x.to_integral_value(rounding=ROUND_FLOOR)),
                                     []).append(len(groups) - 1)
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
        # the PK occurrences by their comparability, so that each occurrence is matched
        # against a few classes, not against every PK table of a long report
        classes: dict[Comparability, list[int]] = {}
        for k, p in enumerate(pk):
            classes.setdefault(comparability(p), []).append(k)
        for o in occs:
            if o.info.role not in MEASURED_ROLES:
                continue
            mine = comparability(o)
            agreed = [pk[k] for k in sorted(k for cls, ks in classes.items()
                                            if comparable_classes(cls, mine) for k in ks)]
            if not agreed or any(same_number(o.cell, p.cell) for p in agreed):
                continue
            # at most 12 PK tables named (a long report may print the PK many times)
            named = agreed[:12]
            more = f", … (+{len(agreed) - len(named)})" if len(agreed) > len(named) else ""
            yield Issue(
                at=o.cell, actual=o.cell.text, expected=" / ".join(
                    dict.fromkeys(p.cell.text for p in agreed)),
                args={"indicator": short(o.name.text), "year": year,
                      "pk": ", ".join(f"{_label(p)} {p.cell.text}" for p in named) + more},
                related=[_rel(p.cell, f"{_label(p)} ({p.info.role})") for p in named],
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
            if kind == "realisasi" and other_scale(g[0].cell, majority[0].cell) and not (
                    g[0].unit and g[0].unit == majority[0].unit):
                continue  # e.g. an index on 1-5 restated on 0-100: not the same measure
            if not comparable(g[0], majority[0]):
                continue
            # the cells named beside each finding: the majority's (at most 12) and up to 6
            # of the other groups' (made once per group, not per finding)
            related = [_rel(m.cell, f"{_label(m)} {kind}") for m in majority[:12]]
            others: list[Occurrence] = []
            for h in groups:
                if h is not g and h is not majority:
                    others.extend(h[:6 - len(others)])
                    if len(others) >= 6:
                        break
            related += [_rel(x.cell, f"{_label(x)} {kind} (lain)") for x in others]
            for o in g:
                yield Issue(
                    at=o.cell, actual=o.cell.text, expected=majority[0].cell.text,
                    args={"indicator": short(o.name.text), "year": year, "kind": kind,
                          "other": _label(majority[0])},
                    related=list(related),
                )


def target_mismatch(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT005: the targets the tables give for one indicator and year disagree, and the value
    reported is the odd one out. For a year no Perjanjian Kinerja sets, the value in the
    minority (on a tie: the later table); for a year a PK sets, a value of a PK, RKT or other
    table that no other table confirms while two or more tables agree on another one (a
    capaian or efficiency table's target is judged against the PK by XT001, a Renstra's by
    XT002, instead). Values on another scale (an index of 1-5 restated on 0-100) are not
    compared."""
    ident = identity(doc)
    # a PK with rows the reader could not place may set a target no table shows it setting
    unsure_pk = {ident.info(t).year for t in doc.tables if t.index in ident.infos
                 and ident.info(t).role in PK_ROLES and any(r.unread for r in t.rows)}
    for (_, kind, year), occs in ident.values.items():
        if kind != "target" or len({o.table.index for o in occs}) < 2:
            continue
        with_pk = any(o.info.role in PK_ROLES for o in occs)
        if not with_pk and year in unsure_pk:
            continue
        renstra = [o for o in occs if o.info.role == "renstra"]
        # XT002 reports the agreement when no PK value is the Renstra's
        xt002 = bool(renstra) and not any(
            same_number(p.cell, r.cell) for p in occs if p.info.role in PK_ROLES for r in renstra)
        groups = _groups(occs)
        if len(groups) < 2:
            continue
        groups.sort(key=lambda g: (-len({o.table.index for o in g}), -len(g), g[0].cell.line))
        majority = groups[0]
        backing = len({m.table.index for m in majority})
        for g in groups[1:]:
            if other_scale(g[0].cell, majority[0].cell):
                continue
            if not comparable(g[0], majority[0]):
                continue
            if with_pk and (len({o.table.index for o in g}) > 1 or backing < 2):
                continue
            for o in g:
                if with_pk and (o.info.role in MEASURED_ROLES or o.info.role == "renstra"
                                or (o.info.role in PK_ROLES and xt002)):
                    continue   # XT001 / XT002 judge these against the agreement
                yield Issue(
                    at=o.cell, actual=o.cell.text, expected=majority[0].cell.text,
                    args={"indicator": short(o.name.text), "year": year,
                          "other": ", ".join(dict.fromkeys(_label(m) for m in majority)),
                          "count": backing,
                          "note": "" if with_pk else
                          " (tidak ada Perjanjian Kinerja untuk tahun itu)",
                          "note_en": "" if with_pk else
                          " (no Perjanjian Kinerja sets that year's target)"},
                    related=[_rel(m.cell, f"{_label(m)} target") for m in majority],
                )


#: how much a table's word on a budget weighs when two tables disagree and nothing else
#: decides: the agreement itself, then the budget table, then any other
_BUDGET_RANK = {"pk": 3, "pk_perubahan": 3, "anggaran": 2, "rkt": 2}


@dataclass(slots=True)
class _Unit:
    """One table's word on one program's amount at one budget stage: its readings (each
    printed row, and the derived sums)."""

    table: Table
    stage: str | None
    occs: list[BudgetOccurrence]
    values: set[Decimal]
    agree: list[_Unit] = field(default_factory=list)
    disagree: list[_Unit] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return _BUDGET_RANK.get(self.occs[0].info.role, 1)

    @property
    def line(self) -> int:
        return self.occs[0].cell.line


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


#: at most this many tables' words on one program are weighed (beyond: not judged)
_UNITS = 64


def _units(occs: list[BudgetOccurrence]) -> list[_Unit]:
    """Each table's word (per stage) on one program, with the words of the other tables it
    agrees and disagrees with, found through an index of the values (no pairwise pass over
    the units but for the few whose word nobody confirms)."""
    by: dict[tuple[int, str | None], list[BudgetOccurrence]] = {}
    for o in occs:
        by.setdefault((o.table.index, o.stage), []).append(o)
    units = [_Unit(os[0].table, stage, os, {o.value for o in os}) for (_, stage), os in by.items()]
    if len(units) > _UNITS:
        return []
    by_value: dict[Decimal, list[_Unit]] = {}
    for u in units:
        for v in u.values:
            by_value.setdefault(v, []).append(u)

    def sharing(u: _Unit) -> list[_Unit]:
        seen: dict[int, _Unit] = {}
        for value in u.values:
            for v in by_value[value]:
                if v.table.index != u.table.index:
                    seen.setdefault(id(v), v)
        return list(seen.values())

    # a table of unknown stage that agrees with the tables of one stage only is of that stage
    for u in units:
        if u.stage is None:
            stages = {v.stage for v in sharing(u) if v.stage is not None}
            if len(stages) == 1:
                u.stage = stages.pop()
    for u in units:
        u.agree = [v for v in sharing(u) if _compatible(u.stage, v.stage)]
    for u in units:
        if not u.agree:
            u.disagree = [v for v in units if v.table.index != u.table.index
                          and _compatible(u.stage, v.stage)]
        else:
            agreeing = {id(v) for v in u.agree}
            u.disagree = [v for v in units if v.table.index != u.table.index
                          and _compatible(u.stage, v.stage) and id(v) not in agreeing]
    return units


def _weight(u: _Unit) -> tuple[int, int, int, int]:
    return (len(u.agree), -len(u.disagree), u.rank, -u.line)


def _beats(v: _Unit, u: _Unit) -> bool:
    """Whether ``v``'s word outweighs ``u``'s: more tables agree with it, fewer contradict
    it; on a tie the budget agreement (PK) over a budget table over any other, then the
    earlier table."""
    return _weight(v) > _weight(u)


def _fmt_amount(o: BudgetOccurrence) -> str:
    if not o.derived:
        return o.cell.text
    return fmt(o.value, 0, "id") + f" ({len(o.rows)} baris)"


def budget_mismatch(ctx: Context, doc: Document) -> Iterator[Issue]:
    """XT004: a program's or kegiatan's budget or spending that no other table confirms
    while another one, better supported, states otherwise. Each table's word is all its
    readings (each row that names the program, the sum of those rows, the sum of the rows
    under a program row without an amount of its own); tables of unknown budget stage are
    compared with both stages (and take the stage of the tables they agree with)."""
    ident = identity(doc)
    for (_, kind, year), occs in ident.budgets.items():
        if len({o.table.index for o in occs}) < 2:
            continue
        for u in _units(occs):
            if u.agree or not u.disagree:
                continue
            winners = [v for v in u.disagree if _beats(v, u)]
            if not winners:
                continue
            best = max(winners, key=_weight)
            # what the other tables say, the best supported one per stage first
            tried: list[Tried] = []
            for v in sorted(u.disagree, key=_weight, reverse=True):
                stage_id = {"sebelum": "sebelum perubahan", "sesudah": "sesudah perubahan"}.get(
                    v.stage or "", "tahap tidak disebut")
                stage_en = {"sebelum": "before the revision", "sesudah": "after the revision"}.get(
                    v.stage or "", "stage not stated")
                vals = " / ".join(dict.fromkeys(_fmt_amount(r) for r in v.occs))
                tried.append(Tried(f"{_label(v.occs[0])} ({stage_id})",
                                   f"{_label(v.occs[0])} ({stage_en})", vals))
            ref = [o for o in best.occs if not o.derived] or best.occs
            printed = [o for o in u.occs if not o.derived]
            for o in printed or u.occs[:1]:
                yield Issue(
                    at=o.cell, actual=_fmt_amount(o),
                    expected=" / ".join(dict.fromkeys(_fmt_amount(r) for r in ref)),
                    args={"program": short(o.name.text), "year": year,
                          "kind": "realisasi anggaran" if kind == "realisasi_anggaran"
                          else "anggaran", "other": _label(best.occs[0]), **tried_args(tried)},
                    related=[_rel(r.cell, _label(r)) for v in u.disagree for r in v.occs
                             if not r.derived][:6]
                    + [_rel(c, "dijumlahkan") for c in (o.cells()[1:] if o.derived else ())][:12],
                )
