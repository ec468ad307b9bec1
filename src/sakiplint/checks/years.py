"""Years, periods and dates that contradict the report's own time frame (DQ101-DQ108).

Every check reads :func:`sakiplint.timeframe.timeframe` (the report year, the plan periods,
the signatures, the dated "Sumber" lines and the located expressions of the prose) and the
table model. Where a different year is legitimate (a comparison with earlier years, a
multi-year Renstra matrix, last year's documents in the Lampiran) they stay silent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from sakiplint.engine import Context, Issue
from sakiplint.findings import Related
from sakiplint.model import Document, Table
from sakiplint.timeframe import Expr, Sentence, Signature, TimeFrame, table_years, timeframe

_ORDINAL = re.compile(
    r"\btahun\s+(?:ke\s*-?\s*(?P<n>\d{1,2})\b|(?P<w>pertama|kedua|ketiga|keempat|kelima|"
    r"keenam)\b)", re.I)
_ORDINAL_NEEDLES = ("tahun ke", "tahun pertama")
_RELATIVE_NEEDLES = ("tahun lalu", "tahun sebelumnya", "tahun kemarin", "tahun berjalan",
                     "tahun ini")
_ORDWORDS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6}
_RELATIVE = re.compile(
    r"(?<![-\w])tahun\s+(?P<rel>lalu|sebelumnya|kemarin|berjalan|ini)\b"
    r"(?P<app>\s*\(\s*(?:tahun\s+)?(?P<y1>(?:19|20)\d\d)\s*\)"
    r"|\s*,?\s*(?:yaitu|yakni)\s+(?:tahun\s+)?(?P<y2>(?:19|20)\d\d)\b)", re.I)
_YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?![\w/-])")
#: caption words that make a table legitimately about more than the one year
_MULTI_YEAR = re.compile(
    r"sebelum|dibanding|tahun\s+lalu|s\.?\s?/?d\b|sampai|hingga|data\s+awal|kondisi\s+awal|"
    r"akhir\s+(periode\s+)?renstra|jangka\s+menengah|renstra|rpjm|matri[kx]|tren|trend|"
    r"perkembangan|triwulan|semester", re.I)
_MEASURE_ROLES = ("target", "realisasi", "capaian")


def _col(s: Sentence, offset: int) -> int:
    return s.start + offset + 1


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

def _anchor_year(s: Sentence, upto: int, tf: TimeFrame) -> int | None:
    """The last year named in the sentence before ``upto`` (outside periods), else the
    report year."""
    periods = [e for e in tf.expressions_in(s) if e.kind == "period"]
    best = None
    for m in _YEAR.finditer(s.text, 0, upto):
        col = _col(s, m.start())
        if any(p.column <= col < p.end_column for p in periods):
            continue
        best = int(m.group(1))
    return best if best is not None else tf.report_year


def period_ordinal(ctx: Context, doc: Document) -> Iterator[Issue]:
    """"tahun ke-N" of a period that does not fit; "kurun waktu N tahun, yaitu YYYY-YYYY"
    whose N does not fit the period."""
    tf = timeframe(doc)
    by_line: dict[int, list[Expr]] = {}
    for p in tf.plan_periods:
        by_line.setdefault(p.period.line, []).append(p.period)
    for s, m in tf.sentences_with(_ORDINAL, _ORDINAL_NEEDLES):
        plan_periods = [e for e in by_line.get(s.line, ())
                        if _col(s, m.end()) <= e.column <= _col(s, m.end()) + 120
                        and e.column <= s.start + len(s.text)]
        if not plan_periods:
            continue
        e = plan_periods[0]
        n = int(m.group("n")) if m.group("n") else _ORDWORDS[m.group("w").lower()]
        year = _anchor_year(s, m.start(), tf)
        if year is None or e.year is None or e.end_year is None:
            continue
        ok = {year - e.year + 1, year - e.year}   # first year = start, or start + 1
        if n in ok or not e.year <= year <= e.end_year:
            # a year outside the period: the sentence speaks of something else
            continue
        col = _col(s, m.start())
        yield Issue(
            at=(s.line, col, s.line, col + len(m.group(0))),
            actual=m.group(0), expected=f"tahun ke-{year - e.year + 1}",
            args={"year": year, "period": e.as_text()},
            related=[Related(e.line, f"periode {e.as_text()}", e.column)],
        )
    for line, exprs in tf.expressions.items():
        # the time frame keeps a duration only where it names the period right after it
        for d, nxt in pairwise(exprs):
            if d.kind != "duration" or not d.number or nxt.kind != "period":
                continue
            if nxt.year is None or nxt.end_year is None:
                continue
            span = nxt.end_year - nxt.year
            if d.number in (span, span + 1):
                continue
            yield Issue(
                at=(line, d.column, line, d.end_column),
                actual=d.text, expected=f"{span} tahun",
                args={"year": "", "period": nxt.as_text()},
                related=[Related(line, f"periode {nxt.as_text()}", nxt.column)],
            )


# --------------------------------------------------------------------------- DQ103

def relative_year(ctx: Context, doc: Document) -> Iterator[Issue]:
    """"tahun lalu (2021)" / "tahun berjalan (2022)" that name another year than the one
    they point at."""
    tf = timeframe(doc)
    if tf.report_year is None:
        return
    for s, m in tf.sentences_with(_RELATIVE, _RELATIVE_NEEDLES):
        named = int(m.group("y1") or m.group("y2"))
        back = m.group("rel").lower() in ("lalu", "sebelumnya", "kemarin")
        delta = 1 if back else 0
        expected = {tf.report_year - delta}
        anchor = _anchor_year(s, m.start(), tf)
        if anchor is not None:
            expected.add(anchor - delta)
        if named in expected:
            continue
        y_at = m.start("y1") if m.group("y1") else m.start("y2")
        col = _col(s, y_at)
        yield Issue(
            at=(s.line, col, s.line, col + 4),
            actual=str(named), expected=str(tf.report_year - delta),
            args={"phrase": " ".join(m.group(0).split()[:2]), "year": tf.report_year},
        )


# --------------------------------------------------------------------------- DQ104 / DQ105

def _single_year_measure(doc: Document, table: Table) -> tuple[int | None, int | None]:
    """(caption year, column year) of a table of one year's measurement; None where the
    table is about several years or is not a measurement (computed once per table)."""
    known: dict[int, tuple[int | None, int | None]] = doc.memo("years.measure", lambda d: {})
    if table.index not in known:
        known[table.index] = _measure_years(table)
    return known[table.index]


def _measure_years(table: Table) -> tuple[int | None, int | None]:
    if not any(c.role in _MEASURE_ROLES for c in table.columns):
        return None, None
    cap, cols = table_years(table)
    caption = table.caption or ""
    cap_year = next(iter(cap)) if len(cap) == 1 and not _MULTI_YEAR.search(caption) else None
    value_years = {c.year for c in table.columns
                   if c.role in _MEASURE_ROLES and c.year is not None}
    col_year = next(iter(value_years)) if len(cols) == 1 and len(value_years) == 1 else None
    if cols and col_year is None:
        return cap_year if not cols - {cap_year} else None, None
    return cap_year, col_year


def table_year(ctx: Context, table: Table) -> Iterator[Issue]:
    """A table of this year's measurement whose caption or header carries another year."""
    doc = ctx.document
    tf = timeframe(doc)
    ry = tf.report_year
    if ry is None or not table.caption or table.caption_line is None:
        return
    cap_year, col_year = _single_year_measure(doc, table)
    cap_text = doc.lines[table.caption_line - 1]
    if cap_year is not None and col_year is not None and cap_year != col_year:
        # caption and header disagree: the one that is not the report year is the slip
        if col_year == ry:
            pos = cap_text.find(str(cap_year))
            if pos >= 0:
                yield Issue(
                    at=(table.caption_line, pos + 1, table.caption_line, pos + 5),
                    actual=str(cap_year), expected=str(ry),
                    args={"where_id": "judul tabel", "where_en": "the caption"},
                )
        elif cap_year == ry:
            col = next(c for c in table.columns if c.year == col_year
                       and c.role in _MEASURE_ROLES)
            for hr in table.header_rows:
                cell = hr[col.index] if col.index < len(hr) else None
                if cell is not None and str(col_year) in cell.raw:
                    pos = cell.column + cell.raw.find(str(col_year))
                    yield Issue(
                        at=(cell.line, pos, cell.line, pos + 4),
                        actual=str(col_year), expected=str(ry),
                        args={"where_id": f"kepala kolom \"{col.header}\"",
                              "where_en": f"the column header \"{col.header}\""},
                    )
                    break
        return


def source_year(ctx: Context, table: Table) -> Iterator[Issue]:
    """A "Sumber: ..., YEAR" line under a table whose data are of a later year."""
    doc = ctx.document
    tf = timeframe(doc)
    cap_year, col_year = _single_year_measure(doc, table)
    data_year = col_year if col_year is not None else cap_year
    if data_year is None or (cap_year is not None and col_year is not None
                             and cap_year != col_year):
        return
    for line in range(table.end_line + 1, min(table.end_line + 4, len(doc.lines)) + 1):
        src = tf.sources.get(line)
        if src is None:
            if doc.lines[line - 1].strip():
                break
            continue
        year, col, _ = src
        if year < data_year:
            yield Issue(
                at=(line, col, line, col + 4),
                actual=str(year), expected=str(data_year),
                args={"data_year": data_year},
            )
        break


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
