"""Text -> document model: the parsing pipeline in one call."""

from __future__ import annotations

from sakiplint.model import Document
from sakiplint.read.blocks import find_blocks
from sakiplint.read.prose import detect_report_year, parse_prose
from sakiplint.read.source import Source
from sakiplint.read.tables import build_tables


def parse_document(source: Source) -> Document:
    lines = source.text.split("\n")
    blocks = find_blocks(lines)
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
        report_year=detect_report_year(lines),
        encoding=source.encoding,
        warnings=list(source.warnings),
        prose_reader=parse_prose,
    )


def parse_text(text: str, path: str = "<text>") -> Document:
    return parse_document(Source(path=path, text=text, encoding="utf-8"))
