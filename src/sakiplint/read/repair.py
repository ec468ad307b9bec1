"""Mending converter damage in table structure, where the cells themselves show how.

Each repair is generic (no caption, agency or phrase of any report) and conservative: it
applies only when exactly one reading of the damaged cells fits the rest of the table, and
it says what it did (``Table.repairs``, shown by ``sakiplint tables``).

* :func:`rebuild_split_years`: a header row whose only digits are pieces of year cells split
  by the converter ("T | ahun 2022 | 2 | Та | hun 202 | 23") becomes one group header per
  year ("Tahun 2022", "Tahun 2023").
* :func:`tail_of_broken_cell`: a page-break continuation whose first row carries only the end
  of a cell broken at the page foot ("| | Daerah | | |").
* :func:`lost_first_column`: a continuation that lost the table's first column, which is
  empty in its rows (a program column spanning many rows).
* :func:`realign_rows` (in :mod:`sakiplint.read.tables` order, before values are resolved):
  two numbers merged into one cell beside an empty cell; a value pushed one cell left.
* :func:`unmerge_numbered_rows`: a row whose number was merged with the next cell's text,
  every other cell one column to the left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise

from sakiplint.model import Cell, Row, Table
from sakiplint.read.cells import parse_cell

_YEAR_RANGE = (1950, 2099)
# Cyrillic and other look-alikes PDF converters put into headers ("Та" for "Ta")
_HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O",
    "Р": "P", "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c",
    "у": "y", "х": "x", "ı": "i",
})
_DIGITS_RUN = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")
# a word of running text that can be a table value on its own ("1,23", "(5.000)", "12%")
_PLAIN_NUMBER = re.compile(r"^[(\-−]?[0-9][0-9.,]*+%?\)?$")


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and _YEAR_RANGE[0] <= int(digits) <= _YEAR_RANGE[1]


def _lead_digits(s: str) -> str:
    n = 0
    while n < len(s) and s[n].isdigit():
        n += 1
    return s[:n]


def _trail_digits(s: str) -> str:
    n = len(s)
    while n and s[n - 1].isdigit():
        n -= 1
    return s[n:]


def _join_fragments(a: str, b: str) -> str | None:
    """``a`` and ``b`` (adjacent cells) read as one split text, or None when they are two.

    Digits continue digits when together they make one year ("202" + "23" -> "2023": the
    converter repeats the character at a cut), or when ``b`` only repeats the end of a whole
    year ("2022" + "2"); letters continue letters when ``b`` starts in lower case or ``a`` is
    a stub of one or two letters ("T" + "ahun", "Та" + "hun")."""
    if not a or not b:
        return None
    if a[-1].isdigit() and b[0].isdigit():
        da, db = _trail_digits(a), _lead_digits(b)
        if _is_year(da[-4:]) and len(da) == 4 and da.endswith(db):
            return a + b[len(db):]
        for k in range(0, min(len(da), len(db)) + 1):
            if k and da[-k:] != db[:k]:
                continue
            if _is_year(da + db[k:]):
                return a + b[k:]
        return None
    if a[-1].isalpha() and b[0].isalpha() and (b[0].islower() or len(a.strip()) <= 2):
        return a + b
    return None


def rebuild_split_years(rows: list[list[Cell]]) -> str | None:
    """Rebuild the first header-like row whose year cells the converter split into pieces.
    The row is changed in place: each year's text ("Tahun 2022") in the first cell of its
    pieces, the other pieces emptied (so it spans the sub-headers below as a group).
    Returns the repair note, or None."""
    for cells in rows[:3]:
        texts = [c.text for c in cells]
        if not any(_DIGIT.search(t) for t in texts if t):
            continue
        groups: list[tuple[list[int], str]] = []   # (cell indexes, joined text)
        for i, t in enumerate(texts):
            if not t:
                continue
            if groups and groups[-1][0][-1] == i - 1:
                idx, text = groups[-1]
                joined = _join_fragments(text, t)
                if joined is not None:
                    groups[-1] = ([*idx, i], joined)
                    continue
            groups.append(([i], t))
        # undo joins that made no year: letters glued for nothing
        final: list[tuple[list[int], str]] = []
        for idx, text in groups:
            runs = _DIGITS_RUN.findall(text)
            if len(idx) > 1 and not any(_is_year(d) for d in runs):
                final.extend(([i], texts[i]) for i in idx)
            else:
                final.append((idx, text))
        digit_runs = [d for _, text in final for d in _DIGITS_RUN.findall(text)]
        if not digit_runs or not all(_is_year(d) for d in digit_runs):
            return None   # digits that are no year: a data row, or another kind of damage
        if not any(len(idx) > 1 for idx, _ in final):
            return None   # nothing was split
        if any(len(idx) > 1 and not any(ch.isalpha() for ch in text) for idx, text in final):
            return None   # "20 | 23" may be two numbers: only "Tahun 20 | 23" is a header
        for idx, text in final:
            if len(idx) == 1:
                continue
            first = cells[idx[0]]
            clean = " ".join(text.translate(_HOMOGLYPHS).split())
            cells[idx[0]] = Cell(first.raw, clean, first.line, first.column, first.bold)
            for i in idx[1:]:
                c = cells[i]
                cells[i] = Cell("", "", c.line, c.column)
        years = ", ".join(t for idx, t in final if len(idx) > 1)
        return (f"kepala tabel disusun ulang dari sel tahun yang terpecah"
                f" (baris {cells[0].line}: {' '.join(years.translate(_HOMOGLYPHS).split())})")
    return None


# --------------------------------------------------------------------------- continuations

def _numeric(text: str) -> bool:
    v = parse_cell(text)
    return v.is_numeric


def tail_of_broken_cell(last_row: list[Cell], first: list[Cell], width: int) -> bool:
    """Does ``first`` (the first row of a continuation) only carry the end of cells of
    ``last_row`` (the last row before the page break), broken at the page foot? A few text
    cells, no number, each under a cell that has text to continue."""
    filled = [(i, c) for i, c in enumerate(first) if c.text]
    if not filled or len(filled) * 2 > width or len(first) > width + 1:
        return False
    for i, c in filled:
        if i >= len(last_row) or i >= width or not last_row[i].text:
            return False
        if _readings(last_row[i].text):
            return False   # a number is not continued by words
        if any(ch.isdigit() for ch in c.text) or len(c.text) > 120:
            return False
    return True


def glue_tail(last_row: list[Cell], first: list[Cell]) -> None:
    for i, c in enumerate(first):
        if c.text and i < len(last_row):
            old = last_row[i]
            last_row[i] = Cell(old.raw + " " + c.raw, f"{old.text} {c.text}", old.line,
                               old.column, old.bold)


def _kinds(rows: list[list[Cell]], width: int) -> list[str]:
    """Per column: "num" when its filled cells are numbers (placeholders aside), "text"
    when none is, "mixed" otherwise, "" when empty."""
    return [_kind(n, t) for n, t in _kind_counts(rows, width)]


def _kind_counts(rows: list[list[Cell]], width: int) -> list[list[int]]:
    """Per column: [numbers, texts] among its filled cells (placeholders aside)."""
    counts = [[0, 0] for _ in range(width)]
    for cells in rows:
        for i, c in enumerate(cells[:width]):
            kind = _kind_of(c)
            if kind:
                counts[i][kind == "text"] += 1
    return counts


def _kind(nums: int, texts: int) -> str:
    return "" if not nums and not texts else "num" if not texts else "text" if not nums \
        else "mixed"


def _kind_of(c: Cell) -> str:
    """"num", "text", or "" for an empty cell or a placeholder ("-", "N/a")."""
    if not c.text:
        return ""
    v = parse_cell(c.text)
    return "" if v.kind == "empty" else "num" if v.is_numeric else "text"


def _fits(table_kinds: list[str], chunk_kinds: list[str]) -> bool:
    """Every chunk column agrees with the table column it would sit under (numbers under
    numbers, text under text); at least one number column is matched."""
    matched = 0
    for tk, ck in zip(table_kinds, chunk_kinds, strict=False):
        if not ck or not tk:
            continue
        if (tk == "num") != (ck == "num") or (tk == "text") != (ck == "text"):
            return False
        matched += tk == "num"
    return matched > 0


def lost_first_column(prev_rows: list[list[Cell]], width: int, chunk: list[list[Cell]]) -> bool:
    """A headerless chunk one column narrower than the table before it lost that table's
    first column when: the table's first column is a text column left empty in some of its
    rows (a column spanning rows, so empty at a page break), and the chunk's columns agree
    with the table's columns 2.. but not with columns 1.. as printed."""
    if width < 3 or not prev_rows:
        return False
    first = [c.text for cells in prev_rows for c in cells[:1]]
    if not any(first) or all(first):
        return False
    table_kinds = _kinds(prev_rows, width)
    if table_kinds[0] != "text":
        return False
    chunk_kinds = _kinds(chunk, width - 1)
    if not _fits(table_kinds[1:], chunk_kinds):
        return False
    return not _fits(table_kinds[:-1], chunk_kinds)


