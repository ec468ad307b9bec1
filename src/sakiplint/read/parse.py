"""Text -> document model: the parsing pipeline in one call."""

from __future__ import annotations

from sakiplint.model import Document
from sakiplint.read.blocks import find_blocks
from sakiplint.read.furniture import find_furniture, join_across, mask
from sakiplint.read.prose import detect_report_year, parse_prose
from sakiplint.read.source import Source
from sakiplint.read.tables import build_tables


def parse_document(source: Source) -> Document:
    # page furniture (running headers and footers, page numbers, viewer banners) is blanked
    # in the lines every later step reads; the text keeps it
    raw = source.text.split("\n")
    furniture = find_furniture(raw)
    lines = mask(raw, furniture)
    blocks = join_across(find_blocks(lines, furniture.lines), lines, furniture)
    tables = build_tables(blocks, lines)
    table_lines: set[int] = set()
    for b in blocks:
        table_lines.update(range(b.start_line, b.end_line + 1))
    return Document(
        path=source.path,
        text=source.text,
        lines=lines,
        tables=tables,
        table_lines=frozenset(table_lines),
        furniture_lines=frozenset(furniture.lines | set(furniture.spans)),
        report_year=detect_report_year(lines),
        encoding=source.encoding,
        warnings=list(source.warnings),
        prose_reader=parse_prose,
    )


def parse_text(text: str, path: str = "<text>") -> Document:
    return parse_document(Source(path=path, text=text, encoding="utf-8"))
