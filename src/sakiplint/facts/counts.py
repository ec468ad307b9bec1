"""Count claims in running text, and the table each introducing paragraph points at.

Reports count what their tables list: "merencanakan 5 (lima) program, 13 (tiga belas)
kegiatan, dan 30 (tiga puluh) sub kegiatan dengan rincian pada tabel berikut", "dengan
3 (tiga) sasaran sebagaimana ditunjukkan pada tabel berikut". This module finds

* :class:`CountClaim`: a whole number in digits (optionally repeated in words between
  parentheses) directly followed by a counted noun (program, kegiatan, sub kegiatan,
  sasaran, indikator, tujuan), with the line / column of its digits in the raw report; a
  claim is ``whole`` when it describes a whole set and not a part of one (no "dari 5 program,
  3 program tercapai", no "2 sasaran tercapai", no "masing-masing 2 indikator", no "4
  indikator utama"), is the only count of its noun in the paragraph and its noun is not
  named again later in the paragraph;
* counts of people ("sebanyak 34 orang", "37.554 jiwa"), noun "orang": ``whole`` only for
  the paragraph's one count of people that is not a part (by sex, status, "terdiri dari",
  "di antaranya"); linked when the table's caption names whom the sentence counts, and
  compared with the table's total row (one total row, one Jumlah column);
* the table a paragraph introduces: the paragraph refers forward ("tabel berikut", "tabel di
  bawah ini", "sebagai berikut", "pada tabel 2.8 berikut") and the next table follows within a
  few lines with only its caption and blank lines between; a table number the paragraph names
  must be that table's caption number;
* :class:`TableCounts`: what a table counts, only where the table says so unambiguously
  (program rows or the names in a "Program" column; distinct names in the one sasaran /
  tujuan / indikator column, passing over empty merged cells, repeated headers, totals and
  the goal (tujuan) rows some tables put in the sasaran column; kegiatan and sub kegiatan only
  when every row's level is marked). A name column with a cell broken over two rows, or a
  name repeated apart, gives no count; a table that continues after a page break as an
  uncaptioned table of another shape gives no counts at all.

Access: ``counts_of(document)`` (memoised on the document under ``"counts"``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from sakiplint.read.numwords import words_to_number
from sakiplint.read.prose import LINE_MARKERS

if TYPE_CHECKING:
    from sakiplint.model import Cell, Column, Document, Paragraph, Row, Table

__all__ = [
    "NOUNS", "CountClaim", "Counts", "LinkedClaim", "TableCounts", "claims_in_paragraph",
    "counts_of", "introduced_table", "people_in_paragraph", "people_total", "people_totals",
    "table_counts",
]

MEMO_KEY = "counts"


@cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (nothing is compiled at import)."""
    return re.compile(pattern, flags)

#: counted nouns, as ``CountClaim.noun`` names them
NOUNS = ("program", "kegiatan", "sub_kegiatan", "sasaran", "indikator", "tujuan", "orang")

# markup that may sit inside a sentence; blanked (same length) so offsets stay true
_MARKUP = re.compile(r"<[^>]*>|\*\*|__|`")