def prepend_empty(chunk: list[list[Cell]]) -> list[list[Cell]]:
    out = []
    for cells in chunk:
        line = cells[0].line if cells else 0
        out.append([Cell("", "", line, 1), *cells])
    return out


# --------------------------------------------------------------------------- merged label rows

def _hierarchy_level(header: str) -> int | None:
    h = header.lower().replace(" ", "").replace("-", "")
    if "subkegiatan" in h:
        return 3
    if "kegiatan" in h:
        return 2
    if "program" in h:
        return 1
    return None


def split_merged_label_rows(table: Table) -> str | None:
    """Split a row that names a program (or kegiatan) and, in the columns to its right, its
    first kegiatan (or sub kegiatan): merged cells of a table where the program column spans
    its kegiatan rows. The amounts go to the deepest entity named, the others become rows of
    their own without amounts, each row gets the level of its column.

    Only where the table shows it: label columns Program / Kegiatan / Sub Kegiatan left of
    every value column; some row leaves the first of them empty (so they span rows); no row
    carries amounts without naming the deepest entity; and a merged row's amounts are not
    the sum of the rows it would head (then they would be its own)."""
    cols = table.columns
    hier = [(c.index, lvl) for c in cols
            if c.role == "program" and (lvl := _hierarchy_level(c.header)) is not None]
    if len(hier) < 2 or any(b[1] <= a[1] for a, b in pairwise(hier)):
        return None
    first, deepest = hier[0][0], hier[-1][0]
    values = [c.index for c in cols if c.numeric and c.role not in ("no",)]
    if not values or any(first < v < deepest for v in values):
        return None
    money = [c.index for c in cols if c.numeric and c.money]
    rows = table.rows
    spans = any(not r.cells[first].text and r.cells[deepest].text for r in rows)
    if not spans:
        return None
    for r in rows:
        if r.kind == "data" and not r.cells[deepest].text and any(
            r.cells[v].number is not None for v in values
        ):
            return None   # amounts of a shallower entity on its own row: another layout
    out: list[Row] = []
    split_lines: list[int] = []
    for k, r in enumerate(rows):
        filled = [(i, lvl) for i, lvl in hier if r.cells[i].text]
        if r.kind != "data" or len(filled) < 2 or filled[-1][0] != deepest:
            out.append(r)
            continue
        if money and _heads_its_block(rows, k, filled[0][0], hier, money[0]):
            out.append(r)
            continue
        for i, lvl in filled[:-1]:
            cells = [_blank(c) for c in r.cells]
            for j in range(i + 1):
                if j == i or cols[j].role in ("no",) or (j < first and not cols[j].numeric):
                    cells[j] = r.cells[j]
                    if j != i:
                        r.cells[j] = _blank(r.cells[j])
            cells[i] = r.cells[i]
            r.cells[i] = _blank(r.cells[i])
            out.append(Row(index=0, cells=cells, line=r.line, kind="data", level=lvl,
                           label=cells[i].text, label_column=i))
        r.level = filled[-1][1]
        r.label = r.cells[deepest].text
        r.label_column = deepest
        out.append(r)
        split_lines.append(r.line)
    if not split_lines:
        return None
    for k, r in enumerate(out):
        r.index = k
        if r.level is None and r.kind == "data":
            own = [lvl for i, lvl in hier if r.cells[i].text]
            if len(own) == 1:
                r.level = own[0]
    table.rows[:] = out
    names = {1: "program", 2: "kegiatan", 3: "sub kegiatan"}
    what = "/".join(names[lvl] for _, lvl in hier)
    lines = ", ".join(str(n) for n in split_lines[:12]) + (" ..." if len(split_lines) > 12 else "")
    return (f"baris berisi beberapa tingkat ({what}) dipisah; angka milik tingkat terdalam"
            f" (baris {lines})")


