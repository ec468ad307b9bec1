"""From raw blocks to understood tables.

Captions (above or below, split over two lines), page-break continuations (merged), multi-row
headers (group headers spanning sub-columns, year rows, column-number rows), column roles,
per-column number notation, row kinds (data / total / average) and hierarchy levels.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable

from sakiplint.model import Cell, Column, Row, Table
from sakiplint.read.blocks import RawBlock, RawCell
from sakiplint.read.cells import CellValue, decide_notation, parse_cell
from sakiplint.read.grid import grid_width
from sakiplint.read.repair import (
    complete_truncated,
    glue_tail,
    lost_first_column,
    prepend_empty,
    realign_rows,
    rebuild_split_years,
    recover_flattened,
    split_merged_label_rows,
    tail_of_broken_cell,
    uncross_header,
    unmerge_numbered_rows,
)

_BOLD_TAG = re.compile(r"^\s*(<b>|<strong>|\*\*)", re.I)
# possessive quantifiers (*+, ++): nothing given back, so a long run of spaces cannot make
# the adjacent optional parts backtrack (linear in the line)
_CAPTION = re.compile(
    r"^\s*+(?:#++\s*+)?(?:\*\*|<b>|__)?\s*+(?:tabel|table)\s*+\.?\s*+"
    r"(\d++(?:\s*+\.\s*+\d++)*+)\s*+\.?\s*+(.*)$",
    re.I,
)
_TOC_LEADER = re.compile(r"\.{4,}")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_COLNUM = re.compile(r"^\(?\d{1,2}\)?$")
_NUMBERING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?$")
_TOTAL = re.compile(r"^(jumlah|total|grand\s*total|sub\s*total)\b", re.I)
_AVERAGE = re.compile(r"^rata\s*+-?\s*+rata\b", re.I)
_PROGRAM = re.compile(r"^program\b", re.I)
_KEGIATAN = re.compile(r"^kegiatan\b", re.I)
_LIST_MARK = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]\s++")
_SUBKEG = re.compile(r"^sub\s*+-?\s*+kegiatan\b", re.I)

_HEADER_WORDS = (
    "target", "realisasi", "capaian", "anggaran", "pagu", "satuan", "jumlah", "tahun",
    "kinerja", "program", "kegiatan", "indikator", "sasaran", "tujuan", "uraian", "persen",
    "keterangan", "kondisi", "awal", "akhir", "renstra", "sebelum", "sesudah", "perubahan",
    "bertambah", "berkurang", "sisa", "nilai", "laki", "perempuan", "jenjang", "pangkat",
    "eselon", "golongan", "ratio", "rasio", "efisiensi", "serapan", "no", "%", "(rp)",
    "strategis", "kriteria", "formulasi", "alokasi", "data", "interval", "ket",
)


def strip_tags(text: str) -> str:
    """``text`` with every ``<...>`` replaced by a space (a ``<`` never closed stays text).
    A scan, linear in the text (``re.sub("<[^>]*>")`` rescans to the end for each unclosed
    ``<``)."""
    out: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        lt = text.find("<", pos)
        if lt < 0:
            break
        gt = text.find(">", lt + 1)
        if gt < 0:
            break
        out.append(text[pos:lt])
        out.append(" ")
        pos = gt + 1
    out.append(text[pos:])
    return "".join(out)


def clean_text(raw: str) -> tuple[str, bool]:
    """Remove markup from a cell: HTML tags, bold markers, LaTeX dollars; collapse spaces."""
    text = raw
    bold = False
    if "<" in text:
        bold = _BOLD_TAG.match(text) is not None
        text = strip_tags(text)
    if "&" in text:
        text = html.unescape(text)
    if "*" in text or "$" in text or "_" in text:
        bold = bold or _BOLD_TAG.match(raw) is not None
        text = text.replace("**", "").replace("$", "").replace("__", "")
    # str.split() and re's \s agree on what is whitespace (both Py_UNICODE_ISSPACE)
    return " ".join(text.split()), bold


def _mk_cell(rc: RawCell) -> Cell:
    text, bold = clean_text(rc.raw)
    # a clean cell keeps one string for both (most TAB cells: a copy per cell otherwise)
    return Cell(rc.raw, rc.raw if text == rc.raw else text, rc.line, rc.column, bold)


def _squash(text: str) -> str:
    return text.lower().replace(" ", "")


# --------------------------------------------------------------------------- captions

def caption_at(line: str) -> tuple[str, str] | None:
    """(number, title) when ``line`` is a table caption ("Tabel 3.1 Target ...")."""
    if _TOC_LEADER.search(line) or "\t" in line or line.lstrip().startswith("|"):
        return None
    m = _CAPTION.match(line)
    if not m:
        return None
    number = re.sub(r"\s+", "", m.group(1))
    title = clean_text(m.group(2))[0].strip(" .:*_")
    if len(title) > 250:
        return None
    return number, title


def _is_furniture(line: str) -> bool:
    s = line.strip()
    return len(s) <= 3 or s in ("&nbsp;", "<br>")


# --------------------------------------------------------------------------- headers

def _cell_is_year(c: Cell) -> bool:
    return bool(c.text) and bool(re.fullmatch(r"(?:tahun\s*)?(19[5-9]\d|20\d\d)", c.text, re.I))


def _cell_numeric(c: Cell) -> bool:
    if not c.text:
        return False
    v = parse_cell(c.text)
    return v.is_numeric or v.kind in ("error",)


def _is_colnum_row(cells: list[Cell]) -> bool:
    vals = [c.text for c in cells if c.text]
    if len(vals) < 3 or not all(_COLNUM.match(v) for v in vals):
        return False
    nums = [int(v.strip("()")) for v in vals]
    return nums[0] <= 2 and all(b >= a for a, b in itertools.pairwise(nums))


def _header_words(cells: list[Cell]) -> float:
    texts = [c.text.lower() for c in cells if c.text]
    if not texts:
        return 0.0
    hits = 0
    for t in texts:
        squashed = t.replace(" ", "")
        if any(w in squashed or w in t for w in _HEADER_WORDS):
            hits += 1
    return hits / len(texts)


def _header_count(rows: list[list[Cell]]) -> int:
    count = 0
    for i, cells in enumerate(rows[:5]):
        nonempty = [c for c in cells if c.text]
        if not nonempty:
            if i == count:
                count += 1
                continue
            break
        if _is_colnum_row(cells):
            count = i + 1
            continue
        if any(_cell_numeric(c) and not _cell_is_year(c) for c in nonempty):
            break
        has_year = any(_cell_is_year(c) for c in nonempty)
        if i == 0 or has_year or _header_words(cells) >= 0.5:
            count = i + 1
            continue
        break
    if count == len(rows):   # a table of text only: keep its first row as the header
        count = min(1, len(rows))
    return count


_LABEL_HEADER_WORDS = ("satuan", "indikator", "sasaran", "tujuan", "keterangan", "uraian",
                       "program", "kegiatan")


def _names_a_label(text: str) -> bool:
    """A sub-header naming a label column ("Satuan", "Ket.", "Indikator"): no group header
    of values spans over it."""
    h = _squash(text).strip(".:")
    return h in ("no", "ket", "nomor") or any(w in h for w in _LABEL_HEADER_WORDS)


def _build_columns(header_rows: list[list[Cell]], width: int) -> list[Column]:
    cols = [Column(index=i) for i in range(width)]
    if not header_rows:
        return cols
    texts = [[(r[i].text if i < len(r) else "") for i in range(width)] for r in header_rows]
    parts: list[list[str]] = [[] for _ in range(width)]
    groups: list[str] = ["" for _ in range(width)]
    for r, row in enumerate(texts):
        below = texts[r + 1] if r + 1 < len(texts) else None
        i = 0
        while i < width:
            t = row[i]
            if not t or _COLNUM.match(t):
                i += 1
                continue
            parts[i].append(t)
            # a group header spans the empty cells to its right that have sub-headers below
            j = i + 1
            if below is not None and below[i]:
                while j < width and not row[j] and below[j] and not _names_a_label(below[j]):
                    parts[j].append(t)
                    groups[j] = t
                    j += 1
                if j > i + 1:
                    groups[i] = t
            i = j
    for i, col in enumerate(cols):
        seen: list[str] = []
        for p in parts[i]:
            if p not in seen:
                seen.append(p)
        col.header = " ".join(seen)
        col.group = groups[i]
        own = [p for p in parts[i] if p != groups[i]]
        years = _YEAR.findall(" ".join(own)) or _YEAR.findall(col.header)
        if years:
            col.year = int(years[-1])
    return cols


# --------------------------------------------------------------------------- roles

_BASELINE = ("kondisiawal", "dataawal", "baseline", "databasis", "tahundasar")


def _value_role(col: Column) -> str | None:
    h = _squash(col.header)
    budget_ctx = any(w in h for w in ("anggaran", "keuangan", "(rp)", "pagu", "dana", "belanja"))
    if "efisiensi" in h or "rasio" in h or "ratio" in h:
        return "efisiensi"
    if any(w in h for w in _BASELINE):
        # the starting condition of a series is that year's realisasi (or, at the head of a
        # capaian series, its capaian: decided with the neighbours in _assign_roles)
        return "realisasi"
    if "serapan" in h or "penyerapan" in h:
        return "serapan"
    if h.startswith("target"):   # "Target Capaian 2024" is the target, not a capaian
        return "target"
    if h.startswith("%") or h.startswith("persentase") or h.startswith("prosentase"):
        # a percentage column: of realisasi to target (capaian) or to budget (serapan),
        # or a share; never an amount
        if "capaian" in h:
            return "serapan" if budget_ctx else "capaian"
        if "realisasi" in h or "realis" in h or "dariang" in h or "daripagu" in h:
            return "persen_realisasi"   # capaian or serapan: decided from the neighbours
        return "persen"
    if "capaian" in h:
        return "serapan" if budget_ctx else "capaian"
    if "bertambah" in h or "berkurang" in h or "selisih" in h:
        return "selisih"
    if "sisa" in h:
        return "sisa"
    if "realisasi" in h or "realis" in h:
        return "realisasi_anggaran" if (budget_ctx or col.money) else "realisasi"
    if "target" in h:
        return "target"
    if any(w in h for w in ("pagu", "anggaran", "alokasi", "sebelumperubahan", "sesudahperubahan",
                            "setelahperubahan", "murni")):
        return "anggaran"
    if "rata-rata" in h or "rata2" in h or "ratarata" in h:
        return "rata_rata"
    if h in ("%", "(%)", "persen", "persentase", "persentase(%)"):
        return "persen"
    if h.startswith("jumlah") or h.startswith("total"):
        return "jumlah"
    return "number"


def _label_role(col: Column) -> str:
    h = _squash(col.header)
    if h in ("no", "no.", "nomor", "nourut"):
        return "no"
    if "keterangan" in h or h in ("ket", "ket."):
        return "keterangan"
    if "indikator" in h:
        return "indikator"
    if "program" in h or "kegiatan" in h or "uraian" in h:
        return "program"
    if "sasaran" in h or "tujuan" in h:
        return "sasaran"
    if "satuan" in h:
        return "satuan"
    return "label"


def _stage(col: Column) -> str | None:
    h = _squash(col.header)
    if "sebelum" in h or "murni" in h:
        return "sebelum"
    if "sesudah" in h or "setelah" in h or h.endswith("perubahan"):
        return "sesudah"
    return None


_SPECIFIC_VALUE_ROLES = frozenset({
    "target", "realisasi", "capaian", "anggaran", "realisasi_anggaran", "serapan", "sisa",
    "selisih", "efisiensi", "persen_realisasi",
})


#: a value column about another body than the agency (a comparison, not its own figure)
_OTHER_SCOPE = ("nasional", "provinsi", "propinsi", "standar", "kabupaten", "pusat")


def _valueless(table: Table) -> set[int]:
    """Columns whose body holds no number: empty cells, placeholders and ratings ("B (75)",
    "Baik") only."""
    width = len(table.columns)
    full: set[int] = set()
    for row in table.rows:
        for i, c in enumerate(row.cells[:width]):
            if c.text and not (c.value is not None and c.value.kind in ("empty", "rating")):
                full.add(i)
    return set(range(width)) - full


def _assign_roles(table: Table) -> None:
    valueless = _valueless(table)
    for col in table.columns:
        if _squash(col.header) in ("no", "no.", "nomor", "nourut"):
            col.role = "no"
        elif col.numeric:
            col.role = _value_role(col)
        else:
            col.role = _label_role(col)
            if col.index in valueless and col.role == "label":
                # a value column left empty (future years, "-" / "NA" only) or printing
                # ratings ("B (75)") keeps the role its header names
                role = _value_role(col)
                h = _squash(col.header)
                if role in _SPECIFIC_VALUE_ROLES and not any(w in h for w in _OTHER_SCOPE):
                    col.role = role
        col.stage = _stage(col)
    # a bare "%" (or "Capaian") column right after budget amounts is the absorption percentage
    cols = table.columns
    money_left = False
    for i, col in enumerate(cols):
        left = cols[i - 1] if i >= 1 else None
        if col.role == "capaian" and left is not None and left.role == "realisasi_anggaran":
            col.role = "serapan"
        if col.role == "persen" and i >= 2 and left is not None and (
            left.role == "realisasi_anggaran" or (left.money and cols[i - 2].money)
        ):
            col.role = "serapan"
        if col.role == "persen_realisasi":
            # "% Realisasi" / "% dari Angg.": of the budget where amounts of money precede it
            # in the table, else of the target
            col.role = "serapan" if money_left else "capaian"
        if col.role == "realisasi" and any(w in _squash(col.header) for w in _BASELINE):
            # a baseline column heading a capaian series is the baseline's capaian
            right = cols[i + 1] if i + 1 < len(cols) else None
            if right is not None and right.role == "capaian" and (
                left is None or left.role != "capaian"
            ):
                col.role = "capaian"
        if col.money or col.role in ("anggaran", "realisasi_anggaran"):
            money_left = True


# --------------------------------------------------------------------------- values

def _resolve_values(table: Table) -> None:
    """Parse every body cell, decide each column's notation from its cells (from the whole
    table's cells where the column alone cannot tell) and resolve the numbers."""
    width = len(table.columns)
    columns: list[list[CellValue]] = [[] for _ in range(width)]
    numeric: list[tuple[Cell, CellValue, int]] = []
    for row in table.rows:
        for i, c in enumerate(row.cells):
            if not c.text:
                continue
            v = parse_cell(c.text)
            c.value = v
            if v.is_numeric:
                numeric.append((c, v, i))
                if i < width:
                    columns[i].append(v)
    table_notation: str | None = None  # from all the table's cells, decided once if needed
    for col, values in zip(table.columns, columns, strict=True):
        only_id = sum(1 for v in values if v.id_reading is not None and v.en_reading is None)
        only_en = sum(1 for v in values if v.en_reading is not None and v.id_reading is None)
        if only_id != only_en:
            col.notation = decide_notation(values)
        else:
            if table_notation is None:
                table_notation = decide_notation(v for vals in columns for v in vals)
            col.notation = table_notation
        if only_id and only_en:
            table.notes.append(
                f"kolom {col.index + 1}: notasi angka campuran ({only_id} Indonesia,"
                f" {only_en} Inggris); dipakai {col.notation}"
            )
    for c, v, i in numeric:
        notation = table.columns[i].notation if i < width else "id"
        reading = v.reading(notation)  # type: ignore[arg-type]
        if reading is not None:
            c.number = reading.value
            c.decimals = reading.decimals