_CLAIM = re.compile(
    r"""
    (?<![\w.,/:%-])                        # a number of its own, not "1.1", "ke-5", "2/3"
    (?P<num>\d{1,4})
    (?![\w.,/%-]|\s*[.)])                  # not "1.1", "1)", "5%", "1."
    (?:\s*\((?P<words>[A-Za-z\s-]+)\))?    # 5 (lima)
    \s+(?:buah\s+)?
    (?P<noun>sub\s*-?\s*kegiatan|kegiatan|program|sasaran|indikator|tujuan)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

#: a count of people: "sebanyak 34 orang", "37.554 jiwa" (thousands grouped with ".")
_PEOPLE = re.compile(
    r"""
    (?<![\w.,/:%-])
    (?P<num>\d{1,3}(?:\.\d{3})+|\d{1,6})
    (?![\w,/%-]|\.\d)
    (?:\s*\((?P<words>[A-Za-z\s-]+)\))?
    \s+(?P<noun>orang|jiwa)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PEOPLE_QUICK = re.compile(r"\d\s*(?:\([^()\n]{0,60}\)\s*)?(?:orang|jiwa)\b", re.IGNORECASE)
#: words of a table's caption that say nothing of whom it counts
_CAPTION_STOP = frozenset((
    "tabel", "table", "jumlah", "data", "berdasarkan", "menurut", "per", "dan", "di", "pada",
    "tahun", "kecamatan", "kelurahan", "desa", "kabupaten", "kota", "kantor", "yang", "dari",
    "orang", "jiwa", "total", "rekapitulasi", "keadaan", "kondisi", "daftar",
))
_WORDS = re.compile(r"[A-Za-z]{2,}")

# a cheap first look (a superset of _CLAIM)
_QUICK = re.compile(
    r"\d\s*(?:\([^()\n]{0,40}\)\s*)?(?:buah\s+)?(?:sub|keg|prog|sas|ind|tuj)", re.IGNORECASE
)

# words before the number that make it something other than the size of a whole set
_BEFORE_NOT_WHOLE = re.compile(
    r"(?:\b(?:masing-masing|masing2|masing|setiap|tiap|per|rata-rata|sekitar|lebih|kurang"
    r"|minimal|maksimal|paling|hingga|sampai|s\.?d\.?|s/d|atau|hanya|baru|tinggal|sisa"
    r"|antara|diantaranya|diantara|sebesar|target\w*|realisasi\w*|capaian\w*|tercapai"
    r"|terealisasi)\.?|[+-])\s*$",
    re.IGNORECASE,
)
_NOUN_WORD = re.compile(
    r"\b(?:sub\s*-?\s*kegiatan|kegiatan|program|sasaran|indikator|tujuan)\b", re.IGNORECASE
)
# words before the number that make it a reference or a label, not a count at all
_BEFORE_REFERENCE = re.compile(
    r"\b(?:ke|nomor|no|tabel|table|gambar|grafik|bab|lampiran|pasal|ayat|tahun|th|ta|rp"
    r"|pp|perda|perbup|perwali|permen\w*|uu)\.?\s*$",
    re.IGNORECASE,
)
_DARI_BEFORE = re.compile(r"\bdari\s*$", re.IGNORECASE)
_TERDIRI_DARI = re.compile(r"\bterdiri\s+(?:atas|dari)\s*$", re.IGNORECASE)
# what may follow the noun and turn the count into a part of a set
_AFTER_QUALIFIER = re.compile(
    r"^(?:\s+(?:strategis(?:nya)?|kinerja|perangkat\s+daerah|pd|opd))*"
    r"\s+(?:utama|tambahan|pendukung|prioritas|unggulan|lainnya|lain|baru|tersebut|diatas"
    r"|di\s+atas|saja|sisanya|per|untuk\s+setiap|setiap|tiap|masing)\b",
    re.IGNORECASE,
)
_AFTER_SUBSET = re.compile(
    r"\b(?:tercapai|berhasil|belum|tidak|gagal|efisien|melebihi|memenuhi|mencapai|hanya"
    r"|terealisasi|sesuai\s+target|di\s*bawah\s+target|di\s*atas\s+target)\b",
    re.IGNORECASE,
)
# a result named before the count: "yang belum tercapai ... ada 1 sasaran"
_SUBSET_BEFORE = re.compile(
    r"\b(?:tercapai|berhasil|belum|gagal|efisien|melebihi|terealisasi)\b", re.IGNORECASE
)
_OF_KIND = {
    "indikator": re.compile(
        r"^(?:\s+kinerja)?\s+(?:sasaran|tujuan|program|kegiatan|sub|output|outcome|input)\b",
        re.IGNORECASE),
    "sasaran": re.compile(r"^\s+(?:program|kegiatan|sub)\b", re.IGNORECASE),
    "program": re.compile(r"^\s+(?:kerja|studi|inovasi)\b", re.IGNORECASE),
    "kegiatan": re.compile(r"^\s+(?:fisik|non\s*-?\s*fisik|prioritas|usulan)\b", re.IGNORECASE),
}
_BOUNDARY = re.compile(r"[,;:]|\bterdiri\s+(?:dari|atas)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:()]|\bdan\b|\bserta\b|\bdengan\b|\bsebagaimana\b", re.IGNORECASE)

# references from a paragraph to a table
_FORWARD = re.compile(
    r"\btabel\b[^;:]{0,40}?\b(?:berikut|di\s*bawah|dibawah)"
    r"|\b(?:sebagai|seperti|sebagaimana)\s+berikut"
    r"|\bberikut\s+ini\b"
    r"|\b(?:pada|dalam|di)\s+tabel\s*:?\s*$",
    re.IGNORECASE,
)
_BACKWARD = re.compile(
    r"\btabel\s+(?:di\s*atas|diatas|tersebut|sebelumnya)\b", re.IGNORECASE
)
_NAMED_TABLE = re.compile(
    r"\btabel\s*\.?\s*((?:[IVXL]+\s*\.\s*)?\d+(?:\s*\.\s*\d+)*)", re.IGNORECASE
)

_WINDOW = 160            # characters around a claim its phrasing is judged by
_MAX_GAP = 10            # lines between a paragraph and the table it introduces
_MAX_CONTINUATION = 15   # lines between a table and an uncaptioned piece that may continue it


@dataclass(frozen=True, slots=True)
class CountClaim:
    """A stated count: ``value`` ``noun`` ("5 (lima) program")."""

    value: int
    noun: str            # one of NOUNS
    text: str            # as written, digits to noun: "5 (lima) program"
    line: int            # 1-based line of the digits in the raw report
    column: int          # 1-based column of the digits
    end_column: int      # 1-based column just after the digits
    paragraph_line: int  # first line of the paragraph (or list item)
    sentence: str
    whole: bool          # describes a whole set (see the module docstring)
    words: str | None = None   # the number in words, when written


@dataclass(slots=True)
class TableCounts:
    """What a table counts, per noun; a noun missing means the table does not say."""

    table: Table
    counts: dict[str, int] = field(default_factory=dict)
    pieces: list[Table] = field(default_factory=list)   # the table and its continuations
    #: the same counts of only the rows still funded in the table's last budget column
    #: (a kegiatan cut to 0 by the revision): the other reading of "N kegiatan"
    funded: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LinkedClaim:
    claim: CountClaim
    table: Table
    count: int | None    # the table's count of the claim's noun (None: the table does not say)
    #: other counts the claim may mean (a staff table totalled per breakdown; other tables
    #: counting the same people): it agrees with any of them
    others: tuple[int, ...] = ()
    tables: tuple[Table, ...] = ()     # the tables of ``others`` (beside ``table``)
    cells: tuple[Cell, ...] = ()       # the total cells the counts of people are read from

    @property
    def agrees(self) -> bool | None:
        if self.count is None:
            return None
        return self.claim.value in (self.count, *self.others)

    @property
    def counts(self) -> tuple[int, ...]:
        return () if self.count is None else tuple(dict.fromkeys((self.count, *self.others)))


@dataclass(slots=True)
class Counts:
    claims: list[CountClaim] = field(default_factory=list)
    #: whole claims in a paragraph that introduces a table, with that table's count
    linked: list[LinkedClaim] = field(default_factory=list)


# --------------------------------------------------------------------------- claims

def _noun(text: str) -> str:
    t = re.sub(r"[\s-]+", "", text.lower())
    return "sub_kegiatan" if t.startswith("sub") else t


def _raw_text(para: Paragraph, lines: list[str]) -> tuple[str, list[tuple[int, int, int]]]:
    """The paragraph's raw lines joined by "\\n" with markup blanked, and for each line
    (offset in the joined text, line number, 0-based column where the joined line starts)."""
    parts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    for ln in range(para.start_line, min(para.end_line, len(lines)) + 1):
        line = lines[ln - 1]
        m = LINE_MARKERS.match(line)
        start = m.end() if m else 0
        chunk = _MARKUP.sub(lambda mm: " " * len(mm.group()), line[start:])
        spans.append((pos, ln, start))
        parts.append(chunk)
        pos += len(chunk) + 1
    return "\n".join(parts), spans


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text`` (the prose layer's splitter)."""
    from sakiplint.read.prose import sentence_spans

    return list(sentence_spans(text)) or [(0, len(text))]


def _subset_after(noun: str, after: str) -> bool:
    """The words after the noun make the count a part of a set ("2 sasaran tercapai",
    "4 indikator utama", "2 indikator untuk setiap sasaran", "3 indikator sasaran" beside
    indicators of goals and programs), or name something else ("5 program kerja",
    "4 program/kegiatan")."""
    if _AFTER_QUALIFIER.match(after) or after.lstrip().startswith(("/", "-")):
        return True
    kind = _OF_KIND.get(noun)
    if kind is not None and kind.match(after):
        return True
    end = _CLAUSE_END.search(after)
    clause = after[: end.start()] if end else after
    clause = " ".join(clause.split()[:6])
    return _AFTER_SUBSET.search(clause) is not None


@functools.lru_cache(maxsize=512)
def _is_number_words(words: str) -> bool:
    return words_to_number(words) is not None


def claims_in_paragraph(para: Paragraph, lines: list[str]) -> list[CountClaim]:
    """Every count claim of a paragraph, each marked ``whole`` or not."""
    text, spans = _raw_text(para, lines)
    if not _CLAIM.search(text):
        return []
    starts = [s[0] for s in spans]
    # (match, start of its sentence, the sentence, the sentence as stored)
    found: list[tuple[re.Match[str], int, str, str]] = []
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        shown = ""
        for m in _CLAIM.finditer(sentence):
            shown = shown or " ".join(sentence.split())
            found.append((m, s_start, sentence, shown))
    last_mention = {_noun(x.group()): x.start() for x in _NOUN_WORD.finditer(text)}
    raw: list[tuple[CountClaim, bool]] = []
    for m, s_start, sentence, shown in found:
        value = int(m["num"])
        words = m["words"]
        if words is not None and not _is_number_words(" ".join(words.lower().split())):
            continue   # "2023 (tahun anggaran) program": not a number in words
        if value == 0 or value > 500 or 1900 <= value <= 2100:
            continue
        # a window around the claim keeps the work linear in long, damaged paragraphs
        before = sentence[max(0, m.start() - _WINDOW): m.start()]
        after = sentence[m.end(): m.end() + _WINDOW]
        if _BEFORE_REFERENCE.search(before):
            continue
        part = bool(
            _BEFORE_NOT_WHOLE.search(before)
            or _SUBSET_BEFORE.search(" ".join(_BOUNDARY.split(before)[-1].split()[-10:]))
            or (_DARI_BEFORE.search(before) and not _TERDIRI_DARI.search(before))
            or _subset_after(_noun(m["noun"]), after)
        )
        offset = s_start + m.start("num")
        k = bisect.bisect_right(starts, offset) - 1
        line_off, ln, col0 = spans[k]
        column = col0 + (offset - line_off) + 1
        claim = CountClaim(
            value=value, noun=_noun(m["noun"]), text=" ".join(m.group().split()), line=ln,
            column=column, end_column=column + len(m["num"]),
            paragraph_line=para.start_line, sentence=shown,
            whole=False, words=words.strip() if words else None,
        )
        # the noun named again later in the paragraph ("Renstra menetapkan 5 sasaran;
        # sasaran tahun ini sebagai berikut"): which set the table holds is unclear
        if last_mention.get(claim.noun, -1) >= s_start + m.end():
            part = True
        raw.append((claim, part))
    # a noun counted more than once in the paragraph ("targetnya 4 kegiatan, realisasi
    # 4 kegiatan", "dari 3 sasaran, 2 sasaran tercapai"), or counted as a part anywhere in
    # it, has no whole count
    times: dict[str, int] = {}
    parted: set[str] = set()
    for claim, part in raw:
        times[claim.noun] = times.get(claim.noun, 0) + 1
        if part:
            parted.add(claim.noun)
    return [
        _replace_whole(claim, claim.noun not in parted and times[claim.noun] == 1)
        for claim, _part in raw
    ]


def people_in_paragraph(para: Paragraph, lines: list[str]) -> list[CountClaim]:
    """Counts of people ("sebanyak 34 orang", "37.554 jiwa") in a paragraph, noun "orang";
    ``whole`` only for the one count of people in the paragraph, not a part ("laki-laki
    sebanyak 20 orang", "masing-masing 5 orang", "terdiri dari ...")."""
    text, spans = _raw_text(para, lines)
    found = list(_PEOPLE.finditer(text))
    if not found:
        return []
    starts = [sp[0] for sp in spans]
    spans_of = _sentences(text)
    shown: dict[int, str] = {}   # sentence index -> its text, built once (many counts may
    #                             share one long sentence: one copy, not one per count)
    out: list[CountClaim] = []
    for m in found:
        value = int(m["num"].replace(".", ""))
        words = m["words"]
        if words is not None and not _is_number_words(" ".join(words.lower().split())):
            continue
        if value == 0:
            continue
        before = text[max(0, m.start() - _WINDOW): m.start()]
        after = text[m.end(): m.end() + _WINDOW]
        part = bool(
            len(found) > 1
            or _BEFORE_NOT_WHOLE.search(before)
            or _BEFORE_REFERENCE.search(before)
            or _PART_BEFORE.search(before[-60:])
            or _PART_AFTER.match(after)
        )
        offset = m.start("num")
        k = bisect.bisect_right(starts, offset) - 1
        line_off, ln, col0 = spans[k]
        column = col0 + (offset - line_off) + 1
        sentence = _sentence_at(text, spans_of, shown, offset)
        out.append(CountClaim(
            value=value, noun="orang", text=" ".join(m.group().split()), line=ln,
            column=column, end_column=column + len(m["num"]), paragraph_line=para.start_line,
            sentence=sentence, whole=not part, words=words.strip() if words else None,
        ))
    return out


def _sentence_at(
    text: str, spans: list[tuple[int, int]], shown: dict[int, str], offset: int
) -> str:
    """The sentence of ``text`` holding ``offset``, whitespace collapsed (found by bisection,
    each sentence's text built once)."""
    k = bisect.bisect_right(spans, (offset, len(text) + 1)) - 1
    if k < 0 or not spans[k][0] <= offset < spans[k][1]:
        return ""
    if k not in shown:
        a, b = spans[k]
        shown[k] = " ".join(text[a:b].split())
    return shown[k]


#: a count of people that is a part of a whole (by sex, age, status ...): a word just before
_PART_BEFORE = re.compile(
    r"\b(?:laki|perempuan|wanita|pria|terdiri|diantaranya|antaranya|antara\s+lain"
    r"|termasuk|honorer|kontrak|pppk|thl|non\s*-?\s*pns|berusia|usia|lulusan|golongan"
    r"|eselon|pensiun|mutasi|pindah|meninggal|lahir|sakit|cuti)\b[^.;:]*$",
    re.IGNORECASE,
)
#: ... or right after
_PART_AFTER = re.compile(
    r"^\s*(?:laki|perempuan|wanita|pria|\()",
    re.IGNORECASE,
)


def _replace_whole(c: CountClaim, whole: bool) -> CountClaim:
    return CountClaim(c.value, c.noun, c.text, c.line, c.column, c.end_column,
                      c.paragraph_line, c.sentence, whole, c.words)


# --------------------------------------------------------------------------- linking

def _number(s: str) -> str:
    return re.sub(r"\s+", "", s).strip(".")


def _blank(line: str) -> bool:
    s = line.strip()
    return not s or s in ("&nbsp;", "<br>")


#: a short label between an introducing paragraph and its table ("A. Berdasarkan Pendidikan")
_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s+)?(?:(?:[A-Za-z]|\d{1,2}|[IVX]{1,4})[.)]\s+)?[A-Z][^\d:;]{2,55}$"
)


