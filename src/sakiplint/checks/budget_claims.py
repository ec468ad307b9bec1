"""NA009: a budget amount stated in a sentence against the budget tables.

The sentence is linked to a program / kegiatan (its full name in the sentence) or to the
total of the budget table its paragraph introduces or follows (``sakiplint.facts.budget_links``);
an amount that equals none of the table values for that program, kind, year and stage is
reported, unless the tables disagree among themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from sakiplint.checks.common import related_cell, short
from sakiplint.engine import Context, Issue
from sakiplint.facts.budget_links import ANGGARAN, BudgetLink, budget_links, judge
from sakiplint.model import Document

_KIND = {
    "id": {ANGGARAN: "anggaran", "realisasi_anggaran": "realisasi anggaran"},
    "en": {ANGGARAN: "budget", "realisasi_anggaran": "spending"},
}
_STAGE = {"sebelum": "sebelum perubahan", "sesudah": "sesudah perubahan"}


def _label(link: BudgetLink, doc: Document) -> str:
    if link.target == "agency":   # the agency's whole budget
        from sakiplint.facts.identity import own_agency

        own = own_agency(doc)
        return " ".join(w.capitalize() for part in own for w in part.split()) if own \
            else "Perangkat Daerah"
    if link.target == "total":
        table = link.values[0].table
        return short(f"{link.name}, {table.title}", 70)
    return short(link.name, 70)


def budget_sentence_vs_table(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A Rupiah amount in a sentence that differs from every table value of the program /
    kegiatan (or the budget total) the sentence is linked to."""
    for link in budget_links(doc).links:
        verdict = judge(link, ctx.settings.tolerance_scale)
        if verdict.agrees or not verdict.judged or not verdict.compared:
            continue
        a = link.amount
        texts: list[str] = []
        seen: set[tuple[object, str | None]] = set()
        for v in verdict.compared:   # one per value and stage, as the first table prints it
            if (v.cell.number, v.stage) in seen:
                continue
            seen.add((v.cell.number, v.stage))
            texts.append(v.cell.text if v.stage is None else f"{v.cell.text} ({_STAGE[v.stage]})")
        kind = a.role or ANGGARAN
        yield Issue(
            at=(a.value.line, a.value.column, a.value.line, a.value.column + len(a.value.text)),
            actual=a.shown,
            expected=" / ".join(texts),
            args={
                "name": _label(link, doc), "kind": _KIND["id"][kind], "kind_en": _KIND["en"][kind],
                "year": a.year if a.year is not None else "",
            },
            related=[
                related_cell(v.cell, f"{_KIND['id'][v.kind]} {v.year}"
                             + (f" {_STAGE[v.stage]}" if v.stage else ""))
                for v in verdict.compared
            ],
        )
