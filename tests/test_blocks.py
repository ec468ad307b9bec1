"""The block scanner: pipe separator rows recognised by a linear scan (the regular
expression it replaces was exponential on rows of empty cells), same answers as before."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.read.blocks import find_blocks, is_pipe_separator
from sakiplint.read.parse import parse_text

#: the old pattern, kept here as the specification of what a separator row is
_OLD = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="|-: x\t", max_size=11))
def test_separator_scan_agrees_with_the_old_pattern(line):
    assert is_pipe_separator(line) == bool(_OLD.match(line))


def test_separator_examples():
    assert is_pipe_separator("|---|---|")
    assert is_pipe_separator("| :--- | ---: | :-: |")
    assert is_pipe_separator("|--|||")
    assert is_pipe_separator("---")
    assert not is_pipe_separator("| | | |")
    assert not is_pipe_separator("|-|---|")
    assert not is_pipe_separator("|---| x |")


def test_rows_of_empty_pipe_cells_take_linear_time():
    # 26 empty cells took 20 s with the old pattern; 10,000 must take well under a second
    for row in ("|--" + "| " * 10_000 + "x", "|---|" + "|  " * 10_000 + " x",
                "| " * 10_000 + "|"):
        t0 = time.perf_counter()
        is_pipe_separator(row)
        find_blocks([row, row])
        assert time.perf_counter() - t0 < 1.0


def test_long_lines_in_tables_and_captions_take_linear_time():
    # the caption, markup and row-kind patterns of read/tables: no nested or adjacent
    # quantifiers that can backtrack over a long line
    lines = [
        "Tabel" + " " * 20_000 + "x",
        "#" + " " * 20_000 + "x",
        "Rata" + " " * 20_000 + "x\t1",
        "Sub" + " " * 20_000 + "x\t2",
        "<" * 20_000 + "\t3",
        "**" + " " * 20_000 + "Tabel 1." + " " * 20_000,
    ]
    text = "Uraian\tNilai\n" + "\n".join(lines) + "\n"
    t0 = time.perf_counter()
    parse_text(text)
    assert time.perf_counter() - t0 < 2.0


def test_separator_rows_split_the_header_from_the_body():
    (b,) = find_blocks(["| A | B |", "|---|---|", "| x | 1 |", "| :--: | --- |", "| y | 2 |"])
    assert b.style == "pipe" and len(b.rows) == 3 and b.separator_after == 0


def test_tsv_empty_row_between_rows_keeps_the_table_whole() -> None:
    """A row of empty cells (TABs only, as a converter writes an empty table row) between
    rows does not end a TAB table; a TAB-only line of another width, or one before a line
    without TABs, does."""
    from sakiplint.read.blocks import find_blocks

    lines = ["No\tIndikator\tTarget", "\t\t", "1\tIKM\t80", "2\tSAKIP\t70", "", "Teks."]
    (block,) = find_blocks(lines)
    assert (block.start_line, block.end_line, len(block.rows)) == (1, 4, 4)
    other = ["No\tIndikator\tTarget", "\t", "1\tIKM\t80"]
    assert [(b.start_line, b.end_line) for b in find_blocks(other)] == [(1, 1), (3, 3)]
    last = ["No\tIndikator\tTarget", "1\tIKM\t80", "\t\t", "Teks."]
    assert [(b.start_line, b.end_line) for b in find_blocks(last)] == [(1, 2)]
