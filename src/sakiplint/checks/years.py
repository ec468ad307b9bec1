"""Years, periods and dates that contradict the report's own time frame (DQ101-DQ108).

Every check reads :func:`sakiplint.facts.timeframe.timeframe` (the report year, the plan periods,
the signatures, the dated "Sumber" lines and the located expressions of the prose) and the
table model. Where a different year is legitimate (a comparison with earlier years, a
multi-year Renstra matrix, last year's documents in the Lampiran) they stay silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.timeframe import (
    Expr,
    Signature,
    table_year_facts,
    timeframe,
    year_statements,
)
from sakiplint.model import Document, Table

# --------------------------------------------------------------------------- DQ101

def plan_period_mismatch(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A plan's period written differently in one place than everywhere else."""
    tf = timeframe(doc)
    plans = {p.plan for p in tf.plan_periods}
    for plan in sorted(plans):
        mentions = [p for p in tf.plan_periods if p.plan == plan]
        counts = Counter((p.period.year, p.period.end_year) for p in mentions)
        lead = tf.plan_period(plan)
        configured = plan == "renstra" and tf.renstra_override is not None
        if lead is None or (counts[lead] < 2 and not configured):
            continue
        first = next((p for p in mentions if (p.period.year, p.period.end_year) == lead),
                     None)
        for p in mentions:
            key = (p.period.year, p.period.end_year)
            if key == lead or (counts[key] >= counts[lead] and not configured):
                continue
            # only a slip of the same plan: same start or same end (a new Renstra stays)
            if key[0] != lead[0] and key[1] != lead[1]:
                continue
            e = p.period
            yield Issue(
                at=(e.line, e.column, e.line, e.end_column),
                actual=e.as_text(), expected=f"{lead[0]}-{lead[1]}",
                args={"plan": plan.upper() if plan != "renstra" else "Renstra",
                      "count": counts[lead]},
                related=[Related(first.period.line, f"{plan}: {lead[0]}-{lead[1]}",
                                 first.period.column)] if first else [],
            )


# --------------------------------------------------------------------------- DQ102

def period_ordinal(ctx: Context, doc: Document) -> Iterator[Issue]:
    """"tahun ke-N" of a period that does not fit; "kurun waktu N tahun, yaitu YYYY-YYYY"
    whose N does not fit the period."""
    said = year_statements(doc)
    for o in said.ordinals:
        e, year, n = o.period, o.year, o.number
        if e is None or year is None or e.year is None or e.end_year is None:
            continue
        ok = {year - e.year + 1, year - e.year}   # first year = start, or start + 1
        if n in ok or not e.year <= year <= e.end_year:
            # a year outside the period: the sentence speaks of something else
            continue
        yield Issue(
            at=(o.line, o.column, o.line, o.end_column),
            actual=o.text, expected=f"tahun ke-{year - e.year + 1}",
            args={"year": year, "period": e.as_text()},
            related=[Related(e.line, f"periode {e.as_text()}", e.column)],
        )
    # the time frame keeps a duration only where it names the period right after it
    for d, nxt in said.durations:
        if nxt.year is None or nxt.end_year is None:
            continue
        span = nxt.end_year - nxt.year
        if d.number in (span, span + 1):
            continue
        yield Issue(   # both counts pass; the expected one counts the years (2021-2024: 4)
            at=(d.line, d.column, d.line, d.end_column),
            actual=d.text, expected=f"{span + 1} tahun",
            args={"year": "", "period": nxt.as_text()},
            related=[Related(d.line, f"periode {nxt.as_text()}", nxt.column)],
        )


# --------------------------------------------------------------------------- DQ103

def relative_year(ctx: Context, doc: Document) -> Iterator[Issue]:
    """"tahun lalu (2021)" / "tahun berjalan (2022)" that name another year than the one
    they point at."""
    ry = timeframe(doc).report_year
    if ry is None:
        return
    for r in year_statements(doc).relatives:
        delta = 1 if r.back else 0
        expected = {ry - delta}
        if r.anchor is not None:
            expected.add(r.anchor - delta)
        if r.named in expected:
            continue
        yield Issue(
            at=(r.line, r.column, r.line, r.column + 4),
            actual=str(r.named), expected=str(ry - delta),
            args={"phrase": r.phrase, "year": ry},
        )


# --------------------------------------------------------------------------- DQ104 / DQ105