def _blank(c: Cell) -> Cell:
    return Cell("", "", c.line, c.column)


def _heads_its_block(rows: list[Row], k: int, col: int, hier: list[tuple[int, int]],
                     money: int) -> bool:
    """Are row ``k``'s amounts (column ``money``) exactly the sum of the rows below it up to
    the next row that names an entity at column ``col`` or shallower?"""
    shallower = [i for i, _ in hier if i <= col]
    own = rows[k].cells[money].number
    if own is None:
        return False
    total = None
    for r in rows[k + 1:]:
        if r.kind != "data" or any(r.cells[i].text for i in shallower):
            break
        n = r.cells[money].number
        if n is not None:
            total = n if total is None else total + n
    return total is not None and total == own


# --------------------------------------------------------------------------- crossed headers

def _readings(text: str) -> list[tuple[Decimal, int]]:
    if not _ASCII_DIGIT.search(text):
        return []   # no digit, no number
    v = parse_cell(text)
    if not v.is_numeric:
        return []
    out = []
    for r in (v.id_reading, v.en_reading):
        if r is not None and (r.value, r.decimals) not in out:
            out.append((r.value, r.decimals))
    return out


def _is_ratio_of(pct: str, a: str, b: str) -> bool:
    """``pct`` = a / b x 100 or b / a x 100 under some reading of the printed numbers, to
    the printed precision."""
    for p, d in _readings(pct):
        tol = Decimal(1).scaleb(-d)
        for x, _ in _readings(a):
            for y, _ in _readings(b):
                for num, den in ((x, y), (y, x)):
                    if den and abs(num / den * 100 - p) < tol:
                        return True
    return False