def introduced_table(
    doc: Document, para: Paragraph, table_starts: list[int], labels: bool = False
) -> Table | None:
    """The table ``para`` introduces, if any (see the module docstring). With ``labels``,
    one short label line may also stand between them (a breakdown's sub-heading)."""
    text = para.text
    if not _FORWARD.search(text) or _BACKWARD.search(text):
        return None
    k = bisect.bisect_right(table_starts, para.end_line)
    if k >= len(doc.tables):
        return None
    table = doc.tables[k]
    if table.skipped or table.start_line - para.end_line - 1 > _MAX_GAP:
        return None
    cap = table.caption_line
    if cap is not None and para.start_line <= cap <= para.end_line:
        return None   # the paragraph is the caption itself
    named = {_number(n) for n in _NAMED_TABLE.findall(text)}
    if named and named != {_number(table.caption_number or "")}:
        return None
    # only blank lines and the table's own caption between the paragraph and the table
    caption_from = cap if cap is not None and para.end_line < cap < table.start_line else None
    nonblank = 0
    label = 0
    for ln in range(para.end_line + 1, table.start_line):
        line = doc.lines[ln - 1]
        if _blank(line):
            continue
        if caption_from is None or ln < caption_from or len(line) > 250:
            if labels and not label and (caption_from is None or ln < caption_from) \
                    and _LABEL.match(line.strip()):
                label += 1
                continue
            return None
        nonblank += 1
    if nonblank > 3:
        return None
    return table