def _column_kinds(table: Table) -> None:
    """Each column's ``numeric`` and ``money`` flags from its resolved cells."""
    width = len(table.columns)
    # per column: body cells with a value (not a placeholder: "-", "NA", "N/A" say nothing of
    # the column's kind), numeric ones, money-like ones
    body = [0] * width
    numbers = [0] * width
    money = [0] * width
    for row in table.rows:
        for i, c in enumerate(row.cells[:width]):
            if not c.text or (c.value is not None and c.value.kind == "empty"):
                continue
            body[i] += 1
            if c.number is None:
                continue
            numbers[i] += 1
            v = c.value
            if v is not None and (v.kind == "money" or (
                v.kind == "number" and v.unit is None and abs(c.number) >= 100_000
            )):
                money[i] += 1
    for i, col in enumerate(table.columns):
        if body[i]:
            col.numeric = numbers[i] * 2 >= body[i] and numbers[i] > 0
            col.money = numbers[i] > 0 and money[i] * 2 > numbers[i]


# --------------------------------------------------------------------------- rows

def _row_label(row: Row, table: Table) -> None:
    for i, c in enumerate(row.cells):
        if not c.text:
            continue
        col = table.columns[i] if i < len(table.columns) else None
        if col is not None and col.numeric and c.number is not None:
            continue
        if _NUMBERING.match(c.text):
            continue
        row.label = c.text
        row.label_column = i
        return