def uncross_header(header: list[list[Cell]], body: list[list[Cell]], width: int) -> str | None:
    """Header labels the converter moved one column apart: over column j a label with no
    sub-header, over column j+1 a sub-header with no label ("Anggaran | | Ratio efisiensi |"
    above "Pagu | Realisasi | | Capaian (%)"). When column j holds the percentage of the two
    amounts just left of it in every row, it belongs to their group: the sub-header moves
    left under the group, the label right over column j+1. Changed in place."""
    rows = [r for r in header if any(c.text for c in r)]
    if len(rows) < 2:
        return None
    top, below = rows[-2], rows[-1]

    def text(r: list[Cell], i: int) -> str:
        return r[i].text if i < len(r) else ""

    for j in range(3, width - 1):
        if not (text(top, j) and not text(below, j) and not text(top, j + 1)
                and text(below, j + 1)):
            continue
        if text(top, j - 1) or not text(below, j - 1) or not text(below, j - 2):
            continue   # no group of sub-columns ends just left of column j
        checked = 0
        for cells in body:
            vals = [text(cells, i) for i in (j, j - 1, j - 2)]
            if not all(vals):
                continue
            if not _is_ratio_of(*vals):
                return None
            checked += 1
        if not checked or j + 1 >= len(top) or j >= len(below):
            return None
        label, sub = top[j], below[j + 1]
        top[j + 1] = Cell(label.raw, label.text, label.line, top[j + 1].column, label.bold)
        top[j] = Cell("", "", label.line, label.column)
        below[j] = Cell(sub.raw, sub.text, sub.line, below[j].column, sub.bold)
        below[j + 1] = Cell("", "", sub.line, sub.column)
        return (f"kepala kolom {j + 1}-{j + 2} bersilang dibetulkan: kolom {j + 1} ialah"
                f" persentase dua jumlah di kirinya («{sub.text}»), «{label.text}» milik"
                f" kolom {j + 2}")
    return None


