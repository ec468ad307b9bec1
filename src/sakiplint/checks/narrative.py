"""Narrative checks: numbers in running text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sakiplint.checks.common import related_cell, short
from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.claims import StatedValue, Value, claims_of, combos, safe_div
from sakiplint.facts.links import Link, link
from sakiplint.model import Cell, Document
from sakiplint.read.numfmt import consistent, fmt
from sakiplint.read.numwords import document_pairs


def digits_words(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A number written in digits and in words that disagree: "20 (enam)"."""
    for line, col, pair in doc.memo("digit_word_pairs", document_pairs):
        if pair.agrees:
            continue
        decimals = max(-pair.words_value.as_tuple().exponent, 0)  # type: ignore[operator]
        yield Issue(
            at=(line, col, line, col + len(pair.digits_text)),
            actual=pair.digits_text,
            expected=fmt(pair.words_value, int(decimals), "id"),
            args={"words": pair.words_text},
        )


# --------------------------------------------------------------------------- claims
# Sentence-internal arithmetic: a sentence that states the operands and the result of a
# relation (capaian = realisasi / target x 100, serapan = realisasi / anggaran x 100,
# laki-laki + perempuan = jumlah, kenaikan = sesudah - sebelum). No linking to tables is
# needed, so these are precise; a value with two possible readings ("37.554") passes when
# any reading makes the relation hold.

_HUNDRED = Decimal(100)


def _at(v: Value) -> tuple[int, int, int, int]:
    return (v.line, v.column, v.line, v.column + len(v.text))


def _rel(v: Value, what: str) -> Related:
    shown = v.text + ("%" if v.kind == "percent" else "")
    if v.kind == "money":
        shown = "Rp " + shown
    return Related(line=v.line, column=v.column, message=f"{what}: {shown}")


def _ok(printed: Value, exact: Decimal | None, ctx: Context) -> bool:
    if exact is None:
        return True   # undefined (division by zero): nothing to judge
    return any(
        consistent(value, exact, decimals, ctx.settings.tolerance_scale)
        for value, decimals in printed.readings
    )


def _capaian_candidates(t: Decimal, r: Decimal) -> list[Decimal | None]:
    """Capaian formulas a report may use: higher-is-better, and the two lower-is-better
    forms (the sentence rarely says which polarity the indicator has)."""
    return [
        safe_div(r * _HUNDRED, t),
        safe_div(t * _HUNDRED, r),
        safe_div((2 * t - r) * _HUNDRED, t),
    ]


