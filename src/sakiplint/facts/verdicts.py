"""Verdicts in running text: what a sentence says of achievement in words, to be held against
the numbers.

Reports sum up their tables in words: "seluruh program ... mencapai target yang telah
ditetapkan", "dari 3 (tiga) sasaran strategisnya hanya 1 (satu) yang berhasil mencapai kinerja
melebihi target", "... tahun 2023 yaitu 100%, sedangkan capaian kinerja tahun 2022 sebesar 0%
sehingga tidak terjadi perubahan". This module finds

* :class:`AllAchieved`: every program / indicator / sasaran of a table said to reach its target
  (judged against the table the paragraph cites: "berdasarkan tabel di atas");
* :class:`CountAchieved`: M of N sasaran / indicators said to reach (or exceed) their target
  (judged against the capaian tables of the year that list N of them);
* :class:`NoChange`: "tidak terjadi perubahan" / "tidak mengalami perubahan" in a sentence that
  states two different values of two different years (from :mod:`sakiplint.facts.claims`).

Each verdict keeps its line and column in the raw report. Access: ``verdicts_of(document)``
(memoised under ``"verdicts"``); it knows nothing of rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakiplint.facts.claims import StatedValue
    from sakiplint.model import Document, Paragraph, Table

__all__ = ["AllAchieved", "AverageStated", "CountAchieved", "NoChange", "NotAchieved",
           "Verdicts", "verdicts_of"]

MEMO_KEY = "verdicts"

_NOUNS = {"program": "program", "indikator": "indikator", "sasaran": "sasaran"}


@dataclass(frozen=True, slots=True)
class AllAchieved:
    """"seluruh program ... mencapai target": every row of the cited table reached it."""

    noun: str            # program, indikator, sasaran
    text: str            # the verdict's words as written
    line: int
    column: int
    table: Table         # the table the paragraph cites
    year: int | None
    span: int = 0        # characters marked from ``column`` (the words, or their verb)


@dataclass(frozen=True, slots=True)
class CountAchieved:
    """"dari N sasaran hanya M yang berhasil ... melebihi target"."""

    noun: str
    total: int           # N
    achieved: int        # M
    exceeded: bool       # "melebihi": above 100, not at 100
    failed: bool         # "belum / tidak tercapai": M counts those that did not reach it
    text: str
    line: int
    column: int          # of M's digits
    end_column: int
    year: int | None


@dataclass(frozen=True, slots=True)
class NoChange:
    """"tidak terjadi perubahan" said of two different values of two years."""

    text: str
    line: int
    column: int
    first: StatedValue
    second: StatedValue


@dataclass(frozen=True, slots=True)
class AverageStated:
    """"rata-rata keberhasilan sebesar 114,53 %" in a paragraph citing a table."""

    text: str            # the printed value
    value: Decimal
    decimals: int
    percent: bool
    line: int
    column: int
    table: Table         # the table the paragraph cites
    year: int | None


@dataclass(frozen=True, slots=True)
class NotAchieved:
    """"Tidak tercapainya target kinerja ..." said of one indicator (linked as a sentence's
    values are: named, numbered, or by context)."""

    text: str
    line: int
    column: int
    paragraph_line: int
    sentence_number: int
    sentence: str
    year: int | None     # the one year the sentence names (None: the report's or section's)


@dataclass(slots=True)
class Verdicts:
    all_achieved: list[AllAchieved] = field(default_factory=list)
    counts: list[CountAchieved] = field(default_factory=list)
    no_change: list[NoChange] = field(default_factory=list)
    averages: list[AverageStated] = field(default_factory=list)
    not_achieved: list[NotAchieved] = field(default_factory=list)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    num = r"(\d{1,3})\s*(?:\(\s*[a-z\s]{2,30}\))?"
    achieve = r"(?:berhasil|tercapai|mencapai|memenuhi|melebihi|terealisasi)"
    return {
        "all": re.compile(
            r"\b(?:seluruh|semua)\s+(program|indikator|sasaran)\b[^.;:]{0,160}?"
            r"\b(mencapai\s+target|memenuhi\s+target|tercapai|berhasil\s+mencapai|"
            r"mencapai\s+(?:bahkan\s+)?melebihi\s+target)\b", re.I),
        "negation": re.compile(r"\b(?:belum|tidak|tak|kurang|gagal)\b", re.I),
        # "dari 3 (tiga) sasaran strategisnya hanya 1 (satu) yang berhasil ..."
        "count_first": re.compile(
            rf"\bdari\s+{num}\s+(sasaran|indikator|program)\b[^.;:]{{0,60}}?"
            rf"\b(?:hanya|ada|terdapat|sebanyak|sejumlah)?\s*{num}\s+(?:\w+\s+)?"
            rf"(?:yang\s+)?((?:belum|tidak)\s+)?{achieve}\b[^.;:]{{0,60}}", re.I),
        # "dari 3 (tiga) sasaran ... tercapai ... adalah 2 (dua) sasaran"
        "count_after": re.compile(
            rf"\bdari\s+{num}\s+(sasaran|indikator|program)\b[^.;:]{{0,80}}?"
            rf"\b((?:belum|tidak)\s+)?{achieve}\b[^.;:\d]{{0,80}}?"
            rf"\b(?:adalah|ada|sebanyak|sejumlah|yaitu|hanya)\s+{num}\s+(sasaran|indikator|program)\b",
            re.I),
        "exceed": re.compile(r"\bmelebihi\b|\bdi\s*atas\s+target\b|\blebih\s+dari\s+target\b",
                             re.I),
        "no_change": re.compile(
            r"\btidak\s+(?:terjadi|ada|mengalami)\s+(?:adanya\s+)?perubahan\b", re.I),
        "not_achieved": re.compile(
            r"\b(?:tidak|belum)\s+(?:ter)?capai(?:nya)?\s+target\b|"
            r"\b(?:tidak|belum)\s+(?:memenuhi|mencapai)\s+target\b", re.I),
        # "rata-rata keberhasilan sebesar 114,53 %", "rata-rata capaian kinerja 109,82%"
        "average": re.compile(
            r"\b(?:rata\s*-?\s*rata|rata2|rerata)\b(?:\s+[A-Za-z]+){0,5}?\s+"
            r"(?:sebesar|adalah|yaitu|senilai|mencapai|=|:)?\s*(\d{1,3}(?:[.,]\d{1,3})?)"
            r"(\s*%)?(?![\d.,]*\d)", re.I),
    }


def verdicts_of(doc: Document) -> Verdicts:
    """The verdicts of a document's prose (computed once, on request)."""
    return doc.memo(MEMO_KEY, _build)