# --------------------------------------------------------------------------- flattened rows

_TOTAL_LABEL = re.compile(r"^(jumlah|total|rata)", re.I)


def _column_shapes(body: list[list[Cell]], width: int) -> list[tuple[str, object]] | None:
    """Per column of a headerless fragment's data rows: ("label", None), ("num", set of
    printed decimals), ("const", the one text every row repeats) or ("empty", None)."""
    data = [r for r in body if not _TOTAL_LABEL.match(next((c.text for c in r if c.text), ""))]
    if len(data) < 2:
        return None
    shapes: list[tuple[str, object]] = []
    for i in range(width):
        vals = [r[i].text for r in data if i < len(r) and r[i].text]
        if not vals:
            shapes.append(("empty", None))
            continue
        readings = [_readings(v) for v in vals]
        if all(readings):
            shapes.append(("num", {d for rs in readings for _, d in rs}))
        elif len(vals) == len(data) and len({v.casefold() for v in vals}) == 1:
            shapes.append(("const", vals[0]))
        elif not any(readings):
            shapes.append(("label", None))
        else:
            return None
    return shapes


def _word_number(word: str) -> bool:
    """A word of a paragraph that is a number on its own (checked by shape first: running
    text is not sent to the cell grammar)."""
    return _PLAIN_NUMBER.match(word) is not None and bool(_readings(word))


def _split_names(words: list[str]) -> list[str]:
    """Header words into column names: a name starts at a capitalised word, unless it
    follows "/", "-" or "&" or opens with "(" (a unit)."""
    names: list[list[str]] = []
    for w in words:
        joins = names and (w.startswith("(") or not w[:1].isupper()
                           or names[-1][-1] in ("/", "-", "&") or w in ("/", "-", "&"))
        if joins:
            names[-1].append(w)
        else:
            names.append([w])
    return [" ".join(n) for n in names]


