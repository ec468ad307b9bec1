"""Narrative checks: numbers in running text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sakiplint.checks.common import related_cell, short
from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.claims import StatedValue, Value, claims_of, combos, safe_div
from sakiplint.facts.links import Link, ValueRow, cell_index, link, nearest_rows
from sakiplint.model import Cell, Document
from sakiplint.read.numfmt import consistent, fmt
from sakiplint.read.numwords import document_pairs


@cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (nothing is compiled at import)."""
    return re.compile(pattern, flags)


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
    yield from _one_sided_changes(ctx, doc)


def _absorptions(doc: Document, year: int) -> list[tuple[Decimal, str, list[Related]]]:
    """The agency's budget absorption of ``year`` as the report gives it: each budget
    table's whole spending / whole budget x 100, and each sentence on the whole budget that
    names that year alone and states the absorption (as printed, and as its spending / its
    budget x 100). (value, where, related cells)."""
    from sakiplint.facts.budget_links import agency_absorptions, whole_budget_sentence

    out: list[tuple[Decimal, str, list[Related]]] = []
    for b, r, a in agency_absorptions(doc, year):
        where = short(r.table.title, 40) if r.table.title else f"tabel baris {r.table.start_line}"
        out.append((b, where, [related_cell(r.cell, "realisasi anggaran"),
                               related_cell(a.cell, "anggaran")]))
    for bc in claims_of(doc).budget:
        if {int(y) for y in _year_re().findall(bc.sentence)} != {year} \
                or not whole_budget_sentence(doc, bc.sentence):
            continue
        rel = [_rel(bc.serapan, "serapan"), _rel(bc.realisasi, "realisasi anggaran"),
               _rel(bc.anggaran, "anggaran")]
        where = f"kalimat baris {bc.serapan.line}"
        out.append((bc.serapan.value, where, rel))
        if bc.anggaran.value > 0:
            out.append((bc.realisasi.value * _HUNDRED / bc.anggaran.value, where, rel))
    return out