_HINTS = ("seluruh", "semua", "dari ", "perubahan", "rata", "target")


def _build(doc: Document) -> Verdicts:
    from sakiplint.read.prose import sentence_spans

    out = Verdicts()
    pats = _patterns()
    for para in doc.paragraphs:
        low = para.text.lower()
        if not any(h in low for h in _HINTS):
            continue
        for k, (a, b) in enumerate(sentence_spans(para.text)):
            sentence = para.text[a:b]
            if "target" in sentence.lower():
                m = pats["not_achieved"].search(sentence)
                if m is not None and not re.search(r"\d", sentence):
                    line, column = _place(doc, para, m.group(0))
                    years = set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", sentence))
                    out.not_achieved.append(NotAchieved(
                        m.group(0), line, column, para.start_line, k, sentence,
                        int(years.pop()) if len(years) == 1 else None))
            if "seluruh" in sentence.lower() or "semua" in sentence.lower():
                _all(doc, para, sentence, a, pats, out)
            if "dari " in sentence.lower():
                _count(doc, para, sentence, a, pats, out)
            if "rata" in sentence.lower():
                _average(doc, para, sentence, a, pats, out)
    _no_change(doc, pats, out)
    return out


def _place(doc: Document, para: Paragraph, text: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column) of ``text`` in the raw lines of the paragraph (its first occurrence
    there after ``occurrence`` earlier ones), else the paragraph's first line."""
    seen = 0
    for ln in range(para.start_line, min(para.end_line, len(doc.lines)) + 1):
        line = doc.lines[ln - 1]
        pos = line.find(text)
        while pos >= 0:
            if seen == occurrence:
                return ln, pos + 1
            seen += 1
            pos = line.find(text, pos + 1)
    return para.start_line, 1


def _year(sentence: str, report_year: int | None) -> int | None:
    years = set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", sentence))
    if len(years) > 1:
        return None
    return int(years.pop()) if years else report_year