def _classify_rows(table: Table) -> None:
    dotted = any(
        r.cells and _NUMBERING.match(r.cells[0].text) and "." in r.cells[0].text.strip(".")
        for r in table.rows
    )
    for row in table.rows:
        _row_label(row, table)
        label = row.label
        others = [
            c for j, c in enumerate(row.cells)
            if c.text and j != row.label_column and c.number is None
            and not _NUMBERING.match(c.text)
        ]
        if label and _TOTAL.match(label) and len(label.split()) <= 6 and not others:
            row.kind = "total"
        elif label and _AVERAGE.match(label) and not others:
            row.kind = "average"
        level = None
        if dotted and row.cells:
            m = _NUMBERING.match(row.cells[0].text)
            if m:
                level = m.group(1).count(".") + 1
        if level is None and label:
            named = _LIST_MARK.sub("", label, count=1)   # "1. Program ...", "a) Kegiatan ..."
            if _SUBKEG.match(named):
                level = 3
            elif _KEGIATAN.match(named):
                level = 2
            elif _PROGRAM.match(named):
                level = 1
        row.level = level


# --------------------------------------------------------------------------- assembly

def _same_header(a: list[list[Cell]], b: list[list[Cell]]) -> bool:
    """A continuation repeats the header, or some of its rows (often without the
    column-number row, or only the column-number row)."""
    if not b or len(b) > len(a):
        return False
    seen = [[c.text for c in x if c.text] for x in a]
    return all([c.text for c in y if c.text] in seen for y in b)


