"""Years and names that the report contradicts elsewhere: what a numbered table or figure is
said to be about in each place that names it, this year's documents named with an earlier
year, and the agency's own name damaged by a leftover.

* :func:`caption_years`: every numbered table or figure is named in the Daftar Tabel /
  Gambar / Grafik, by its body caption, by its column headers and by the paragraph that
  introduces it. Each names phrases with years ("Perjanjian Kinerja Tahun 2023", "Data Awal
  (2021)"); the phrase is the last two words before the year (generic words and the agency's
  name left out). Where the places naming one phrase of one number give different years and
  one year has the most places (a tie is decided by the body caption), each place giving
  another year is a :class:`YearDisagreement`.
* :func:`stale_years`: this year's own documents or analysis ("Perjanjian Kinerja",
  "Penetapan Kinerja", "Laporan Kinerja", "LKjIP", "Analisis akuntabilitas keuangan")
  named with an earlier year than the report's, in a sentence that compares nothing
  ("tahun sebelumnya", "dibandingkan", "data awal" ...) and outside the Lampiran.
* :func:`name_leftovers`: the agency's own name followed by "dan" and one capitalised word
  that ends the name ("Kecamatan Sukamaju dan Kebudayaan diukur ..."): a leftover from
  another agency's name ("Dinas Pariwisata dan Kebudayaan").

All located by line and column; computed once per document; nothing here knows of rules.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakiplint.model import Document

__all__ = [
    "NameLeftover", "StaleYear", "YearDisagreement", "caption_years", "name_leftovers",
    "stale_years",
]


@dataclass(frozen=True, slots=True)
class YearDisagreement:
    number: str            # "2.5"
    phrase: str            # "data awal"
    year: int              # the year this place gives
    expected: int          # the year the other places give
    where: str             # "daftar", "caption", "header", "intro"
    line: int
    column: int            # 1-based column of the year
    others: tuple[tuple[str, int], ...]   # (where, line) of the places giving ``expected``


@dataclass(frozen=True, slots=True)
class StaleYear:
    text: str              # "Analisis akuntabilitas keuangan Tahun 2021"
    year: int
    expected: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class NameLeftover:
    text: str              # "Kecamatan Kedungkandang dan Kebudayaan"
    leftover: str          # "dan Kebudayaan"
    line: int
    column: int            # of "dan"


# --------------------------------------------------------------------------- phrases

@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "year": re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])"),
        "word": re.compile(r"[A-Za-z]+"),
        "period": re.compile(r"(?:19|20)\d\d\s*(?:-|–|s\.?\s?/?d\.?|sampai|hingga)\s*$", re.I),
        "period_after": re.compile(r"^\s*(?:-|–|s\.?\s?/?d\.?|sampai|hingga)\s*(?:19|20)\d\d",
                                   re.I),
        "item": re.compile(r"^\W*(tabel|table|gambar|grafik)\s*\.?\s*(\d+(?:\.\d+)*)\.?\s*(.*)$",
                           re.I),
        "cell_item": re.compile(r"^(tabel|table|gambar|grafik)\s*\.?\s*(\d+(?:\.\d+)*)\.?$",
                                re.I),
        "markup": re.compile(r"<[^>]*>|\*\*|__|`|^#+\s*"),
        "leader": re.compile(r"\s*\.{3,}\s*\w{0,6}\s*$|\t+\w{0,6}\s*$"),
        # where entries joined on one line meet: a leader and page, then the next entry
        "joined": re.compile(r"\.{3,}\s*\w{0,6}\s+(?=(?:\*\*)?(?:tabel|table|gambar|grafik)"
                             r"\s*\.?\s*\d)", re.I),
    }


#: words that do not name what a year belongs to
_GENERIC = frozenset((
    "tahun", "anggaran", "pada", "di", "dan", "dari", "dengan", "yang", "serta", "untuk",
    "kecamatan", "kelurahan", "desa", "kota", "kabupaten", "kantor", "camat", "perangkat",
    "daerah", "pemerintah", "provinsi", "tabel", "gambar", "grafik", "adalah", "yaitu",
    "sebagaimana", "tercantum", "dalam", "berikut", "atau", "jika", "dibandingkan", "sampai",
    "dengan", "bulan", "per", "s", "d", "januari", "desember", "ini", "tersebut",
))


def _phrases(text: str, own: set[str]) -> list[tuple[str, int, int]]:
    """(phrase, year, offset of the year) for each year in ``text`` that is not part of a
    period: the phrase is the last two words before the year, generic words and the agency's
    own name left out."""
    pats = _patterns()
    out: list[tuple[str, int, int]] = []
    for m in pats["year"].finditer(text):
        before = text[:m.start()]
        if pats["period"].search(before) or pats["period_after"].match(text, m.end()):
            continue
        words = [w.lower() for w in pats["word"].findall(before[-120:])]
        words = [w for w in words if w not in _GENERIC and w not in own]
        if len(words) < 2:
            continue
        out.append((" ".join(words[-2:]), int(m.group(1)), m.start(1)))
    return out


def _own_words(doc: Document) -> set[str]:
    from sakiplint.facts.identity import own_agency

    own = own_agency(doc)
    return set(own[1].split()) if own else set()


# --------------------------------------------------------------------------- places

@dataclass(frozen=True, slots=True)
class _Place:
    number: str
    where: str
    text: str        # the text the years are read from
    line: int        # the source line of ``text``'s start
    column: int      # 1-based column of ``text``'s start on that line
    lines: tuple[str, ...] = ()   # for a text spanning lines: the raw lines (locating years)


def _places(doc: Document) -> list[_Place]:
    from sakiplint.facts.counts import introduced_table

    pats = _patterns()
    out = _daftar(doc)
    body_start = _body_start(doc)
    # body captions of tables, with their column headers and introducing paragraph
    starts = [t.start_line for t in doc.tables]
    by_table = {}
    for t in doc.tables:
        if t.skipped or not t.caption_number or t.caption_line is None or \
                t.start_line <= body_start:
            continue
        lines = tuple(doc.lines[k - 1] for k in range(t.caption_line, t.start_line))
        out.append(_Place(t.caption_number, "caption", "\n".join(lines), t.caption_line, 1,
                          lines))
        for hr in t.header_rows:
            for c in hr:
                if c.text and pats["year"].search(c.text):
                    out.append(_Place(t.caption_number, "header", c.raw, c.line, c.column))
        by_table[t.index] = t
    for para in doc.paragraphs:
        if para.start_line <= body_start or ("abel" not in para.text and \
                "berikut" not in para.text):
            continue
        if pats["year"].search(para.text) is None:
            continue
        table = introduced_table(doc, para, starts)
        if table is None or table.index not in by_table:
            continue
        out.append(_Place(table.caption_number or "", "intro", para.text, para.start_line, 0))
    # body captions of figures: "Grafik 1.2 Penduduk ... , 2023"
    for i in range(body_start, len(doc.lines)):
        if (i + 1) in doc.table_lines:
            continue
        line = doc.lines[i]
        clean = pats["markup"].sub("", line).strip()
        m = pats["item"].match(clean)
        if m is None or m.group(1).lower() not in ("gambar", "grafik") or len(clean) > 200:
            continue
        out.append(_Place(m.group(2), "caption", line, i + 1, 1))
    return out


def _daftar(doc: Document) -> list[_Place]:
    """The entries of the Daftar Tabel / Gambar / Grafik (computed once per document)."""
    return doc.memo("yearnames.daftar", _build_daftar)


def _build_daftar(doc: Document) -> list[_Place]:
    pats = _patterns()
    out: list[_Place] = []
    # as tables: "| Tabel 2.5 | title | page |"
    for t in doc.tables:
        if t.skipped:
            continue
        for row in t.rows:
            cells = [c for c in row.cells if c.text]
            if len(cells) < 2:
                continue
            m = pats["cell_item"].match(cells[0].text.strip())
            if m is not None:
                c = cells[1]
                out.append(_Place(m.group(2), "daftar", c.raw, c.line, c.column))
                continue
            # "Tabel 2.4 Perjanjian Kinerja Tahun 2023.....<TAB>24": the title in the first
            # cell, the page after it
            m = pats["item"].match(cells[0].text.strip())
            if m is not None and m.group(3) and all(
                    len(c.text) <= 6 and any(ch.isdigit() or ch in "ivxIVX" for ch in c.text)
                    for c in cells[1:]):
                c = cells[0]
                out.append(_Place(m.group(2), "daftar", c.raw, c.line, c.column))
    # ... and as lines in the first third: "Tabel 2.5 Perbandingan ... Tahun 2023 .... 25"
    for i in range(len(doc.lines) // 3):
        if (i + 1) in doc.table_lines:
            continue
        line = doc.lines[i]
        if "..." not in line and "\t" not in line:
            continue
        # entries a converter joined into one line ("Tabel 1.1 ... 2 Tabel 1.2 ... 3") each
        start = 0
        ends = [m.end() for m in pats["joined"].finditer(line)] + [len(line)]
        for end in ends:
            part = line[start:end].rstrip()
            start = end
            m = pats["item"].match(pats["markup"].sub("", part))
            if m is None or not m.group(3) or pats["leader"].search(part) is None:
                continue
            out.append(_Place(m.group(2), "daftar", part, i + 1, 1))
    return out


def _body_start(doc: Document) -> int:
    """The last line of the front matter: the last Daftar Tabel / Gambar entry (0 when the
    report has none)."""
    return max((p.line for p in _daftar(doc)), default=0)


def _locate(doc: Document, place: _Place, offset: int) -> tuple[int, int]:
    """(line, 1-based column) of ``offset`` in the place's text."""
    if place.where == "intro":
        from sakiplint.facts.claims import Value, locate

        para = next(p for p in doc.paragraphs if p.start_line == place.line)
        year = place.text[offset:offset + 4]
        (v,) = locate([Value(year, "number", (), offset)], para, doc.lines)
        if v.column > 1:
            return v.line, v.column
        return _find_year(doc, para.start_line, para.end_line, year)
    if place.lines:
        before = place.text[:offset]
        k = before.count("\n")
        col = offset - (before.rfind("\n") + 1 if k else 0)
        return place.line + k, col + 1
    raw = doc.lines[place.line - 1]
    pos = raw.find(place.text)
    base = pos if pos >= 0 else max(place.column - 1, 0)
    return place.line, base + offset + 1


