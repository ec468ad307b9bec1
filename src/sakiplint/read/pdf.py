"""PDF -> report text lines, with the page and box of every span.

pypdfium2 (PDFium, the PDF engine of Chromium; Apache-2.0 / BSD-3) gives the characters with
their boxes and the drawn paths; everything above that is here, in linear passes per page:

- words from characters (a space, a gap, a jump to another line ends a word);
- ruled tables from the horizontal and vertical strokes (and thin filled rectangles) of a page:
  the strokes that touch each other form a grid; a stroke missing between two grid cells
  merges them (a group header over its year columns, a sasaran over its indicators), so each
  merged cell keeps its text in its first grid cell, as the Word reader does;
- tables from text alignment, where no strokes are drawn: three or more lines in a row whose
  words fall into the same two or more columns;
- running headers and footers dropped (a line in the top or bottom band of the page that
  recurs on most pages, digits aside, or that is a bare page number);
- a table continued on the next page (the next page starts with a table of the same columns)
  is joined to it, without the header rows it repeats; a row split by the page break (its
  continuation starts in lower case, under cells that have text above) is joined back;
- paragraphs from line spacing and fonts (a wrapped line joins its paragraph; a line that
  ends early ends a line of the paragraph), headings from a larger font.

Every word keeps its page and box (points, from the top-left corner of the page as shown).
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from sakiplint.model import Origin
from sakiplint.read.office import LineWriter, OfficeText
from sakiplint.read.source import InputError

Box = tuple[float, float, float, float]
TOL = 1.5                 # points: strokes closer than this are one
MAX_SEGMENTS = 4000       # strokes per page above this: the page is a drawing, not tables
COLUMN_GAP = 0.8          # a gap wider than this many font sizes separates columns
_LOWER_START = re.compile(r"^[a-z(]")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:halaman|hal\.?|page)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–—]?"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_LIST_START = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[-•●▪◦*])\s", re.I)
#: a numbered section heading: "BAB III ...", "A. ...", "IV. ...", "2.1 ..."
_SECTION = re.compile(
    r"^(?:(?P<bab>(?i:bab))\s+[IVXLC\d]+\b|[A-Z]\.|[IVX]{1,4}\.|(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?)"
    r"\s+\S")


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    page: int = 0
    #: the PDF has a space character after the word (None: its page writes no spaces)
    space_after: bool | None = False

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    words: list[Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    def chunks(self) -> list[list[Word]]:
        """Runs of words separated by a gap wider than a word space (column gaps)."""
        out: list[list[Word]] = [[self.words[0]]]
        for a, b in pairwise(self.words):
            if b.x0 - a.x1 > COLUMN_GAP * max(a.size, b.size):
                out.append([b])
            else:
                out[-1].append(b)
        return out


@dataclass(slots=True)
class PageTable:
    """A table on one page: the boundaries of its grid, and for each grid cell the index of
    the first grid cell of its merged cell (itself when not merged); the words of each cell
    under that index."""

    page: int
    xs: list[float]
    ys: list[float]
    anchor: list[int]
    words: dict[int, list[Word]] = field(default_factory=dict)
    #: a table from text alignment: where each column's text starts and ends
    extents: list[tuple[float, float]] | None = None

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def holds(self, w: Word) -> bool:
        cx = (w.x0 + w.x1) / 2
        return (self.xs[0] - TOL <= cx <= self.xs[-1] + TOL
                and self.ys[0] - TOL <= w.mid <= self.ys[-1] + TOL)

    def add(self, w: Word) -> None:
        nc = len(self.xs) - 1
        c = min(max(bisect_right(self.xs, (w.x0 + w.x1) / 2) - 1, 0), nc - 1)
        r = min(max(bisect_right(self.ys, w.mid) - 1, 0), len(self.ys) - 2)
        self.words.setdefault(self.anchor[r * nc + c], []).append(w)

    def rows(self) -> list[list[list[Word] | None]]:
        """Per grid row, per grid column: the cell's words (None: merged into another)."""
        nc = len(self.xs) - 1
        return [[self.words.get(k, []) if self.anchor[k] == k else None
                 for k in range(r * nc, r * nc + nc)] for r in range(len(self.ys) - 1)]


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[PageTable]


# --------------------------------------------------------------------------- opening

