"""The report's own time frame: its year, the plan periods it names, the dates it is signed on,
and every year / period / date expression of its prose, located by line and column.

Built once per document through ``Document.memo("timeframe", build_timeframe)``; the rules in
``sakiplint.checks.years`` only read it. Expressions ("9 Januari 2023", "Pebruari 2022",
"31/12/2023", "Triwulan IV", "2018-2023", "5 (lima) tahun") are found by a scanner and typed
by the Lark grammar ``grammar/dates.lark``.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from sakiplint.read.grammars import GrammarParser

if TYPE_CHECKING:
    from sakiplint.model import Cell, Column, Document, Table

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "febuari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "nopember": 11,
    "november": 11, "desember": 12,
}
NUMWORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3,
    "keempat": 4, "kelima": 5, "keenam": 6,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_RANGE_RE = r"(?:\s*(?:-|–|—)\s*|\s+s\.?\s?/?\s?d\.?\s+|\s+sampai(?:\s+dengan)?\s+|\s+hingga\s+)"
_YEAR = r"(?:19|20)\d\d"
_NUMW = "|".join(k for k in NUMWORDS if not k.startswith(("ke", "per")))
#: every date / numeric date / period holds a four-digit year: the scanner finds the years
#: (a cheap search) and reads the expression around each with small anchored patterns
_YEAR_AT = re.compile(rf"{_YEAR}")
_BEFORE_YEAR = re.compile(
    rf"(?:(?P<day>\d{{1,2}})\s*)?(?P<month>{_MONTH_RE})\s*$"
    rf"|(?P<nd>\d{{1,2}}([/-])\d{{1,2}}\4)$",
    re.I,
)
_AFTER_YEAR = re.compile(rf"{_RANGE_RE}(?P<end>{_YEAR})(?![\w/-])", re.I)
_DURATION_BEFORE = re.compile(
    rf"(?<![\w/.,-])(?:\d{{1,2}}\s*\(\s*(?:{_NUMW})\s*\)|\d{{1,2}}|(?:{_NUMW}))\s+tahun\b",
    re.I,
)
_DURATION_LEAD = re.compile(
    r"\b(?:kurun\s+waktu|jangka\s+waktu|periode|selama|masa)\s+$", re.I)
_DURATION_GAP = re.compile(
    r"^[\s,:;(]*(?:(?:yaitu|yakni|mulai|dari)\s+)?(?:(?:tahun|periode)\s+)?$", re.I)
_QUARTER = re.compile(
    r"(?<![\w])(?:(?:triwulan|tri wulan)\s+(?:iv|iii|ii|i|[1-4]|satu|dua|tiga|empat|pertama"
    r"|kesatu|kedua|ketiga|keempat)|semester\s+(?:ii|i|[12]|satu|dua|pertama|kesatu|kedua))"
    r"(?![\w])",
    re.I,
)
_YEAR_WORD = re.compile(rf"(?<![\w/.-])({_YEAR})(?![\w/-])")
_PLAN = re.compile(
    r"\b(renstra|rencana\s+strategis|rpjmd|rpjmn|rpjpd|rpjm|rencana\s+pembangunan\s+jangka"
    r"\s+menengah(?:\s+daerah)?)\b",
    re.I,
)
#: other documents whose period must not be read as the plan's
_OTHER_DOC = re.compile(
    r"\b(renja|rencana\s+kerja|rkt|iku|indikator|perjanjian|pk|lkjip|lakip|laporan|dpa|apbd|"
    r"peraturan|keputusan|nomor|perbup|perwali|perda|sk)\b",
    re.I,
)
_SIGN = re.compile(
    rf"^\W*(?P<place>[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){{0,3}})\s*,\s*"
    rf"(?:tanggal\s+)?(?P<date>(?:\d{{1,2}}\s+)?(?:{_MONTH_RE})\s+{_YEAR})\W*$",
    re.I,
)
_MARKUP = re.compile(r"<[^>]+>|\*\*|__|`|^#+\s*")
_DOC_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pk_perubahan", re.compile(
        r"^\W*(perubahan\s+perjanjian\s+kinerja|perjanjian\s+kinerja\s+perubahan|pk\s+perubahan)",
        re.I)),
    ("pk", re.compile(r"^\W*(perjanjian\s+kinerja|penetapan\s+kinerja)\b", re.I)),
    ("evaluasi", re.compile(r"^\W*(laporan\s+)?(evaluasi|monitoring)\b.*\bkinerja\b", re.I)),
    ("pengukuran", re.compile(r"^\W*pengukuran\s+kinerja\b", re.I)),
    ("rkt", re.compile(r"^\W*rencana\s+kinerja\s+tahunan\b", re.I)),
    ("report", re.compile(
        r"^\W*(kata\s+pengantar|penutup|bab\s+[iv\d]+\W*penutup)\W*$"
        r"|^\W*demikian\s+(uraian\s+)?(laporan\s+kinerja|lkjip|lkj|lakip)", re.I)),
)
_SOURCE = re.compile(r"^\W*sumber(?:\s+data)?\s*:(?P<what>.*?)[\s,]((?:19|20)\d\d)\W*$", re.I)
_REGULATION = re.compile(
    r"\b(nomor|no\.|peraturan|keputusan|perwali|perbup|perda|undang|permen\w*|tahun)\s*$|"
    r"\b(nomor|peraturan|keputusan|perwali|perbup|perda|undang)\b", re.I)
#: words one of which every document title holds (a cheap test before the title patterns)
_TITLE_HINT = re.compile(r"kinerja|pengantar|penutup|pk perubahan")
_LAMPIRAN = re.compile(r"^\W*lampiran(\s+[ivx\d]+)?\W*$", re.I)
#: "tahun ke-3" / "tahun ketiga": the year of a period a sentence speaks of
_ORDINAL = re.compile(
    r"\btahun\s+(?:ke\s*-?\s*(?P<n>\d{1,2})\b|(?P<w>pertama|kedua|ketiga|keempat|kelima|"
    r"keenam)\b)", re.I)
_ORDINAL_NEEDLES = ("tahun ke", "tahun pertama")
_ORDWORDS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6}
#: "tahun lalu (2021)" / "tahun berjalan, yaitu 2022": a relative year named with its year
_RELATIVE = re.compile(
    r"(?<![-\w])tahun\s+(?P<rel>lalu|sebelumnya|kemarin|berjalan|ini)\b"
    r"(?P<app>\s*\(\s*(?:tahun\s+)?(?P<y1>(?:19|20)\d\d)\s*\)"
    r"|\s*,?\s*(?:yaitu|yakni)\s+(?:tahun\s+)?(?P<y2>(?:19|20)\d\d)\b)", re.I)
_RELATIVE_NEEDLES = ("tahun lalu", "tahun sebelumnya", "tahun kemarin", "tahun berjalan",
                     "tahun ini")
#: caption words that make a table legitimately about more than the one year
_MULTI_YEAR = re.compile(
    r"sebelum|dibanding|tahun\s+lalu|s\.?\s?/?d\b|sampai|hingga|data\s+awal|kondisi\s+awal|"
    r"akhir\s+(periode\s+)?renstra|jangka\s+menengah|renstra|rpjm|matri[kx]|tren|trend|"
    r"perkembangan|triwulan|semester", re.I)
#: column roles of a table measuring one year's performance
MEASURE_ROLES = ("target", "realisasi", "capaian")


# --------------------------------------------------------------------------- expressions

@dataclass(frozen=True, slots=True)
class Expr:
    """One date / period / duration expression of the text."""

    kind: str                 # date, month_year, numeric_date, quarter, semester, period, duration
    text: str
    line: int
    column: int               # 1-based
    year: int | None = None   # date / month_year / numeric_date; period start
    month: int | None = None
    day: int | None = None
    end_year: int | None = None   # period end
    number: int | None = None     # quarter / semester number; duration in years

    @property
    def end_column(self) -> int:
        return self.column + len(self.text)

    def first_day(self) -> date | None:
        if self.year is None or self.month is None:
            return None
        return date(self.year, self.month, self.day or 1)

    def last_day(self) -> date | None:
        if self.year is None or self.month is None:
            return None
        return date(self.year, self.month,
                    self.day or calendar.monthrange(self.year, self.month)[1])

    def as_text(self) -> str:
        if self.kind == "period":
            return f"{self.year}-{self.end_year}"
        return self.text


#: the dates grammar's parser (tables without Lark, see sakiplint.read.grammars); None when a
#: text does not parse
_GRAMMAR = GrammarParser("dates", lambda: _TABLES)
_tree = _GRAMMAR.parse


def _num(tok: Any) -> int | None:
    s = str(tok).strip().lower().rstrip(".")
    if s.isascii() and s.isdigit() and len(s) <= 9:
        return int(s)
    return ROMAN.get(s) or NUMWORDS.get(s)


def parse_expression(text: str, line: int = 0, column: int = 0) -> Expr | None:
    """Type one expression with the dates grammar; None when it is not a valid one
    (day 32, month 13, a period running backwards, a duration whose digits and words differ)."""
    e = _typed(text)
    return None if e is None else replace(e, line=line, column=column)


@lru_cache(maxsize=4096)
def _typed(text: str, line: int = 0, column: int = 0) -> Expr | None:
    return _typed_tree(_tree(text), text, line, column)


def _typed_tree(tree: Any, text: str, line: int = 0, column: int = 0) -> Expr | None:
    """The expression of a parse tree (Lark's or the tables'; None: no parse)."""
    if tree is None:
        return None
    node = tree.children[0]
    kind = str(node.data)  # type: ignore[union-attr]
    kids = [c for c in node.children if not (hasattr(c, "type") and c.type in ("SLASH", "DASH"))]  # type: ignore[union-attr]
    try:
        if kind == "date":
            d, m, y = int(kids[0]), MONTHS[str(kids[1]).lower()], int(kids[2])
            date(y, m, d)
            return Expr(kind, text, line, column, year=y, month=m, day=d)
        if kind == "month_year":
            return Expr(kind, text, line, column, year=int(kids[1]),
                        month=MONTHS[str(kids[0]).lower()])
        if kind == "numeric_date":
            d, m, y = int(kids[0]), int(kids[1]), int(kids[2])
            date(y, m, d)
            return Expr(kind, text, line, column, year=y, month=m, day=d)
        if kind in ("quarter", "semester"):
            n = _num(kids[1])
            if n is None or not 1 <= n <= (4 if kind == "quarter" else 2):
                return None
            return Expr(kind, text, line, column, number=n)
        if kind == "period":
            a, b = int(kids[0]), int(kids[-1])
            if not (1900 <= a < b <= 2100 and b - a <= 25):
                return None
            return Expr(kind, text, line, column, year=a, end_year=b)
        if kind == "duration":
            count = kids[0]
            if hasattr(count, "data"):
                parts = [_num(t) for t in count.children]  # type: ignore[union-attr]
                if None in parts or len(set(parts)) != 1:
                    return None
                n = parts[0]
            else:
                n = _num(count)
            return Expr(kind, text, line, column, number=n)
    except (ValueError, KeyError):
        return None
    return None


def scan_line(text: str, line: int) -> list[Expr]:
    """Every expression of one line, left to right."""
    spans: list[tuple[int, int]] = []
    taken = -1
    for m in _YEAR_AT.finditer(text):
        a, b = m.start(), m.end()
        if a < taken or (a and (text[a - 1].isalnum() or text[a - 1] in "/.,")) or (
                b < len(text) and text[b].isalnum()):
            continue
        before = _BEFORE_YEAR.search(text, max(0, a - 16), a)
        after = _AFTER_YEAR.match(text, b)
        if before is not None and (before.start() == 0
                                   or not text[before.start() - 1].isalnum()):
            a = before.start()
        elif after is not None:
            b = after.end()
            # a duration written just before the period: "kurun waktu 5 tahun, yaitu 2018-2023"
            d = None
            for found in _DURATION_BEFORE.finditer(text, max(0, a - 60), a):
                d = found
            if (d is not None and _DURATION_LEAD.search(text, max(0, d.start() - 20), d.start())
                    and _DURATION_GAP.match(text[d.end():a])):
                spans.append((d.start(), d.end()))
        else:
            continue    # a bare year: not an expression of its own
        spans.append((a, b))
        taken = b
    low = text.lower()
    if "wulan" in low or "semester" in low:
        spans.extend((m.start(), m.end()) for m in _QUARTER.finditer(text))
    out: list[Expr] = []
    for a, b in sorted(set(spans)):
        e = parse_expression(text[a:b], line, a + 1)
        if e is not None:
            out.append(e)
    return out


# --------------------------------------------------------------------------- time frame

@dataclass(frozen=True, slots=True)
class Sentence:
    line: int
    start: int    # 0-based offsets in the line
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PlanPeriod:
    """A plan (Renstra, RPJMD ...) named with its period: "Renstra ... Tahun 2018-2023"."""

    plan: str        # renstra, rpjmd, rpjmn, rpjpd
    period: Expr


@dataclass(frozen=True, slots=True)
class Signature:
    """A dated signature line ("Malang, 9 Januari 2023") and the document it closes."""

    date: Expr
    place: str
    doc_kind: str             # report, pk, pk_perubahan, evaluasi, pengukuran, rkt, other
    doc_year: int | None
    title: str
    title_line: int | None
    quarter: Expr | None = None    # Triwulan / Semester named by the document's title
    in_annex: bool = False
    signer: str | None = None      # the NIP printed under the signature, digits only


@dataclass(slots=True)
class TimeFrame:
    report_year: int | None
    report_year_source: str            # "document", "configuration" or "unknown"
    report_year_evidence: list[tuple[int, str]] = field(default_factory=list)
    plan_periods: list[PlanPeriod] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    prose: list[tuple[int, str, str]] = field(default_factory=list)   # (line, text, lower)
    expressions: dict[int, list[Expr]] = field(default_factory=dict)   # by line
    annex_line: int | None = None      # first line of the Lampiran part
    renstra_override: tuple[int, int] | None = None   # from configuration
    #: "Sumber: ..., 2023" lines: line -> (year, 1-based column of the year, text)
    sources: dict[int, tuple[int, int, str]] = field(default_factory=dict)

    def plan_period(self, plan: str = "renstra") -> tuple[int, int] | None:
        """The configured Renstra period, else the period most often named for a plan
        (None when no period leads)."""
        if plan == "renstra" and self.renstra_override is not None:
            return self.renstra_override
        counts = Counter((p.period.year, p.period.end_year) for p in self.plan_periods
                         if p.plan == plan)
        if not counts:
            return None
        ranked = counts.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        (a, b), _ = ranked[0]
        return (a, b) if a is not None and b is not None else None

    def in_annex(self, line: int) -> bool:
        return self.annex_line is not None and line >= self.annex_line

    def sentences_with(
        self, pattern: re.Pattern[str], needles: tuple[str, ...]
    ) -> list[tuple[Sentence, re.Match[str]]]:
        """(sentence, match) for each match of ``pattern`` in the prose; only lines holding
        one of the lower-case ``needles`` are split into sentences and searched."""
        out = []
        hint = _hint(needles)
        for line, text, low in self.prose:
            if not hint.search(low):
                continue
            for s in _sentences(text, line):
                for m in pattern.finditer(s.text):
                    out.append((s, m))
        return out

    def expressions_in(self, s: Sentence) -> list[Expr]:
        return [e for e in self.expressions.get(s.line, ())
                if s.start < e.column <= s.end]

    def to_json(self) -> dict[str, Any]:
        renstra = self.plan_period("renstra")
        return {
            "report_year": self.report_year,
            "report_year_source": self.report_year_source,
            "report_year_evidence": [{"line": ln, "text": t} for ln, t in
                                     self.report_year_evidence],
            "renstra_period": list(renstra) if renstra else None,
            "plan_periods": [
                {"plan": p.plan, "period": p.period.as_text(), "line": p.period.line,
                 "column": p.period.column} for p in self.plan_periods
            ],
            "signatures": [
                {"line": s.date.line, "column": s.date.column, "date": s.date.text,
                 "iso": _iso(s.date), "place": s.place, "document": s.doc_kind,
                 "document_year": s.doc_year, "title": s.title, "title_line": s.title_line,
                 "period": s.quarter.text if s.quarter else None, "annex": s.in_annex}
                for s in self.signatures
            ],
            "annex_line": self.annex_line,
        }


@lru_cache(maxsize=64)
def _hint(needles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in needles))


def _iso(e: Expr) -> str | None:
    if e.year is None or e.month is None:
        return None
    return f"{e.year:04d}-{e.month:02d}" + (f"-{e.day:02d}" if e.day else "")


#: memo key under which a configured Renstra period (start, end) may be given to a document
RENSTRA_PERIOD_KEY = "config.renstra-period"


def set_renstra_period(doc: Document, period: tuple[int, int]) -> None:
    """Give the document a configured Renstra period (before its time frame is built)."""
    doc.memo(RENSTRA_PERIOD_KEY, lambda d: (int(period[0]), int(period[1])))


def timeframe(doc: Document) -> TimeFrame:
    """The document's time frame (computed once per document)."""
    return doc.memo("timeframe", build_timeframe)