def _find_year(doc: Document, first: int, last: int, year: str) -> tuple[int, int]:
    for ln in range(first, last + 1):
        pos = doc.lines[ln - 1].find(year)
        if pos >= 0:
            return ln, pos + 1
    return first, 1


def caption_years(doc: Document) -> list[YearDisagreement]:
    """Years of one phrase of one numbered table or figure that disagree between the places
    naming it (computed once per document)."""
    return doc.memo("yearnames.captions", _caption_years)


def _caption_years(doc: Document) -> list[YearDisagreement]:
    own = _own_words(doc)
    # (number, phrase) -> [(place, {year: offset of its first mention})]
    found: dict[tuple[str, str], list[tuple[_Place, dict[int, int]]]] = {}
    for place in _places(doc):
        if not place.number:
            continue
        mine: dict[str, dict[int, int]] = {}
        for phrase, year, offset in _phrases(place.text, own):
            mine.setdefault(phrase, {}).setdefault(year, offset)
        for phrase, years in mine.items():
            found.setdefault((place.number, phrase), []).append((place, years))
    out: list[YearDisagreement] = []
    for (number, phrase), hits in found.items():
        votes = Counter(y for _, years in hits for y in years)
        if len(votes) < 2:
            continue
        ranked = votes.most_common()
        lead, n = ranked[0]
        if len(ranked) > 1 and ranked[1][1] == n:
            # a tie: the year of the table's (or figure's) own body caption
            body = {y for p, years in hits if p.where == "caption" for y in years}
            if len(body) != 1:
                continue
            lead = body.pop()
        others = tuple((p.where, p.line) for p, years in hits if lead in years)
        for place, years in hits:
            if lead in years:
                continue   # a place naming the phrase with several years, the lead among them
            year, offset = next(iter(years.items()))
            line, column = _locate(doc, place, offset)
            out.append(YearDisagreement(number, phrase, year, lead, place.where, line, column,
                                        others))
    out.sort(key=lambda d: (d.line, d.column))
    return out