def recover_flattened(
    line: str, lineno: int, body: list[list[Cell]], width: int,
    is_header_word: Callable[[str], bool],
) -> tuple[list[Cell], list[list[Cell]], str] | None:
    """The header and first rows of a headerless table fragment, flattened by the converter
    into the paragraph ``line`` just above it ("Desa / Kelurahan Luas (Km²) Persentase Ket.
    Kota Bangun Ulu 1,23 11 Desa Loleng 143 15,93 Desa ..."). The fragment's rows give each
    column's shape (label words, numbers with their decimals, a word every row repeats); the
    paragraph must be exactly the column names followed by whole rows of that shape, the
    numbers of a row going to the columns their decimals fit. Else None."""
    from sakiplint.read.tables import clean_text

    shapes = _column_shapes(body, width)
    if shapes is None:
        return None
    labels = [i for i, (k, _) in enumerate(shapes) if k == "label"]
    nums = [i for i, (k, _) in enumerate(shapes) if k == "num"]
    consts = [i for i, (k, _) in enumerate(shapes) if k == "const"]
    if len(labels) != 1 or not nums or len(nums) > 4 or len(consts) > 1:
        return None
    tokens = clean_text(line)[0].split()
    if len(tokens) < width * 2 or len(tokens) > 2000:
        return None
    # rows end with the repeated word, or with their last number
    segments: list[list[str]] = []
    current: list[str] = []
    stop = shapes[consts[0]][1].casefold() if consts else None   # type: ignore[union-attr]
    for k, tok in enumerate(tokens):
        current.append(tok)
        if stop is not None:
            if tok.casefold() == stop and k > 0:
                segments.append(current)
                current = []
        elif _word_number(tok) and sum(1 for t in current if _word_number(t)) == len(nums):
            segments.append(current)
            current = []
    if current or len(segments) < 1:
        return None
    rows: list[list[str | None]] = []
    header_words: list[str] = []
    for s, seg in enumerate(segments):
        words = seg[:-1] if stop is not None else seg
        numbers = [t for t in words if _word_number(t)]
        words = [t for t in words if not _word_number(t)]
        if len(numbers) != len(nums):
            return None
        if s == 0:
            ends = [k for k, w in enumerate(words) if is_header_word(w)]
            if not ends or ends[-1] + 1 >= len(words):
                return None
            header_words, words = words[:ends[-1] + 1], words[ends[-1] + 1:]
        if not words:
            return None
        placed = _place(numbers, [shapes[i][1] for i in nums])  # type: ignore[misc]
        if placed is None:
            return None
        row: list[str | None] = [None] * width
        row[labels[0]] = " ".join(words)
        for i, tok in zip(nums, placed, strict=True):
            row[i] = tok
        if consts:
            row[consts[0]] = seg[-1]
        rows.append(row)
    names = _split_names(header_words)
    filled = [i for i, (k, _) in enumerate(shapes) if k != "empty"]
    if len(names) != len(filled):
        return None
    pos = 0

    def cell(text: str) -> Cell:
        nonlocal pos
        at = line.find(text.split()[0], pos) if text else -1
        if at >= 0:
            pos = at + len(text.split()[0])
        return Cell(text, text, lineno, (at if at >= 0 else pos) + 1)

    header = [Cell("", "", lineno, 1) for _ in range(width)]
    for i, name in zip(filled, names, strict=True):
        header[i] = cell(name)
    out = []
    for row in rows:
        # cells in the order their text appears in the line (positions stay true)
        made: dict[int, Cell] = {}
        order = sorted((i for i in range(width) if row[i]),
                       key=lambda i: line.find(str(row[i]).split()[0], pos))
        for i in order:
            made[i] = cell(str(row[i]))
        out.append([made.get(i) or Cell("", "", lineno, pos + 1) for i in range(width)])
    note = (f"kepala tabel dan {len(out)} baris pertama yang tergabung ke paragraf baris"
            f" {lineno} dipulihkan")
    return header, out, note


def _place(numbers: list[str], decimals: list[set[int]]) -> list[str] | None:
    """The numbers of one flattened row in column order: the one arrangement whose printed
    decimals fit each column (the printed order when it fits)."""
    from itertools import permutations

    def fits(order: tuple[str, ...]) -> bool:
        return all(any(d in ds for _, d in _readings(t)) for t, ds in zip(order, decimals,
                                                                            strict=True))

    if fits(tuple(numbers)):
        return list(numbers)
    good = [p for p in permutations(numbers) if fits(p)]
    if len({p for p in good}) != 1:
        return None
    return list(good[0])


# --------------------------------------------------------------------------- shifted rows

# two numbers in one cell, or a negative value
_NUMBER_START = frozenset("0123456789(-−–Rr")
_SHIFT_HINT = re.compile(r"\d\s+[(\-−–]?\d|^\s*[(\-−–]\s*\d")


def _number_tokens(text: str) -> list[str] | None:
    """The cell's whitespace-separated pieces when each is a number on its own."""
    parts = text.split()
    if len(parts) < 2 or not all(_readings(p) for p in parts):
        return None
    return parts


def _negative(text: str) -> bool:
    s = text.strip()
    return s.startswith(("(", "-", "−", "–")) and any(ch.isdigit() for ch in s)