# --------------------------------------------------------------------------- table counts

_HEADERISH = re.compile(
    r"^(?:no\.?|nomor|sasaran(?:\s+strategis)?|tujuan|indikator(?:\s+kinerja)?(?:\s+utama)?"
    r"|(?:nama\s+)?program|kegiatan|sub\s*kegiatan|uraian)$",
    re.IGNORECASE,
)
_TOTALISH = re.compile(
    r"^(?:jumlah|total|grand\s*total|sub\s*total|rata\s*-?\s*rata|jumlah\s+total)$", re.I
)
_PROGRAM_LABEL = re.compile(r"^program\b", re.IGNORECASE)
_PROGRAM_HEADER = re.compile(r"^program\s*(?:/|,|dan)\s*kegiatan\b", re.IGNORECASE)
_TOTAL_PREFIX = re.compile(r"^(?:jumlah|total|grand\s*total|sub\s*total|rata\s*-?\s*rata)\b",
                           re.IGNORECASE)
_WS = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"^(?:[-–—]+|n\s*/?\s*a|\(?\d{1,2}\)?)$", re.IGNORECASE)
_LOWER_LEVEL = re.compile(r"^(?:sub\s*-?\s*)?kegiatan\b", re.IGNORECASE)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip(" .:;,*").lower()