# --------------------------------------------------------------------------- stale years

@cache
def _stale_patterns() -> dict[str, re.Pattern[str]]:
    return {
        "own": re.compile(
            r"\b(?:anali[sz]is|analisa)\s+akuntabilitas(?:\s+(?:keuangan|kinerja))?"
            r"|\b(?:perjanjian|penetapan)\s+kinerja|\blaporan\s+kinerja(?:\s+instansi"
            r"\s+pemerintah)?|\blkjip\b|\blakip\b", re.I),
        "year": re.compile(r"\btahun\s+(?:anggaran\s+)?((?:19|20)\d\d)\b(?!\s*[-–/]|\s+s)", re.I),
        "other_doc": re.compile(
            r"\b(?:renstra|rpjmd|rpjm|rkt|renja|peraturan|perwali|perbup|perda|nomor|"
            r"keputusan|dpa|lampiran)\b", re.I),
        "compares": re.compile(
            r"sebelum|\blalu\b|\bdibanding|\bperbandingan|data\s+awal|kondisi\s+awal|"
            r"\bsampai\b|\bhingga\b|"
            r"s\.?\s?/?d\b|\btren|kenaikan|penurunan|meningkat|menurun|\bsemula\b", re.I),
        # the evaluation of a report is made the year after it: "hasil evaluasi ... atas
        # LKjIP tahun 2022" in the 2023 report names last year's report rightly
        "evaluated": re.compile(r"\bevaluasi\b", re.I),
    }