def realign_rows(rows: list[list[Cell]], width: int) -> str | None:
    """Rows shifted by the converter, put back where the rest of the table shows how:

    * two numbers in one cell of a number column ("428.654.837 428.654.837"), the next
      number column of the row empty: the second number goes there (the converter merged
      two cells);
    * a negative amount in a number column that has no other negative value, the next
      column of the row empty and holding negative values in other rows (a difference
      column): the value moves there (the converter pushed it one cell left).
    Changed in place."""
    if not any(_SHIFT_HINT.search(c.text) for cells in rows for c in cells
               if c.text and c.text[0] in _NUMBER_START):
        return None   # no merged numbers, no negative value: nothing to re-align
    kinds = _kinds(rows, width)
    negatives = [0] * width
    values = [0] * width
    for cells in rows:
        for i, c in enumerate(cells[:width]):
            if c.text and _readings(c.text):
                values[i] += 1
                negatives[i] += _negative(c.text)
    merged: list[int] = []
    shifted: list[int] = []
    for cells in rows:
        for i in range(min(width, len(cells)) - 1):
            c, nxt = cells[i], cells[i + 1]
            if nxt.text or kinds[i] not in ("num", "mixed") or kinds[i + 1] not in ("num", "mixed"):
                continue
            parts = _number_tokens(c.text)
            if parts is not None and len(parts) == 2:
                at = c.raw.find(parts[1], c.raw.find(parts[0]) + len(parts[0]))
                cells[i] = Cell(parts[0], parts[0], c.line, c.column, c.bold)
                cells[i + 1] = Cell(parts[1], parts[1], c.line,
                                    c.column + max(at, 0), c.bold)
                merged.append(c.line)
                break
            if (_negative(c.text) and _readings(c.text) and negatives[i] == 1
                    and values[i] >= 4 and negatives[i + 1] >= 1):
                cells[i + 1] = Cell(c.raw, c.text, c.line, c.column, c.bold)
                cells[i] = Cell("", "", c.line, c.column)
                shifted.append(c.line)
                break
    notes = []
    if merged:
        notes.append("dua angka dalam satu sel dipisah ke sel kosong di kanannya (baris "
                     + ", ".join(map(str, merged)) + ")")
    if shifted:
        notes.append("nilai negatif yang tergeser ke kolom tanpa nilai negatif dikembalikan ke"
                     " kolom kanannya yang kosong (baris " + ", ".join(map(str, shifted)) + ")")
    return "; ".join(notes) or None


_NUMBERED_TEXT = re.compile(r"^(\d{1,3})\.?\s+(\D.*)$")


def unmerge_numbered_rows(rows: list[list[Cell]], width: int) -> str | None:
    """A row whose first cell holds the row's number and the next cell's text ("1 Yang
    Efektif ...": the converter merged the number column with the one beside it), every
    other cell one column to the left and the last cell empty. The row is put back one
    column to the right, the number in the first column, when that makes every filled cell
    agree with its column in the other rows (numbers under numbers, text under text) and
    the row as printed does not. Changed in place."""
    candidates = [(k, m) for k, cells in enumerate(rows)
                  if len(cells) == width >= 4 and not cells[-1].text and cells[1].text
                  and (m := _NUMBERED_TEXT.match(cells[0].text)) is not None]
    if not candidates:
        return None
    # the columns' numbers and texts over all rows, once; a candidate's own cells are
    # taken out of them to see what the other rows hold
    counts = _kind_counts(rows, width)
    moved: list[int] = []
    for k, m in candidates:
        cells = rows[k]
        kinds = []
        for (n, t), c in zip(counts, cells, strict=True):
            own = _kind_of(c)
            kinds.append(_kind(n - (own == "num"), t - (own == "text")))
        if kinds[0] not in ("num", ""):
            continue   # the first column holds no row numbers
        first = cells[0]
        number, text = m.group(1), m.group(2)
        at = first.raw.find(text)
        shifted = [Cell(number, number, first.line, first.column, first.bold),
                   Cell(text, text, first.line, first.column + max(at, 0), first.bold),
                   *cells[1:-1]]
        agree, disagree = _fit(cells, kinds)
        agree_after, disagree_after = _fit(shifted, kinds)
        if disagree and not disagree_after and agree_after > agree:
            cells[:] = shifted
            moved.append(first.line)
    if not moved:
        return None
    return ("nomor baris dan sel di sebelahnya yang tergabung dipisah, baris digeser satu "
            "kolom ke kanan (baris " + ", ".join(map(str, moved)) + ")")