def _name_count(
    table: Table, rows: list[Row], idx: int, skip: frozenset[str] = frozenset(),
    names_only: bool = True, not_level: bool = False,
) -> int | None:
    """Distinct names in column ``idx``: empty cells (merged cells, continuation rows),
    repeated headers and total rows are passed over; a name that starts in lower case or
    with punctuation (a cell broken over two rows) or a name repeated apart from its first
    run (the same name under two parents, or a broken merge) makes the count unknown."""
    head = _norm(table.columns[idx].header)
    numbering = {c.index for c in table.columns if c.role == "no"}
    names: list[str] = []
    for row in rows:
        if row.kind != "data":
            continue
        cell = row.cell(idx)
        if cell is None or not cell.text:
            continue
        name = _norm(cell.text)
        if not name or name == head or _HEADERISH.match(name) or _TOTALISH.match(name):
            continue
        if skip and _squashed(name) in skip:
            continue
        if names_only and _TOTAL_PREFIX.match(name):
            continue   # "Total Anggaran 2024" in a sasaran / program column
        if _PLACEHOLDER.match(name):
            continue   # "-", "n/a", a column-number row left in the body
        if not_level and _LOWER_LEVEL.match(name):
            return None   # kegiatan listed in a program column: not a list of programs
        if not any(c.text and j != idx and j not in numbering for j, c in enumerate(row.cells)):
            return None   # a name alone on its row: maybe the rest of a cell broken over rows
        first = cell.text.lstrip(" *\"“'")[:1]
        if not first or not (first.isupper() or first.isdigit()):
            return None
        names.append(name)
    if not names:
        return None
    runs = 1 + sum(1 for a, b in itertools.pairwise(names) if a != b)
    distinct = len(set(names))
    return distinct if runs == distinct else None


_MAX_HEADER_WORDS = 6   # a longer header has swallowed data rows: the column is unclear


def _short_header(header: str) -> bool:
    return len(header.split()) <= _MAX_HEADER_WORDS


def _one_column(table: Table, role: str, word: str, exclude: tuple[str, ...]) -> int | None:
    cols = [
        c for c in table.columns
        if c.role == role and word in c.header.lower()
        and not any(x in c.header.lower() for x in exclude)
    ]
    if len(cols) != 1 or not _short_header(cols[0].header):
        return None
    return cols[0].index


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


_QUOTED_TUJUAN = re.compile(
    r"\btujuan\b[^“”\"\n]{0,60}[“\"]([^“”\"\n]{8,250})[”\"]", re.IGNORECASE
)


def _tujuan_names(doc: Document) -> frozenset[str]:
    """Names in the document's Tujuan columns and quoted after "tujuan" in its prose (spaces
    and punctuation removed): an IKU or capaian table often lists the goal (tujuan) and its
    indicator in the sasaran column, above the sasaran; such a row is not a sasaran."""
    def build(d: Document) -> frozenset[str]:
        names: set[str] = set()
        for para in d.paragraphs:   # 'mempunyai tujuan yaitu “Terwujudnya ...”'
            if "ujuan" in para.text:
                names.update(_squashed(m.group(1)) for m in _QUOTED_TUJUAN.finditer(para.text))
        for t in d.tables:
            if t.skipped:
                continue
            idx = _one_column(t, "sasaran", "tujuan", ("indikator", "sasaran"))
            if idx is None:
                continue
            for row in t.rows:
                cell = row.cell(idx)
                if cell is not None and cell.text:
                    names.add(_squashed(cell.text))
        names.discard("")
        return frozenset(names)

    return doc.memo("counts.tujuan_names", build)


def _program_count(table: Table, rows: list[Row]) -> int | None:
    program_cols = {c.index for c in table.columns if c.role == "program"}
    if not program_cols or not all(
        _short_header(table.columns[i].header) for i in program_cols
    ):
        return None
    named = [c for c in table.columns if c.role == "program" and _norm(c.header) in (
        "program", "nama program")]
    if len(named) == 1:
        return _name_count(table, rows, named[0].index, not_level=True)
    labels: list[str] = []
    for row in rows:
        if row.kind != "data":
            continue
        if _HEADERISH.match(_norm(row.label)) or _PROGRAM_HEADER.match(row.label):
            continue   # a header repeated after a page break
        is_program = bool(row.label and _PROGRAM_LABEL.match(row.label))
        if row.level == 1 and not is_program:
            return None   # numbered top level that is not a program: another hierarchy
        if is_program:
            if row.label_column not in program_cols:
                return None
            labels.append(_norm(row.label))
    if not labels or len(set(labels)) != len(labels):
        return None
    return len(labels)


def _two_numbers_re() -> re.Pattern[str]:
    return _rx(r"^\s*([\d.,]+)\s+[\d.,]+\s*$")