def _one_sided_changes(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A change of the agency's budget absorption stated with one year's value: the other
    year's value is what the report gives elsewhere for that year (:func:`_absorptions`);
    the change is wrong only if it fits none of them."""
    from sakiplint.facts.budget_links import whole_budget_sentence

    for o in claims_of(doc).one_sided:
        if not whole_budget_sentence(doc, o.sentence):
            continue
        found = _absorptions(doc, o.other_year)
        if not found:
            continue
        holds = False
        for value, _ in o.known.readings:
            for b, _where, _rel_cells in found:
                for other in (b, b.quantize(Decimal(1).scaleb(-o.known.decimals))):
                    diff = abs(other - value)
                    rel = safe_div(diff * _HUNDRED, min(abs(value), abs(other)))
                    rel2 = safe_div(diff * _HUNDRED, max(abs(value), abs(other)))
                    if any(_ok(o.delta, x, ctx) for x in (diff, rel, rel2)):
                        holds = True
        if holds:
            continue
        b, where, related = found[0]
        b = b.quantize(Decimal(1).scaleb(-o.known.decimals))
        shown = f"{fmt(b, o.known.decimals, o.known.notation)}%"
        yield Issue(
            at=_at(o.delta),
            actual=o.delta.text + "%",
            expected=fmt(abs(b - o.known.value), o.delta.decimals, o.delta.notation) + "%",
            args={"first": f"{o.known.text}% ({o.known_year})",
                  "second": f"{shown} ({o.other_year}, {where})",
                  "second_en": f"{shown} ({o.other_year}, "
                               f"{where.replace('kalimat baris', 'the sentence on line')})"},
            related=[_rel(o.known, "nilai"), *related],
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


def _propagated(c: Decimal, s: Decimal, dc: int, ds: int, de: int) -> Decimal:
    """How far c / s x 100 may move when c and s are themselves rounded to dc / ds
    decimals, plus the ratio's own last digit."""
    ec, es = Decimal(1).scaleb(-dc), Decimal(1).scaleb(-ds)
    return Decimal(1).scaleb(-de) + _HUNDRED * ec / s + _HUNDRED * c * es / (s * s)


def efficiency_sentence(ctx: Context, doc: Document) -> Iterator[Issue]:
    """An efficiency ratio a sentence states that is neither capaian kinerja / capaian
    anggaran x 100 of the two capaian it gives, nor 100 + their difference (the other
    definition reports use)."""
    scale = ctx.settings.tolerance_scale
    for e in claims_of(doc).efficiency:
        exact: Decimal | None = None
        holds = False
        for k, a, r in combos(e.kinerja, e.anggaran, e.ratio):
            x = safe_div(k * _HUNDRED, a)
            if x is None or a <= 0:
                holds = True
                break
            exact = exact if exact is not None else x
            room = _propagated(k, a, e.kinerja.decimals, e.anggaran.decimals,
                               e.ratio.decimals) * scale
            if abs(r - x) < room or _ok(e.ratio, _HUNDRED + k - a, ctx):
                holds = True
                break
        if holds or exact is None:
            continue
        difference = _HUNDRED + e.kinerja.value - e.anggaran.value
        yield Issue(
            at=_at(e.ratio),
            actual=e.ratio.text + "%",
            expected=fmt(exact, e.ratio.decimals, e.ratio.notation) + "%",
            args={"kinerja": e.kinerja.text + "%", "anggaran": e.anggaran.text + "%",
                  "other": fmt(difference, e.ratio.decimals, e.ratio.notation) + "%"},
            related=[_rel(e.kinerja, "capaian kinerja"), _rel(e.anggaran, "capaian anggaran")],
        )


def derived_percentage(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A percentage a sentence says it derives from two counts ("diperoleh dengan
    menghitung ... 10 usulan, dibandingkan dengan ... 10 usulan") that is neither count
    divided by the other times 100."""
    for d in claims_of(doc).derived:
        exact: Decimal | None = None
        holds = False
        for a, b in combos(d.first, d.second):
            tries = [x for x in (safe_div(a * _HUNDRED, b), safe_div(b * _HUNDRED, a))
                     if x is not None]
            if not tries:
                holds = True
                break
            exact = exact if exact is not None else tries[0]
            if any(_ok(d.percent, x, ctx) for x in tries):
                holds = True
                break
        if holds or exact is None:
            continue
        yield Issue(
            at=_at(d.percent),
            actual=d.percent.text + "%",
            expected=fmt(exact, d.percent.decimals, d.percent.notation) + "%",
            args={"first": d.first.text, "second": d.second.text},
            related=[_rel(d.first, "pembilang"), _rel(d.second, "penyebut")],
        )


def comparison_direction(ctx: Context, doc: Document) -> Iterator[Issue]:
    """"X masih di bawah Y" where X is not below Y (or "X lebih tinggi dari Y" where X is not
    above Y) under every reading of the numbers."""
    for c in claims_of(doc).compare:
        pairs = combos(c.first, c.second)
        if c.relation == "below":
            wrong = all(a >= b for a, b in pairs)
        else:
            wrong = all(a <= b for a, b in pairs)
        if not wrong:
            continue
        suffix = "%" if c.first.kind == "percent" else ""
        below = c.relation == "below"
        yield Issue(
            at=_at(c.first),
            actual=c.first.text + suffix,
            args={
                "first": c.first.text + suffix, "second": c.second.text + suffix,
                "said_id": "di bawah" if below else "di atas",
                "said_en": "below" if below else "above",
            },
            related=[_rel(c.second, "dibandingkan dengan")],
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


#: the factors a report restates an index by (1-5 or 1-4 out of 100, 1-10 out of 100, a
#: fraction as a percentage)
SCALES = (Decimal(20), Decimal(25), Decimal(10), Decimal(100))
_ONE = Decimal(1)


def _same(v: Value, cell: Cell, ctx: Context, factor: Decimal = _ONE) -> bool:
    """A sentence value and a table value agree when either, as printed, is consistent with
    the other (the sentence may round the table's value, or the table the sentence's). On
    another scale the table value's rounding grows by the factor too."""
    scale = ctx.settings.tolerance_scale
    for value, decimals in v.readings:
        for cv, cd in _readings_of(cell):
            if factor == _ONE:
                if consistent(value, cv, decimals, scale) or consistent(cv, value, cd, scale):
                    return True
                continue
            room = (_ONE.scaleb(-cd) * factor + _ONE.scaleb(-decimals)) * scale
            if abs(value - cv * factor) < room:
                return True
    return False


def _comparable(v: Value, cell: Cell, within: Decimal = Decimal(2)) -> bool:
    """Same order of magnitude: a factor of two or more apart means another scale or unit
    (an index of 1-5 restated out of 100, a fraction as a percentage), not a stale copy. A
    zero stated against a non-zero value is comparable (no scale makes one the other)."""
    if cell.number is None or cell.number < 0 or v.value < 0:
        return False
    if v.value == 0 or cell.number == 0:
        return True
    ratio = v.value / cell.number
    return 1 / within < ratio < within


def _factor(stated: Value, cell: Cell) -> Decimal | None:
    """The scale factor that makes ``cell`` the stated value (a target restated out of 100),
    within both values' rounding; None when none does."""
    if cell.number is None or cell.number <= 0 or stated.value <= 0:
        return None
    ratio = stated.value / cell.number
    for f in SCALES:
        room = f * (Decimal("0.5").scaleb(-cell.decimals) / cell.number
                    + Decimal("0.5").scaleb(-stated.decimals) / stated.value)
        if abs(ratio - f) <= room:
            return f
    return None


ROLES = ("target", "realisasi", "capaian")


@dataclass(frozen=True, slots=True)
class StatedLink:
    """A value a sentence states, the table cells it is compared with, and the link."""

    stated: StatedValue
    cells: list[Cell]
    agrees: bool
    link: Link
    year: int = 0
    factor: Decimal = _ONE                  # the scale the sentence restates the table by
    roles: tuple[str, ...] = ()             # the roles compared (several: the role is unsure)
    judged: bool = True                     # every cell on a scale the value can be read in
    cited: bool = False                     # judged against the table its paragraph cites
    outvoted: tuple[Cell, ...] = ()         # agreeing cells of a table the others outvote


def link_stated(doc: Document, ctx: Context) -> list[StatedLink]:
    """:func:`_link_stated`, once per document and tolerance (NA006 and NA007 both ask)."""
    scale = ctx.settings.tolerance_scale
    return doc.memo(f"narrative.stated_links:{scale}", lambda d: list(_link_stated(d, ctx)))


def _year_of(sv: StatedValue, report_year: int | None, section_year: int | None = None
             ) -> int | None:
    """The value's own year; "tahun sebelumnya" with no year named: the year before the
    section's (or report's) year; no year named: the section's year (its heading names one
    year: "Capaian Kinerja Tahun 2021"), else the report year."""
    if sv.other_period:
        return None
    if sv.year is not None:
        return sv.year
    base = section_year if section_year is not None else report_year
    if sv.previous:
        return base - 1 if base is not None else None
    return base


def _year_re() -> re.Pattern[str]:
    return _rx(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")

def _periodish_re() -> re.Pattern[str]:
    return _rx(r"(?:19|20)\d\d\s*(?:-|–|s\.?\s?/?d\.?|sampai|hingga)\s*(?:19|20)\d\d")



def section_year(doc: Document, line: int) -> int | None:
    """The one year the nearest heading above ``line`` names (not a period), if any."""
    def build(d: Document) -> tuple[list[int], list[int | None]]:
        heads = sorted(d.headings, key=lambda h: h.line)
        years: list[int | None] = []
        for h in heads:
            found = set() if _periodish_re().search(h.text) else set(_year_re().findall(h.text))
            years.append(int(found.pop()) if len(found) == 1 else None)
        return [h.line for h in heads], years
    lines, years = doc.memo("narrative.section_years", build)
    k = bisect.bisect_right(lines, line) - 1
    return years[k] if k >= 0 else None


def _rows_for(
    doc: Document, found: Link, sv: StatedValue,
) -> tuple[list[ValueRow], bool]:
    """The indicator's table rows to compare with: those of the table the paragraph cites,
    when it holds the indicator, else all."""
    from sakiplint.facts.links import cited_table

    table = cited_table(doc, sv.where[0])
    if table is not None:
        own = cell_index(found.indicator).by_table.get(table.index, [])
        # the cited table must hold every role the value may be (else it is no reference)
        need = (sv.role,) if sv.sure and sv.role in ROLES else ROLES
        if own and all(any(role == k for r in own for (k, _) in r) for role in need):
            return list(own), True
    return nearest_rows(found.indicator, sv.where[0], _MAX_TABLES), False


#: a sentence is compared with the values of at most this many tables of its indicator,
#: the nearest (the most a report prints one indicator in is about 20)
_MAX_TABLES = 32


@dataclass(slots=True)
class _Candidate:
    stated: StatedValue
    link: Link
    year: int
    rows: list[ValueRow]
    factor: Decimal
    cited: bool


def _link_stated(doc: Document, ctx: Context) -> Iterator[StatedLink]:
    """Every target / realisasi / capaian a sentence states about the one indicator it
    names, numbers, or refers back to (see :mod:`sakiplint.facts.links`), compared with that
    indicator's table values for the value's own year (the year its clause names, the year
    before for "tahun sebelumnya", else the report year). A value whose role is unsure is
    compared with all three, unless the report's own usage calibrates its phrase (see
    :func:`_calibrate`). When the sentence also states a target, its realisasi and capaian
    are compared only with rows carrying that same target (a capaian against the Renstra
    target is not the capaian against the PK target); a target restated on another scale
    (x20, x25, x10, x100) gives the factor its realisasi is compared by."""
    candidates = list(_candidates(doc, ctx))
    roles_of = _calibrate(candidates, ctx)
    # per sentence, the calibrated phrases its values were stated with, by their offset
    phrased: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for cand in candidates:
        sv = cand.stated
        if not sv.sure and sv.phrase in roles_of:
            phrased.setdefault(sv.where, []).append((sv.value.offset, sv.phrase))
    for cand in candidates:
        sv = cand.stated
        if sv.sure and sv.role in ROLES:
            # a role word the report itself uses for another role names either: the word
            # of an earlier phrase of the sentence, repeated for another year ("Realisasi
            # Target kinerja 2023 yaitu 114,29% dan realisasi tahun sebelumnya 95,24%",
            # the phrase calibrated to the capaian), or a word the report's own sentences
            # use for another role
            more = list(roles_of.get(_SURE + sv.role, ()))
            for offset, phrase in phrased.get(sv.where, ()):
                if offset < sv.value.offset and _role_word(phrase) == sv.role:
                    more += roles_of[phrase]
            roles: tuple[str, ...] = tuple(dict.fromkeys((sv.role, *more)))
        else:
            roles = roles_of.get(sv.phrase, ROLES) if not sv.bare else ROLES
        cells = [r[(role, cand.year)] for r in cand.rows for role in roles
                 if (role, cand.year) in r]
        if not cells:
            continue
        yield _judge(sv, cells, cand.link, cand.year, cand.factor, roles, cand.cited, ctx)


def _role_word(phrase: str) -> str:
    """The role the first word of a phrase names ("realisasi target kinerja": realisasi)."""
    first = phrase.split(" ", 1)[0]
    for role, stem in (("realisasi", "realisasi"), ("realisasi", "terealisasi"),
                       ("target", "target"), ("capaian", "capai"), ("capaian", "tercapai")):
        if first.startswith(stem):
            return role
    return ""


def _candidates(doc: Document, ctx: Context) -> Iterator[_Candidate]:
    stated = claims_of(doc).stated
    targets: dict[tuple[tuple[int, int], int | None], StatedValue] = {}
    for sv in stated:
        if sv.role == "target" and sv.sure:
            year = _year_of(sv, doc.report_year, section_year(doc, sv.where[0]))
            targets.setdefault((sv.where, year), sv)
    for sv in stated:
        year = _year_of(sv, doc.report_year, section_year(doc, sv.where[0]))
        if year is None:
            continue
        found = link(doc, sv.sentence, *sv.where, value_at=_offset_in(doc, sv))
        if found is None or (sv.bare and found.how != "sentence"):
            continue
        rows, cited = _rows_for(doc, found, sv)
        if cited and sv.year is None and not sv.previous:
            # the cited table is the reference: its own year when it has one
            years = {y for r in rows for (_, y) in r}
            if len(years) == 1:
                year = next(iter(years))
        own_target = targets.get((sv.where, year)) if sv.role != "target" else None
        factor = _ONE
        if own_target is not None:
            with_target = [r for r in rows if ("target", year) in r]
            same = [r for r in with_target if _same(own_target.value, r[("target", year)], ctx)]
            if same:
                rows = same
            else:
                factors = {_factor(own_target.value, r[("target", year)]) for r in with_target}
                if len(factors) == 1 and None not in factors:
                    factor = factors.pop()   # type: ignore[assignment]
                    rows = with_target
                else:
                    rows = []
        if rows:
            yield _Candidate(sv, found, year, rows, factor, cited)


def _offset_in(doc: Document, sv: StatedValue) -> int | None:
    """The value's offset in its sentence."""
    from sakiplint.facts.links import _paragraph_index
    from sakiplint.read.prose import sentence_spans

    at = _paragraph_index(doc).get(sv.where[0])
    if at is None:
        return None
    spans = sentence_spans(doc.paragraphs[at].text)
    if sv.where[1] >= len(spans):
        return None
    return sv.value.offset - spans[sv.where[1]][0]


#: sentences a phrase must be calibrated by (each matching exactly one role), and the share
#: of them that must match the same role (a wrong value among them matches another, or none)
_CALIBRATE_MIN = 3
#: the key a role word the sentence names (a sure role) is calibrated under
_SURE = "\x00"
_CALIBRATE_SHARE = Decimal("0.75")


def _calibrate(candidates: list[_Candidate], ctx: Context) -> dict[str, tuple[str, ...]]:
    """A report's own usage of its unsure phrases ("Realisasi Target kinerja ... yaitu X"):
    where the sentences with that phrase whose value matches exactly one role of their
    indicator (at least three of them) match the same role, but for a quarter at most, the
    phrase means that role."""
    tally: dict[str, dict[str, int]] = {}
    for cand in candidates:
        sv = cand.stated
        if sv.bare or not (sv.phrase or (sv.sure and sv.role in ROLES)):
            continue
        key = _SURE + sv.role if sv.sure else sv.phrase
        matched = set()
        for role in ROLES:
            cells = [r[(role, cand.year)] for r in cand.rows if (role, cand.year) in r]
            f = cand.factor if role != "capaian" else _ONE
            if cells and any(_same(sv.value, c, ctx, f) for c in cells):
                matched.add(role)
        if len(matched) == 1:
            counts = tally.setdefault(key, {})
            role = matched.pop()
            counts[role] = counts.get(role, 0) + 1
    out: dict[str, tuple[str, ...]] = {}
    for phrase, counts in tally.items():
        total = sum(counts.values())
        role, most = max(counts.items(), key=lambda kv: kv[1])
        if total >= _CALIBRATE_MIN and most >= _CALIBRATE_SHARE * total:
            out[phrase] = (role,)
    return out


def _judge(
    sv: StatedValue, cells: list[Cell], found: Link, year: int, factor: Decimal,
    roles: tuple[str, ...], cited: bool, ctx: Context,
) -> StatedLink:
    """Whether the value agrees with a cell, on the sentence's scale (the factor its own
    target implies, else one of the usual factors that makes a cell the value: a capaian
    never changes scale)."""
    v = sv.value
    if factor != _ONE:
        agrees = any(_same(v, c, ctx, factor if _role_of(c, found) != "capaian" else _ONE)
                     for c in cells)
        return StatedLink(sv, cells, agrees, found, year, factor, roles, True, cited)
    if any(_same(v, c, ctx) for c in cells):
        kept = None if cited else _without_outvoted(v, cells, found, ctx)
        if kept is not None:
            gone = tuple(c for c in cells if all(c is not k for k in kept))
            return StatedLink(sv, kept, False, found, year, _ONE, roles, True, cited, gone)
        return StatedLink(sv, cells, True, found, year, _ONE, roles, True, cited)
    if sv.unit:   # "4 kegiatan": a count, never an index on another scale
        return StatedLink(sv, cells, False, found, year, _ONE, roles, True, cited)
    for c in cells:
        if _role_of(c, found) == "capaian":
            continue
        f = _factor(v, c)
        if f is not None and _same(v, c, ctx, f):
            return StatedLink(sv, cells, True, found, year, f, roles, True, cited)
    return StatedLink(sv, cells, False, found, year, _ONE, roles,
                      _scale_known(v, cells, roles, found), cited)


def _without_outvoted(v: Value, cells: list[Cell], found: Link, ctx: Context
                      ) -> list[Cell] | None:
    """The cells to judge the value by when every cell it agrees with is outvoted: the one
    table giving that realisasi (or that capaian against the same target) for the year,
    while two or more other tables agree among themselves on another (an uncaptioned copy
    of a table with one value changed: the sentence repeats the copy's slip); the outvoted
    cells are left out. Targets are never outvoted (a Renstra, a PK and an RKT may set
    different ones). None when some agreeing cell is not outvoted (two tables against two,
    one against one: the sentence agrees with a reading)."""
    idx = cell_index(found.indicator)
    table_of, target_of = idx.table, idx.target
    by_role: dict[str, list[Cell]] = {}
    for c in cells:
        by_role.setdefault(_role_of(c, found), []).append(c)

    def same_target(c: Cell, q: Cell) -> bool:
        tc, tq = target_of.get(id(c)), target_of.get(id(q))
        return tc is not None and tq is not None and cells_agree([tc, tq])

    def outvoted(c: Cell) -> bool:
        role = _role_of(c, found)
        if role not in ("realisasi", "capaian"):
            return False
        peers = by_role[role]
        if len({table_of.get(id(p)) for p in peers if cells_agree([c, p])}) != 1:
            return False
        others = [p for p in peers if not cells_agree([c, p])]
        for p in others:
            group = [q for q in others if cells_agree([p, q])]
            if len({table_of.get(id(q)) for q in group}) >= 2 and (
                    role == "realisasi" or all(same_target(c, q) for q in group)):
                return True
        return False

    if not all(outvoted(c) for c in cells if _same(v, c, ctx)):
        return None
    kept = [c for c in cells if not outvoted(c)]
    return kept or None


def _scale_known(v: Value, cells: list[Cell], roles: tuple[str, ...], found: Link) -> bool:
    """The value can be read on the tables' scale: every cell of its (sure) role, or every
    capaian cell and some other cell (an unsure role), within a factor of two of it; a
    capaian (a percentage of achievement, never restated on another scale) within a factor
    of ten (not a fraction written for a percentage)."""
    def fits(c: Cell) -> bool:
        if _role_of(c, found) == "capaian":
            return _comparable(v, c, Decimal(10))
        return _comparable(v, c)
    return all(fits(c) for c in cells if len(roles) == 1
               or _role_of(c, found) == "capaian") and any(fits(c) for c in cells)


def _role_of(cell: Cell, found: Link) -> str:
    return cell_index(found.indicator).role.get(id(cell), "")


def cells_agree(cells: list[Cell]) -> bool:
    """The tables agree among themselves on the value (original PK and PK Perubahan, or two
    tables that swapped rows, may not)."""
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
    """Whether a contradiction of this linked value would be reported: the value can be
    read on the tables' scale (a value matching none of the tables' values is wrong even when
    the tables disagree among themselves: it contradicts every one of them)."""
    if sl.factor != _ONE or sl.stated.unit:
        return True
    return _scale_known(sl.stated.value, sl.cells, sl.roles, sl.link)


_ROLE_EN = {"target": "target", "realisasi": "realisasi", "capaian": "capaian",
            "any": "nilai"}


def _contradictions(ctx: Context, doc: Document, how: str) -> Iterator[Issue]:
    for sl in link_stated(doc, ctx):
        sv, cells = sl.stated, sl.cells
        if sl.link.how != how or sl.agrees or not (sl.judged and judgeable(sl)):
            continue
        suffix = "%" if sv.value.kind == "percent" else ""
        roles = sl.roles
        related = [related_cell(c, _role_of(c, sl.link) or "nilai") for c in cells]
        related[:0] = [Related(line=c.line, column=c.value_column,
                               message=f"hanya satu tabel: {_role_of(c, sl.link)} {c.text}")
                       for c in sl.outvoted]
        if how == "context":
            related.insert(0, Related(
                line=sl.link.line, column=1,
                message=f"indikator: {short(sl.link.indicator.name, 60)}",
            ))
        seen: list[str] = []
        for c in cells:
            shown = c.text if len(roles) == 1 else f"{_role_of(c, sl.link)} {c.text}"
            if shown not in seen:
                seen.append(shown)
        role = roles[0] if len(roles) == 1 else "any"
        yield Issue(
            at=_at(sv.value),
            actual=sv.value.text + suffix,
            expected=" / ".join(seen),
            args={"role": role if role != "any" else "(target/realisasi/capaian)", "indicator":
                  short(sl.link.indicator.name, 60), "year": sl.year},
            related=related,
        )


def claim_vs_table(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A target / realisasi / capaian stated in a sentence that differs from the table rows
    of the indicator the sentence names, for the same year."""
    yield from _contradictions(ctx, doc, "sentence")


def claim_vs_table_context(ctx: Context, doc: Document) -> Iterator[Issue]:
    """The same, for a sentence that does not name the indicator but refers back to the one
    an earlier sentence, paragraph, heading or numbered label names ("indikator ini",
    "indikator ke-2", the paragraph under "Indikator Kinerja ke-2 (...)")."""
    yield from _contradictions(ctx, doc, "context")