def _fit(cells: list[Cell], kinds: list[str]) -> tuple[int, int]:
    """(filled cells agreeing with their column's kind, cells disagreeing), over the
    columns that are all numbers or all text."""
    agree = disagree = 0
    for c, kind in zip(cells, kinds, strict=False):
        own = _kind_of(c)
        if own and kind in ("num", "text"):
            agree += own == kind
            disagree += own != kind
    return agree, disagree


# --------------------------------------------------------------------------- truncated numbers

_MAX_RELATION_COLUMNS = 12


def complete_truncated(table: Table) -> str | None:
    """Amounts the converter cut short ("1,540,00" for 1,540,000: the last group lost a
    digit, so the number fits no notation), completed when the table's own arithmetic gives
    them: a column relation x + z = y (sisa = pagu - realisasi, selisih = sesudah -
    sebelum) that holds exactly in at least three rows and in three of four rows where all
    three are printed (a wrong row elsewhere does not hide the rule the table follows), and
    the value it gives for the cut cell starts with the printed digits, one or two digits
    longer. Values are resolved before (``Cell.number``); changed in place."""
    width = len(table.columns)
    if not any(c.number is None and c.value is not None and c.value.kind == "number"
               for r in table.rows for c in r.cells[:width]):
        return None   # no number that fits no notation
    counts = [0] * width
    for r in table.rows:
        for i, c in enumerate(r.cells[:width]):
            if c.number is not None:
                counts[i] += 1
    cols = [i for i in range(width) if counts[i] >= 3][:_MAX_RELATION_COLUMNS]
    relations: list[tuple[int, int, int]] = []   # (x, z, y): x + z = y
    for a in range(len(cols)):
        for b in range(a + 1, len(cols)):
            x, z = cols[a], cols[b]
            for y in cols:
                if y in (x, z):
                    continue
                holds = fails = 0
                for r in table.rows:
                    vx, vz, vy = r.cells[x].number, r.cells[z].number, r.cells[y].number
                    if vx is None or vz is None or vy is None:
                        continue
                    if vx + vz == vy:
                        holds += 1
                    else:
                        fails += 1
                # the report's own rule, even where one of its rows is wrong
                if holds >= 3 and fails * 4 <= holds + fails:
                    relations.append((x, z, y))
    if not relations:
        return None
    # the usual printed decimals of each column: a row with a value printed shorter than its
    # column's usual ("5" among "7,34", "93,89") was cut further than the numbers can show
    usual: list[int] = []
    for i in range(width):
        tally: dict[int, int] = {}
        for r in table.rows:
            if r.cells[i].number is not None:
                tally[r.cells[i].decimals] = tally.get(r.cells[i].decimals, 0) + 1
        usual.append(max(tally, key=lambda d: (tally[d], -d)) if tally else 0)
    done: list[str] = []
    for r in table.rows:
        if any(c.number is not None and c.decimals < usual[i]
               for i, c in enumerate(r.cells[:width])):
            continue
        for i, c in enumerate(r.cells[:width]):
            if c.number is not None or not c.text or c.value is None or c.value.kind != "number":
                continue
            printed = "".join(ch for ch in c.text if ch.isdigit())
            if not printed or c.value.start != 0 or c.value.end != len(c.text):
                continue
            found: set[Decimal] = set()
            for x, z, y in relations:
                vx, vz, vy = r.cells[x].number, r.cells[z].number, r.cells[y].number
                if i == y and vx is not None and vz is not None:
                    found.add(vx + vz)
                elif i == x and vz is not None and vy is not None:
                    found.add(vy - vz)
                elif i == z and vx is not None and vy is not None:
                    found.add(vy - vx)
            if len(found) != 1:
                continue
            value = found.pop()
            digits = str(value)
            if value < 0 or value != value.to_integral_value() or not (
                digits.startswith(printed) and 1 <= len(digits) - len(printed) <= 2
            ):
                continue
            c.number = value
            c.decimals = 0
            done.append(f"{c.text} ({c.line})")
    if not done:
        return None
    return ("angka terpotong dilengkapi dari hubungan antarkolom tabel itu sendiri"
            " (a + b = c di setiap baris lengkap): " + ", ".join(done[:8])
            + (" ..." if len(done) > 8 else ""))