def _amount(row: Row, col: int) -> Decimal | None:
    """A row's amount in column ``col``; of two numbers run together by the converter
    ("428.654.837 428.654.837"), the first."""
    cell = row.cell(col)
    if cell is None:
        return None
    if cell.number is not None:
        return cell.number
    m = _two_numbers_re().match(cell.text)
    if m is None:
        return None
    digits = m.group(1).replace(".", "").replace(",", "")
    return Decimal(digits) if digits.isdigit() else None


def _levels_by_sums(table: Table, rows: list[Row]) -> tuple[dict[str, int], dict[str, int]]:
    """Kegiatan and sub kegiatan of a budget table whose rows below each program are not
    marked: read from the amounts (first budget column). Under each program the first row
    is a kegiatan, the rows after it its sub kegiatan until their amounts add up to the
    kegiatan's; then the next kegiatan. With every amount above zero the split is the only
    one possible; the kegiatan must add up to their program, and a trailing row equal to
    the sum of the programs is their total. Returns (counts, counts of the rows still
    funded in the last budget column); ({}, {}) when any step fails."""
    cols = [c for c in table.columns if c.role == "anggaran" and c.numeric]
    progs = [c for c in table.columns if c.role == "program"]
    if not cols or not progs or len(progs) != 1:
        return {}, {}
    first, last = cols[0].index, cols[-1].index
    data = [r for r in rows if r.kind == "data"]
    blocks: list[tuple[Row, list[Row]]] = []
    for r in data:
        if r.level == 1 and _PROGRAM_LABEL.match(r.label):
            blocks.append((r, []))
        elif blocks:
            blocks[-1][1].append(r)
        else:
            return {}, {}
    if len(blocks) < 1:
        return {}, {}
    total = sum((_amount(p, first) or Decimal(0) for p, _ in blocks), Decimal(0))
    kegiatan = sub = kegiatan_funded = sub_funded = 0
    for n, (program, members) in enumerate(blocks):
        target = _amount(program, first)
        if n == len(blocks) - 1 and members and _amount(members[-1], first) == total:
            members = members[:-1]   # the grand total after the last program
        amounts = [_amount(r, first) for r in members]
        if target is None or not amounts or any(a is None or a <= 0 for a in amounts):
            return {}, {}
        i, got = 0, Decimal(0)
        while i < len(members):
            head = amounts[i]
            assert head is not None
            j, s = i + 1, Decimal(0)
            while j < len(members) and s < head:
                s += amounts[j] or Decimal(0)
                j += 1
            if s != head or j == i + 1:
                return {}, {}
            kegiatan += 1
            sub += j - i - 1
            if (_amount(members[i], last) or 0) > 0:
                kegiatan_funded += 1
            sub_funded += sum(1 for r in members[i + 1:j] if (_amount(r, last) or 0) > 0)
            got += head
            i = j
        if got != target:
            return {}, {}
    return ({"kegiatan": kegiatan, "sub_kegiatan": sub},
            {"kegiatan": kegiatan_funded, "sub_kegiatan": sub_funded})


def _level_counts(table: Table, rows: list[Row]) -> dict[str, int]:
    """Kegiatan / sub kegiatan rows, when every data row's level is marked (by "Kegiatan" /
    "Sub Kegiatan" prefixes or 1 / 1.1 / 1.1.1 numbering) and the top level is programs."""
    data = [r for r in rows if r.kind == "data"]
    if not data or any(r.level not in (1, 2, 3) for r in data):
        return {}
    if not any(c.role == "program" for c in table.columns):
        return {}
    if any(r.level == 1 and not _PROGRAM_LABEL.match(r.label) for r in data):
        return {}
    out: dict[str, int] = {}
    for level, noun in ((2, "kegiatan"), (3, "sub_kegiatan")):
        labels = [_norm(r.label) for r in data if r.level == level]
        if labels and len(set(labels)) == len(labels) and all(labels):
            out[noun] = len(labels)
    return out


def _pieces(doc: Document, table: Table) -> list[Table] | None:
    """The table and the uncaptioned tables that continue it after a page break (the parser
    merges continuations only when their shape is clear). None when a piece that may
    continue the table has another number of columns: the table's extent is unknown."""
    pieces = [table]
    at = doc.memo("counts.table_at", lambda d: {id(t): i for i, t in enumerate(d.tables)}
                  ).get(id(table))
    if at is None:
        return pieces
    k = at + 1
    last = table
    while k < len(doc.tables):
        nxt = doc.tables[k]
        if nxt.caption is not None or nxt.start_line - last.end_line - 1 > _MAX_CONTINUATION:
            break
        between = doc.lines[last.end_line:nxt.start_line - 1]
        if any(_ends_table(x) for x in between):
            break
        if nxt.skipped or len(nxt.columns) != len(table.columns):
            return None
        if nxt.header_rows and not _repeats_header(table, nxt):
            return None   # a table of its own, or a continuation whose first row looks
            #               like a header: either way the extent is unclear
        pieces.append(nxt)
        last = nxt
        k += 1
    return pieces


def _texts(rows: list[list[Cell]]) -> list[list[str]]:
    return [[_norm(c.text) for c in r if c.text] for r in rows]


def _repeats_header(table: Table, piece: Table) -> bool:
    """The piece's header repeats (some rows of) the table's header after a page break."""
    seen = _texts(table.header_rows)
    return all(r in seen for r in _texts(piece.header_rows))


_SOURCE = re.compile(r"^\s*(?:\*\*|<b>)?\s*(?:sumber|source|keterangan)\s*:", re.IGNORECASE)


