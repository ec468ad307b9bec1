"""Data-quality checks on single cells."""

from __future__ import annotations

from collections.abc import Iterator

from sakiplint.engine import Context, Issue
from sakiplint.model import Cell


def spreadsheet_error(ctx: Context, cell: Cell) -> Iterator[Issue]:
    if cell.value is not None and cell.value.kind == "error":
        yield Issue(at=cell, actual=cell.text, expected=None, args={"value": cell.text})
