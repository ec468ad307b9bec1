"""Text -> document model: the parsing pipeline in one call."""

from __future__ import annotations

from sakiplint.blocks import find_blocks
from sakiplint.model import Document
from sakiplint.prose import detect_report_year, parse_prose
from sakiplint.source import Source
from sakiplint.tables import build_tables


def parse_document(source: Source) -> Document:
    lines = source.text.split("\n")
    blocks = find_blocks(lines)
    tables = build_tables(blocks, lines)
    table_lines: set[int] = set()
    for b in blocks:
        table_lines.update(range(b.start_line, b.end_line + 1))
    headings, paragraphs = parse_prose(lines, table_lines)
    return Document(
        path=source.path,
        text=source.text,
        lines=lines,
        tables=tables,
        headings=headings,
        paragraphs=paragraphs,
        report_year=detect_report_year(lines, headings),
        encoding=source.encoding,
        warnings=list(source.warnings),
    )


def parse_text(text: str, path: str = "<text>") -> Document:
    return parse_document(Source(path=path, text=text, encoding="utf-8"))
