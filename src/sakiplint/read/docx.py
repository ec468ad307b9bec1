"""Word (.docx) -> report text lines, with the origin of every span.

The body is read in document order: paragraphs become text lines (a heading style becomes a
markdown heading, a line break inside a paragraph a new line of the same paragraph), each
table becomes TAB-separated rows on the table's grid (a cell merged over several grid columns
or rows keeps its text in its first grid cell; the others are empty, as a converter writes
them), nested tables follow their outer table. Tracked changes are read as accepted
(insertions kept, deletions dropped); headers, footers, comments, footnotes, text boxes and
hidden text are left out. The page of each span comes from the page breaks Word rendered when
it last saved the file (``w:lastRenderedPageBreak``), or, in a file no Word has laid out, from
the explicit page and section breaks (then pages are a lower bound).

The text then goes through the same parser as a markdown report (``sakiplint.read.parse``);
:func:`walk` is shared with the annotator so that numbers of paragraphs and tables agree.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakiplint.model import Origin
from sakiplint.read.office import LineWriter, OfficeText
from sakiplint.read.source import InputError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R = W + "p", W + "tbl", W + "tr", W + "tc", W + "r"
_T, _TAB, _BR, _CR = W + "t", W + "tab", W + "br", W + "cr"
_VAL, _TYPE = W + "val", W + "type"
_RENDERED = W + "lastRenderedPageBreak"
#: inline containers whose runs are read
_DESCEND = frozenset(W + t for t in (
    "hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "bdo", "dir",
))
#: inline elements whose content is not part of the accepted, printed text
_SKIP = frozenset(W + t for t in ("del", "moveFrom", "proofErr", "bookmarkStart", "bookmarkEnd"))
_HEADING_NAME = re.compile(r"^(?:heading|judul)\s*([1-9])$", re.I)
_TOC_NAME = re.compile(r"^(?:toc\b|table of figures|daftar)", re.I)
#: a decompressed document.xml above this is refused (a zip bomb, not a report)
MAX_XML_BYTES = 512 * 1024 * 1024

BREAK = "\n"


def open_docx(path: Path) -> DocxDocument:
    """python-docx's document, or :class:`InputError` with one line saying what is wrong."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "EncryptionInfo" in names or "EncryptedPackage" in names:
                raise InputError(f"{path}: encrypted Word file: remove the password first")
            if "word/document.xml" not in names:
                raise InputError(f"{path}: not a Word document (no word/document.xml)")
            if z.getinfo("word/document.xml").file_size > MAX_XML_BYTES:
                raise InputError(f"{path}: document too large to read")
    except zipfile.BadZipFile:
        raise InputError(f"{path}: damaged .docx (not a readable zip archive)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    import docx

    try:
        return docx.Document(str(path))
    except InputError:
        raise
    except Exception as exc:  # python-docx / lxml / zipfile: any damage ends here
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(f"{path}: damaged .docx ({reason})") from None


# --------------------------------------------------------------------------- styles

@dataclass(slots=True)
class _Styles:
    heading: dict[str, int]   # style id -> heading level
    toc: set[str]             # style ids of table-of-contents entries
    default: str | None       # the default paragraph style id


def _styles(document: DocxDocument) -> _Styles:
    try:
        root = document.styles.element
    except Exception:  # a file without a styles part
        return _Styles({}, set(), None)
    info: dict[str, tuple[str, str | None, int | None]] = {}
    default = None
    for st in root.iterchildren(W + "style"):
        if st.get(_TYPE) != "paragraph":
            continue
        sid = st.get(W + "styleId") or ""
        name_el = st.find(W + "name")
        name = name_el.get(_VAL, "") if name_el is not None else sid
        based = st.find(W + "basedOn")
        lvl_el = st.find(f"{W}pPr/{W}outlineLvl")
        lvl = int(lvl_el.get(_VAL, "9")) if lvl_el is not None else None
        info[sid] = (name, based.get(_VAL) if based is not None else None, lvl)
        if st.get(W + "default") in ("1", "true", "on"):
            default = sid
    heading: dict[str, int] = {}
    toc: set[str] = set()
    for sid, (name, _, _) in info.items():
        m = _HEADING_NAME.match(name.strip())
        if m:
            heading[sid] = int(m.group(1))
        elif name.strip().lower() == "title":
            heading[sid] = 1
        elif _TOC_NAME.match(name.strip()):
            toc.add(sid)
            continue
        else:
            lvl, seen, cur = None, 0, sid
            while cur in info and seen < 10:   # outline level, inherited through basedOn
                if info[cur][2] is not None:
                    lvl = info[cur][2]
                    break
                cur, seen = info[cur][1] or "", seen + 1
            if lvl is not None and lvl < 9:
                heading[sid] = lvl + 1
    return _Styles(heading, toc, default)


# --------------------------------------------------------------------------- pages

class _Pages:
    """The page counter: rendered page breaks when Word left them, else explicit breaks."""

    def __init__(self, body: Any) -> None:
        self.rendered = next(body.iter(_RENDERED), None) is not None
        explicit = False
        if not self.rendered:
            explicit = any(br.get(_TYPE) == "page" for br in body.iter(_BR)) or (
                next(body.iter(W + "pageBreakBefore"), None) is not None)
            self.section_types = [
                (s.find(W + "type").get(_VAL) if s.find(W + "type") is not None else "nextPage")
                for s in body.iter(W + "sectPr")
            ]
            explicit = explicit or len(self.section_types) > 1
        self.known = self.rendered or explicit
        self.page = 1
        self.sections = 0

    @property
    def current(self) -> int | None:
        return self.page if self.known else None

    def section_break(self) -> None:
        """A paragraph carrying a section's properties ends that section."""
        if self.rendered:
            return
        self.sections += 1
        if self.sections < len(self.section_types) and self.section_types[self.sections] in (
            "nextPage", "oddPage", "evenPage"
        ):
            self.page += 1


# --------------------------------------------------------------------------- paragraphs

Piece = tuple[str, int | None]   # text, page


def _on(el: Any) -> bool:
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


def paragraph_lines(p: Any, pages: _Pages, tab: str = " ") -> list[list[Piece]]:
    """The lines of a paragraph (split at its line breaks), each a list of (text, page)."""
    ppr = p.find(W + "pPr")
    if ppr is not None and not pages.rendered and _on(ppr.find(W + "pageBreakBefore")):
        pages.page += 1
    lines: list[list[Piece]] = [[]]

    def run(r: Any) -> None:
        rpr = r.find(W + "rPr")
        if rpr is not None and (_on(rpr.find(W + "vanish")) or _on(rpr.find(W + "webHidden"))):
            return
        for el in r.iterchildren():
            tag = el.tag
            if tag == _T:
                if el.text:
                    lines[-1].append((el.text, pages.current))
            elif tag == _TAB or tag == W + "ptab":
                lines[-1].append((tab, pages.current))
            elif tag == _BR:
                kind = el.get(_TYPE)
                if kind == "page":
                    if not pages.rendered:
                        pages.page += 1
                elif kind != "column":
                    lines.append([])
            elif tag == _CR:
                lines.append([])
            elif tag == _RENDERED:
                pages.page += 1
            elif tag == W + "noBreakHyphen":
                lines[-1].append(("-", pages.current))

    def inline(parent: Any) -> None:
        for el in parent.iterchildren():
            tag = el.tag
            if tag == _R:
                run(el)
            elif tag in _DESCEND:
                inline(el)
            elif tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    inline(content)

    inline(p)
    if ppr is not None and ppr.find(W + "sectPr") is not None:
        pages.section_break()
    return lines


def _clean(pieces: list[Piece]) -> list[Piece]:
    """Whitespace collapsed inside the line (tabs and runs of spaces become one space)."""
    out: list[Piece] = []
    for text, page in pieces:
        text = " ".join(text.replace("\t", " ").split(" "))
        if text:
            out.append((text, page))
    # collapse, across pieces, runs of spaces; strip both ends
    joined: list[Piece] = []
    prev_space = True
    for text, page in out:
        buf = []
        for ch in text:
            space = ch.isspace()
            if space and prev_space:
                continue
            buf.append(" " if space else ch)
            prev_space = space
        if buf:
            joined.append(("".join(buf), page))
    while joined and joined[-1][0].endswith(" "):
        text, page = joined[-1]
        text = text.rstrip(" ")
        if text:
            joined[-1] = (text, page)
        else:
            joined.pop()
    return joined


# --------------------------------------------------------------------------- the walk

#: one grid cell of a table: its text pieces and the origin of its (merged) cell
GridCell = tuple[list[Piece], Origin]


@dataclass(slots=True)
class Item:
    kind: str                 # "p" or "tbl"
    number: int               # paragraph number (0: an empty paragraph) or table number
    element: Any
    lines: list[list[Piece]] = field(default_factory=list)   # a paragraph's text lines
    heading: int = 0                                          # a heading's level
    rows: list[list[GridCell]] = field(default_factory=list)  # a table's rows on its grid
    nested: list[Item] = field(default_factory=list)          # tables inside its cells
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)  # (row, column) -> w:tc