def table_year(ctx: Context, table: Table) -> Iterator[Issue]:
    """A table of this year's measurement whose caption or header carries another year."""
    doc = ctx.document
    ry = timeframe(doc).report_year
    if ry is None or not table.caption or table.caption_line is None:
        return
    facts = table_year_facts(doc, table)
    cap_year, col_year = facts.caption_year, facts.column_year
    if cap_year is not None and col_year is not None and cap_year != col_year:
        # caption and header disagree: the one that is not the report year is the slip
        if col_year == ry:
            pos = facts.caption_year_column
            if pos is not None:
                yield Issue(
                    at=(table.caption_line, pos, table.caption_line, pos + 4),
                    actual=str(cap_year), expected=str(ry),
                    args={"where_id": "judul tabel", "where_en": "the caption"},
                )
        elif cap_year == ry and facts.column_year_at is not None:
            col, cell, pos = facts.column_year_at
            yield Issue(
                at=(cell.line, pos, cell.line, pos + 4),
                actual=str(col_year), expected=str(ry),
                args={"where_id": f"kepala kolom \"{col.header}\"",
                      "where_en": f"the column header \"{col.header}\""},
            )
        return


def source_year(ctx: Context, table: Table) -> Iterator[Issue]:
    """A "Sumber: ..., YEAR" line under a table whose data are of a later year."""
    facts = table_year_facts(ctx.document, table)
    cap_year, col_year = facts.caption_year, facts.column_year
    data_year = col_year if col_year is not None else cap_year
    if data_year is None or (cap_year is not None and col_year is not None
                             and cap_year != col_year):
        return
    src = facts.source
    if src is not None and src.year < data_year:
        yield Issue(
            at=(src.line, src.column, src.line, src.column + 4),
            actual=str(src.year), expected=str(data_year),
            args={"data_year": data_year},
        )


# --------------------------------------------------------------------------- DQ106-DQ108

def _end_of_year(y: int) -> date:
    return date(y, 12, 31)


def _report_signed_early(s: Signature) -> bool:
    last = s.date.last_day()
    return (s.doc_kind == "report" and s.doc_year is not None and last is not None
            and last <= _end_of_year(s.doc_year))


def report_signed_early(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A year's report signed before that year ended."""
    for s in timeframe(doc).signatures:
        if _report_signed_early(s):
            e = s.date
            yield Issue(
                at=(e.line, e.column, e.line, e.end_column),
                actual=e.text, expected=f"≥ 1 Januari {s.doc_year + 1}",
                args={"year": s.doc_year},
                related=[Related(s.title_line or e.line, s.title[:80])],
            )


def _dated_early(s: Signature) -> tuple[str, str] | None:
    """(expected, what) when a dated document contradicts the period it closes."""
    first, last = s.date.first_day(), s.date.last_day()
    y = s.doc_year
    if first is None or last is None or y is None or s.date.year is None:
        return None
    if s.doc_kind == "evaluasi" and s.quarter is not None and s.quarter.number:
        months = 3 if s.quarter.kind == "quarter" else 6
        start = date(y, months * (s.quarter.number - 1) + 1, 1)
        if last < start:
            return f"≥ 1 {_MONTH_ID[start.month]} {y}", s.quarter.text
    if s.doc_kind == "pk" and s.date.year not in (y - 1, y):
        return f"{y - 1}–{y}", f"Perjanjian Kinerja {y}"
    if s.doc_kind == "pk_perubahan" and s.date.year != y:
        return str(y), f"Perubahan Perjanjian Kinerja {y}"
    return None


_MONTH_ID = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")


def period_dated_early(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A Triwulan / Semester evaluation dated before its period began; a PK dated outside
    the year it agrees on."""
    for s in timeframe(doc).signatures:
        found = _dated_early(s)
        if found is None:
            continue
        expected, what = found
        e = s.date
        yield Issue(
            at=(e.line, e.column, e.line, e.end_column),
            actual=e.text, expected=expected,
            args={"what": what, "year": s.doc_year},
            related=[Related(s.title_line or e.line, s.title[:80])],
        )


def _same_day(a: Expr, b: Expr) -> bool:
    if (a.year, a.month) != (b.year, b.month):
        return False
    return a.day is None or b.day is None or a.day == b.day


def signature_dates_differ(ctx: Context, doc: Document) -> Iterator[Issue]:
    """Two different dates for the same signature of the same document."""
    sigs = timeframe(doc).signatures
    seen: dict[tuple[str, int], Signature] = {}
    prev: Signature | None = None
    for s in sigs:
        if s.doc_kind not in ("report", "pk", "pk_perubahan") or s.doc_year is None:
            prev = s
            continue
        key = (s.doc_kind, s.doc_year)
        other = seen.get(key)
        if s.doc_kind != "report" and other is not prev:
            other = None      # a PK signed twice: its pages follow each other
        if other is not None and other.signer and s.signer and other.signer != s.signer:
            other = None      # another official's document
        if (other is not None and not _same_day(other.date, s.date)
                and not any(_report_signed_early(x) or _dated_early(x) for x in (other, s))):
            e = s.date
            yield Issue(
                at=(e.line, e.column, e.line, e.end_column),
                actual=e.text, expected=other.date.text,
                args={"line": other.date.line},
                related=[Related(other.date.line, f"tanggal lain: {other.date.text}",
                                 other.date.column)],
            )
        seen.setdefault(key, s)
        prev = s