def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputError(f"{path}: encrypted PDF: it needs a password to open") from None
        if "format" in msg or "corrupt" in msg or "not in pdf" in msg:
            raise InputError(f"{path}: damaged PDF (it cannot be parsed)") from None
        raise InputError(f"{path}: cannot read the PDF ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


# --------------------------------------------------------------------------- characters and strokes

def _display(rotation: int, w: float, h: float) -> Callable[[float, float], tuple[float, float]]:
    """PDF user space (y up) -> the page as shown (x right, y down, from its top-left)."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (w - x, y)
    if rotation == 270:
        return lambda x, y: (h - y, w - x)
    return lambda x, y: (x, h - y)


def _words(textpage: Any, to_display: Callable[[float, float], tuple[float, float]]) -> list[Word]:
    import pypdfium2.raw as raw

    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    rect = raw.FS_RECTF()
    words: list[Word] = []
    buf: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    size = 0.0
    first = -1
    last_x0 = last_x1 = last_mid = 0.0

    def flush() -> None:
        nonlocal buf, first
        if buf:
            text = "".join(buf)
            words.append(Word(text, box[0], box[1], box[2], box[3], size,
                              _bold(raw, tp, first)))
        buf = []
        first = -1

    for k in range(n):
        u = raw.FPDFText_GetUnicode(tp, k)
        generated = raw.FPDFText_IsGenerated(tp, k) == 1
        if u in (32, 13, 10, 9, 0xA0, 0x3000) or generated:
            if words and not buf and not generated and u in (32, 0xA0, 0x3000):
                words[-1].space_after = True
            flush()
            if not generated and u in (32, 0xA0, 0x3000) and words:
                words[-1].space_after = True
            continue
        if u == 2 or (u == 0xAD and raw.FPDFText_IsHyphen(tp, k) == 1):
            u = 0x2D   # PDFium's mark of a hyphen at the end of a line
        if u in (0xAD, 0xFFFE, 0xFEFF) or u < 32:
            continue   # soft hyphens, byte order marks, control characters
        raw.FPDFText_GetLooseCharBox(tp, k, rect)
        xa, ya = to_display(rect.left, rect.top)
        xb, yb = to_display(rect.right, rect.bottom)
        x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        csize = raw.FPDFText_GetFontSize(tp, k) or (bottom - top)
        mid = (top + bottom) / 2
        # a new word: another line, a step back (not a ligature's second letter, which shares
        # the first one's box), or a gap
        if buf and (abs(mid - last_mid) > 0.5 * max(bottom - top, 1.0)
                    or x0 < last_x0 - 0.1 * csize or x0 - last_x1 > 0.25 * csize):
            flush()
        ch = chr(u) if u < 0xD800 or u > 0xDFFF else "\ufffd"
        if not buf:
            box[:] = [x0, top, x1, bottom]
            size = csize
            first = k
        else:
            box[0], box[1] = min(box[0], x0), min(box[1], top)
            box[2], box[3] = max(box[2], x1), max(box[3], bottom)
        buf.append(ch)
        last_x0, last_x1, last_mid = x0, x1, mid
    flush()
    return words


_FONT_NAME = ctypes.create_string_buffer(128)


def _bold(raw: Any, tp: Any, k: int) -> bool:
    if k < 0:
        return False
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(tp, k, _FONT_NAME, 128, ctypes.byref(flags))
    name = _FONT_NAME.value.lower()
    if b"bold" in name or b"black" in name or b"heavy" in name:
        return True
    return bool(raw.FPDFText_GetFontWeight(tp, k) >= 600)


def _segments(page: Any, to_display: Callable[[float, float], tuple[float, float]]
              ) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) strokes of the page, as shown."""
    import pypdfium2.raw as raw

    horiz: list[tuple[float, float, float]] = []
    vert: list[tuple[float, float, float]] = []

    def add(xa: float, ya: float, xb: float, yb: float) -> None:
        (xa, ya), (xb, yb) = to_display(xa, ya), to_display(xb, yb)
        if abs(ya - yb) <= TOL and abs(xb - xa) > 2:
            horiz.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) <= TOL and abs(yb - ya) > 2:
            vert.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))

    x = ctypes.c_float()
    y = ctypes.c_float()
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4):
        if len(horiz) + len(vert) > MAX_SEGMENTS:
            break
        # a shape inside a form XObject: its coordinates go through the forms' matrices
        outer = []
        box = obj.container
        while box is not None and len(outer) < 4:
            outer.append(box.get_matrix())
            box = box.container

        def to_page(px: float, py: float, outer: list[Any] = outer) -> tuple[float, float]:
            for m in outer:
                px, py = m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f
            return px, py

        l0, b0, r0, t0 = obj.get_bounds()
        corners = [to_page(l0, b0), to_page(r0, t0), to_page(l0, t0), to_page(r0, b0)]
        left, right = min(c[0] for c in corners), max(c[0] for c in corners)
        bottom, top = min(c[1] for c in corners), max(c[1] for c in corners)
        w, h = right - left, top - bottom
        raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if (w <= 3 or h <= 3) and (w > 2 or h > 2):
            # a thin shape: a line drawn as a stroke or as a filled rectangle
            if w >= h:
                add(left, (top + bottom) / 2, right, (top + bottom) / 2)
            else:
                add((left + right) / 2, bottom, (left + right) / 2, top)
            continue
        if not stroke.value:
            continue   # a filled area (shading): not a ruling
        m = obj.get_matrix()
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        nseg = raw.FPDFPath_CountSegments(obj.raw)
        if nseg > 400:
            continue
        cur = start = None
        for k in range(nseg):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            pt = to_page(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                cur = start = pt
            elif kind == raw.FPDF_SEGMENT_LINETO and cur is not None:
                add(cur[0], cur[1], pt[0], pt[1])
                cur = pt
            else:
                cur = pt
            if raw.FPDFPathSegment_GetClose(seg) and cur is not None and start is not None:
                add(cur[0], cur[1], start[0], start[1])
                cur = start
    return horiz, vert


def _merge_segments(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Strokes on one line (positions within TOL of each other) that touch or overlap
    become one."""
    out: list[tuple[float, float, float]] = []
    group: list[tuple[float, float, float]] = []

    def close() -> None:
        merged: list[list[float]] = []
        for pos, x0, x1 in sorted(group, key=lambda g: g[1]):
            if merged and x0 <= merged[-1][2] + 2 * TOL:
                merged[-1][2] = max(merged[-1][2], x1)
            else:
                merged.append([pos, x0, x1])
        out.extend((m[0], m[1], m[2]) for m in merged)

    for seg in sorted(segs):
        if group and seg[0] - group[-1][0] > TOL:
            close()
            group = []
        group.append(seg)
    if group:
        close()
    return out


def _cluster(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL * 2:
            continue
        out.append(v)
    return out


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _grids(horiz: list[tuple[float, float, float]], vert: list[tuple[float, float, float]]
           ) -> list[tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]]:
    """Groups of strokes that touch each other (each a table's rulings)."""
    hs, vs = _merge_segments(horiz), _merge_segments(vert)
    if not hs or not vs or len(hs) * len(vs) > 250_000:
        return []
    u = _Union(len(hs) + len(vs))
    vs_by_x = sorted(range(len(vs)), key=lambda j: vs[j][0])
    xs_sorted = [vs[j][0] for j in vs_by_x]
    for i, (y, x0, x1) in enumerate(hs):
        lo = bisect_left(xs_sorted, x0 - 2 * TOL)
        hi = bisect_right(xs_sorted, x1 + 2 * TOL)
        for j in vs_by_x[lo:hi]:
            _, y0, y1 = vs[j]
            if y0 - 2 * TOL <= y <= y1 + 2 * TOL:
                u.join(i, len(hs) + j)
    groups: dict[int, tuple[list[Any], list[Any]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(u.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(u.find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _at(bounds: list[float], pos: float) -> int | None:
    """Index of the boundary within 2 TOL of ``pos``."""
    k = bisect_left(bounds, pos - 2 * TOL)
    return k if k < len(bounds) and abs(bounds[k] - pos) <= 2 * TOL else None


def _ruled_table(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]],
                 page: int) -> PageTable | None:
    ys = _cluster(h[0] for h in hs)
    xs = _cluster(v[0] for v in vs)
    if len(ys) < 2 or len(xs) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 6:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    # the strokes along each boundary of the grid
    at_x: dict[int, list[tuple[float, float]]] = {}
    for x, y0, y1 in vs:
        k = _at(xs, x)
        if k is not None:
            at_x.setdefault(k, []).append((y0, y1))
    at_y: dict[int, list[tuple[float, float]]] = {}
    for y, x0, x1 in hs:
        k = _at(ys, y)
        if k is not None:
            at_y.setdefault(k, []).append((x0, x1))

    def covered(spans: list[tuple[float, float]], a: float, b: float) -> bool:
        mid = (a + b) / 2
        return any(lo - TOL <= mid <= hi + TOL for lo, hi in spans)

    u = _Union(nr * nc)
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not covered(at_x.get(c + 1, []), ys[r], ys[r + 1]):
                u.join(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and not covered(at_y.get(r + 1, []), xs[c], xs[c + 1]):
                u.join(r * nc + c, (r + 1) * nc + c)
    return PageTable(page, xs, ys, [u.find(k) for k in range(nr * nc)])


# --------------------------------------------------------------------------- lines

def _lines(words: list[Word]) -> list[Line]:
    """Words grouped into text lines, top to bottom."""
    out: list[Line] = []
    cur: list[Word] = []
    top = bottom = 0.0
    for w in sorted(words, key=lambda w: (w.mid, w.x0)):
        if cur and top - 0.1 <= w.mid <= bottom + 0.1:
            cur.append(w)
            continue
        if cur:
            out.append(Line(cur))
        cur, top, bottom = [w], w.top, w.bottom
    if cur:
        out.append(Line(cur))
    return out


@dataclass(slots=True)
class Vocabulary:
    """The words the document surely writes whole (and their beginnings): those of its
    paragraphs, and in table cells those inside a line (a word at either end of a line of a
    narrow cell may be a piece)."""

    words: set[str]
    prefixes: set[str]

    @classmethod
    def of(cls, pages: list[Page]) -> Vocabulary:
        words: set[str] = set()
        for p in pages:
            for ln in p.lines:
                for w in ln.words:
                    words.update(_ALNUM.findall(w.text.lower()))
            for t in p.tables:
                for cell in t.words.values():
                    lines = _lines(cell)
                    for k, ln in enumerate(lines):
                        # the cell's first letter starts a word, its last ends one, and so
                        # does a space; a line break inside the cell may be inside a word
                        runs: list[str] = []
                        for j, w in enumerate(ln.words):
                            rs = _ALNUM.findall(w.text.lower())
                            if j == 0 and k and not lines[k - 1].words[-1].space_after:
                                rs = rs[1:]
                            if (j == len(ln.words) - 1 and k < len(lines) - 1
                                    and not w.space_after):
                                rs = rs[:-1]
                            runs += rs
                        words.update(runs)
        prefixes = {word[:k] for word in words if len(word) > 3 for k in range(3, len(word))}
        return cls(words, prefixes)


def _join_words(lines: list[list[Word]], vocab: Vocabulary | None = None,
                cell: tuple[float, float] | None = None) -> list[tuple[str, Word | None]]:
    """Text spans of several lines read as one: words separated by a space, unless the line
    break is inside a word (see :func:`_inside_word`; ``vocab`` and ``cell``, the cell's left
    and right borders, are given for table cells, where narrow columns break words)."""
    spans: list[tuple[str, Word | None]] = []
    token = ""   # the word being written, over the pieces glued so far
    for k, words in enumerate(lines):
        for j, w in enumerate(words):
            if spans and not (j == 0 and k and _inside_word(lines[k - 1], token, w, vocab,
                                                            cell)):
                spans.append((" ", None))
                token = ""
            token += w.text
            spans.append((w.text, w))
    return spans


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_ALNUM = re.compile(r"[0-9a-z]+")
#: a number written in groups of three digits (and decimals)
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$")


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _inside_word(prev: list[Word], token: str, nxt: Word, vocab: Vocabulary | None,
                 cell: tuple[float, float] | None) -> bool:
    """A line ending with a hyphen inside a word goes on without a space ("Laki-" + "laki").
    In a table cell, so does a line that the PDF does not end with a space (or whose page
    writes no spaces) when the break is inside a number cut short ("300.00" + "0.000"), before
    punctuation, or inside a word: the pieces make a word (or the start of one) the document
    writes whole ("Meningk" + "atnya"), or, neither piece being such a word, the first fills
    its line alone: a cell too narrow for the word broke it."""
    last = prev[-1]
    a, b = last.text, nxt.text
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].isalpha():
        return True
    if vocab is None or last.space_after:
        return False
    if a.endswith("/") or b[:1] in "%),;:.":
        return True   # "Bertambah/" + "(Berkurang)", "107,45" + "%", "(IKLP" + ")"
    if a[-1:].isdigit() or a[-1:] in ".,":
        # a number cut short, or digits the cell broke ("201" + "8": no space, line full)
        return b[:1].isdigit() and (_completes(a, b) or a[-1] in ".," or (
            last.space_after is False and _fills(last, cell, nxt)))
    if not (a[-1:].isalpha() and b[:1].isalpha()):
        return False
    if not (b[0].islower() or (a[-1].isupper() and b[0].isupper())):
        return False
    head = _ALNUM.findall(token.lower())[-1]
    tail = _ALNUM.findall(b.lower())[0]
    if head + tail in vocab.words or head + tail in vocab.prefixes:
        return True   # the pieces make a word the document writes whole (or its start)
    if head in vocab.words or tail in vocab.words or len(prev) != 1:
        return False  # a whole word on either side; or a piece that shares its line
    return _fills(last, cell, nxt)


def _fills(last: Word, cell: tuple[float, float] | None, nxt: Word | None = None) -> bool:
    """The word ends where the cell's text must wrap (the cell's padding mirrored): not
    even the next piece's first letter would have fit after it."""
    if cell is None:
        return False
    pad = max(last.x0 - cell[0], 0.0)
    letter = (nxt.x1 - nxt.x0) / max(len(nxt.text), 1) if nxt is not None else 0.5 * last.size
    return last.x1 + letter > cell[1] - pad - 1.0


# --------------------------------------------------------------------------- one page

def _read_page(pdfpage: Any, number: int) -> Page:
    import pypdfium2.raw as raw

    rotation = pdfpage.get_rotation() % 360
    w = raw.FPDF_GetPageWidthF(pdfpage.raw)
    h = raw.FPDF_GetPageHeightF(pdfpage.raw)
    if rotation in (90, 270):   # PDFium gives the size as shown; the text is in user space
        w, h = h, w
    to_display = _display(rotation, w, h)
    textpage = pdfpage.get_textpage()
    try:
        words = _words(textpage, to_display)
    finally:
        textpage.close()
    # does the PDF write the spaces between words? judged where a word follows on its line
    inner = [a.space_after for a, b in pairwise(words)
             if b.x0 > a.x1 and abs(b.mid - a.mid) < 0.5 * (a.bottom - a.top)]
    spaced = sum(1 for x in inner if x) * 2 >= len(inner)
    for word in words:
        word.page = number
        if not spaced:
            word.space_after = None
    tables: list[PageTable] = []
    if words:
        horiz, vert = _segments(pdfpage, to_display)
        for hs, vs in _grids(horiz, vert):
            t = _ruled_table(hs, vs, number)
            if t is not None:
                tables.append(t)
    free: list[Word] = []
    for word in words:
        for t in tables:
            if t.holds(word):
                t.add(word)
                break
        else:
            free.append(word)
    shown = (h, w) if rotation in (90, 270) else (w, h)
    tables = sorted((t for t in tables if t.words), key=lambda t: t.top)
    return Page(number, shown[0], shown[1], _lines(free), tables)


# --------------------------------------------------------------------------- aligned tables

def _aligned_tables(lines: list[Line], page: int, line_gap: float
                    ) -> tuple[list[PageTable], list[Line]]:
    """Tables drawn without strokes: runs of lines whose words fall into two or more
    columns (at least two such lines; a line of one column between them belongs to the
    table when it stays inside one column). Returns the tables and the other lines."""
    chunks = [ln.chunks() for ln in lines]
    spacing = line_gap + max(1.5, 0.2 * max((ln.bottom - ln.top for ln in lines), default=8.0))
    tables: list[PageTable] = []
    rest: list[Line] = []
    i, n = 0, len(lines)
    while i < n:
        if len(chunks[i]) < 2:
            rest.append(lines[i])
            i += 1
            continue
        j, last_multi, multi = i, i, 0
        left, right = lines[i].x0, lines[i].x1
        while j < n:
            if j > i and lines[j].top - lines[j - 1].bottom > 5 * (
                    lines[j - 1].bottom - lines[j - 1].top):
                break
            if len(chunks[j]) >= 2:
                multi, last_multi = multi + 1, j
                left, right = min(left, lines[j].x0), max(right, lines[j].x1)
            elif lines[j].x1 - lines[j].x0 > (right - left) / 2:
                break   # a line of text as wide as half the table: the table has ended
            j += 1
        found = _aligned(lines[i:last_multi + 1], chunks[i:last_multi + 1], lines[last_multi + 1:],
                         page, spacing) if multi >= 2 else None
        if found is None:
            rest.append(lines[i])
            i += 1
            continue
        table, used = found
        tables.append(table)
        i += used
    return tables, rest


def _aligned(run: list[Line], chunks: list[list[list[Word]]], after: list[Line], page: int,
             spacing: float) -> tuple[PageTable, int] | None:
    """The table of a run of lines (and of the lines after it that continue its last row),
    and how many lines it used; None when the columns do not line up."""
    k_max = max(len(c) for c in chunks)
    spans = sorted((ch[0].x0, ch[-1].x1) for cs in chunks if len(cs) == k_max for ch in cs)
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + TOL:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    if len(cols) < 2 or len(cols) != k_max:
        return None

    def column(ch: list[Word]) -> int | None:
        a, b = ch[0].x0, ch[-1].x1
        over = [c for c, (x0, x1) in enumerate(cols) if a < x1 + TOL and b > x0 - TOL]
        return over[0] if over else None

    size = max(w.size for ln in run for w in ln.words)
    # where a column's text must wrap: before the next column's text, by the cell padding on
    # both sides (the narrowest gap between two columns, whose text fills its cell)
    padding = min(min(cols[c + 1][0] - cols[c][1] for c in range(len(cols) - 1)), 1.5 * size)
    right = [max(cols[c + 1][0] - padding, cols[c][1]) for c in range(len(cols) - 1)]
    right.append(cols[-1][1])
    rows: list[dict[int, list[Word]]] = []
    last: dict[int, list[Word]] = {}
    tops: list[float] = []
    used = 0
    for k, ln in enumerate(run + after):
        parts = chunks[k] if k < len(run) else ln.chunks()
        placed = [(column(ch), ch) for ch in parts]
        if any(c is None for c, _ in placed):
            break
        if k >= len(run) or len(parts) == 1:
            spanning = len(parts) == 1 and sum(
                1 for x0, x1 in cols if parts[0][0].x0 < x1 and parts[0][-1].x1 > x0) > 1
            if spanning:
                break
        # a line goes on with the row when each of its pieces continues text of the row that
        # had to wrap there, at the spacing of lines within a cell
        close = k == 0 or ln.top - (run + after)[k - 1].bottom <= spacing
        wraps = rows and close and all(
            c in last and last[c][-1].x1 + 0.3 * size + (ch[0].x1 - ch[0].x0) > right[c] - TOL  # type: ignore[index]
            and (_may_continue(last[c], ch) or (  # type: ignore[index]
                last[c][-1].space_after is False  # type: ignore[index]
                and last[c][-1].x1 + (ch[0].x1 - ch[0].x0) / len(ch[0].text) > right[c]))  # type: ignore[index]
            for c, ch in placed)
        if k >= len(run) and not wraps:
            break
        if wraps:
            for c, ch in placed:
                rows[-1][c].extend(ch)  # type: ignore[index]
                last[c] = ch  # type: ignore[index]
        else:
            rows.append({c: list(ch) for c, ch in placed})  # type: ignore[misc]
            last = {c: ch for c, ch in placed}  # type: ignore[misc]
            tops.append(ln.top)
        used = k + 1
    if len(rows) < 2:
        return None
    xs = [cols[0][0] - TOL] + [(cols[c][1] + cols[c + 1][0]) / 2 for c in range(len(cols) - 1)]
    xs.append(cols[-1][1] + TOL)
    nc = len(cols)
    bottom = max(ln.bottom for ln in (run + after)[:used])
    table = PageTable(page, xs, [*tops, bottom], list(range(len(rows) * nc)),
                      extents=[(a, b) for a, b in cols])
    for r, row in enumerate(rows):
        for c, ws in row.items():
            table.words[r * nc + c] = ws
    return table, used


# --------------------------------------------------------------------------- the document

def _furniture(pages: list[Page]) -> set[int]:
    """ids of running header / footer lines: in the top or bottom eighth of the page, the
    same text (digits aside) on half the pages or more, or a bare page number as the
    outermost line."""
    def key(ln: Line, p: Page) -> tuple[str, float, int]:
        # the text (page numbers aside), its size and where it stands on the page
        return _DIGITS.sub("#", ln.text.lower()), round(ln.size), round(ln.top / 8)

    def zone(ln: Line, p: Page) -> bool:
        return ln.bottom < p.height / 8 or ln.top > p.height * 7 / 8

    seen: Counter[tuple[str, float, int]] = Counter()
    for p in pages:
        seen.update({key(ln, p) for ln in p.lines if zone(ln, p)})
    need = max(2, (len(pages) + 1) // 2)
    out: set[int] = set()
    for p in pages:
        body = [ln for ln in p.lines if zone(ln, p)]
        for ln in body:
            if seen[key(ln, p)] >= need:
                out.add(id(ln))
        if p.lines:
            for ln in (p.lines[0], p.lines[-1]):
                if zone(ln, p) and _PAGE_NUMBER.match(ln.text.strip()):
                    out.add(id(ln))
    return out


@dataclass(slots=True)
class Rows:
    """A table of the document (continuations joined): per row its page and grid cells."""

    xs: list[float]
    rows: list[tuple[int, list[list[Word] | None]]]
    extents: list[tuple[float, float]] | None = None


def _texts(cells: list[list[Word] | None]) -> list[str]:
    return [" ".join(w.text for w in c) if c else "" for c in cells]


def _continues(prev: Rows, nxt: PageTable) -> bool:
    """The same columns: the same rulings, or (tables from alignment) each column's text
    starting or ending at the same place."""
    if len(prev.xs) != len(nxt.xs):
        return False
    if prev.extents is not None and nxt.extents is not None:
        return all(abs(a[0] - b[0]) <= 3 * TOL or abs(a[1] - b[1]) <= 3 * TOL
                   for a, b in zip(prev.extents, nxt.extents, strict=True))
    return all(abs(a - b) <= 3 * TOL for a, b in zip(prev.xs, nxt.xs, strict=True))


def _append(prev: Rows, t: PageTable) -> None:
    """A table continued on the next page: its repeated header rows dropped, a row the
    page break split joined back."""
    rows = [(t.page, r) for r in t.rows()]
    k = 0
    while k < len(rows) and k < len(prev.rows) and k < 4 and any(_texts(rows[k][1])) and (
            _texts(rows[k][1]) == _texts(prev.rows[k][1])):
        k += 1
    rows = [r for r in rows[k:] if any(_texts(r[1]))]
    while prev.rows and not any(_texts(prev.rows[-1][1])):
        prev.rows.pop()   # a band of the grid without text (the page's last, cut short)
    if rows and prev.rows and _split_row(prev.rows[-1][1], rows[0][1]):
        last = prev.rows[-1][1]
        for c, cell in enumerate(rows[0][1]):
            if cell:
                k = c
                while k > 0 and last[k] is None:   # a cell merged over this column
                    k -= 1
                target = last[k]
                if target is not None:
                    target.extend(cell)
        rows = rows[1:]
    prev.rows.extend(rows)


def _numeric(words: list[Word]) -> bool:
    """A number (perhaps cut over two lines of its cell: "136.067." + "300,00")."""
    from sakiplint.read.cells import parse_cell

    return (parse_cell(" ".join(w.text for w in words)).is_numeric
            or parse_cell("".join(w.text for w in words)).is_numeric)


def _completes(a: str, b: str) -> bool:
    """``b`` finishes the number ``a`` cut short: "300.00" + "0.000", "1.600." + "000"."""
    return _GROUPED.match(a) is None and _GROUPED.match(a + b) is not None


def _cut_number(a: list[Word], b: list[Word]) -> bool:
    """``b`` goes on with a number ``a`` that its line (or page) cut: "1.600.0" + "00.000",
    "300.000" + ".000", "104,39" + "%"."""
    last, first = a[-1], b[0]
    if last.space_after or (not last.text[-1:].isdigit() and last.text[-1:] not in ".,"):
        return False
    if first.text[:1] == "%":
        return True
    tail = first.text.rstrip("%")
    if tail[:1] in ".," and tail[1:2].isdigit():
        return _GROUPED.match(last.text + tail) is not None
    return _completes(last.text, tail)


def _may_continue(a: list[Word], b: list[Word]) -> bool:
    """Text ``b`` may go on with ``a`` in one cell: not a number after a number, unless it
    finishes a cut number."""
    return not (_numeric(a) and _numeric(b)) or _cut_number(a, b)


def _split_row(last: list[list[Word] | None], first: list[list[Word] | None]) -> bool:
    """The first row of a continued table is the rest of the last row when every cell with
    text sits under a cell with text and holds no number (unless it finishes a number the
    page cut), and one of them starts in lower case (or with "("), or finishes a number, or
    the last row has numbers and this one none."""
    lower = cut = False
    for a, b in zip(last, first, strict=False):
        if not b:
            continue
        if not a:
            return False
        if _numeric(b) or b[0].text[:1].isdigit():
            if not _cut_number(a, b):
                return False
            cut = True
            continue
        lower = lower or bool(_LOWER_START.match(" ".join(w.text for w in b)))
    return lower or cut or any(a and _numeric(a) for a in last)


def read_pdf(path: Path, progress: Callable[[int, int], None] | None = None) -> OfficeText:
    """The report text of a PDF and the page and box of each span of it."""
    pdf = _open(path)
    try:
        total = len(pdf)
        pages: list[Page] = []
        for i in range(total):
            page = pdf[i]
            try:
                pages.append(_read_page(page, i + 1))
            finally:
                page.close()
            if progress is not None:
                progress(i + 1, total)
    except InputError:
        raise
    except Exception as exc:  # PDFium on a damaged page
        raise InputError(f"{path}: damaged PDF ({' '.join(str(exc).split())[:100]})") from None
    finally:
        pdf.close()
    empty = [p.number for p in pages if not p.lines and not p.tables]
    if len(empty) == len(pages):
        raise InputError(f"{path}: no text layer: the PDF is a scan; OCR it first")
    # tables from text alignment, read with the document's spacing of lines
    gap = _line_spacing(pages, set())
    for p in pages:
        aligned, p.lines = _aligned_tables(p.lines, p.number, gap)
        if aligned:
            p.tables = sorted(p.tables + aligned, key=lambda t: t.top)
    warnings = []
    if empty:
        warnings.append(f"{path}: no text on page(s) {_ranges(empty)} (scanned?): left out")
    return _write(pages, warnings)


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = out[-1].split("-")[0] + f"-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            for w in ln.words:
                sizes[round(w.size * 2) / 2] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _write(pages: list[Page], warnings: list[str]) -> OfficeText:
    drop = _furniture(pages)
    body = _body_size(pages)
    # the blocks in reading order: text lines and tables, continued tables joined
    blocks: list[tuple[int, Line | Rows]] = []
    for p in pages:
        items: list[tuple[float, Line | PageTable]] = [
            (ln.top, ln) for ln in p.lines if id(ln) not in drop]
        items += [(t.top, t) for t in p.tables]
        items.sort(key=lambda x: x[0])
        for k, (_, item) in enumerate(items):
            if isinstance(item, Line):
                blocks.append((p.number, item))
                continue
            prev = blocks[-1][1] if blocks else None
            if (k == 0 and isinstance(prev, Rows) and blocks[-1][0] == p.number - 1
                    and _continues(prev, item)):
                _append(prev, item)
                blocks[-1] = (p.number, prev)
                continue
            blocks.append((p.number, Rows(item.xs, [(p.number, r) for r in item.rows()],
                                          item.extents)))
    heading_sizes = sorted({round(ln.size * 2) / 2 for _, ln in blocks
                            if isinstance(ln, Line) and ln.size >= body + 1.5}, reverse=True)
    levels = {s: min(i + 1, 6) for i, s in enumerate(heading_sizes)}
    right = {p.number: max((ln.x1 for ln in p.lines if id(ln) not in drop), default=0.0)
             for p in pages}
    spacing = _line_spacing(pages, drop)
    vocab = Vocabulary.of(pages)

    w = LineWriter("pdf")
    tables = 0
    para: list[list[Line]] = []      # output lines of the paragraph, each of text lines

    def flush() -> None:
        if not para:
            return
        first = para[0][0]
        level = levels.get(round(first.size * 2) / 2, 0)
        if level and all(ln.size >= body + 1.5 for out in para for ln in out):
            lines = [[ln for out in para for ln in out]]
        elif len(para) == 1 and len(para[0]) == 1 and _section_level(first):
            level, lines = min(_section_level(first), 6), para
        else:
            level, lines = 0, para
        for k, out in enumerate(lines):
            spans = _spans(_join_words([ln.words for ln in out]), None)
            if level and k == 0:
                spans.insert(0, ("#" * level + " ", None))
            w.write(spans)
        w.blank()
        para.clear()

    prev_line: Line | None = None
    prev_page = 0
    for page, block in blocks:
        if isinstance(block, Rows):
            flush()
            prev_line = None
            tables += 1
            _write_rows(w, block, tables, vocab)
            continue
        ln = block
        if prev_line is not None and not _new_paragraph(prev_line, ln, prev_page, page,
                                                        spacing, right.get(page, 0.0)):
            if _full(prev_line, ln, right.get(prev_page, 0.0)):
                para[-1].append(ln)
            else:
                para.append([ln])
        else:
            flush()
            para.append([ln])
        prev_line, prev_page = ln, page
    flush()
    return w.result(warnings)


def _spans(parts: list[tuple[str, Word | None]], cell: tuple[int, int, int] | None
           ) -> list[tuple[str, Origin | None]]:
    out: list[tuple[str, Origin | None]] = []
    for text, word in parts:
        if word is None:
            out.append((text, None))
            continue
        box = (round(word.x0, 1), round(word.top, 1), round(word.x1, 1), round(word.bottom, 1))
        if cell is None:
            out.append((text, Origin(word.page, bbox=box)))
        else:
            out.append((text, Origin(word.page, None, cell[0], cell[1], cell[2], box)))
    return out


def _section_level(ln: Line) -> int:
    """A bold, short line numbered as a section ("BAB II ...", "A. ...", "2.1 ..."): its
    heading level (0: not such a line)."""
    text = ln.text
    m = _SECTION.match(text) if ln.bold and len(text) < 90 else None
    if m is None:
        return 0
    if m.group("bab"):
        return 2
    return 3 + (m.group("num").count(".") if m.group("num") else 0)


def _line_spacing(pages: list[Page], drop: set[int]) -> float:
    """The usual space between two lines of one paragraph: the smallest gap that recurs
    between consecutive lines of the same font size."""
    gaps: Counter[float] = Counter()
    for p in pages:
        lines = [ln for ln in p.lines if id(ln) not in drop]
        for a, b in pairwise(lines):
            gap = b.top - a.bottom
            if abs(a.size - b.size) < 0.5 and 0 <= gap < 2 * a.size:
                gaps[round(gap * 2) / 2] += 1
    # the smallest gap that recurs (paragraph gaps may well be the commonest)
    need = max(2, sum(gaps.values()) // 20)
    return min((g for g, n in gaps.items() if n >= need), default=2.0)


def _new_paragraph(a: Line, b: Line, page_a: int, page_b: int, spacing: float, right: float
                   ) -> bool:
    if page_a != page_b:
        return not _LOWER_START.match(b.text)
    height = min(a.bottom - a.top, b.bottom - b.top)
    if b.top - a.bottom > spacing + max(1.5, 0.2 * height):
        return True
    if abs(a.size - b.size) > 0.8 or a.bold != b.bold or _section_level(a) or _section_level(b):
        return True
    if not _full(a, b, right) and b.x0 > a.x0 + b.size:
        return True   # a first-line indent after a line that ended early
    return bool(_LIST_START.match(b.text))


def _full(a: Line, b: Line, right: float) -> bool:
    """Line ``a`` wrapped into ``b``: the first word of ``b`` would not have fit after it."""
    first = b.words[0]
    return a.x1 + 0.3 * a.size + (first.x1 - first.x0) > right - TOL


def _write_rows(w: LineWriter, t: Rows, number: int, vocab: Vocabulary) -> None:
    width = len(t.xs) - 1
    w.blank()
    for r, (_, cells) in enumerate(t.rows, start=1):
        texts = _texts(cells)
        if not any(texts):
            continue
        spans: list[tuple[str, Origin | None]] = []
        for c, cell in enumerate(cells, start=1):
            if c > 1:
                spans.append(("\t", None))
            if cell:
                pages = sorted({word.page for word in cell})
                lines = [ln.words for pg in pages
                         for ln in _lines([word for word in cell if word.page == pg])]
                end = c
                while end < width and cells[end] is None:
                    end += 1
                joined = _join_words(lines, vocab, (t.xs[c - 1], t.xs[end]))
                spans += _spans(joined, (number, r, c))
        if width <= 1:
            w.write(spans)
            w.blank()
        else:
            w.write(spans)
    w.blank()