def _all(doc: Document, para: Paragraph, sentence: str, base: int,
         pats: dict[str, re.Pattern[str]], out: Verdicts) -> None:
    from sakiplint.facts.links import cited_table

    m = pats["all"].search(sentence)
    if m is None or pats["negation"].search(sentence, m.start(), m.end()):
        return
    table = cited_table(doc, para.start_line)
    if table is None:
        return
    # the whole verdict where it stands on one line, else its verb
    marked = m.group(0) if any(m.group(0) in doc.lines[ln - 1] for ln in range(
        para.start_line, min(para.end_line, len(doc.lines)) + 1)) else m.group(2)
    line, column = _place(doc, para, marked)
    out.all_achieved.append(AllAchieved(
        _NOUNS[m.group(1).lower()], m.group(0), line, column, table,
        _year(sentence, doc.report_year), len(marked)))


def _count(doc: Document, para: Paragraph, sentence: str, base: int,
           pats: dict[str, re.Pattern[str]], out: Verdicts) -> None:
    for key in ("count_first", "count_after"):
        m = pats[key].search(sentence)
        if m is None:
            continue
        if key == "count_first":
            total, noun, achieved, failed = m.group(1), m.group(2), m.group(3), m.group(4)
            digits_at = m.start(3)
        else:
            total, noun, failed, achieved = m.group(1), m.group(2), m.group(3), m.group(4)
            if m.group(5).lower() != noun.lower():
                continue
            digits_at = m.start(4)
        n, k = int(total), int(achieved)
        if k > n or n < 2:
            continue
        exceeded = pats["exceed"].search(m.group(0)) is not None
        # the k-th occurrence of the digits in the paragraph text is the one to point at
        offset = base + digits_at
        occurrence = para.text.count(achieved, 0, offset)
        line, column = _place(doc, para, achieved, occurrence)
        out.counts.append(CountAchieved(
            _NOUNS[noun.lower()], n, k, exceeded, failed is not None, m.group(0), line,
            column, column + len(achieved), _year(sentence, doc.report_year)))
        return


def _average(doc: Document, para: Paragraph, sentence: str, base: int,
             pats: dict[str, re.Pattern[str]], out: Verdicts) -> None:
    from sakiplint.facts.claims import _readings
    from sakiplint.facts.links import cited_table

    m = pats["average"].search(sentence)
    if m is None:
        return
    table = cited_table(doc, para.start_line)
    if table is None:
        return
    text = m.group(1)
    readings = _readings(text, "percent" if m.group(2) else "number")
    if len(readings) != 1:
        return
    value, decimals = readings[0]
    offset = base + m.start(1)
    line, column = _place(doc, para, text, para.text.count(text, 0, offset))
    out.averages.append(AverageStated(text, value, decimals, bool(m.group(2)), line, column,
                                      table, _year(sentence, doc.report_year)))


def _no_change(doc: Document, pats: dict[str, re.Pattern[str]], out: Verdicts) -> None:
    """A sentence saying nothing changed while it states two different values of two
    different years (percentages, the same role or one of them unsure)."""
    from sakiplint.facts.claims import claims_of

    by_sentence: dict[tuple[int, int], list[StatedValue]] = {}
    for sv in claims_of(doc).stated:
        if sv.value.kind == "percent" and not sv.other_period:
            by_sentence.setdefault(sv.where, []).append(sv)
    starts = doc.paragraph_lines()
    for (line, _k), values in by_sentence.items():
        m = pats["no_change"].search(values[0].sentence)
        if m is None:
            continue
        dated = [sv for sv in values if sv.year is not None]
        pairs = [(a, b) for i, a in enumerate(dated) for b in dated[i + 1:]
                 if a.year != b.year and _same_quantity(a, b)
                 and not any(x[0] == y[0] for x in a.value.readings for y in b.value.readings)]
        if not pairs:
            continue
        at = bisect.bisect_left(starts, line)
        para = doc.paragraphs[at] if at < len(starts) and starts[at] == line else None
        if para is None:
            continue
        ln, col = _place(doc, para, m.group(0))
        first, second = pairs[0]
        out.no_change.append(NoChange(m.group(0), ln, col, first, second))


def _same_quantity(a: StatedValue, b: StatedValue) -> bool:
    return a.role == b.role or "any" in (a.role, b.role) or not (a.sure and b.sure)