def capaian_sentence(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A sentence's capaian % that is not realisasi / target x 100 of its own numbers."""
    for c in claims_of(doc).capaian:
        holds = False
        exact: Decimal | None = None
        for t, r, _ in combos(c.target, c.realisasi, c.capaian):
            cands = _capaian_candidates(t, r)
            if cands[0] is None or t <= 0 or r < 0:
                holds = True   # nothing to judge
                break
            if exact is None:
                exact = cands[0]
            if any(_ok(c.capaian, x, ctx) for x in cands):
                holds = True
                break
            # capped achievement: "100%" stated when realisasi exceeds the target
            if cands[0] > _HUNDRED and c.capaian.value == _HUNDRED:
                holds = True
                break
        if holds or exact is None:
            continue
        yield Issue(
            at=_at(c.capaian),
            actual=c.capaian.text + "%",
            expected=fmt(exact, c.capaian.decimals, c.capaian.notation) + "%",
            args={"target": c.target.text, "realisasi": c.realisasi.text},
            related=[_rel(c.realisasi, "realisasi"), _rel(c.target, "target")],
        )


def serapan_sentence(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A sentence's absorption % that is not realisasi / anggaran x 100 of its own amounts."""
    for b in claims_of(doc).budget:
        exact = None
        holds = False
        for a, r, _ in combos(b.anggaran, b.realisasi, b.serapan):
            x = safe_div(r * _HUNDRED, a)
            if x is None or _ok(b.serapan, x, ctx):
                holds = True
                break
            exact = exact if exact is not None else x
        if holds or exact is None:
            continue
        yield Issue(
            at=_at(b.serapan),
            actual=b.serapan.text + "%",
            expected=fmt(exact, b.serapan.decimals, b.serapan.notation) + "%",
            args={"anggaran": "Rp " + b.anggaran.text, "realisasi": "Rp " + b.realisasi.text},
            related=[_rel(b.realisasi, "realisasi"), _rel(b.anggaran, "anggaran")],
        )


def breakdown_sentence(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A total in a sentence that is not the sum of the parts it "terdiri dari"."""
    for d in claims_of(doc).breakdown:
        if any(v.decimals for v in (d.total, *d.parts) if len(v.readings) == 1):
            continue   # sums of counts only
        holds = False
        for combo in combos(d.total, *d.parts):
            if combo[0] == sum(combo[1:], Decimal(0)):
                holds = True
                break
        if holds:
            continue
        total = sum((p.value for p in d.parts), Decimal(0))
        yield Issue(
            at=_at(d.total),
            actual=d.total.text,
            expected=fmt(total, 0, "id"),
            args={"parts": " + ".join(p.text for p in d.parts), "noun": d.noun},
            related=[_rel(p, "bagian") for p in d.parts],
        )


def change_sentence(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A stated increase / decrease that is not the difference of the two values the
    sentence compares (neither in points nor as a relative change)."""
    for ch in claims_of(doc).change:
        if ch.delta is None:
            continue
        holds = False
        exact = None
        for _d, a, b in combos(ch.delta, ch.first, ch.second):
            diff = abs(b - a)
            rel = safe_div(diff * _HUNDRED, min(abs(a), abs(b)))
            rel2 = safe_div(diff * _HUNDRED, max(abs(a), abs(b)))
            if any(_ok(ch.delta, x, ctx) for x in (diff, rel, rel2)):
                holds = True
                break
            exact = exact if exact is not None else diff
        if holds or exact is None:
            continue
        suffix = "%" if ch.delta.kind == "percent" else ""
        yield Issue(
            at=_at(ch.delta),
            actual=ch.delta.text + suffix,
            expected=fmt(exact, ch.delta.decimals, ch.delta.notation) + suffix,
            args={"first": ch.first.text + suffix, "second": ch.second.text + suffix},
            related=[_rel(ch.first, "nilai"), _rel(ch.second, "nilai")],
        )


def change_direction(ctx: Context, doc: Document) -> Iterator[Issue]:
    """"naik dari A menjadi B" where B is below A, or "turun dari A menjadi B" where B is
    above A (under every reading of the numbers)."""
    for ch in claims_of(doc).change:
        if ch.form != "from_to":
            continue
        pairs = combos(ch.first, ch.second)
        if ch.direction == "up":
            wrong = all(b < a for a, b in pairs)
        else:
            wrong = all(b > a for a, b in pairs)
        if not wrong:
            continue
        suffix = "%" if ch.second.kind == "percent" else ""
        yield Issue(
            at=_at(ch.second),
            actual=ch.second.text + suffix,
            args={
                "first": ch.first.text + suffix,
                "second": ch.second.text + suffix,
                "said_id": "naik" if ch.direction == "up" else "turun",
                "said_en": "an increase" if ch.direction == "up" else "a decrease",
            },
            related=[_rel(ch.first, "nilai awal")],
        )


# --------------------------------------------------------------------------- claims vs tables

def _readings_of(cell: Cell) -> list[tuple[Decimal, int]]:
    """The cell's value under the column's notation, and under the other notation too (a
    sentence is not wrong because a table column's notation was guessed wrongly)."""
    out = [(cell.number, cell.decimals)] if cell.number is not None else []
    if cell.value is not None:
        for notation in ("id", "en"):
            r = cell.value.reading(notation)  # type: ignore[arg-type]
            if r is not None:
                out.append((r.value, r.decimals))
    return out


def _same(v: Value, cell: Cell, ctx: Context) -> bool:
    """A sentence value and a table value agree when either, as printed, is consistent with
    the other (the sentence may round the table's value, or the table the sentence's)."""
    scale = ctx.settings.tolerance_scale
    return any(
        consistent(value, cv, decimals, scale) or consistent(cv, value, cd, scale)
        for value, decimals in v.readings
        for cv, cd in _readings_of(cell)
    )


def _comparable(v: Value, cell: Cell) -> bool:
    """Same order of magnitude: a factor of two or more apart means another scale or unit
    (an index of 1-5 restated out of 100, a fraction as a percentage), not a stale copy."""
    if cell.number is None or cell.number <= 0 or v.value <= 0:
        return False
    ratio = v.value / cell.number
    return Decimal("0.5") < ratio < 2


@dataclass(frozen=True, slots=True)
class StatedLink:
    """A value a sentence states, the table cells it is compared with, and the link."""

    stated: StatedValue
    cells: list[Cell]
    agrees: bool
    link: Link


def link_stated(doc: Document, ctx: Context) -> list[StatedLink]:
    """:func:`_link_stated`, once per document and tolerance (NA006 and NA007 both ask)."""
    scale = ctx.settings.tolerance_scale
    return doc.memo(f"narrative.stated_links:{scale}", lambda d: list(_link_stated(d, ctx)))


def _link_stated(doc: Document, ctx: Context) -> Iterator[StatedLink]:
    """Every target / realisasi / capaian a sentence states about the one indicator it
    names, or refers back to (see :mod:`sakiplint.facts.links`), compared with that indicator's
    table values for the one year the sentence names (or the report year). When the
    sentence also states a target, its realisasi and capaian are compared only with rows
    carrying that same target (a capaian against the Renstra target is not the capaian
    against the PK target)."""
    stated = claims_of(doc).stated
    targets = {sv.where: sv for sv in stated if sv.role == "target"}
    for sv in stated:
        if len(sv.years) > 1 or sv.other_period:
            continue
        year = sv.years[0] if sv.years else doc.report_year
        if year is None:
            continue
        found = link(doc, sv.sentence, *sv.where)
        if found is None:
            continue
        rows = list(found.indicator.rows.values())
        own_target = targets.get(sv.where)
        if sv.role != "target" and own_target is not None:
            rows = [
                r for r in rows
                if ("target", year) in r and _same(own_target.value, r[("target", year)], ctx)
            ]
        cells = [r[(sv.role, year)] for r in rows if (sv.role, year) in r]
        if not cells:
            continue
        agrees = any(_same(sv.value, c, ctx) for c in cells)
        yield StatedLink(sv, cells, agrees, found)


def cells_agree(cells: list[Cell]) -> bool:
    """The tables agree among themselves on the value (original PK and PK Perubahan, or two
    tables that swapped rows, may not: then a sentence cannot be judged against them)."""
    first = cells[0]
    if first.number is None:
        return False
    return all(
        c.number is not None and (
            consistent(c.number, first.number, first.decimals)
            or consistent(first.number, c.number, c.decimals)
        )
        for c in cells[1:]
    )


def judgeable(sl: StatedLink) -> bool:
    """Whether a contradiction of this linked value would be reported: every table value on
    the sentence's scale, and the tables agreeing among themselves."""
    return all(_comparable(sl.stated.value, c) for c in sl.cells) and cells_agree(sl.cells)


def _contradictions(ctx: Context, doc: Document, how: str) -> Iterator[Issue]:
    for sl in link_stated(doc, ctx):
        sv, cells = sl.stated, sl.cells
        if sl.link.how != how or sl.agrees or not judgeable(sl):
            continue
        first = cells[0]
        suffix = "%" if sv.value.kind == "percent" else ""
        related = [related_cell(c, sv.role) for c in cells]
        if how == "context":
            related.insert(0, Related(
                line=sl.link.line, column=1,
                message=f"indikator: {short(sl.link.indicator.name, 60)}",
            ))
        yield Issue(
            at=_at(sv.value),
            actual=sv.value.text + suffix,
            expected=first.text,
            args={"role": sv.role, "indicator": short(sl.link.indicator.name, 60)},
            related=related,
        )


def claim_vs_table(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A target / realisasi / capaian stated in a sentence that differs from the table rows
    of the indicator the sentence names, for the same year."""
    yield from _contradictions(ctx, doc, "sentence")


def claim_vs_table_context(ctx: Context, doc: Document) -> Iterator[Issue]:
    """The same, for a sentence that does not name the indicator but refers back to the one
    an earlier sentence, paragraph or heading names ("indikator ini ...")."""
    yield from _contradictions(ctx, doc, "context")