def _width(rows: Iterable[list[Cell]]) -> int:
    w = 0
    for r in rows:
        n = len(r)
        while n and not r[n - 1].text:
            n -= 1
        w = max(w, n)
    return w


def build_tables(blocks: list[RawBlock], lines: list[str]) -> list[Table]:
    """Turn raw blocks into tables: captions, continuation merging, headers, values, roles."""
    table_lines: set[int] = set()
    for b in blocks:
        table_lines.update(range(b.start_line, b.end_line + 1))

    # captions: prefer the one above; a caption line is used once
    used_captions: set[int] = set()
    captions: list[tuple[str, str, int] | None] = []
    for b in blocks:
        captions.append(_caption_above(b, lines, table_lines, used_captions))
    for k, b in enumerate(blocks):
        if captions[k] is None:
            captions[k] = _caption_below(b, lines, table_lines, used_captions)

    tables: list[Table] = []
    prev_block: RawBlock | None = None
    for k, b in enumerate(blocks):
        rows = [[_mk_cell(rc) for rc in r] for r in b.rows]
        repairs = list(b.repairs)
        rebuilt = rebuild_split_years(rows)
        if rebuilt:
            repairs.append(rebuilt)
        cap = captions[k]
        if (
            tables and prev_block is not None and cap is None
            and _only_furniture_between(prev_block, b, lines)
            and prev_block.style == b.style
        ):
            prev = tables[-1]
            merged = _continuation(prev, rows, b)
            if merged is not None:
                body, how = merged
                _append_rows(prev, body, b.unread)
                prev.repairs.extend(repairs)
                prev.repairs.extend(how)
                prev.notes.extend(b.notes)
                prev.end_line = b.end_line
                prev.parts.append((b.start_line, b.end_line))
                prev_block = b
                continue
        nhead = b.header_rows if b.header_rows is not None else _header_count(rows)
        header, body = rows[:nhead], rows[nhead:]
        width = grid_width([_width([r]) for r in rows])  # bounded: see read/grid.py
        uncrossed = uncross_header(header, body, width)
        if uncrossed:
            repairs.append(uncrossed)
        if not header and body:
            flat = _flattened_above(b, lines, table_lines, cap, body, width)
            if flat is not None:
                head_row, first_rows, note = flat
                header, body = [head_row], first_rows + body
                repairs.append(note)
        table = Table(index=len(tables) + 1, style=b.style, start_line=b.start_line,
                      end_line=b.end_line, parts=[(b.start_line, b.end_line)])
        if cap is not None:
            table.caption_number, title, table.caption_line = cap
            table.caption = f"Tabel {table.caption_number}" + (f" {title}" if title else "")
        table.header_rows = header
        table.repairs.extend(repairs)
        table.notes.extend(b.notes)
        table.columns = _build_columns(header, width)
        _append_rows(table, body, b.unread)
        tables.append(table)
        prev_block = b

    for t in tables:
        _finish(t)
    return tables