def _ends_table(line: str) -> bool:
    s = line.strip()
    return bool(_SOURCE.match(s)) or s.startswith("#") or len(s) > 200 or s.endswith(":")


def table_counts(doc: Document, table: Table) -> TableCounts:
    """What ``table`` (with its continuations) counts, once per table. Skipped tables count
    nothing."""
    known: dict[int, TableCounts] = doc.memo("counts.table_counts", lambda d: {})
    if id(table) not in known:
        known[id(table)] = _table_counts(doc, table)
    return known[id(table)]


def _table_counts(doc: Document, table: Table) -> TableCounts:
    out = TableCounts(table)
    if table.skipped:
        return out
    pieces = _pieces(doc, table)
    if pieces is None:
        return out
    out.pieces = pieces
    rows = [r for t in pieces for r in t.rows]
    program = _program_count(table, rows)
    if program:
        out.counts["program"] = program
    levels = _level_counts(table, rows)
    if not levels and program:
        levels, funded = _levels_by_sums(table, rows)
        if funded != levels:
            out.funded = dict(funded, program=program)
    out.counts.update(levels)
    mixed = False
    for noun, role, word, exclude in (
        ("sasaran", "sasaran", "sasaran", ("indikator", "tujuan")),
        ("tujuan", "sasaran", "tujuan", ("indikator", "sasaran")),
        ("indikator", "indikator", "indikator", ()),
    ):
        idx = _one_column(table, role, word, exclude)
        if idx is None:
            continue
        skip = _tujuan_names(doc) if noun == "sasaran" else frozenset()
        n = _name_count(table, rows, idx, skip, noun != "indikator")
        if n:
            out.counts[noun] = n
        if noun == "sasaran" and _mixes_tujuan(rows, idx, skip):
            mixed = True
    if mixed:
        # the indicators of a goal listed among those of the sasaran: whether a sentence's
        # "N indikator" counts them is unclear
        out.counts.pop("indikator", None)
    return out


def people_total(table: Table, pieces: list[Table]) -> int | None:
    """The people a count table totals: the one total row's value in the one "Jumlah"
    column (whole numbers only); None when the table does not say so plainly."""
    totals = people_totals(table, pieces)
    return totals[0] if len(totals) == 1 else None


def _own_header(col: Column) -> str:
    """A column's header without the group header spanning it ("Pendidikan Jumlah" under
    "Pendidikan": "jumlah")."""
    head = _norm(col.header)
    group = _norm(col.group)
    if group and head.startswith(group + " "):
        head = head[len(group) + 1:]
    return head


def people_totals(table: Table, pieces: list[Table]) -> tuple[int, ...]:
    """Every total a count table gives for the people it counts: the one total row's value
    in each "Jumlah" column (a staff table broken down by education, rank and eselon totals
    each breakdown: "13 | 13 | 7"); whole numbers only; () when the table has no one total
    row."""
    return tuple(int(c.number) for c in people_total_cells(table, pieces)
                 if c.number is not None)


def people_total_cells(table: Table, pieces: list[Table]) -> tuple[Cell, ...]:
    """The cells of :func:`people_totals`."""
    jumlah = [c for c in table.columns if c.role == "jumlah" or _own_header(c) in (
        "jumlah", "total", "jumlah total")]
    totals = [r for t in pieces for r in t.rows if r.kind == "total"]
    if not jumlah or len(totals) != 1:
        return ()
    if any(r.unread for t in pieces for r in t.rows):
        return ()   # rows the reader could not place: where the total's cells are is unsure
    out: list[Cell] = []
    for col in jumlah:
        cell = totals[0].cell(col.index)
        if cell is None or cell.number is None or cell.decimals or cell.number <= 0:
            continue
        if cell.value is not None and cell.value.kind not in ("number",):
            continue
        out.append(cell)
    return tuple(out)


def _caption_words(table: Table) -> set[str]:
    return {
        w.lower() for w in _WORDS.findall(table.caption or "")
        if w.lower() not in _CAPTION_STOP
    }


def _mixes_tujuan(rows: list[Row], idx: int, tujuan: frozenset[str]) -> bool:
    for row in rows:
        cell = row.cell(idx)
        if cell is not None and cell.text and _squashed(cell.text) in tujuan:
            return True
    return False


# --------------------------------------------------------------------------- document

def _build(doc: Document) -> Counts:
    out = Counts()
    starts = [t.start_line for t in doc.tables]
    for para in doc.paragraphs:
        if _PEOPLE_QUICK.search(para.text):
            _link_people(doc, para, starts, out)
        if not _QUICK.search(para.text) or not _CLAIM.search(para.text):
            continue   # the clean text has no claim: neither has the raw text
        claims = claims_in_paragraph(para, doc.lines)
        if not claims:
            continue
        out.claims += claims
        whole = [c for c in claims if c.whole]
        if not whole:
            continue
        table = introduced_table(doc, para, starts)
        tcs: list[TableCounts] = []
        if table is not None:
            tcs = [table_counts(doc, table)]
        budget = [c for c in whole if c.noun in _BUDGET_NOUNS]
        if budget and not any(c.noun in tc.counts for tc in tcs for c in budget):
            # the counts of the year's budget, wherever they are stated: every budget table
            # of the sentence's year that counts them
            tcs += [tc for tc in _agency_counts(doc, budget[0].sentence)
                    if tc.table is not table]
        if not tcs:
            continue
        for c in whole:
            out.linked.append(_reading(c, [x for x in whole if x.sentence == c.sentence], tcs))
    return out


_BUDGET_NOUNS = ("program", "kegiatan", "sub_kegiatan")


