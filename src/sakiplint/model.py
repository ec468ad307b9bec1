"""The document model that rules ask questions of.

Parsing builds it (``sakiplint.read.parse``); rules only read it. Every value keeps its source
text, line and column, so a finding can point at it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar

#: value roles a column may carry
VALUE_ROLES = (
    "target", "realisasi", "capaian", "anggaran", "realisasi_anggaran", "serapan",
    "persen", "sisa", "selisih", "jumlah", "rata_rata", "efisiensi", "number",
)
#: label roles
LABEL_ROLES = ("no", "sasaran", "indikator", "program", "satuan", "keterangan", "label")

RowKind = Literal["data", "total", "average"]
#: what a cell holds (parsed by ``sakiplint.read.cells``)
Kind = Literal["number", "percent", "money", "empty", "error", "rating", "text"]
#: number notation: "id" ("." thousands, "," decimal) or "en" ("," thousands, "." decimal)
Notation = Literal["id", "en"]
T = TypeVar("T")
ProseReader = Callable[[list[str], frozenset[int]], tuple[list["Heading"], list["Paragraph"]]]


@dataclass(frozen=True, slots=True)
class Reading:
    """One numeric interpretation of a printed number."""

    value: Decimal
    decimals: int  # digits after the decimal mark as printed ("80,04" -> 2, "1.234.567" -> 0)


@dataclass(frozen=True, slots=True)
class CellValue:
    """The typed value of one table cell.

    ``start``/``end`` delimit the printed number (digits and separators, without sign,
    parentheses, currency, ``%``, unit or a ``",-"`` tail) in ``text``; ``(0, len(text))`` when
    the cell has no number. A cell that looks like a number but fits neither notation
    (``"2,710,45"``, ``"1.1.1"``) has kind ``"number"`` and no readings (``is_numeric`` is
    False).
    """

    kind: Kind
    text: str  # the cell text as given
    start: int  # offset in text where the numeric part starts (0 if none)
    end: int  # offset where it ends (len(text) if none)
    id_reading: Reading | None  # Indonesian notation ("." thousands, "," decimal)
    en_reading: Reading | None  # English notation ("," thousands, "." decimal)
    unit: str | None = None  # "%", "Rp", or the word after the number ("Indek", "laporan")
    rating: str | None = None  # kind "rating": "B", "Baik", "Sangat Tinggi"
    # kind "error": the error token ("#DIV/0!"); kind "empty": the placeholder ("-", "N/a");
    # kind "rating": the printed range, if any ("60-70" in "Baik (B) 60-70")
    note: str | None = None

    @property
    def is_numeric(self) -> bool:
        """Number, percentage or money with at least one possible reading."""
        return self.kind in ("number", "percent", "money") and (
            self.id_reading is not None or self.en_reading is not None
        )

    @property
    def ambiguous(self) -> bool:
        """Both readings exist and differ in value ("85.200", "1,234")."""
        return (
            self.id_reading is not None
            and self.en_reading is not None
            and self.id_reading.value != self.en_reading.value
        )

    def reading(self, notation: Notation) -> Reading | None:
        """The reading under the table column's notation; if that reading is impossible, the
        other one."""
        if notation == "id":
            return self.id_reading if self.id_reading is not None else self.en_reading
        return self.en_reading if self.en_reading is not None else self.id_reading


@dataclass(slots=True)
class Cell:
    raw: str              # the cell as written in the source (markup included)
    text: str             # cleaned text: markup removed, whitespace collapsed
    line: int             # 1-based line of the cell
    column: int           # 1-based column where the cell's raw text starts
    bold: bool = False
    value: CellValue | None = None
    number: Decimal | None = None   # resolved under the column's notation
    decimals: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def value_column(self) -> int:
        """1-based column of the numeric part (where a finding should point)."""
        if self.value is not None and self.value.kind != "text":
            numeric = self.value.text[self.value.start:self.value.end]
            pos = self.raw.find(numeric) if numeric else -1
            if pos >= 0:
                return self.column + pos
        pos = self.raw.find(self.text[:1]) if self.text else -1
        return self.column + max(pos, 0)

    @property
    def value_end_column(self) -> int:
        if self.value is not None and self.value.kind != "text":
            numeric = self.value.text[self.value.start:self.value.end]
            if numeric:
                end = self.value_column + len(numeric)
                rest = self.raw[end - self.column:]
                stripped = rest.lstrip(" ")
                if self.value.kind == "percent" and stripped.startswith("%"):
                    end += len(rest) - len(stripped) + 1
                return end
        return self.column + len(self.raw.rstrip())


@dataclass(slots=True)
class Column:
    index: int
    header: str = ""           # all header rows joined ("Kinerja Target 2023")
    role: str | None = None    # see VALUE_ROLES / LABEL_ROLES
    year: int | None = None
    group: str = ""            # the spanning group header above it, if any
    stage: str | None = None   # "sebelum" / "sesudah" (budget revision stage)
    notation: str = "id"       # "id" or "en", decided from all the column's cells
    numeric: bool = False
    money: bool = False

    @property
    def name(self) -> str:
        return self.header or f"kolom {self.index + 1}"


@dataclass(slots=True)
class Row:
    index: int
    cells: list[Cell]
    line: int
    kind: RowKind = "data"
    level: int | None = None     # 1 program, 2 kegiatan, 3 sub kegiatan (or numbering depth)
    label: str = ""
    label_column: int | None = None
    unread: bool = False         # the reader could not place its cells: kept out of the checks

    def cell(self, col: int) -> Cell | None:
        return self.cells[col] if 0 <= col < len(self.cells) else None

    def number(self, col: int) -> Decimal | None:
        c = self.cell(col)
        return c.number if c is not None else None


@dataclass(slots=True)
class Table:
    index: int
    style: str                       # "tsv", "pipe", "html", "plain"
    start_line: int
    end_line: int
    caption: str | None = None
    caption_number: str | None = None
    caption_line: int | None = None
    header_rows: list[list[Cell]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    parts: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # what the parser could not understand
    #: what the reader mended in converter damage ("kepala tabel disusun ulang ..."), so a
    #: reviewer can see which structure the rules were given
    repairs: list[str] = field(default_factory=list)
    skipped: str | None = None                        # reason, when not understood at all

    @property
    def title(self) -> str:
        if self.caption:
            return self.caption
        return f"tabel tanpa judul (baris {self.start_line})"

    def columns_with(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]


@dataclass(slots=True)
class Heading:
    line: int
    level: int
    text: str


@dataclass(slots=True)
class Paragraph:
    start_line: int
    end_line: int
    text: str
    kind: str = "paragraph"   # "paragraph" or "list_item"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a piece of the document text came from in a Word or PDF file (all 1-based)."""

    page: int | None = None        # rendered page (PDF; Word: from its page breaks)
    paragraph: int | None = None   # Word: n-th non-empty body paragraph outside tables
    table: int | None = None       # n-th table of the file, in reading order
    row: int | None = None         # row of that table (header rows counted)
    column: int | None = None      # grid column of that table (merged cells: the first)
    bbox: tuple[float, float, float, float] | None = None  # PDF points: x0, top, x1, bottom