def clean(line: str) -> str:
    """A line without markdown / HTML markup, same length kept where possible is not
    needed: only used for titles and signature lines."""
    return _MARKUP.sub("", line).strip()


def _sentences(text: str, line: int) -> list[Sentence]:
    from sakiplint.read.prose import sentence_spans

    return [Sentence(line, a, b, text[a:b]) for a, b in sentence_spans(text)]


def _plan_name(word: str) -> str:
    w = " ".join(word.lower().split())
    if w.startswith(("renstra", "rencana strategis")):
        return "renstra"
    if w.startswith("rencana pembangunan"):
        return "rpjmd" if w.endswith("daerah") else "rpjm"
    return w


def _plan_periods(s: Sentence, exprs: list[Expr]) -> list[PlanPeriod]:
    """A plan keyword followed closely (same sentence, no other document or year in between)
    by a period."""
    out: list[PlanPeriod] = []
    periods = [e for e in exprs if e.kind == "period"]
    if not periods:
        return out
    for m in _PLAN.finditer(s.text):
        after = s.start + m.end()           # 0-based offset in the line
        for p in periods:
            gap_start, gap_end = after, p.column - 1
            if gap_end < gap_start:
                continue
            if gap_end - gap_start > 90:
                break
            gap = s.text[gap_start - s.start:gap_end - s.start]
            if _OTHER_DOC.search(gap) or _YEAR_WORD.search(gap) or _PLAN.search(gap):
                break
            out.append(PlanPeriod(_plan_name(m.group(1)), p))
            break
    return out