def _flattened_above(
    b: RawBlock, lines: list[str], table_lines: set[int],
    cap: tuple[str, str, int] | None, body: list[list[Cell]], width: int,
) -> tuple[list[Cell], list[list[Cell]], str] | None:
    """The header and first rows of headerless block ``b`` flattened into the paragraph just
    above it (past blank lines and its caption), see :func:`recover_flattened`."""
    ln = b.start_line - 1
    seen = 0
    while ln >= 1 and seen < 12:
        seen += 1
        line = lines[ln - 1]
        if ln in table_lines:
            return None
        if not line.strip() or _is_furniture(line) or (cap is not None and ln >= cap[2]):
            ln -= 1
            continue
        if line.lstrip().startswith(("#", "|", "-", "*", ">")) and not line.startswith("**"):
            return None
        return recover_flattened(line, ln, body, width, _is_header_word)
    return None


def _is_header_word(word: str) -> bool:
    w = word.lower().strip("*_:")
    return any(h in w for h in _HEADER_WORDS) or (w.endswith(".") and len(w) <= 5)


def _continuation(
    prev: Table, rows: list[list[Cell]], b: RawBlock
) -> tuple[list[list[Cell]], list[str]] | None:
    """The body rows of block ``b`` if it continues table ``prev`` after a page break (and
    what was mended to see it), else None. A continuation repeats the header (or some of its
    rows), or has none and the same width; it may start with the end of a cell broken at the
    page foot, or have lost the table's first column, empty in its rows."""
    width = len(prev.columns)
    how: list[str] = []
    tail = None
    if prev.rows and rows and tail_of_broken_cell(prev.rows[-1].cells, rows[0], width):
        tail, rows = rows[0], rows[1:]
    nhead = (b.header_rows if b.header_rows is not None else _header_count(rows)) if rows else 0
    header, body = rows[:nhead], rows[nhead:]
    if not any(c.text for h in header for c in h):
        header, body = [], rows
    span = f"baris {b.start_line}-{b.end_line}"
    if header and _same_header(prev.header_rows, header):
        how.append(f"lanjutan {span} digabung (kepala tabel diulang)")
    elif header:
        return None
    elif _width(rows) == width or (tail is not None and not rows):
        # a headerless chunk continues the table only with the same number of columns: a
        # chunk that lost a column would put every value under the wrong header
        how.append(f"lanjutan {span} tanpa kepala digabung (lebar sama)")
    elif _width(rows) == width - 1 and lost_first_column(
        [r.cells for r in prev.rows], width, body
    ):
        body = prepend_empty(body)
        how.append(f"lanjutan {span} kehilangan kolom pertama yang kosong: kolom disisipkan,"
                   " lalu digabung")
    else:
        return None
    if tail is not None:
        glue_tail(prev.rows[-1].cells, tail)
        how.insert(0, f"sel terpotong di batas halaman disambung (baris {tail[0].line})")
    return body, how