def _blocks(parent: Any) -> Iterator[Any]:
    for el in parent.iterchildren():
        tag = el.tag
        if tag in (_P, _TBL):
            yield el
        elif tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from _blocks(el)


class Walker:
    """Reads the body in document order, numbering non-empty paragraphs (outside tables)
    and tables (an outer table before the tables nested in it)."""

    def __init__(self, document: DocxDocument) -> None:
        self.body = document.element.body
        self.styles = _styles(document)
        self.pages = _Pages(self.body)
        self.paragraphs = 0
        self.tables = 0

    def items(self) -> Iterator[Item]:
        for el in _blocks(self.body):
            yield self._paragraph(el) if el.tag == _P else self._table(el)

    def _paragraph(self, p: Any) -> Item:
        ps = p.find(f"{W}pPr/{W}pStyle")
        style = ps.get(_VAL) if ps is not None else self.styles.default
        tab = " .... " if style in self.styles.toc else " "
        lines = [x for x in (_clean(x) for x in paragraph_lines(p, self.pages, tab)) if x]
        if not lines:
            return Item("p", 0, p)
        self.paragraphs += 1
        level = self.styles.heading.get(style or "", 0)
        lvl = p.find(f"{W}pPr/{W}outlineLvl")
        val = (lvl.get(_VAL) or "") if lvl is not None else ""
        if val.isascii() and val.isdigit() and len(val) <= 2:
            level = int(val) + 1 if int(val) < 9 else 0
        return Item("p", self.paragraphs, p, lines, level)

    def _table(self, tbl: Any) -> Item:
        self.tables += 1
        item = Item("tbl", self.tables, tbl)
        grid = tbl.find(W + "tblGrid")
        width = len(grid.findall(W + "gridCol")) if grid is not None else 0
        merged_from: dict[int, Origin] = {}   # grid column -> origin of its open vMerge
        r = 0
        for tr in tbl.iterchildren(_TR):
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue   # a deleted row (tracked change)
            r += 1
            cells: list[GridCell] = []
            self._pad(cells, _grid_skip(trpr, "gridBefore"), item.number, r)
            for tc in _cells(tr):
                col = len(cells) + 1
                span, vmerge, hmerge = _merge(tc.find(W + "tcPr"))
                pieces = self._cell(tc, item)
                item.cells[(r, col)] = tc
                origin = Origin(pieces[0][1] if pieces else self.pages.current, None,
                                item.number, r, col)
                if vmerge == "continue" and col in merged_from:
                    origin, pieces = merged_from[col], []
                elif hmerge == "continue" and cells:
                    origin, pieces = cells[-1][1], []
                for k in range(col, col + span):
                    if vmerge == "restart":
                        merged_from[k] = origin
                    elif vmerge is None:
                        merged_from.pop(k, None)
                cells.append((pieces, origin))
                cells.extend(([], origin) for _ in range(span - 1))
            self._pad(cells, _grid_skip(trpr, "gridAfter"), item.number, r)
            self._pad(cells, width - len(cells), item.number, r)
            item.rows.append(cells)
        return item

    def _pad(self, cells: list[GridCell], n: int, table: int, row: int) -> None:
        """Grid cells no ``w:tc`` covers (gridBefore / gridAfter, short rows)."""
        for _ in range(n):
            cells.append(([], Origin(self.pages.current, None, table, row, len(cells) + 1)))

    def _cell(self, tc: Any, item: Item) -> list[Piece]:
        """A cell's text: its paragraphs (and line breaks) joined by a space. Tables nested
        in it are read (and numbered) in their turn and kept on ``item.nested``."""
        pieces: list[Piece] = []
        for el in _blocks(tc):
            if el.tag == _P:
                for line in paragraph_lines(el, self.pages):
                    if pieces and line:
                        pieces.append((" ", line[0][1]))
                    pieces.extend(line)
            else:
                item.nested.append(self._table(el))
        return _clean(pieces)


