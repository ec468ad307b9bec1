"""Block recognition: find the tables in report text, line by line.

Markdown does not know TAB-separated tables, and converter-damaged pipe tables (separator
rows in the middle, no header) defeat a markdown parser's table rule, so tables are found by
a line scanner here; markdown-it-py handles the prose (``sakiplint.read.prose``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_TABLE_OPEN = re.compile(r"<table\b", re.I)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_TR = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.I | re.S)
_TD = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t[dh]\s*>", re.I | re.S)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)


@dataclass(slots=True)
class RawCell:
    raw: str
    line: int     # 1-based
    column: int   # 1-based


@dataclass(slots=True)
class RawBlock:
    style: str                 # "tsv", "pipe", "html"
    start_line: int            # 1-based, inclusive
    end_line: int              # 1-based, inclusive
    rows: list[list[RawCell]] = field(default_factory=list)
    separator_after: int | None = None   # pipe tables: index of the row before the first |---| row
    header_rows: int | None = None       # rows known to be the header (plain tables)
    notes: list[str] = field(default_factory=list)   # what the reader could not decide


def _tsv_row(line: str, lineno: int) -> list[RawCell]:
    cells: list[RawCell] = []
    pos = 0
    for part in line.split("\t"):
        cells.append(RawCell(part, lineno, pos + 1))
        pos += len(part) + 1
    return cells


def _pipe_row(line: str, lineno: int) -> list[RawCell]:
    start = len(line) - len(line.lstrip())
    body = line[start:]
    if body.startswith("|"):
        body, start = body[1:], start + 1
    stripped = body.rstrip()
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        body = stripped[:-1]
    cells: list[RawCell] = []
    pos = start
    if "\\" not in body:  # no escaped pipe: a plain split
        for part in body.split("|"):
            cells.append(RawCell(part, lineno, pos + 1))
            pos += len(part) + 1
        return cells
    for part in _PIPE_SPLIT.split(body):
        cells.append(RawCell(part.replace("\\|", "|"), lineno, pos + 1))
        pos += len(part) + 1
    return cells


def is_pipe_line(line: str) -> bool:
    s = line.lstrip()
    return s.startswith("|") and s.count("|") >= 2


def find_blocks(lines: list[str], skip: frozenset[int] | set[int] = frozenset()) -> list[RawBlock]:
    """Find table blocks. ``lines`` are the report's lines without their line ends; lines in
    ``skip`` (page furniture) do not interrupt a plain-text table."""
    blocks: list[RawBlock] = []
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        if "\t" in line and line.strip():
            start = i
            rows = []
            while i < n and "\t" in lines[i] and lines[i].strip():
                rows.append(_tsv_row(lines[i], i + 1))
                i += 1
            blocks.append(RawBlock("tsv", start + 1, i, rows))
            continue
        if is_pipe_line(line):
            start = i
            rows = []
            sep_after: int | None = None
            while i < n and (is_pipe_line(lines[i]) or _PIPE_SEP.match(lines[i] or "x")):
                if _PIPE_SEP.match(lines[i]):
                    if sep_after is None:
                        sep_after = len(rows) - 1
                else:
                    rows.append(_pipe_row(lines[i], i + 1))
                i += 1
            if rows:
                blocks.append(RawBlock("pipe", start + 1, i, rows, sep_after))
            continue
        if "<" in line and _HTML_TABLE_OPEN.search(line):
            start = i
            while i < n and not _HTML_TABLE_CLOSE.search(lines[i]):
                i += 1
            end = min(i, n - 1)
            block = _html_block(lines, start, end)
            if block.rows:
                blocks.append(block)
            i = end + 1
            continue
        i += 1
    from sakiplint.read.plain import find_plain_blocks  # plain-text tables, among the rest

    plain = find_plain_blocks(lines, blocks, skip)
    if plain:
        blocks = sorted(blocks + plain, key=lambda b: b.start_line)
    return blocks


def _html_block(lines: list[str], start: int, end: int) -> RawBlock:
    text = "\n".join(lines[start:end + 1])
    line_starts = [0]
    for ln in lines[start:end + 1]:
        line_starts.append(line_starts[-1] + len(ln) + 1)

    def locate(offset: int) -> tuple[int, int]:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi - 1:
            mid = (lo + hi) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return start + lo + 1, offset - line_starts[lo] + 1

    rows: list[list[RawCell]] = []
    for tr in _TR.finditer(text):
        row: list[RawCell] = []
        for td in _TD.finditer(tr.group(1)):
            offset = tr.start(1) + td.start(3)
            ln, col = locate(offset)
            row.append(RawCell(td.group(3), ln, col))
            span = _COLSPAN.search(td.group(2))
            for _ in range(int(span.group(1)) - 1 if span else 0):
                row.append(RawCell("", ln, col))
        if row:
            rows.append(row)
    return RawBlock("html", start + 1, end + 1, rows)
