"""Page furniture: running headers and footers, page numbers and viewer banners.

Text from a PDF viewer, ``pdftotext`` or a document-sharing site keeps what was printed on
every page: the report title with the page number, "Hal. 15", "Bab 3 hal 15", "- 23 -", a
lone page number, and the banner of the site the text came from. None of it is content: it
is recognised here and kept out of sentences, claims, tables and the report-year guess (the
reader blanks it, keeping line numbers and columns true).

Recognition is by repetition, in one pass over the lines: every line gets a shape (its page
number, the first or last integer, replaced by ``#``); shapes are counted in a dict, and a
shape that comes back with its page number rising through the document is furniture. Page
markers that cannot be anything else ("- 23 -", "Hal. 15", "Halaman 3 dari 40") count on
their own; a bare number or "(2)" only when such numbers rise from page to page. No pairwise
comparison of lines, no backtracking pattern.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakiplint.read.blocks import RawBlock

#: a page marker that is nothing else: "- 23 -", "Hal. 15", "Halaman 3 dari 40", "Page 2 of
#: 9", "Bab 3 hal 15", "Anda di halaman 1 dari 14"
_MARKER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]"
    r"|(?:bab\s+[ivx\d]{1,5}\s+)?(?:hal(?:aman)?|page|hlm)\s*\.?\s*:?\s*[ivx\d]{1,5}"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?"
    r"|anda\s+(?:berada\s+)?di\s+halaman\s*\d{1,4}\s*(?:dari|/)\s*\d{1,4})$",
    re.I,
)
#: the same markers inside a line, after a running header glued to the text that follows
#: ("... LAPORAN KINERJA TAHUN 2016 Bab 3 hal 15 unit, jika ...")
_INLINE_MARKER = re.compile(
    r"\bbab\s+[ivx\d]{1,5}\s+hal(?:aman)?\s*\.?\s*\d{1,4}\b"
    r"|\bhal(?:aman)?\s*\.\s*\d{1,4}\b",
    re.I,
)
_LONE = re.compile(r"^\(?(\d{1,4})\)?$")
_EDGE_FIRST = re.compile(r"^(\d{1,4})\s+(?=\D)")
_EDGE_LAST = re.compile(r"\s(\d{1,4})$")
_DIGITS = re.compile(r"\d")
_YEARLIKE = re.compile(r"^(?:19|20)\d\d$")
_WORD = re.compile(r"[A-Za-z]{3,}")
#: what document-sharing sites print around the text ("Copied!", "Teks penuh", ...)
_BANNER = re.compile(
    r"^(?:[•·*-]\s*)?(?:copied!?|protected|teks penuh|full text|embed size.*|citation preview"
    r"|academic year\s*:.*|membagikan\b.*|tidak ada hasil yang ditemukan|no results found"
    r"|download(?: pdf)?|unduh(?: pdf)?|bagikan|share|report this document|laporkan dokumen"
    r"|anda\s+(?:berada\s+)?di\s+halaman.*)$",
    re.I,
)
_SENTENCE_MARK = re.compile(r"[.,;:!?]")


@dataclass(slots=True)
class Furniture:
    """Furniture found in a text: whole lines, and spans of lines (1-based line numbers;
    spans are 0-based character offsets [start, end))."""

    lines: set[int] = field(default_factory=set)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.lines or self.spans)


def _structured(line: str) -> bool:
    """A line of a TAB, pipe or HTML table: not looked at here."""
    s = line.lstrip()
    return "\t" in line or s.startswith("|") or s.startswith("<")


def _rising(numbers: list[tuple[int, int]], min_gap: int) -> bool:
    """(line, value) pairs in line order whose values rise by a page or a few at a time,
    each at least ``min_gap`` lines after the one before."""
    if len(numbers) < 2:
        return False
    for (l1, v1), (l2, v2) in itertools.pairwise(numbers):
        if not 1 <= v2 - v1 <= 20 or l2 - l1 < min_gap:
            return False
    return True


def find_furniture(lines: list[str]) -> Furniture:
    """The page furniture of a text given as its lines (without line ends)."""
    found = Furniture()
    shapes: dict[str, list[tuple[int, int]]] = defaultdict(list)
    lone: list[tuple[int, int, bool]] = []      # (line, value, parenthesised)
    plain_same: dict[str, list[int]] = defaultdict(list)
    for i, raw in enumerate(lines, start=1):
        s = raw.strip()
        if not s or _structured(raw):
            continue
        if len(s) > 160:
            _inline(found, i, raw)
            continue
        if _MARKER.match(s):
            found.lines.add(i)
            continue
        m = _LONE.match(s)
        if m:
            lone.append((i, int(m.group(1)), s.startswith("(")))
            continue
        if _BANNER.match(s) and i <= 60:
            found.lines.add(i)
            continue
        if _WORD.search(s) is None:
            continue
        low = " ".join(s.lower().split())
        edge = _EDGE_LAST.search(low) or _EDGE_FIRST.search(low)
        if edge is not None and not _YEARLIKE.match(edge.group(1)):
            shape = low[:edge.start(1)] + "#" + low[edge.end(1):]
            shapes[shape].append((i, int(edge.group(1))))
        if not _DIGITS.search(low) and len(low) <= 100 and not _SENTENCE_MARK.search(low):
            plain_same[low].append(i)
        _inline(found, i, raw)
    # running headers / footers: one shape, a page number rising through the document, and
    # words enough to be a title ("12 Dokumen", "3 Dokumen" are cells of a table)
    for shape, occ in shapes.items():
        words = _WORD.findall(shape)
        if _rising(occ, 3) and (len(words) >= 3 or (len(words) >= 2 and len(occ) >= 3)):
            found.lines.update(ln for ln, _ in occ)
    _banner_block(found, lines)
    # lone page numbers and "(n)" markers: rising across the document, away from other
    # numbers (a column of a table written one cell per line is not)
    _lone_numbers(found, lone, lines)
    # a repeated line (the agency's name) that always sits next to other furniture
    from sakiplint.read.plain import _word_kind

    for low, occ in plain_same.items():
        if all(_word_kind(w) == "head" for w in low.split()):
            continue    # a column name ("Realisasi") a page break happened to fall beside
        if len(occ) >= 2 and all(_near(found.lines, ln, lines) for ln in occ):
            found.lines.update(occ)
    for ln in found.lines:
        found.spans.pop(ln, None)
    # the blank lines between two furniture lines of one page break (footer, blank, running
    # header) belong to the break: in a text written one cell per line they are no cells
    for ln in sorted(found.lines):
        k = ln + 1
        while k <= len(lines) and k - ln <= 3 and not lines[k - 1].strip():
            k += 1
        if k > ln + 1 and k in found.lines:
            found.lines.update(range(ln + 1, k))
    return found


def _lone_numbers(found: Furniture, lone: list[tuple[int, int, bool]],
                  lines: list[str]) -> None:
    # runs of consecutive lone-number lines: a column-number row or a column of cells is a
    # run; page markers of pages without text can be a run too ("(1)" "(2)" "(3)")
    runs: list[list[tuple[int, int, bool]]] = []
    for item in lone:
        prev = runs[-1][-1] if runs else None
        if prev is not None and item[0] - prev[0] <= 2 and item[2] == prev[2] and all(
                not lines[k - 1].strip() for k in range(prev[0] + 1, item[0])):
            runs[-1].append(item)
        else:
            runs.append([item])
    for paren in (False, True):
        chain = [r for r in runs if r[0][2] == paren]
        # a run joins the page sequence when it rises by one inside and continues the run
        # before it
        good = [r for r in chain if all(b[1] - a[1] == 1 for a, b in itertools.pairwise(r))
                and (paren or (len(r) == 1 and _apart(r[0][0], lines)))]
        seq: list[list[tuple[int, int, bool]]] = []
        for r in good:
            if seq and 1 <= r[0][1] - seq[-1][-1][1] <= 20 and r[0][0] - seq[-1][-1][0] >= 5:
                seq.append(r)
                continue
            if len(seq) >= 2:
                _take(found, seq, lines)
            seq = [r]
        if len(seq) >= 2:
            _take(found, seq, lines)
    # a lone number right beside other furniture ("Laporan Kinerja 2023" then "14")
    for ln, _, _ in lone:
        if ln not in found.lines and _near(found.lines, ln, lines, 1) and not _numeric_near(
                ln, lines, found.lines):
            found.lines.add(ln)


def _apart(ln: int, lines: list[str]) -> bool:
    """A bare number standing apart from table cells: the nearest text above and below it is
    a long line (a paragraph) or the edge of the text."""
    for step in (-1, 1):
        k = ln + step
        while 1 <= k <= len(lines) and not lines[k - 1].strip():
            k += step
        if 1 <= k <= len(lines) and len(lines[k - 1].strip()) < 40:
            return False
    return True


def _take(found: Furniture, seq: list[list[tuple[int, int, bool]]], lines: list[str]) -> None:
    for r in seq:
        if len(r) == 1 and _numeric_near(r[0][0], lines, found.lines):
            return
    for r in seq:
        found.lines.update(ln for ln, _, _ in r)


_NUMERICISH = re.compile(r"^[-(]?\s*[\d.,]+\s*%?\)?$")


def _numeric_near(ln: int, lines: list[str], skip: set[int]) -> bool:
    """Another short numeric line within two non-blank lines (table cells, not a page);
    furniture already found (``skip``) does not count."""
    for step in (-1, 1):
        k, seen = ln + step, 0
        while 1 <= k <= len(lines) and seen < 2:
            s = lines[k - 1].strip()
            if s and k not in skip:
                seen += 1
                if _NUMERICISH.match(s):
                    return True
            k += step
    return False


def _near(marks: set[int], ln: int, lines: list[str], reach: int = 2) -> bool:
    """Furniture within ``reach`` non-blank lines above or below line ``ln``."""
    for step in (-1, 1):
        k, seen = ln + step, 0
        while 1 <= k <= len(lines) and seen < reach:
            if k in marks:
                return True
            if lines[k - 1].strip():
                seen += 1
            k += step
    return False


def _inline(found: Furniture, i: int, raw: str) -> None:
    """A page marker glued into a line: the marker, and the running header before it when
    the line starts with one (title words, no sentence punctuation)."""
    if "hal" not in raw and "Hal" not in raw and "HAL" not in raw:
        return
    m = _INLINE_MARKER.search(raw)
    if m is None:
        return
    head = raw[:m.start()]
    start = m.start()
    if head.strip() and len(head) <= 140 and not _SENTENCE_MARK.search(head.replace("(", "")):
        words = head.split()
        upper = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        if upper * 4 >= len(words) * 3:
            start = len(raw) - len(raw.lstrip())
    found.spans[i] = (start, m.end())


def _banner_block(found: Furniture, lines: list[str]) -> None:
    """Short lines between two banner lines at the top of the text ("N/A", "12", "0")."""
    top = sorted(ln for ln in found.lines if ln <= 60 and _BANNER.match(lines[ln - 1].strip()))
    for a, b in itertools.pairwise(top):
        if b - a > 12:
            continue
        between = range(a + 1, b)
        if all(len(lines[k - 1].strip()) <= 12 for k in between):
            found.lines.update(k for k in between if lines[k - 1].strip())


def mask(lines: list[str], furniture: Furniture) -> list[str]:
    """``lines`` with the furniture blanked: whole lines emptied, spans replaced by spaces
    (so every other character keeps its line and column)."""
    if not furniture:
        return lines
    out = list(lines)
    for ln in furniture.lines:
        out[ln - 1] = ""
    for ln, (a, b) in furniture.spans.items():
        s = out[ln - 1]
        out[ln - 1] = s[:a] + " " * (b - a) + s[b:]
    return out


def join_across(blocks: list[RawBlock], lines: list[str], furniture: Furniture) -> list[RawBlock]:
    """TAB and pipe blocks parted only by page furniture (and the blank lines around it) are
    one table: joined when the second part goes on with the first part's rows (same number
    of cells, not its header again: a repeated header is merged later, with the tables)."""
    if not furniture.lines or len(blocks) < 2:
        return blocks
    from sakiplint.read.blocks import RawBlock

    out: list[RawBlock] = [blocks[0]]
    for b in blocks[1:]:
        a = out[-1]
        between = range(a.end_line + 1, b.start_line)
        if (a.style == b.style and a.style in ("tsv", "pipe") and a.rows and b.rows
                and any(k in furniture.lines for k in between)
                and all(k in furniture.lines or not lines[k - 1].strip() for k in between)
                and len(b.rows[0]) == len(a.rows[-1])
                and [c.raw.strip() for c in b.rows[0]] != [c.raw.strip() for c in a.rows[0]]):
            out[-1] = RawBlock(a.style, a.start_line, b.end_line, a.rows + b.rows,
                               separator_after=a.separator_after,
                               repairs=a.repairs + b.repairs, header_rows=a.header_rows,
                               notes=a.notes + b.notes, unread=a.unread | b.unread)
            continue
        out.append(b)
    return out
