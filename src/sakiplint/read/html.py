"""HTML tables read with the standard library's HTML parser.

Converters put HTML tables into markdown, often damaged: a missing ``</td>``, ``</tr>`` or
``</table>``, cells spanning rows and columns. The table is read with
:class:`html.parser.HTMLParser` and resolved to a cell grid:

* a ``<td>`` / ``<th>`` closes the open cell, a ``<tr>`` the open row (the implied end tags
  of HTML), so a missing ``</td>`` / ``</tr>`` loses nothing;
* ``colspan`` and ``rowspan`` put the cell's text in its first slot and empty cells in the
  others (as converters write merged cells in TAB tables), bounded by :data:`MAX_SPAN` and
  :data:`MAX_WIDTH`, so a crafted ``colspan=99999999`` allocates nothing;
* each cell keeps its raw inner HTML (tags included) and the line and column where it starts.

Every step is linear in the input: the text is first *masked* (length preserved, so positions
stay true) so that the parser only ever sees complete, simple tags; a ``<`` that does not
open one (``a < b``, ``<!--``, an unclosed ``<td``) becomes a space, which the parser of this
Python version would otherwise rescan to the end of the text for each such ``<``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: largest colspan / rowspan honoured (a larger one is cut down and said in the repairs)
MAX_SPAN = 64
#: widest row built; cells beyond it are dropped
MAX_WIDTH = 256

_CELL = frozenset({"td", "th"})
_SECTION = frozenset({"thead", "tbody", "tfoot"})
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def mask(text: str) -> str:
    """``text`` with every ``<`` that does not open a simple tag (``<name ...>`` or
    ``</name>`` closed by ``>`` before any other ``<``, quotes balanced) turned into a space,
    and unbalanced quotes inside tags blanked. Same length as ``text``; linear time."""
    out = list(text)
    n = len(text)
    lts = [i for i, ch in enumerate(text) if ch == "<"]
    gt = -1
    for k, i in enumerate(lts):
        if gt < i:
            gt = text.find(">", i + 1)
            if gt < 0:
                gt = n  # no '>' after here: no more tags
        nxt = lts[k + 1] if k + 1 < len(lts) else n
        j = i + 1
        if j < n and text[j] == "/":
            j += 1
        if gt >= n or nxt < gt or j >= n or text[j] not in _NAME_START:
            out[i] = " "
            continue
        inner = text[i + 1:gt]
        for q in "\"'":
            if inner.count(q) % 2:
                for p in range(i + 1, gt):
                    if text[p] == q:
                        out[p] = " "
    return "".join(out)


@dataclass(slots=True)
class HtmlCell:
    start: int          # offset of the cell's raw content in the block text
    end: int            # offset where its raw content ends
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass(slots=True)
class HtmlTable:
    """The rows of cells found, before spans are resolved, and what was repaired."""

    rows: list[list[HtmlCell]] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    closed: bool = False       # the outermost </table> was seen
    last_tag_end: int = 0      # offset just after the last table tag seen


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    for key, value in attrs:
        if key == name and value:
            digits = value.strip()
            end = 0
            while end < len(digits) and end < 12 and digits[end].isdigit():
                end += 1
            if end:
                return max(1, int(digits[:end]))
    return 1


class _TableParser(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        line_starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            line_starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.line_starts = line_starts
        self.table = HtmlTable()
        self.depth = 0                      # <table> nesting
        self.row: list[HtmlCell] | None = None
        self.cell: HtmlCell | None = None
        self.unclosed_cells = 0
        self.unclosed_rows = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close_cell(self, at: int, explicit: bool = False) -> None:
        if self.cell is not None:
            self.cell.end = at
            self.cell = None
            if not explicit:
                self.unclosed_cells += 1

    def _close_row(self, at: int, explicit: bool = False) -> None:
        self._close_cell(at)
        if self.row is not None:
            if self.row:
                self.table.rows.append(self.row)
            self.row = None
            if not explicit:
                self.unclosed_rows += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.table.last_tag_end = self._tag_end()
            return
        if self.depth != 1:
            return
        at = self._offset()
        if tag == "tr":
            if self.row is not None:
                self._close_row(at)
            self.row = []
        elif tag in _CELL:
            self._close_cell(at)
            if self.row is None:
                self.row = []
            colspan, rowspan = _span(attrs, "colspan"), _span(attrs, "rowspan")
            if colspan > MAX_SPAN or rowspan > MAX_SPAN:
                self.table.repairs.append(
                    f"rentang sel (colspan {colspan}, rowspan {rowspan}) dibatasi ke {MAX_SPAN}")
            end = self._tag_end()
            self.cell = HtmlCell(end, end, min(colspan, MAX_SPAN), min(rowspan, MAX_SPAN),
                                 tag == "th")
            self.row.append(self.cell)
        elif tag in _SECTION:
            if self.row is not None:
                self._close_row(at)
        else:
            return
        self.table.last_tag_end = self._tag_end()

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self.depth == 1:
                at = self._offset()
                self._close_row(at, explicit=self.row is None)
                self.table.closed = True
                self.table.last_tag_end = self._tag_end(end_tag=True)
            self.depth = max(0, self.depth - 1)
            return
        if self.depth != 1:
            return
        at = self._offset()
        if tag in _CELL:
            if self.cell is not None:
                self._close_cell(at, explicit=True)
        elif tag == "tr":
            if self.row is not None:
                self._close_cell(at)
                self._close_row(at, explicit=True)
        elif tag in _SECTION:
            if self.row is not None:
                self._close_row(at)
        else:
            return
        self.table.last_tag_end = self._tag_end(end_tag=True)

    def _tag_end(self, end_tag: bool = False) -> int:
        at = self._offset()
        if end_tag:
            close = self.text.find(">", at)
            return close + 1 if close >= 0 else len(self.text)
        raw = self.get_starttag_text() or ""
        return at + len(raw)

    def finish(self) -> HtmlTable:
        self.close()
        end = len(self.text)
        if self.cell is not None or self.row is not None:
            self._close_row(end)
        if self.unclosed_cells:
            self.table.repairs.append(f"{self.unclosed_cells} sel tanpa </td> ditutup")
        if self.unclosed_rows:
            self.table.repairs.append(f"{self.unclosed_rows} baris tanpa </tr> ditutup")
        if not self.table.closed and self.table.rows:
            self.table.repairs.append("tabel tanpa </table> ditutup pada baris terakhirnya")
        return self.table


def parse_table(text: str) -> HtmlTable:
    """Read the HTML table(s) in ``text`` (cells of nested tables stay inside their cell)."""
    parser = _TableParser(text)
    parser.feed(mask(text))
    return parser.finish()


def grid(table: HtmlTable) -> list[list[HtmlCell | None]]:
    """The rows with spans resolved: a spanned cell's text sits in its first slot, the
    other slots it covers are ``None`` (empty cells, as converters write merged cells)."""
    out: list[list[HtmlCell | None]] = []
    pending: dict[int, int] = {}     # column -> rows still covered by a rowspan above
    for cells in table.rows:
        row: list[HtmlCell | None] = []
        col = 0
        for c in cells:
            while pending.get(col, 0) > 0 and col < MAX_WIDTH:   # covered from above
                row.append(None)
                col += 1
            if col >= MAX_WIDTH:
                break
            width = min(c.colspan, MAX_WIDTH - col)
            row.append(c)
            row.extend([None] * (width - 1))
            if c.rowspan > 1:
                for k in range(col, col + width):
                    pending[k] = max(pending.get(k, 0), c.rowspan)
            col += width
        # covered slots to the right of the last cell
        last = max((k for k in pending if k >= col), default=-1)
        if last >= col:
            row.extend([None] * (last + 1 - col))
        # this row consumed one row of every span that covers it (or started in it)
        for k in list(pending):
            pending[k] -= 1
            if pending[k] <= 0:
                del pending[k]
        out.append(row)
    return out
