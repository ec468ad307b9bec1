"""How wide a table's grid may be: rows are padded to the table's width, so one damaged row
of a thousand cells in a table of a thousand rows would make a million empty cells (quadratic
in the text: a 20 KB report took 3 s to parse, and every cell rule ran on each cell)."""

from __future__ import annotations

from collections.abc import Sequence

#: a grid may hold this many times the cells the text has, plus a margin for small tables
#: (a real table's rows differ by a few merged or empty cells: never near this)
GROWTH = 8
MARGIN = 4096


def grid_width(widths: Sequence[int]) -> int:
    """The width of a table whose rows have ``widths`` cells (their last filled cell): the
    widest row, unless padding every row to it would make the grid far larger than the
    cells the rows have; then the width nine rows in ten stay within (the wider rows keep
    their first cells, and the table says so in its notes)."""
    widest = max(widths, default=0)
    if widest * len(widths) <= GROWTH * sum(widths) + MARGIN:
        return max(widest, 1)
    ordered = sorted(widths)
    return max(ordered[(len(ordered) * 9) // 10], 1)