@dataclass(slots=True)
class SourceMap:
    """For a document read from Word or PDF: the origin of each span of its text lines.

    ``spans[line]`` lists ``(start, end, origin)`` with 1-based columns, ``end`` exclusive,
    sorted by ``start``."""

    kind: str   # "docx" or "pdf"
    spans: dict[int, list[tuple[int, int, Origin]]] = field(default_factory=dict)

    def add(self, line: int, start: int, end: int, origin: Origin) -> None:
        self.spans.setdefault(line, []).append((start, end, origin))

    def at(self, line: int, column: int = 1) -> Origin | None:
        """The origin of the span holding the column (else the nearest one before it, else
        the line's first)."""
        spans = self.spans.get(line)
        if not spans:
            return None
        k = bisect_right([s[0] for s in spans], column) - 1
        return spans[max(k, 0)][2]

    def region(self, line: int, column: int, end_column: int) -> Origin | None:
        """The origin of ``column``; for PDF, its box grown over the spans up to
        ``end_column`` on the same page."""
        first = self.at(line, column)
        if first is None or first.bbox is None:
            return first
        x0, top, x1, bottom = first.bbox
        for start, _end, o in self.spans.get(line, ()):
            if column < start < end_column and o.bbox is not None and o.page == first.page:
                x0, top = min(x0, o.bbox[0]), min(top, o.bbox[1])
                x1, bottom = max(x1, o.bbox[2]), max(bottom, o.bbox[3])
        return Origin(first.page, first.paragraph, first.table, first.row, first.column,
                      (x0, top, x1, bottom))


@dataclass(slots=True)
class Document:
    path: str
    text: str
    lines: list[str]
    tables: list[Table] = field(default_factory=list)
    table_lines: frozenset[int] = frozenset()
    #: lines holding page furniture (running headers / footers, page numbers, viewer
    #: banners); ``lines`` has it blanked, ``text`` keeps it
    furniture_lines: frozenset[int] = frozenset()
    report_year: int | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    #: Word / PDF input: where each span of ``lines`` came from (None for text input)
    source_map: SourceMap | None = None
    #: builds the headings and paragraphs from the lines outside tables (set by the reader)
    prose_reader: ProseReader | None = None
    _prose: tuple[list[Heading], list[Paragraph]] | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, build: Callable[[Document], T]) -> T:
        """Derived knowledge about the document (an index, the time frame, claims ...),
        computed once on first request by ``build(document)`` and kept."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]  # type: ignore[no-any-return]

    def _parse_prose(self) -> tuple[list[Heading], list[Paragraph]]:
        # the reader that built the document provides its prose parser (markdown-it for
        # text); it runs only when a rule (or view) first asks for the prose
        if self._prose is None:
            read = self.prose_reader
            self._prose = read(self.lines, self.table_lines) if read is not None else ([], [])
        return self._prose

    @property
    def headings(self) -> list[Heading]:
        return self._parse_prose()[0]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self._parse_prose()[1]

    def paragraph_lines(self) -> list[int]:
        """The paragraphs' first lines, in order (for bisecting a line to its paragraph)."""
        return self.memo("paragraph_lines", lambda d: [p.start_line for p in d.paragraphs])
