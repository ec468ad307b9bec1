"""Findings of a document read from Word or PDF: where they are in that file.

The rules point at lines and columns of the report text the reader wrote; the document's
source map says where each span of that text came from (page, paragraph, table, row, grid
column, box), and its tables name the caption and the column header."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from sakiplint.engine.findings import Finding, Location
from sakiplint.model import Document, Table


class Locator:
    def __init__(self, doc: Document) -> None:
        self.map = doc.source_map
        self.table_at: dict[int, Table] = {}
        for t in doc.tables:
            for a, b in t.parts or [(t.start_line, t.end_line)]:
                for ln in range(a, b + 1):
                    self.table_at[ln] = t

    def __call__(self, line: int, column: int | None = None, end_line: int | None = None,
                 end_column: int | None = None) -> Location | None:
        if self.map is None:
            return None
        col = column or 1
        end = end_column if end_line in (None, line) and end_column else col + 1
        origin = self.map.region(line, col, end)
        if origin is None:
            return None
        caption = name = None
        if origin.table is not None:
            t = self.table_at.get(line)
            if t is not None:
                caption = t.caption_number
                name = _column_name(t, line, col)
        return Location(origin.page, origin.paragraph, origin.table, caption, origin.row,
                        origin.column, name, origin.bbox)


def _column_name(t: Table, line: int, column: int) -> str | None:
    row = next((r for r in t.rows if r.line == line), None)
    cells = row.cells if row is not None else next(
        (h for h in t.header_rows if h and h[0].line == line), None)
    if not cells:
        return None
    k = bisect_right([c.column for c in cells], column) - 1
    if k < 0 or k >= len(t.columns):
        return None
    return t.columns[k].header or None


def locate_findings(doc: Document, findings: Iterable[Finding]) -> None:
    """Set the location of each finding (and of its related cells) of a Word / PDF document."""
    if doc.source_map is None:
        return
    where = Locator(doc)
    for f in findings:
        f.location = where(f.line, f.column, f.end_line, f.end_column)
        for r in f.related:
            r.location = where(r.line, r.column)