def _merge(tcpr: Any) -> tuple[int, str | None, str | None]:
    """(gridSpan, vMerge, hMerge) of a cell; a merge without a value continues."""
    if tcpr is None:
        return 1, None, None
    span = 1
    gs = tcpr.find(W + "gridSpan")
    val = (gs.get(_VAL) or "") if gs is not None else ""
    if val.isascii() and val.isdigit() and len(val) <= 4:
        span = max(1, min(int(val), 64))   # bounded as an HTML colspan is
    vm = tcpr.find(W + "vMerge")
    hm = tcpr.find(W + "hMerge")
    vmerge = (vm.get(_VAL) or "continue") if vm is not None else None
    hmerge = (hm.get(_VAL) or "continue") if hm is not None else None
    return span, vmerge, hmerge


def _cells(tr: Any) -> Iterator[Any]:
    for el in tr.iterchildren():
        if el.tag == _TC:
            yield el
        elif el.tag == W + "sdt":
            inner = el.find(W + "sdtContent")
            if inner is not None:
                yield from inner.iterchildren(_TC)
        elif el.tag == W + "customXml":
            yield from el.iterchildren(_TC)


def _grid_skip(trpr: Any, name: str) -> int:
    if trpr is None:
        return 0
    el = trpr.find(W + name)
    v = el.get(_VAL) if el is not None else None
    return int(v) if v and v.isdigit() else 0