def _append_rows(table: Table, body: list[list[Cell]], unread: set[int]) -> None:
    width = len(table.columns)
    for cells in body:
        if not any(c.text for c in cells):
            continue
        if _is_colnum_row(cells):
            continue
        if len(cells) < width:
            last = cells[-1] if cells else None
            line = last.line if last else 0
            col = (last.column + len(last.raw) + 1) if last else 1
            cells = cells + [Cell("", "", line, col) for _ in range(width - len(cells))]
        elif len(cells) > width:
            extra = cells[width:]
            if any(c.text for c in extra):
                table.notes.append(
                    f"baris {cells[0].line}: {len(cells)} sel, lebih dari {width} kolom"
                )
            cells = cells[:width]
        table.rows.append(Row(index=len(table.rows), cells=cells, line=cells[0].line,
                              unread=cells[0].line in unread))


def _finish(table: Table) -> None:
    if not table.rows:
        table.skipped = "tidak ada baris data"
        return
    realigned = realign_rows([r.cells for r in table.rows], len(table.columns))
    if realigned:
        table.repairs.append(realigned)
    unmerged = unmerge_numbered_rows([r.cells for r in table.rows], len(table.columns))
    if unmerged:
        table.repairs.append(unmerged)
    _resolve_values(table)
    completed = complete_truncated(table)
    if completed:
        table.repairs.append(completed)
    _column_kinds(table)
    _assign_roles(table)
    _classify_rows(table)
    split = split_merged_label_rows(table)
    if split:
        table.repairs.append(split)