def _budget_sentence_re() -> re.Pattern[str]:
    return _rx(r"\b(?:anggaran|pagu|alokasi|dianggarkan|apbd|dpa)\b", re.I)


def _year_in_re() -> re.Pattern[str]:
    return _rx(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _agency_counts(doc: Document, sentence: str) -> list[TableCounts]:
    """The budget tables of the sentence's year (its one year, else the report's) that count
    programs, kegiatan or sub kegiatan, when the sentence speaks of the budget."""
    from sakiplint.facts.identity import identity

    if _budget_sentence_re().search(sentence) is None:
        return []
    years = set(_year_in_re().findall(sentence))
    if len(years) > 1:
        return []
    year = int(years.pop()) if years else doc.report_year
    def build(d: Document) -> list[TableCounts]:
        ident = identity(d)
        out: list[TableCounts] = []
        for t in d.tables:
            info = ident.infos.get(t.index)
            if t.skipped or info is None or info.year != year or info.role not in (
                    "anggaran", "pk", "pk_perubahan"):
                continue
            if not any(c.role == "anggaran" and c.money for c in t.columns):
                continue
            tc = table_counts(d, t)
            if any(n in tc.counts for n in _BUDGET_NOUNS):
                out.append(tc)
        return out
    # once per year, not per sentence
    return doc.memo(f"counts.agency_tables:{year}", build)


def _reading(claim: CountClaim, together: list[CountClaim],
             tcs: list[TableCounts]) -> LinkedClaim:
    """The claim against the tables' counts. The counts a sentence states together are
    one reading of a table: when some table, as listed or counting only what is still
    funded after the revision, gives every one of them, they all agree; otherwise the claim
    is compared with the tables as listed."""
    for tc in tcs:
        for counts in (tc.counts, tc.funded):
            shared = [x for x in together if x.noun in counts]
            if shared and claim.noun in counts and all(
                    counts[x.noun] == x.value for x in shared):
                return LinkedClaim(claim, tc.table, claim.value)
    found = [(tc.table, tc.counts[claim.noun]) for tc in tcs if claim.noun in tc.counts]
    if not found:
        return LinkedClaim(claim, tcs[0].table, None)
    counts = tuple(n for _, n in found)
    return LinkedClaim(claim, found[0][0], counts[0], counts[1:],
                       tuple(t for t, _ in found[1:]))


def _link_people(doc: Document, para: Paragraph, starts: list[int], out: Counts) -> None:
    """A whole count of people in a paragraph that introduces a table whose caption names
    whom the sentence counts (a caption word in the sentence: "PNS", "penduduk") and whose
    total row gives a total."""
    claims = people_in_paragraph(para, doc.lines)
    out.claims += claims
    whole = [c for c in claims if c.whole]
    if len(whole) != 1:
        return
    claim = whole[0]
    sentence_words = {w.lower() for w in _WORDS.findall(claim.sentence)}
    table = introduced_table(doc, para, starts, labels=True)
    if table is not None and not table.skipped and _caption_words(table) & sentence_words:
        pieces = _pieces(doc, table)
        cells = people_total_cells(table, pieces) if pieces else ()
        totals = [int(c.number) for c in cells if c.number is not None]
        out.linked.append(LinkedClaim(claim, table, totals[0] if totals else None,
                                      tuple(totals[1:]), (), cells))
        return
    # anywhere in the report: the count tables whose caption's every word the sentence
    # holds ("Jumlah Penduduk Kecamatan Sukamaju Tahun 2024" for "Penduduk Kecamatan
    # Sukamaju pada tahun 2024 tercatat sebanyak ..."), of the sentence's year
    found = [(t, totals) for t, words, year, totals in _people_tables(doc)
             if words and words <= sentence_words and _same_year(year, claim.sentence,
                                                                 doc.report_year)]
    if not found:
        return
    counts = tuple(n for _, totals in found for n in totals)
    cells = tuple(c for t, _ in found for c in people_total_cells(t, _pieces(doc, t) or [t]))
    out.linked.append(LinkedClaim(claim, found[0][0], counts[0], counts[1:],
                                  tuple(t for t, _ in found[1:]), cells))


def _caption_year_re() -> re.Pattern[str]:
    return _rx(r"(?<!\d)((?:19|20)\d\d)(?!\d)")



def _same_year(year: int | None, sentence: str, report_year: int | None) -> bool:
    """The table's caption year (None: none) is the sentence's (its one year, else the
    report year)."""
    said = set(_caption_year_re().findall(sentence))
    if len(said) > 1:
        return False
    own = int(said.pop()) if said else report_year
    return year is None or year == own


def _people_tables(doc: Document) -> list[tuple[Table, set[str], int | None, tuple[int, ...]]]:
    """(table, its caption's words, its caption's one year, its totals) of every captioned
    count table with one total row (computed once per document)."""
    def build(d: Document) -> list[tuple[Table, set[str], int | None, tuple[int, ...]]]:
        out = []
        for t in d.tables:
            if t.skipped or not t.caption:
                continue
            pieces = _pieces(d, t)
            totals = people_totals(t, pieces) if pieces else ()
            if not totals:
                continue
            years = set(_caption_year_re().findall(t.caption))
            year = int(years.pop()) if len(years) == 1 else None
            out.append((t, _caption_words(t), year, totals))
        return out
    return doc.memo("counts.people_tables", build)


def counts_of(doc: Document) -> Counts:
    """The document's count claims and their links to tables (built once, on request)."""
    return doc.memo(MEMO_KEY, _build)
