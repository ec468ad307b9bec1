"""The document model that rules ask questions of.

Parsing builds it (``sakiplint.parse``); rules only read it. Every value keeps its source
text, line and column, so a finding can point at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from sakiplint.cells import CellValue
    from sakiplint.numwords import DigitWordPair

#: value roles a column may carry
VALUE_ROLES = (
    "target", "realisasi", "capaian", "anggaran", "realisasi_anggaran", "serapan",
    "persen", "sisa", "selisih", "jumlah", "rata_rata", "efisiensi", "number",
)
#: label roles
LABEL_ROLES = ("no", "sasaran", "indikator", "program", "satuan", "keterangan", "label")

RowKind = Literal["data", "total", "average"]
T = TypeVar("T")


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

    def cell(self, col: int) -> Cell | None:
        return self.cells[col] if 0 <= col < len(self.cells) else None

    def number(self, col: int) -> Decimal | None:
        c = self.cell(col)
        return c.number if c is not None else None


@dataclass(slots=True)
class Table:
    index: int
    style: str                       # "tsv", "pipe", "html"
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


@dataclass(slots=True)
class Document:
    path: str
    text: str
    lines: list[str]
    tables: list[Table] = field(default_factory=list)
    table_lines: frozenset[int] = frozenset()
    report_year: int | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    _prose: tuple[list[Heading], list[Paragraph]] | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, build: Callable[[Document], T]) -> T:
        """Derived knowledge about the document (an index, the time frame, claims ...),
        computed once on first request by ``build(document)`` and kept."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]  # type: ignore[no-any-return]

    def _parse_prose(self) -> tuple[list[Heading], list[Paragraph]]:
        # markdown-it runs only when a rule (or view) asks for the prose
        if self._prose is None:
            from sakiplint.prose import parse_prose

            self._prose = parse_prose(self.lines, set(self.table_lines))
        return self._prose

    def number_word_pairs(self) -> list[tuple[int, int, DigitWordPair]]:
        """(line, 1-based column of the digits, pair) for every "25 (dua puluh lima)" in
        the prose (lines outside tables)."""
        from sakiplint.numwords import find_digit_word_pairs

        out: list[tuple[int, int, DigitWordPair]] = []
        for i, line in enumerate(self.lines, start=1):
            if i in self.table_lines or "(" not in line:
                continue
            for pair in find_digit_word_pairs(line):
                out.append((i, pair.digits_start + 1, pair))
        return out

    @property
    def headings(self) -> list[Heading]:
        return self._parse_prose()[0]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self._parse_prose()[1]