def stale_years(doc: Document) -> list[StaleYear]:
    """This year's documents named with an earlier year (computed once per document)."""
    return doc.memo("yearnames.stale", _stale_years)


def _stale_years(doc: Document) -> list[StaleYear]:
    from sakiplint.facts.timeframe import timeframe
    from sakiplint.read.prose import sentence_spans

    tf = timeframe(doc)
    ry = tf.report_year
    out: list[StaleYear] = []
    if ry is None:
        return out
    pats = _stale_patterns()
    body = _body_start(doc)
    earlier = [str(y) for y in range(ry - 10, ry)]
    for para in doc.paragraphs:
        if para.start_line <= body or tf.in_annex(para.start_line):
            continue
        text = para.text
        if not any(y in text for y in earlier):
            continue   # no earlier year at all (a substring test: cheap)
        if pats["own"].search(text) is None:
            continue
        for a, b in sentence_spans(para.text):
            sentence = para.text[a:b]
            found = list(pats["own"].finditer(sentence))
            if not found or pats["compares"].search(sentence):
                continue
            for m in found:
                y = pats["year"].search(sentence, m.end(), min(len(sentence), m.end() + 70))
                if y is None or int(y.group(1)) >= ry:
                    continue
                if pats["evaluated"].search(sentence, max(0, m.start() - 60), m.start()):
                    continue
                gap = sentence[m.end():y.start()]
                if pats["other_doc"].search(gap) or any(ch in gap for ch in ".;:("):
                    continue
                text = sentence[m.start():y.end()]
                line, column = _find_text(doc, para.start_line, para.end_line, y.group(0))
                out.append(StaleYear(" ".join(text.split()), int(y.group(1)), ry, line,
                                     column + len(y.group(0)) - 4))
    return out


def _find_text(doc: Document, first: int, last: int, text: str) -> tuple[int, int]:
    for ln in range(first, min(last, len(doc.lines)) + 1):
        pos = doc.lines[ln - 1].find(text)
        if pos >= 0:
            return ln, pos + 1
    return first, 1


# --------------------------------------------------------------------------- names

#: words that may follow "<agency> dan": another agency, area or office named in full
_KIND_WORDS = frozenset((
    "kecamatan", "kelurahan", "desa", "dinas", "badan", "kantor", "kabupaten", "kota",
    "provinsi", "pemerintah", "camat", "lurah", "sekretaris", "sekretariat", "satuan", "unit",
    "tim", "bagian", "seksi", "kepala", "masyarakat", "seluruh", "jajaran", "instansi",
    "perangkat", "dprd", "forkopimcam", "polsek", "koramil", "puskesmas",
))


def name_leftovers(doc: Document) -> list[NameLeftover]:
    """The agency's own name with a leftover word of another agency's name (computed once
    per document)."""
    return doc.memo("yearnames.leftovers", _name_leftovers)


def _name_leftovers(doc: Document) -> list[NameLeftover]:
    from sakiplint.facts.identity import own_agency

    own = own_agency(doc)
    out: list[NameLeftover] = []
    if own is None:
        return out
    kind, name = own
    words = r"\s+".join(re.escape(w) for w in name.split())
    pat = re.compile(
        rf"(?i:\b{re.escape(kind)}\s+{words})\s+(dan)\s+([A-Z][a-z]{{3,}})"
        rf"(?=\s+[a-z]|\s*[,.;]|$)")
    # one pass over the whole text (its lines joined by "\n"); each match placed on its line
    text = doc.text
    newlines: list[int] = []   # offsets of the text's line ends, found on the first match
    for m in pat.finditer(text):
        if "\n" in m.group(0):
            continue
        word = m.group(2)
        if word.lower() in _KIND_WORDS or not word[0].isupper():
            continue
        if not newlines:
            at = text.find("\n")
            while at >= 0:
                newlines.append(at)
                at = text.find("\n", at + 1)
            newlines.append(len(text))
        line = bisect.bisect_left(newlines, m.start(1)) + 1
        if line in doc.table_lines:
            continue
        column = m.start(1) - (text.rfind("\n", 0, m.start(1)) + 1) + 1
        out.append(NameLeftover(m.group(0), f"dan {word}", line, column))
    return out