def _title_kind(text: str) -> str | None:
    for kind, pat in _DOC_TITLES:
        if pat.search(text):
            return kind
    return None


def build_timeframe(doc: Document) -> TimeFrame:
    from sakiplint.read.prose import detect_report_year

    detected = detect_report_year(doc.lines)
    year = doc.report_year
    source = ("document" if year is not None and year == detected
              else "configuration" if year is not None else "unknown")
    tf = TimeFrame(year, source)
    # configuration hook: the caller may set doc.memo(RENSTRA_PERIOD_KEY, ...) beforehand
    override = doc.memo(RENSTRA_PERIOD_KEY, lambda d: None)
    if override is not None:
        tf.renstra_override = (int(override[0]), int(override[1]))
    table_lines = doc.table_lines
    titles: list[tuple[int, str, str]] = []     # (line, kind, text)
    last_sign = 0
    for i, raw in enumerate(doc.lines, start=1):
        if i in table_lines or not raw.strip():
            continue
        text = raw.replace("\t", " ")
        low = text.lower()
        tf.prose.append((i, text, low))
        exprs = scan_line(text, i) if (_YEAR_AT.search(text) or "wulan" in low
                                       or "semester" in low) else []
        if exprs:
            tf.expressions[i] = exprs
        short = len(text) < 300
        if (short and tf.annex_line is None and "lampiran" in low
                and _LAMPIRAN.match(clean(text)) and i > len(doc.lines) // 3):
            tf.annex_line = i
        if len(text) < 200 and _TITLE_HINT.search(low):
            c = clean(text)
            kind = _title_kind(c) if len(c) < 200 else None
            if kind is not None:
                titles.append((i, kind, c))
        if exprs and any(e.kind == "period" for e in exprs):
            for s in _sentences(text, i):
                tf.plan_periods.extend(_plan_periods(s, tf.expressions_in(s)))
        if exprs and len(text) <= 120:
            c = clean(text)
            m = _SIGN.match(c) if len(c) <= 80 else None
            if m:
                sig = _signature(doc, tf, i, m, exprs, titles, last_sign)
                if sig is not None:
                    tf.signatures.append(sig)
                    last_sign = i
        if short and "sumber" in low:
            src = _source_year(text)
            if src is not None:
                tf.sources[i] = src
        if i <= 80 and len(tf.report_year_evidence) < 5 and "anggaran" in low:
            for ym in re.finditer(r"tahun\s+anggaran\s*:?\s*((?:19|20)\d\d)", text, re.I):
                tf.report_year_evidence.append((i, ym.group(0)))
    return tf


def _source_year(text: str) -> tuple[int, int, str] | None:
    """A "Sumber: <who>, <year>" line under a table: the year the source is dated."""
    m = _SOURCE.match(text)
    if m is None or _REGULATION.search(m.group("what")):
        return None
    return int(m.group(2)), m.start(2) + 1, text.strip()


def _signature(
    doc: Document, tf: TimeFrame, i: int, m: re.Match[str], exprs: list[Expr],
    titles: list[tuple[int, str, str]], last_sign: int,
) -> Signature | None:
    when = next((e for e in exprs if e.kind in ("date", "month_year")), None)
    if when is None:
        return None
    kind, year, title, title_line, quarter = "other", None, "", None, None
    for tl, tk, tt in reversed(titles):
        if tl <= last_sign or i - tl > 250:
            break
        if tk == "report" and (i - tl > 80 or tf.in_annex(i)):
            break      # a report's signature sits right under its foreword or closing
        kind, title, title_line = tk, tt, tl
        # the title block: the title line and the two after it (year, Triwulan ...)
        block = [clean(doc.lines[k - 1]) for k in range(tl, min(tl + 4, i))]
        block_text = " ".join(block)
        years = [int(y) for y in _YEAR_WORD.findall(block_text)]
        if kind == "report":   # the report's own signature: the report year
            years = [tf.report_year] if tf.report_year else []
        else:
            years = [int(y) for y in re.findall(r"\btahun\s+(?:anggaran\s+)?((?:19|20)\d\d)",
                                                block_text, re.I)]
        year = years[0] if len(set(years)) == 1 else None
        for k in range(tl, min(tl + 4, i)):
            q = [e for e in tf.expressions.get(k, ()) if e.kind in ("quarter", "semester")]
            if q:
                quarter = q[0]
                break
        break
    return Signature(when, m.group("place"), kind, year, title, title_line, quarter,
                     tf.in_annex(i), _signer(doc, i))


_NIP = re.compile(r"\bNIP\W{0,3}((?:\d\s?){18})", re.I)


def _signer(doc: Document, i: int) -> str | None:
    """The NIP of the official signing under line ``i`` (within the next dozen lines)."""
    for k in range(i, min(i + 12, len(doc.lines))):
        m = _NIP.search(doc.lines[k])
        if m:
            return re.sub(r"\D", "", m.group(1))
        if k > i and _SIGN.match(clean(doc.lines[k])):
            break
    return None


# --------------------------------------------------------------------------- tables

def table_years(table: Table) -> tuple[set[int], set[int]]:
    """(years named by the caption, years carried by the columns) of a table."""
    cap: set[int] = set()
    if table.caption:
        text = table.caption
        for e in scan_line(text, 0):
            if e.kind == "period" and e.year and e.end_year:
                cap.update({e.year, e.end_year, -1})   # -1 marks a range
        cap.update(int(y) for y in _YEAR_WORD.findall(text))
    cols = {c.year for c in table.columns if c.year is not None}
    return cap, cols


# --------------------------------------------------------------------------- statements

@dataclass(frozen=True, slots=True)
class OrdinalYear:
    """"tahun ke-3" / "tahun ketiga" in a sentence naming a plan period after it."""

    text: str
    line: int
    column: int               # 1-based
    number: int               # N of "tahun ke-N"
    year: int | None          # the year spoken of: the last year named before it in the
                              # sentence (outside periods), else the report year
    period: Expr | None       # the plan period named after it in the same sentence

    @property
    def end_column(self) -> int:
        return self.column + len(self.text)


@dataclass(frozen=True, slots=True)
class RelativeYear:
    """"tahun lalu (2021)" / "tahun berjalan, yaitu 2022": a relative year with the year
    written next to it."""

    text: str                 # the whole statement
    phrase: str               # "tahun lalu", "tahun berjalan" ... as written
    back: bool                # lalu / sebelumnya / kemarin (the year before)
    named: int                # the year written
    line: int
    column: int               # 1-based column of the written year
    anchor: int | None        # the last year named before it in the sentence (outside
                              # periods), else the report year


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A dated "Sumber: ..., 2023" line."""

    line: int
    year: int
    column: int               # 1-based column of the year
    text: str


@dataclass(slots=True)
class YearStatements:
    """What the prose states about years, located: "tahun ke-N", relative years and the
    durations that name the period right after them."""

    ordinals: list[OrdinalYear] = field(default_factory=list)
    relatives: list[RelativeYear] = field(default_factory=list)
    #: (duration, the period it names) in line order: "kurun waktu 5 tahun, yaitu 2018-2023"
    durations: list[tuple[Expr, Expr]] = field(default_factory=list)


def year_statements(doc: Document) -> YearStatements:
    """The prose's year statements (computed once per document, on first request)."""
    return doc.memo("timeframe.statements", _build_statements)


def _year_before(s: Sentence, upto: int, tf: TimeFrame) -> int | None:
    """The last year named in the sentence before ``upto`` (outside periods), else the
    report year."""
    periods = [e for e in tf.expressions_in(s) if e.kind == "period"]
    best = None
    for m in _YEAR_WORD.finditer(s.text, 0, upto):
        col = s.start + m.start() + 1
        if any(p.column <= col < p.end_column for p in periods):
            continue
        best = int(m.group(1))
    return best if best is not None else tf.report_year


def _build_statements(doc: Document) -> YearStatements:
    tf = timeframe(doc)
    out = YearStatements()
    by_line: dict[int, list[Expr]] = {}
    for p in tf.plan_periods:
        by_line.setdefault(p.period.line, []).append(p.period)
    ord_hint, rel_hint = _hint(_ORDINAL_NEEDLES), _hint(_RELATIVE_NEEDLES)
    for line, text, low in tf.prose:
        ordinal, relative = ord_hint.search(low), rel_hint.search(low)
        if not (ordinal or relative):
            continue
        for s in _sentences(text, line):
            if ordinal:
                for m in _ORDINAL.finditer(s.text):
                    end = s.start + m.end() + 1
                    period = next((e for e in by_line.get(s.line, ())
                                   if end <= e.column <= end + 120
                                   and e.column <= s.start + len(s.text)), None)
                    n = int(m.group("n")) if m.group("n") else _ORDWORDS[m.group("w").lower()]
                    out.ordinals.append(OrdinalYear(
                        m.group(0), s.line, s.start + m.start() + 1, n,
                        _year_before(s, m.start(), tf), period))
            if relative:
                for m in _RELATIVE.finditer(s.text):
                    y = "y1" if m.group("y1") else "y2"
                    out.relatives.append(RelativeYear(
                        m.group(0), " ".join(m.group(0).split()[:2]),
                        m.group("rel").lower() in ("lalu", "sebelumnya", "kemarin"),
                        int(m.group(y)), s.line, s.start + m.start(y) + 1,
                        _year_before(s, m.start(), tf)))
    for exprs in tf.expressions.values():
        for d, nxt in pairwise(exprs):
            if d.kind == "duration" and d.number and nxt.kind == "period":
                out.durations.append((d, nxt))
    return out


# --------------------------------------------------------------------------- table years

@dataclass(frozen=True, slots=True)
class TableYearFacts:
    """The years of a table of one year's measurement (target / realisasi / capaian)."""

    caption_year: int | None      # the caption's one year (None: several, or a multi-year
                                  # caption, or not a measurement)
    column_year: int | None       # the one year of its measurement columns
    #: 1-based column of ``caption_year`` in the caption's source line
    caption_year_column: int | None = None
    #: (column, header cell, 1-based column of the year) where ``column_year`` is written
    column_year_at: tuple[Column, Cell, int] | None = None
    source: SourceLine | None = None   # the dated "Sumber" line right under the table


def table_year_facts(doc: Document, table: Table) -> TableYearFacts:
    """The table's year facts (computed once per table, on first request)."""
    known: dict[int, TableYearFacts] = doc.memo("timeframe.tables", lambda d: {})
    if table.index not in known:
        known[table.index] = _table_year_facts(doc, table)
    return known[table.index]


def _measure_years(table: Table) -> tuple[int | None, int | None]:
    if not any(c.role in MEASURE_ROLES for c in table.columns):
        return None, None
    cap, cols = table_years(table)
    caption = table.caption or ""
    cap_year = next(iter(cap)) if len(cap) == 1 and not _MULTI_YEAR.search(caption) else None
    value_years = {c.year for c in table.columns
                   if c.role in MEASURE_ROLES and c.year is not None}
    col_year = next(iter(value_years)) if len(cols) == 1 and len(value_years) == 1 else None
    if cols and col_year is None:
        return cap_year if not cols - {cap_year} else None, None
    return cap_year, col_year


def _table_year_facts(doc: Document, table: Table) -> TableYearFacts:
    cap_year, col_year = _measure_years(table)
    cap_at = None
    if cap_year is not None and table.caption_line is not None:
        pos = doc.lines[table.caption_line - 1].find(str(cap_year))
        cap_at = pos + 1 if pos >= 0 else None
    col_at = None
    if col_year is not None:
        col = next(c for c in table.columns if c.year == col_year and c.role in MEASURE_ROLES)
        for hr in table.header_rows:
            cell = hr[col.index] if col.index < len(hr) else None
            if cell is not None and str(col_year) in cell.raw:
                col_at = (col, cell, cell.column + cell.raw.find(str(col_year)))
                break
    source = None
    if cap_year is not None or col_year is not None:
        tf = timeframe(doc)
        for line in range(table.end_line + 1, min(table.end_line + 4, len(doc.lines)) + 1):
            src = tf.sources.get(line)
            if src is None:
                if doc.lines[line - 1].strip():
                    break
                continue
            source = SourceLine(line, src[0], src[1], src[2])
            break
    return TableYearFacts(cap_year, col_year, cap_at, col_at, source)


# ---- the grammar's tables ----------------------------------------------------------------
# grammar/dates.lark as Lark (1.x, LALR, contextual lexer) compiles it, derived by
# ``python -m sakiplint.read.grammars dates``: expressions are typed from these without importing
# Lark. When the grammar changes (its digest differs) Lark parses until they are derived
# again; tests/test_speed_grammars.py checks them against Lark's and the results against
# Lark's parses.
_TABLES: dict[str, Any] = {
    'digest': '95e28ddc55d60275',
    'terminals': (
        ('DASH', '\\-'),
        ('INT', '\\d+'),
        ('LPAR', '\\('),
        (
            'MONTH',
            ('(?i:januari|februari|pebruari|febuari|maret|april|mei|juni|juli|agustus|septemb'
             'er|oktober|nopember|november|desember)'),
        ),
        ('NUMWORD', '(?i:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)'),
        ('ORDWORD', '(?i:pertama|kesatu|kedua|ketiga|keempat)'),
        ('RANGE', '(?i:s\\.?\\s?\\/?\\s?d\\.?|sampai\\s+dengan|sampai|hingga|–|—)'),
        ('ROMAN', '(?i:iv|iii|ii|i)'),
        ('RPAR', '\\)'),
        ('SEMESTER', '(?i:semester)'),
        ('SLASH', '/'),
        ('TAHUN', '(?i:tahun)'),
        ('TRIWULAN', '(?i:triwulan|tri wulan|tw\\.?)'),
        ('WS', '(?:[ \t\x0c\r\n])+'),
    ),
    'lexers': (
        'MONTH TRIWULAN NUMWORD SEMESTER WS INT',
        'MONTH TAHUN RANGE WS DASH LPAR SLASH',
        'WS INT',
        'TAHUN WS',
        'NUMWORD ORDWORD WS INT ROMAN',
        'WS',
        'NUMWORD WS',
        'WS DASH',
        'WS RPAR',
        'WS SLASH',
    ),
    'state_lexer':
        '0 1 2 3 4 4 3 5 5 5 5 5 5 5 5 2 6 2 2 2 5 5 5 5 5 5 5 5 7 8 5 5 9 2 3 2 5 5',
    'ignore': ('WS',),
    'states': (
        ('INT s1 MONTH s2 NUMWORD s3 SEMESTER s4 TRIWULAN s5 count s6 date s7 duration s8 '
         'month_year s9 numeric_date s10 period s11 quarter s12 semester s13 start s14'),
        'DASH s15 LPAR s16 MONTH s17 RANGE s18 SLASH s19 TAHUN r0',
        'INT s20',
        'TAHUN r2',
        'INT s21 NUMWORD s22 ORDWORD s23 ROMAN s24 ordinal s25',
        'INT s21 NUMWORD s22 ORDWORD s23 ROMAN s24 ordinal s26',
        'TAHUN s27',
        '$END r16',
        '$END r17',
        '$END r18',
        '$END r19',
        '$END r20',
        '$END r21',
        '$END r22',
        '',
        'INT s28',
        'NUMWORD s29',
        'INT s30',
        'INT s31',
        'INT s32',
        '$END r5',
        '$END r8',
        '$END r9',
        '$END r10',
        '$END r11',
        '$END r15',
        '$END r14',
        '$END r4',
        '$END r12 DASH s33',
        'RPAR s34',
        '$END r3',
        '$END r13',
        'SLASH s35',
        'INT s36',
        'TAHUN r1',
        'INT s37',
        '$END r6',
        '$END r7',
    ),
    'rules': (
        ('count', 1, 'count', True, '0'),
        ('count', 4, 'count_both', False, '0 2'),
        ('count', 1, 'count_words', False, '0'),
        ('date', 3, 'date', False, '0 1 2'),
        ('duration', 2, 'duration', False, '0 1'),
        ('month_year', 2, 'month_year', False, '0 1'),
        ('numeric_date', 5, 'numeric_date', False, '0 1 2 3 4'),
        ('numeric_date', 5, 'numeric_date', False, '0 1 2 3 4'),
        ('ordinal', 1, 'ordinal', True, '0'),
        ('ordinal', 1, 'ordinal', True, '0'),
        ('ordinal', 1, 'ordinal', True, '0'),
        ('ordinal', 1, 'ordinal', True, '0'),
        ('period', 3, 'period', False, '0 1 2'),
        ('period', 3, 'period', False, '0 1 2'),
        ('quarter', 2, 'quarter', False, '0 1'),
        ('semester', 2, 'semester', False, '0 1'),
        ('start', 1, 'start', False, '0'),
        ('start', 1, 'start', False, '0'),
        ('start', 1, 'start', False, '0'),
        ('start', 1, 'start', False, '0'),
        ('start', 1, 'start', False, '0'),
        ('start', 1, 'start', False, '0'),
        ('start', 1, 'start', False, '0'),
    ),
    'start': 0,
    'end': 14,
}

