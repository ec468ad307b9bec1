"""Identity across tables: which rows of which tables speak of the same indicator, sasaran or
program, what role each table plays in the report, and which year every value belongs to.

Rules ask :func:`identity` (memoised on the document); this module knows nothing of rules.

- Names are normalised (:func:`normalise`): case, punctuation, spacing, parenthesised
  abbreviations, words split by the converter ("Meningkat nya"), spelling variants
  ("Indek" / "Indeks", "Prosentase" / "Persentase") and a leading "Nilai" / "Indeks" are
  ignored. Matching is by equal key only (conservative: a different wording is a different
  indicator).
- Table roles come from the caption, the headers, and the lines / heading just above the
  table: ``renstra`` (multi-year target matrix, IKU), ``pk`` and ``pk_perubahan``
  (Perjanjian Kinerja and its revision), ``rkt``, ``capaian`` (target vs realisasi),
  ``efisiensi``, ``anggaran`` (realisasi anggaran), ``other``.
- Years: a column's own year ("Target 2023", a year row, "Tahun ke 2023"); otherwise, for
  tables about one year (PK, capaian), the single year in the caption / context, else the
  report year. A table whose year columns run out of order (converter damage) gives no
  column years at all.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from sakiplint.model import Cell, Column, Document, Row, Table

MEMO_KEY = "identity"

_PAREN = re.compile(r"\([^)]*\)")
_NONWORD = re.compile(r"[^0-9a-z]+")
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\.|[a-z]\)|\d{1,2}\))\s+", re.I)
_CODE = re.compile(r"^\s*\d+(?:\.\d+|\.x+)+\.?\s+", re.I)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_YEAR_RANGE = re.compile(r"(20\d\d)\s*[-–/s.d]+\s*(20\d\d)")
_SPELLING = {
    "indek": "indeks", "index": "indeks", "prosentase": "persentase", "presentase": "persentase",
    "standart": "standar", "rensta": "renstra", "prasaranan": "prasarana",
    "ketenteraman": "ketentraman", "untk": "untuk", "yg": "yang", "dgn": "dengan",
    "sarpras": "sarana prasarana",
}
_LEADING = ("nilai", "indeks", "skor")
_SPLIT_SUFFIX = ("nya", "kan", "an")


def _words(text: str) -> list[str]:
    t = _PAREN.sub(" ", text.lower()).replace("&", " dan ")
    raw = _NONWORD.sub(" ", t).split()
    out: list[str] = []
    for w in raw:
        if out and w in _SPLIT_SUFFIX:   # "Meningkat nya" -> "meningkatnya"
            out[-1] += w
            continue
        out.append(_SPELLING.get(w, w))
    return out


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """A name's identity key: lower case, no punctuation or parenthesised abbreviation,
    spelling variants unified, leading numbering removed."""
    text = _CODE.sub("", text)
    text = _NUMBERING.sub("", text)
    return " ".join(_words(text))


@lru_cache(maxsize=4096)
def indicator_key(text: str) -> str:
    words = normalise(text).split()
    while len(words) > 2 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def program_key(text: str) -> str:
    return normalise(text)


#: generic words a name may start with or leave out ("Nilai Indeks X", "Indeks X", "X")
_GENERIC_LEAD = frozenset(("nilai", "indeks", "skor", "persentase", "jumlah", "tingkat"))
#: words naming where or whose, dropped at the end of a name ("... Kecamatan", "... OPD",
#: "... di Kecamatan", "... Perangkat Daerah")
_AGENCY_TAIL = frozenset(("kecamatan", "kelurahan", "desa", "opd", "pd", "skpd", "di", "se",
                          "pada", "wilayah"))
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")


@lru_cache(maxsize=4096)
def identity_key(
    text: str, agency: tuple[str, ...] = (), acronyms: frozenset[str] = frozenset()
) -> str | None:
    """An indicator's identity across tables: the :func:`normalise`d name without leading
    generic words (Nilai, Indeks, Skor, Persentase, Jumlah, Tingkat), without a trailing
    agency level ("Kecamatan", "OPD", "Perangkat Daerah", "di Kecamatan") or the agency's own
    name words (``agency``), with its spaces removed, so that a word split by the converter
    ("S AKIP", "Capaia n") is the same word.

    A single word left is the identity when it is an acronym (written in capitals in this
    name, or in ``acronyms``: the document's); otherwise the generic word before it stays
    ("Jumlah Inovasi" and "Persentase Inovasi" are two indicators). None when nothing
    specific is left."""
    words = normalise(text).split()
    lead: str | None = None
    while len(words) > 1 and words[0] in _GENERIC_LEAD:
        lead, words = words[0], words[1:]
    tail = _AGENCY_TAIL.union(agency)
    while len(words) > 1:
        if words[-1] in tail:
            words = words[:-1]
        elif len(words) > 2 and words[-2:] == ["perangkat", "daerah"]:
            words = words[:-2]
        else:
            break
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        if len(word) >= 3 and (word in acronyms or word in acronyms_of(text)):
            return word
        if lead is None:
            return None
        return lead + word
    return "".join(words)


#: lead words naming what is measured: a percentage of a thing and its count are two
#: indicators even when the rest of their names is the same
_MEASURES = {"persentase": "persen", "jumlah": "jumlah", "rasio": "rasio", "proporsi": "persen"}


@lru_cache(maxsize=4096)
def measure_of(text: str) -> str | None:
    """"persen", "jumlah" or "rasio" when the name says what it measures by its lead words
    ("Persentase ...", "Jumlah ..."); None otherwise (an index, a value, a level)."""
    for w in normalise(text).split()[:3]:
        if w in _MEASURES:
            return _MEASURES[w]
        if w not in _GENERIC_LEAD:
            return None
    return None


def same_indicator(a: str, b: str) -> bool:
    """Two names of one indicator: one identity key, and not two different measures."""
    ka = identity_key(a)
    if ka is None or ka != identity_key(b):
        return False
    ma, mb = measure_of(a), measure_of(b)
    return ma is None or mb is None or ma == mb


def acronyms_of(text: str) -> frozenset[str]:
    """The words a name writes as acronyms (two or more capitals: "SAKIP", "IPMas"), lower
    case, abbreviations in parentheses left out."""
    return frozenset(a.lower() for a in _ACRONYM.findall(_PAREN.sub(" ", text)))


def compatible(a: str, b: str) -> bool:
    """Two normalised names that may well name the same thing: equal, one a word prefix of
    the other (a truncated cell), or sharing most words."""
    if a == b or not a or not b:
        return True
    if a.startswith(b + " ") or b.startswith(a + " "):
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(len(wa | wb), 1) >= 0.7


# --------------------------------------------------------------------------- table roles

@dataclass(slots=True)
class TableInfo:
    role: str
    context: str                      # caption or the lines above it, lower case
    year: int | None                  # the one year the table is about, if any
    years_shifted: bool = False
    stage: str | None = None          # "sebelum" / "sesudah" for budget amounts
    lampiran: bool = False


def year_runs(table: Table) -> list[list[Column]]:
    """Adjacent columns carrying a year and the same role (one series)."""
    runs: list[list[Column]] = []
    for col in table.columns:
        if col.year is None:
            continue
        if runs and runs[-1][-1].index == col.index - 1 and runs[-1][-1].role == col.role \
                and runs[-1][-1].group == col.group:
            runs[-1].append(col)
        else:
            runs.append([col])
    return runs


def year_problems(table: Table) -> list[tuple[Column, Column, str]]:
    """(column, the column it conflicts with, "duplicate" | "order") for each year column
    repeating or breaking the order of its series."""
    out: list[tuple[Column, Column, str]] = []
    for run in year_runs(table):
        if len(run) < 3:
            continue
        years = [c.year for c in run]
        seen: dict[int, Column] = {}
        for c in run:
            assert c.year is not None
            if c.year in seen:
                out.append((c, seen[c.year], "duplicate"))
            else:
                seen[c.year] = c
        if len(set(years)) != len(years):
            continue
        up = all(a < b for a, b in itertools.pairwise(years))   # type: ignore[operator]
        down = all(a > b for a, b in itertools.pairwise(years))  # type: ignore[operator]
        if not (up or down):
            # the column whose year breaks the rising order
            for a, b in itertools.pairwise(run):
                if b.year < a.year:  # type: ignore[operator]
                    bad = a if a is run[0] or a.year > max(
                        x.year for x in run[run.index(a) + 1:]) else b  # type: ignore[type-var]
                    out.append((bad, b if bad is a else a, "order"))
                    break
    return out


def _context(doc: Document, table: Table) -> tuple[str, str]:
    """(the few lines just above the table, the last heading before it), lower case."""
    start = (table.caption_line or table.start_line) - 1
    near: list[str] = []
    ln = start - 1
    while ln >= 0 and len(near) < 4 and start - ln <= 12:
        if (ln + 1) in doc.table_lines:
            break
        s = doc.lines[ln].strip()
        if s:
            near.append(s)
        ln -= 1
    heading = ""
    ln = start - 1
    while ln >= 0 and start - ln <= 120:
        s = doc.lines[ln].lstrip()
        if s.startswith("#") and (ln + 1) not in doc.table_lines:
            heading = s
            break
        ln -= 1
    return " ".join(reversed(near)).lower(), heading.lower()


_RKT = re.compile(r"\brkt\b|rencana kinerja tahunan")
_AGREED = re.compile(r"perjanjian\s+kinerja|\bdiperjanjikan\b")
_APBDP = re.compile(r"\bapbd\s*-?\s*p\b|\bperubahan\b|\bsesudah\b|\bsetelah\b")
_MURNI = re.compile(r"\bmurni\b|\bsebelum\b")


def _classify(
    doc: Document, table: Table, lampiran_from: int | None, prev: tuple[Table, TableInfo] | None
) -> TableInfo:
    caption = (table.caption or "").lower()
    near, heading = _context(doc, table)
    context = caption if caption else near
    inherited: TableInfo | None = None
    if not context and prev is not None and table.start_line - prev[0].end_line <= 3:
        # a table right under another one (a PK's program / budget part) belongs to it
        inherited = prev[1]
        context = inherited.context
    roles = {c.role for c in table.columns}
    kinds = {value_kind(c) for c in table.columns if c.numeric}
    target_years = {c.year or c.header for c in table.columns
                    if value_kind(c) == "target" and (c.year or _TAHUN_KE.search(c.header))}
    has_real = "realisasi" in kinds or "capaian" in kinds
    about = " ".join((context, heading if not caption else ""))
    if _comparison(table):
        role = "perbandingan"
    elif inherited is not None and inherited.role in ("pk", "pk_perubahan") and not has_real:
        role = inherited.role
    elif _RKT.search(context) and not _AGREED.search(context) and not has_real:
        # the table's own caption or lines name the RKT (the heading may be the PK's)
        role = "rkt"
    elif "perjanjian kinerja" in about and not has_real and "target" in roles:
        role = "pk_perubahan" if re.search(r"perubahan|revisi", context) else "pk"
    elif (_AGREED.search(about) and not has_real and "program" in roles
          and any(c.money and c.numeric for c in table.columns)):
        # the programs and their budget that carry out the agreement ("... yang
        # diperjanjikan ... dengan program dan kegiatan antara lain:")
        role = "pk_perubahan" if re.search(r"perubahan|revisi", context) else "pk"
    elif len(target_years) >= 2 and not has_real:
        role = "renstra"
    elif _RKT.search(about) and not has_real:
        role = "rkt"
    elif "efisiensi" in roles or "efisiensi" in context:
        role = "efisiensi"
    elif has_real and ("indikator" in roles or "sasaran" in roles):
        role = "capaian"
    elif "anggaran" in roles or "realisasi_anggaran" in roles:
        role = "anggaran"
    else:
        role = "other"
    # the single year the table is about
    year: int | None = None
    years = set(_YEAR.findall(context))
    one_year = role in ("pk", "pk_perubahan", "capaian", "efisiensi", "rkt", "anggaran")
    if (not caption and one_year and len(years) > 1 and not _YEAR_RANGE.search(context)
            and doc.report_year is not None and str(doc.report_year) in years):
        # prose above a table without caption often names the year before as well
        # ("tahun 2023 dibandingkan tahun 2022"): the report's own year is the table's
        year = doc.report_year
    elif _YEAR_RANGE.search(context) or len(years) > 1:
        year = None
    elif years:
        year = int(years.pop())
    elif one_year:
        year = doc.report_year
    shifted = any(kind == "order" for _, _, kind in year_problems(table))
    stage = None
    cells_text = " ".join(
        c.text.lower() for r in table.rows for c in r.cells
        if c.text and c.number is None and len(c.text) <= 12
    )
    if role == "pk_perubahan" or _APBDP.search(context) or re.search(r"\bapbd\s*-?\s*p\b",
                                                                       cells_text):
        stage = "sesudah"
    elif role == "pk" or _MURNI.search(context):
        stage = "sebelum"
    lampiran = lampiran_from is not None and table.start_line > lampiran_from
    return TableInfo(role, context, year, shifted, stage, lampiran)


_AREA = re.compile(r"^(kecamatan|kelurahan|desa|kabupaten|kota|provinsi|propinsi)\s+\w", re.I)


def _comparison(table: Table) -> bool:
    """A table comparing several areas (a row per kecamatan / kelurahan): its values are
    not the agency's own."""
    hits = 0
    for row in table.rows:
        if row.label and _AREA.match(row.label):
            hits += 1
            if hits >= 2:
                return True
    return False


def _lampiran_start(doc: Document) -> int | None:
    """The line where the lampiran section begins (a heading-like "Lampiran" line in the
    second half of the report)."""
    n = len(doc.lines)
    for i in range(n - 1, n // 2, -1):
        s = doc.lines[i].strip().lstrip("#* ").lower()
        if s.startswith("lampiran") and len(s) < 60 and (i + 1) not in doc.table_lines:
            return i + 1
    return None


# --------------------------------------------------------------------------- occurrences

@dataclass(slots=True)
class Occurrence:
    """One value of one indicator in one table."""

    table: Table
    info: TableInfo
    row: Row
    cell: Cell
    name: Cell            # the indicator's cell
    key: str
    kind: str             # target / realisasi / capaian
    year: int | None
    unit: str = ""        # the row's satuan, normalised ("persen", "indeks"), if the table has one
    reading: str = ""     # how an ambiguous table was read ("tahun diurutkan"), if it was


@dataclass(slots=True)
class Pairing:
    """An indicator written on the same row as its sasaran."""

    table: Table
    row: Row
    indicator: Cell
    sasaran: Cell
    key: str
    sasaran_key: str


@dataclass(slots=True)
class BudgetOccurrence:
    """One amount of one program or kegiatan in one table: printed on a row, or derived (the
    sum of the program's rows when it is printed on several, or of the rows under a program
    row that carries no amount of its own; ``rows`` then lists them and ``cell`` is the first
    row's cell)."""

    table: Table
    info: TableInfo
    row: Row
    cell: Cell
    name: Cell
    key: str
    kind: str             # anggaran / realisasi_anggaran
    stage: str | None
    year: int | None
    value: Decimal = Decimal(0)
    rows: tuple[Row, ...] = ()   # the rows summed, for a derived amount
    column: int = -1             # the amount's column

    def cells(self) -> list[Cell]:
        """The printed cells the amount is (the summed ones, for a derived amount)."""
        if not self.rows:
            return [self.cell]
        return [r.cells[self.column] for r in self.rows if self.column < len(r.cells)]

    @property
    def derived(self) -> bool:
        return bool(self.rows)


@dataclass(slots=True)
class Identity:
    infos: dict[int, TableInfo] = field(default_factory=dict)
    values: dict[tuple[str, str, int], list[Occurrence]] = field(
        default_factory=lambda: defaultdict(list))
    pairings: dict[str, list[Pairing]] = field(default_factory=lambda: defaultdict(list))
    budgets: dict[tuple[str, str, int], list[BudgetOccurrence]] = field(
        default_factory=lambda: defaultdict(list))

    names: _Names | None = None

    def info(self, table: Table) -> TableInfo:
        return self.infos[table.index]

    def key_of(self, table: Table, ind: Column, name: str) -> str | None:
        """The ``values`` key of an indicator named ``name`` in column ``ind`` of ``table``."""
        if self.names is None:
            return None
        key = self.names.key(name)
        return None if key is None else f"{tier(table, ind)}:{key}"


_SKIP_HEADER = ("kondisi", "awal", "akhir", "jangka menengah", "renstra", "rpjmd", "standar",
                "nasional", "propinsi", "provinsi", "kabupaten", "kota ")


def value_kind(col: Column) -> str | None:
    """target / realisasi / capaian for an indicator value column, else None."""
    h = col.header.lower()
    if any(w in h for w in _SKIP_HEADER):
        return None
    if col.role in ("target", "capaian") and "target" in h:
        return "target"
    if col.role in ("target", "realisasi", "capaian"):
        return col.role
    return None


def is_data(row: Row, table: Table) -> bool:
    """A data row; also a row the parser took for a total only because its indicator starts
    with "Jumlah" ("Jumlah dokumen perencanaan") in an indicator column."""
    if row.kind == "data":
        return True
    col = row.label_column
    return row.kind == "total" and col is not None and col < len(table.columns) and \
        table.columns[col].role == "indikator"


def _left_label(table: Table, index: int, roles: tuple[str, ...]) -> Column | None:
    """The nearest label column left of ``index`` (skipping number and satuan columns) when
    its role is one of ``roles``."""
    for col in reversed(table.columns[:index]):
        if col.role in ("no", "satuan") or col.numeric:
            continue
        return col if col.role in roles else None
    return None


def _indicator_column(table: Table, index: int) -> Column | None:
    for col in reversed(table.columns[:index]):
        if col.role == "indikator":
            return col
    return None


def tier(table: Table, ind: Column) -> str:
    """"kegiatan" for an indicator column describing kegiatan / sub kegiatan (the label
    column to its left names them), else "main" (sasaran and program indicators)."""
    for col in reversed(table.columns[:ind.index]):
        if col.role in ("no", "satuan", "indikator") or col.numeric:
            continue
        if col.role == "program" and "kegiatan" in col.header.lower():
            return "kegiatan"
        return "main"
    return "main"


_PROGRAM_NAME = re.compile(r"^program\b", re.I)
_SUB_NAME = re.compile(r"^sub\s*-?\s*kegiatan\b", re.I)
_KEGIATAN_NAME = re.compile(r"^kegiatan\b", re.I)


_ROMAN_NUMBERING = re.compile(r"^\s*[IVX]+\.?\s+")


def budget_level(text: str, col: Column | None) -> str | None:
    """"program" or "kegiatan" for a budget row's name (by its first word after any code or
    numbering: "1.02.01", "1.", "a)", "II."; or by the header of the column it sits in);
    None for sub kegiatan and anything else."""
    stripped = _ROMAN_NUMBERING.sub("", _NUMBERING.sub("", _CODE.sub("", text.strip())))
    if _SUB_NAME.match(stripped):
        return None
    if _PROGRAM_NAME.match(stripped):
        return "program"
    if _KEGIATAN_NAME.match(stripped):
        return "kegiatan"
    header = col.header.lower() if col is not None else ""
    if "kegiatan" in header and "sub" not in header and "program" not in header:
        return "kegiatan"
    return None


def build(doc: Document) -> Identity:
    ident = Identity()
    lampiran_from = _lampiran_start(doc)
    prev: tuple[Table, TableInfo] | None = None
    names = ident.names = _Names(doc)
    shifted: list[tuple[Table, TableInfo]] = []
    for table in doc.tables:
        if table.skipped:
            continue
        info = _classify(doc, table, lampiran_from, prev)
        prev = (table, info)
        ident.infos[table.index] = info
        if info.years_shifted:
            shifted.append((table, info))
        else:
            _store(ident, _index_values(table, info, names))
        _index_pairings(ident, table)
        _index_budgets(ident, table, info)
    for table, info in shifted:
        _store(ident, _shifted_reading(ident, table, info, names))
    return ident


def identity(doc: Document) -> Identity:
    return doc.memo(MEMO_KEY, build)


_TAHUN_KE = re.compile(r"tahun\s*ke\s*-?\s*(\d)\b", re.I)


def relative_years(table: Table, info: TableInfo) -> dict[int, int]:
    """Column index -> year for "Tahun ke-1 ... Tahun ke-5" headers, when the caption (or the
    lines above) names a period with exactly as many years ("Renstra 2021-2025")."""
    rel = {c.index: int(m.group(1)) for c in table.columns
           if c.year is None and (m := _TAHUN_KE.search(c.header))}
    m = _YEAR_RANGE.search(info.context)
    if not rel or m is None:
        return {}
    first, last = int(m.group(1)), int(m.group(2))
    if last - first + 1 != len(rel) or sorted(rel.values()) != list(range(1, len(rel) + 1)):
        return {}
    return {i: first + n - 1 for i, n in rel.items()}


class _Names:
    """Indicator names to identity keys, with what the document knows: the agency's own
    name words and the acronyms its tables write in capitals."""

    def __init__(self, doc: Document) -> None:
        own = own_agency(doc)
        self.agency: tuple[str, ...] = tuple(own[1].split()) if own else ()
        found: set[str] = set()
        for t in doc.tables:
            if t.skipped:
                continue
            cols = [c.index for c in t.columns if c.role == "indikator"]
            for row in t.rows:
                for i in cols:
                    c = row.cell(i)
                    if c is not None and c.text:
                        found |= acronyms_of(c.text)
        self.acronyms = frozenset(found)

    def key(self, text: str) -> str | None:
        return identity_key(text, self.agency, self.acronyms)


_YEAR_CELL = re.compile(r"^(?:19[5-9]\d|20\d\d)$")


def _row_years(table: Table) -> dict[int, int]:
    """Row index -> year, for a table with a "Tahun" column of years (one row per year)."""
    for col in table.columns:
        h = col.header.lower().strip()
        if h not in ("tahun", "thn", "tahun anggaran"):
            continue
        out: dict[int, int] = {}
        for row in table.rows:
            c = row.cell(col.index)
            if c is not None and _YEAR_CELL.match(c.text):
                out[row.index] = int(c.text)
        if out:
            return out
    return {}


def sorted_years(table: Table) -> dict[int, int]:
    """Column index -> year for the year runs whose header is out of order (converter
    damage, or a year typed in the wrong cell), read in sorted order: "2023 2018 2019 2020"
    over four columns read as 2018 2019 2020 2023."""
    out: dict[int, int] = {}
    for run in year_runs(table):
        years = [c.year for c in run if c.year is not None]
        if len(run) < 3 or len(set(years)) != len(years):
            continue
        ordered = sorted(years)
        if years != ordered and years != ordered[::-1]:
            out.update({c.index: y for c, y in zip(run, ordered, strict=True)})
    return out


def _unit_column(table: Table) -> Column | None:
    return next((c for c in table.columns if c.role == "satuan"), None)


_Found = dict[tuple[str, str, int], list[Occurrence]]


def _index_values(
    table: Table, info: TableInfo, names: _Names, years: dict[int, int] | None = None,
    reading: str = "",
) -> _Found:
    """The table's indicator values by (key, kind, year); ``years`` (column index -> year)
    replaces the columns' printed years."""
    plan: list[tuple[Column, Column, str, int | None]] = []
    relative = relative_years(table, info)
    col_year = {c.index: c.year for c in table.columns}
    col_year.update(years or {})
    year_columns = any(col_year[c.index] or c.index in relative
                       for c in table.columns if value_kind(c))
    row_years = {} if year_columns else _row_years(table)
    for col in table.columns:
        kind = value_kind(col)
        if kind is None or not col.numeric:
            continue
        ind = _indicator_column(table, col.index)
        if ind is None:
            continue
        year = col_year[col.index] or relative.get(col.index)
        if year is None and not year_columns and not row_years:
            year = info.year if info.role != "renstra" else None
        if year is None and not row_years:
            continue
        plan.append((col, ind, kind, year))
    if not plan or info.role == "perbandingan":
        return {}
    tiers = {ind.index: tier(table, ind) for _, ind, _, _ in plan}
    unit_col = _unit_column(table)
    found: _Found = {}
    for row in table.rows:
        if not is_data(row, table):
            continue
        unit = ""
        if unit_col is not None:
            uc = row.cell(unit_col.index)
            unit = "".join(normalise(uc.text).split()) if uc is not None and uc.text else ""
            if uc is not None and uc.text.strip() == "%":
                unit = "%"
        for col, ind, kind, col_y in plan:
            year = col_y if col_y is not None else row_years.get(row.index)
            name = row.cell(ind.index)
            cell = row.cell(col.index)
            if year is None or name is None or cell is None or not name.text:
                continue
            if not cell_numbers(cell):
                continue
            if cell.value is None or cell.value.kind not in ("number", "percent", "rating"):
                continue
            key = names.key(name.text)
            if key is None:
                continue
            key = f"{tiers[ind.index]}:{key}"
            found.setdefault((key, kind, year), []).append(
                Occurrence(table, info, row, cell, name, key, kind, year, unit, reading))
    return found


_PERCENT_UNITS = frozenset(("persen", "prosen", "persentase", "%", "percent"))

#: what decides whether two occurrences may be compared: the measure the name states
#: ("persen", "jumlah" ...; None: none) and whether the unit is a percentage (None: no unit)
Comparability = tuple[str | None, bool | None]


def comparability(o: Occurrence) -> Comparability:
    return measure_of(o.name.text), (o.unit in _PERCENT_UNITS) if o.unit else None


def comparable_classes(a: Comparability, b: Comparability) -> bool:
    """Two measures that are not different ones, two units that are not a percentage and
    something else (an unknown measure or unit compares with any)."""
    (ma, pa), (mb, pb) = a, b
    return (ma is None or mb is None or ma == mb) and (pa is None or pb is None or pa == pb)


def comparable(a: Occurrence, b: Occurrence) -> bool:
    """Two occurrences of one key that may be compared: not two different measures by their
    names ("Persentase X" and "Jumlah X"), nor a percentage in one table and a count or
    index in the other (their satuan cells say so)."""
    return comparable_classes(comparability(a), comparability(b))


def _store(ident: Identity, found: _Found) -> None:
    for k, occs in found.items():
        # the same indicator with different values in one table (per kelurahan, two
        # "capaian" columns ...): the table cannot say which one is meant
        if all(same_number(occs[0].cell, o.cell) for o in occs[1:]):
            ident.values[k].append(occs[0])


def _shifted_reading(
    ident: Identity, table: Table, info: TableInfo, names: _Names
) -> _Found:
    """A table whose year header is out of order, read both as printed and with its years
    sorted: the reading whose values agree with more of the other tables' is kept (none
    when neither agrees with at least two, or both agree as often)."""
    readings = [(_index_values(table, info, names, {}, "tahun sesuai cetakan"), 0),
                (_index_values(table, info, names, sorted_years(table), "tahun diurutkan"), 0)]
    scored: list[tuple[int, _Found]] = []
    for found, _ in readings:
        agree = 0
        for k, occs in found.items():
            others = ident.values.get(k)
            if others and any(same_number(occs[0].cell, o.cell) for o in others):
                agree += 1
        scored.append((agree, found))
    (a0, f0), (a1, f1) = scored
    if max(a0, a1) < 2 or a0 == a1:
        return {}
    return f0 if a0 > a1 else f1


def _index_pairings(ident: Identity, table: Table) -> None:
    for ind in table.columns:
        if ind.role != "indikator":
            continue
        sas = _left_label(table, ind.index, ("sasaran",))
        if sas is None or ("tujuan" in sas.header.lower() and "sasaran" not in sas.header.lower()):
            continue
        for row in table.rows:
            i, s = row.cell(ind.index), row.cell(sas.index)
            if i is None or s is None or not i.text or not s.text or not is_data(row, table):
                continue
            key, skey = indicator_key(i.text), normalise(s.text)
            if len(key.split()) < 2 or len(skey.split()) < 2:
                continue
            ident.pairings[key].append(Pairing(table, row, i, s, key, skey))


def _budget_columns(table: Table) -> list[Column]:
    cols = [c for c in table.columns
            if c.role in ("anggaran", "realisasi_anggaran") and c.money and c.numeric]
    if cols:
        return cols
    # a program list with one money column under another header ("Keterangan", "Jumlah"):
    # the programs' budget
    money = [c for c in table.columns if c.money and c.numeric and c.role in ("number", "jumlah")]
    progs = any(c.role == "program" for c in table.columns)
    return money if len(money) == 1 and progs else []


def _merged_layout(table: Table, progs: list[Column]) -> bool:
    """Program, kegiatan (and sub kegiatan) in columns side by side, a program's name on the
    row of its first kegiatan: the program's own amount is printed nowhere."""
    if len(progs) < 2:
        return False
    first = progs[0]
    h = first.header.lower()
    if "program" not in h or "kegiatan" in h:
        return False
    return any(row.cells[first.index].text and any(row.cells[c.index].text for c in progs[1:])
               for row in table.rows if row.kind == "data")


def _unprinted_programs(
    table: Table, cols: list[Column], info: TableInfo, year: int,
    kind_of: Callable[[Column], str], stage_of: Callable[[Column], str | None],
) -> Iterator[BudgetOccurrence]:
    from sakiplint.facts.hierarchy import amount, infer_levels

    rows = table.rows
    lv = infer_levels(table)
    progs = [c for c in table.columns if c.role == "program"]
    for k, row in enumerate(rows):
        if row.kind != "data" or lv[k] is None:
            continue
        named = [(row.cells[c.index], c) for c in progs if row.cells[c.index].text]
        name, ncol = named[-1] if named else (
            (row.cells[row.label_column], None) if row.label_column is not None else (None, None))
        if name is None or budget_level(name.text, ncol) != "program":
            continue
        block: list[int] = []
        for j in range(k + 1, len(rows)):
            if rows[j].kind != "data" or lv[j] is None or lv[j] <= lv[k]:  # type: ignore[operator]
                break
            block.append(j)
        if not block:
            continue
        key = f"program:{program_key(name.text)}"
        if len(key.split()) < 3:
            continue
        for col in cols:
            own = row.cells[col.index]
            if own.text:
                continue   # the program prints its amount: judged as printed
            with_amount = [j for j in block if amount(rows[j].cells[col.index]) is not None]
            if not with_amount:
                continue
            deepest = max(lv[j] for j in with_amount)  # type: ignore[type-var]
            parts = [j for j in block if lv[j] == deepest]
            vals = [amount(rows[j].cells[col.index]) for j in parts]
            if any(v is None for v in vals):
                continue
            total = sum((v for v in vals if v is not None), Decimal(0))
            first = rows[parts[0]]
            yield BudgetOccurrence(
                table, info, first, first.cells[col.index], name, key, kind_of(col),
                stage_of(col), year, total, tuple(rows[j] for j in parts), col.index)


def _index_budgets(ident: Identity, table: Table, info: TableInfo) -> None:
    from sakiplint.facts.hierarchy import amount

    cols = _budget_columns(table)
    if not cols or info.year is None:
        return
    year = info.year
    progs = [c for c in table.columns if c.role == "program"]
    merged = _merged_layout(table, progs)
    found: dict[tuple[str, str, int], list[BudgetOccurrence]] = {}

    def kind_of(col: Column) -> str:
        return col.role if col.role in ("anggaran", "realisasi_anggaran") else "anggaran"

    def stage_of(col: Column) -> str | None:
        return (col.stage or info.stage) if kind_of(col) == "anggaran" else None

    groups: list[tuple[str, Cell, list[Row]]] = []   # merged layout: program, its rows
    for row in table.rows:
        if row.kind != "data":
            if merged and groups and row.kind == "total":
                groups.append(("", row.cells[0], []))   # a total ends the last group
            continue
        if merged:
            head = row.cells[progs[0].index]
            if head.text:
                groups.append((f"program:{program_key(head.text)}", head, [row]))
            elif groups and groups[-1][0]:
                groups[-1][2].append(row)
        # the row's most specific name: a program's amount sits on a row naming no kegiatan
        named = [(row.cells[c.index], c) for c in progs if row.cells[c.index].text]
        name, ncol = named[-1] if named else (None, None)
        if name is None:
            if row.label_column is None:
                continue
            name = row.cells[row.label_column]
        level = budget_level(name.text, ncol)
        if level is None:
            continue
        key = f"{level}:{program_key(name.text)}"
        if len(key.split()) < 3:
            continue
        for col in cols:
            cell = row.cell(col.index)
            if cell is None or cell.number is None:
                continue
            found.setdefault((key, kind_of(col), year), []).append(BudgetOccurrence(
                table, info, row, cell, name, key, kind_of(col), stage_of(col), year,
                cell.number, (), col.index))
    # a program printed on several rows of the table: also the sum of its rows
    for (key, kind, y), occs in list(found.items()):
        if len(occs) < 2 or len({o.stage for o in occs}) != 1:
            continue
        total = sum((o.value for o in occs), Decimal(0))
        first = occs[0]
        occs.append(BudgetOccurrence(
            first.table, info, first.row, first.cell, first.name, key, kind, first.stage, y,
            total, tuple(o.row for o in occs), first.column))
    # a program row without an amount of its own: the sum of the rows under it (those of
    # the deepest level that carries amounts, every one of them with an amount)
    if not merged:
        for occ in _unprinted_programs(table, cols, info, year, kind_of, stage_of):
            found.setdefault((occ.key, occ.kind, year), []).append(occ)
    # merged layout: a program's amount is the sum of its rows (a group is complete when
    # the next program or a total row follows it: the table may go on after a page break)
    for n, (key, head, rows) in enumerate(groups):
        if not key or len(key.split()) < 3 or n + 1 == len(groups):
            continue
        for col in cols:
            vals = [amount(r.cell(col.index)) for r in rows]
            if any(v is None for v in vals):
                continue
            total = sum((v for v in vals if v is not None), Decimal(0))
            first_cell = rows[0].cells[col.index]
            found.setdefault((key, kind_of(col), year), []).append(BudgetOccurrence(
                table, info, rows[0], first_cell, head, key, kind_of(col), stage_of(col),
                year, total, tuple(rows), col.index))
    for k, occs in found.items():
        ident.budgets[k].extend(occs)


def cell_numbers(cell: Cell) -> list[tuple[Decimal, int]]:
    """The (value, decimals) a printed cell may state: its resolved number, and the other
    notation's reading when the cell is ambiguous ("83,514": 83.514 or 83514); for a rating
    with a number ("B (75)"), that number."""
    out: list[tuple[Decimal, int]] = []
    if cell.number is not None:
        out.append((cell.number, cell.decimals))
    v = cell.value
    if v is not None and (v.ambiguous or (cell.number is None and v.kind == "rating")):
        for r in (v.id_reading, v.en_reading):
            if r is not None and (r.value, r.decimals) not in out:
                out.append((r.value, r.decimals))
    return out


def _same(x: Decimal, dx: int, y: Decimal, dy: int) -> bool:
    (c, dc), (f, _) = ((x, dx), (y, dy)) if dx <= dy else ((y, dy), (x, dx))
    step = Decimal(1).scaleb(-dc)
    return -step / 2 <= f - c < step


def same_number(a: Cell, b: Cell) -> bool:
    """Two printed values stating the same number: the one with more decimals, rounded or
    truncated to the decimals of the other, gives the other (either reading of a cell whose
    notation is ambiguous)."""
    na, nb = cell_numbers(a), cell_numbers(b)
    return any(_same(x, dx, y, dy) for x, dx in na for y, dy in nb)


def mispaired(ident: Identity) -> list[tuple[Pairing, list[Pairing]]]:
    """(pairing, the pairings of other tables it disagrees with) for each indicator written
    next to a sasaran that at least two other tables, agreeing among themselves, contradict
    and no other table supports."""
    out: list[tuple[Pairing, list[Pairing]]] = []
    for pairs in ident.pairings.values():
        tables = {p.table.index for p in pairs}
        if len(tables) < 3:
            continue
        # the distinct sasaran names and the tables writing each (the work is per name, not
        # per pair of pairings: a document of many reports repeats the names)
        by_key: dict[str, set[int]] = {}
        for q in pairs:
            by_key.setdefault(q.sasaran_key, set()).add(q.table.index)
        if len(by_key) > _MAX_SASARAN_NAMES:
            continue  # bounded: so many names for one indicator are no pairing to judge
        for p in pairs:
            t = p.table.index   # (the others are in two tables or more: three in all)
            keys = [k for k, tabs in by_key.items() if tabs - {t}]
            if any(compatible(k, p.sasaran_key) for k in keys):
                continue
            first = next(q.sasaran_key for q in pairs if q.table.index != t)
            if not all(compatible(k, first) for k in keys):
                continue
            out.append((p, [q for q in pairs if q.table.index != t]))
    return out


#: the distinct sasaran names of one indicator :func:`mispaired` looks at
_MAX_SASARAN_NAMES = 32


# --------------------------------------------------------------------------- captions

_CONTINUED = re.compile(r"lanjutan|sambungan|continued|\(lanj", re.I)
_TABLE_WORD = re.compile(r"(?i)tabel|table")


@dataclass(frozen=True, slots=True)
class CaptionFacts:
    """What a table's numbered caption says of itself, located on its source line."""

    continued: bool       # "(lanjutan)", "sambungan" ...: the continuation of a table
    column: int           # 1-based column of "Tabel" on the caption line (1 if absent)
    width: int            # length of the caption line, stripped


def caption_facts(doc: Document) -> dict[int, CaptionFacts]:
    """Table index -> caption facts, for every table with a numbered caption (computed once
    per document, on first request)."""
    return doc.memo("identity.captions", _build_captions)


def _build_captions(doc: Document) -> dict[int, CaptionFacts]:
    out: dict[int, CaptionFacts] = {}
    for t in doc.tables:
        if not t.caption_number or t.caption_line is None or not t.caption:
            continue
        line = doc.lines[t.caption_line - 1]
        m = _TABLE_WORD.search(line)
        out[t.index] = CaptionFacts(bool(_CONTINUED.search(t.caption)),
                                    (m.start() if m else 0) + 1, len(line.strip()))
    return out


# --------------------------------------------------------------------------- agencies

_AGENCY = re.compile(
    r"\b(Kecamatan|KECAMATAN|Dinas|DINAS|Badan|BADAN|Kelurahan|KELURAHAN)\s+"
    r"((?:[A-Z][A-Za-z]+)(?:\s+[A-Z][A-Za-z]+){0,2})"
)
_NOT_NAME = {
    "yang", "dan", "di", "dalam", "tahun", "kota", "kabupaten", "se", "sebagai", "pada",
    "untuk", "dengan", "atau", "serta", "ini", "tersebut", "kepada", "perangkat", "daerah",
    "camat", "kelurahan", "kecamatan", "desa", "bukan", "sesuai", "telah", "adalah",
}
_PLACE_WORDS = re.compile(r"\b(utara|selatan|timur|barat|berbatasan|perbatasan|batas)\b", re.I)


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """"Kecamatan Sukamaju" named in a paragraph."""

    kind: str                 # kecamatan, dinas, badan, kelurahan
    name: str                 # lower case, up to the first word that is not a name
    text: str                 # as written: "Kecamatan Sukamaju"
    line: int | None          # where it is written (None: not found on one source line)
    column: int | None        # 1-based


@dataclass(frozen=True, slots=True)
class AgencyParagraph:
    start_line: int
    border: bool              # describes borders ("sebelah utara berbatasan dengan ...")
    mentions: tuple[AgencyMention, ...]


@dataclass(slots=True)
class Agencies:
    own: tuple[str, str] | None                       # (kind, name) of the reporting agency
    paragraphs: list[AgencyParagraph] = field(default_factory=list)   # those naming one


#: words that start the name of a region when they stand first ("Kecamatan Kota Bangun",
#: "Kecamatan Kabupaten ..."), and end the agency's name when they follow it ("Kecamatan
#: Klojen Kota Malang")
_REGION_FIRST = frozenset(("kota", "kabupaten"))


def _agency_name(words: str) -> str:
    out: list[str] = []
    split = words.split()
    for k, w in enumerate(split):
        low = w.lower()
        if low in _REGION_FIRST and not out and k + 1 < len(split) and split[k + 1][:1].isupper():
            out.append(low)   # "Kota Bangun": the region's own name
            continue
        if low in _NOT_NAME:
            break
        out.append(low)
    return " ".join(out)


def own_agency(doc: Document) -> tuple[str, str] | None:
    """(kind, name) of the reporting agency: the most frequent "Kecamatan X" of the title
    page (first 60 lines)."""
    return doc.memo("identity.own_agency", _own_agency)


def _own_agency(doc: Document) -> tuple[str, str] | None:
    counts: Counter[tuple[str, str]] = Counter()
    for line in doc.lines[:60]:
        for m in _AGENCY.finditer(line):
            name = _agency_name(m.group(2))
            if name:
                counts[(m.group(1).lower(), name)] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def agencies(doc: Document) -> Agencies:
    """The reporting agency and the agencies each paragraph names (computed once per
    document, on first request; the paragraphs are read only when the agency is known)."""
    return doc.memo("identity.agencies", _build_agencies)


def _build_agencies(doc: Document) -> Agencies:
    out = Agencies(own_agency(doc))
    if out.own is None:
        return out
    for p in doc.paragraphs:
        mentions: list[AgencyMention] = []
        for m in _AGENCY.finditer(p.text):
            n = _agency_name(m.group(2))
            if not n:
                continue
            text = m.group(1) + " " + " ".join(m.group(2).split()[:len(n.split())])
            # locate the mention in the source lines of the paragraph
            line = column = None
            needle = m.group(0).split()[0] + " " + m.group(2).split()[0]
            for ln in range(p.start_line, p.end_line + 1):
                pos = doc.lines[ln - 1].find(needle)
                if pos >= 0:
                    line, column = ln, pos + 1
                    break
            mentions.append(AgencyMention(m.group(1).lower(), n, text, line, column))
        if mentions:
            out.paragraphs.append(AgencyParagraph(
                p.start_line, bool(_PLACE_WORDS.search(p.text)), tuple(mentions)))
    return out