# --------------------------------------------------------------------------- writing lines

def _paragraph_spans(line: list[Piece], number: int) -> list[tuple[str, Origin | None]]:
    out: list[tuple[str, Origin | None]] = []
    for text, page in line:
        if out and out[-1][1] is not None and out[-1][1].page == page:
            out[-1] = (out[-1][0] + text, out[-1][1])
        else:
            out.append((text, Origin(page, number)))
    return out


def _write_table(w: LineWriter, item: Item) -> None:
    width = max((len(r) for r in item.rows), default=0)
    w.blank()
    for row in item.rows:
        texts = ["".join(t for t, _ in pieces) for pieces, _ in row]
        if not any(texts):
            continue   # an empty spacer row would end the TAB block
        if width <= 1:
            w.write([(texts[0], row[0][1])])
            w.blank()
            continue
        spans: list[tuple[str, Origin | None]] = []
        for k, ((_, origin), text) in enumerate(zip(row, texts, strict=True)):
            if k:
                spans.append(("\t", None))
            spans.append((text, origin))
        w.write(spans)
    w.blank()
    for nested in item.nested:
        _write_table(w, nested)


def read_docx(path: Path) -> OfficeText:
    """The report text of a Word file and the origin of each span of it."""
    document = open_docx(path)
    walker = Walker(document)
    w = LineWriter("docx")
    for item in walker.items():
        if item.kind == "tbl":
            _write_table(w, item)
            continue
        if not item.lines:
            continue
        if item.heading:
            joined: list[Piece] = []
            for line in item.lines:
                if joined:
                    joined.append((" ", line[0][1]))
                joined.extend(line)
            first = joined[0][1]
            w.write([("#" * min(item.heading, 6) + " ", Origin(first, item.number)),
                     *_paragraph_spans(joined, item.number)])
        else:
            for line in item.lines:
                w.write(_paragraph_spans(line, item.number))
        w.blank()
    if not any(line.strip() for line in w.lines):
        raise InputError(f"{path}: the Word document has no text")
    return w.result()