def _only_furniture_between(a: RawBlock, b: RawBlock, lines: list[str]) -> bool:
    between = lines[a.end_line:b.start_line - 1]
    if len(between) > 12:
        return False
    return all(_is_furniture(x) for x in between)


def _caption_above(
    b: RawBlock, lines: list[str], table_lines: set[int], used: set[int]
) -> tuple[str, str, int] | None:
    seen = 0
    ln = b.start_line - 1  # 1-based line just above
    between: list[str] = []   # non-blank lines between a caption and the table, bottom up
    while ln >= 1 and seen < 4:
        line = lines[ln - 1]
        if ln in table_lines:
            return None
        if not line.strip() or _is_furniture(line):
            ln -= 1
            continue
        if line.lstrip().startswith("#") and not caption_at(line):
            return None
        seen += 1
        cap = caption_at(line)
        if cap is not None and ln not in used:
            used.add(ln)
            number, title = cap
            if not title and between and all(len(x) < 200 for x in between):
                title = " ".join(clean_text(x)[0].strip(" .:*_") for x in reversed(between))
            return number, title, ln
        between.append(line)
        ln -= 1
    return None


def _caption_below(
    b: RawBlock, lines: list[str], table_lines: set[int], used: set[int]
) -> tuple[str, str, int] | None:
    seen = 0
    ln = b.end_line + 1
    while ln <= len(lines) and seen < 2:
        line = lines[ln - 1]
        if ln in table_lines:
            return None
        if not line.strip() or _is_furniture(line):
            ln += 1
            continue
        seen += 1
        cap = caption_at(line)
        if cap is not None and ln not in used:
            used.add(ln)
            number, title = cap
            if not title and ln < len(lines):
                nxt = lines[ln].strip()
                if nxt and len(nxt) < 250 and (ln + 1) not in table_lines:
                    title = clean_text(nxt)[0].strip(" .:*_")
            return number, title, ln
        ln += 1
    return None
