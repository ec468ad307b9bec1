"""Block recognition: find the tables in report text, line by line.

Markdown does not know TAB-separated tables, and converter-damaged pipe tables (separator
rows in the middle, no header) defeat a markdown parser's table rule, so tables are found by
a line scanner here; markdown-it-py handles the prose (``sakiplint.read.prose``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_TABLE_OPEN = re.compile(r"<table\b", re.I)
_HTML_TABLE_TAG = re.compile(r"<(/?)table\b", re.I)


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
    repairs: list[str] = field(default_factory=list)   # what the reader mended (HTML)
    header_rows: int | None = None       # rows known to be the header (plain tables)
    notes: list[str] = field(default_factory=list)   # what the reader could not decide
    unread: set[int] = field(default_factory=set)    # lines of rows whose cells it could not place


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


def is_pipe_separator(line: str) -> bool:
    """A pipe table's separator row: ``|---|:--:|---|`` (outer pipes optional, the first cell
    at least two dashes, the others dashes or empty). A plain scan, linear in the line (the
    regular expression it replaces backtracked exponentially on rows of empty cells)."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    for k, part in enumerate(s.split("|")):
        p = part.strip()
        if p.startswith(":"):
            p = p[1:]
        if p.endswith(":"):
            p = p[:-1]
        if p.strip("-") or (k == 0 and len(p) < 2):
            return False
    return True


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
            while i < n and "\t" in lines[i]:
                if not lines[i].strip() and not (
                        # an empty row (TABs only, as many as the row above) between rows
                        lines[i].count("\t") == lines[i - 1].count("\t")
                        and i + 1 < n and "\t" in lines[i + 1] and lines[i + 1].strip()):
                    break
                rows.append(_tsv_row(lines[i], i + 1))
                i += 1
            blocks.append(RawBlock("tsv", start + 1, i, rows))
            continue
        if is_pipe_line(line):
            start = i
            rows = []
            sep_after: int | None = None
            while i < n and (is_pipe_line(lines[i]) or is_pipe_separator(lines[i])):
                if is_pipe_separator(lines[i]):
                    if sep_after is None:
                        sep_after = len(rows) - 1
                else:
                    rows.append(_pipe_row(lines[i], i + 1))
                i += 1
            if rows:
                blocks.append(RawBlock("pipe", start + 1, i, rows, sep_after))
            continue
        if "<" in line and _HTML_TABLE_OPEN.search(line):
            block, end = _html_block(lines, i)
            if block is not None:
                blocks.append(block)
            i = end + 1
            continue
        i += 1
    from sakiplint.read.plain import find_plain_blocks  # plain-text tables, among the rest

    plain = find_plain_blocks(lines, blocks, skip)
    if plain:
        blocks = sorted(blocks + plain, key=lambda b: b.start_line)
    return blocks


def _html_region(lines: list[str], start: int) -> int:
    """The last line (0-based) an HTML table starting at line ``start`` can reach: the line of
    its closing ``</table>``; without one, the line before a blank line that is followed by
    prose (a line not starting with ``<``) or a heading, or the end of the text."""
    n = len(lines)
    depth = 0
    i = start
    while i < n:
        line = lines[i]
        if "<" in line:
            for m in _HTML_TABLE_TAG.finditer(line):
                if m.group(1):
                    depth -= 1
                    if depth <= 0:
                        return i
                else:
                    depth += 1
        if i > start and not line.strip():
            j = i + 1
            while j < n and not lines[j].strip():
                j += 1
            if j >= n:
                return i - 1
            if not lines[j].lstrip().startswith("<"):
                return i - 1
            i = j
            continue
        i += 1
    return n - 1


def _html_block(lines: list[str], start: int) -> tuple[RawBlock | None, int]:
    """The HTML table starting at line ``start`` (0-based) and the last line it took."""
    from sakiplint.read.html import grid, parse_table

    last = region = _html_region(lines, start)
    text = "\n".join(lines[start:last + 1])
    table = parse_table(text)
    line_starts = [0]
    for ln in lines[start:last + 1]:
        line_starts.append(line_starts[-1] + len(ln) + 1)

    def locate(offset: int) -> tuple[int, int]:
        k = bisect_right(line_starts, offset) - 1
        return start + k + 1, offset - line_starts[k] + 1

    if not table.closed:
        # the table ends on the line of its last table tag (or its last cell's text)
        end = table.last_tag_end
        for row in table.rows:
            for c in row:
                if text[c.start:c.end].strip():
                    end = max(end, c.start + len(text[c.start:c.end].rstrip()))
        last = min(last, locate(max(end - 1, 0))[0] - 1)
    rows: list[list[RawCell]] = []
    for cells in grid(table):
        row: list[RawCell] = []
        ln, col = start + 1, 1
        for c in cells:
            if c is None:
                row.append(RawCell("", ln, col))
                continue
            ln, col = locate(c.start)
            row.append(RawCell(text[c.start:c.end], ln, col))
        if row:
            rows.append(row)
    if not rows:  # no cell in the whole region: no table starts inside it either (linear)
        return None, last if re.search(r"<t[dh]\b", text, re.I) else region
    return RawBlock("html", start + 1, last + 1, rows, repairs=list(table.repairs)), last
