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
    elif "perjanjian kinerja" in about and not has_real and "target" in roles:
        role = "pk_perubahan" if re.search(r"perubahan|revisi", context) else "pk"
    elif len(target_years) >= 2 and not has_real:
        role = "renstra"
    elif re.search(r"\brkt\b|rencana kinerja tahunan", about) and not has_real:
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
    if _YEAR_RANGE.search(context) or len(years) > 1:
        year = None
    elif years:
        year = int(years.pop())
    elif role in ("pk", "pk_perubahan", "capaian", "efisiensi", "rkt", "anggaran"):
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
    table: Table
    info: TableInfo
    row: Row
    cell: Cell
    name: Cell
    key: str
    kind: str             # anggaran / realisasi_anggaran
    stage: str | None
    year: int | None


@dataclass(slots=True)
class Identity:
    infos: dict[int, TableInfo] = field(default_factory=dict)
    values: dict[tuple[str, str, int], list[Occurrence]] = field(
        default_factory=lambda: defaultdict(list))
    pairings: dict[str, list[Pairing]] = field(default_factory=lambda: defaultdict(list))
    budgets: dict[tuple[str, str, int], list[BudgetOccurrence]] = field(
        default_factory=lambda: defaultdict(list))

    def info(self, table: Table) -> TableInfo:
        return self.infos[table.index]


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
    for table in doc.tables:
        if table.skipped:
            continue
        info = _classify(doc, table, lampiran_from, prev)
        prev = (table, info)
        ident.infos[table.index] = info
        _index_values(ident, table, info)
        _index_pairings(ident, table)
        _index_budgets(ident, table, info)
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


def _index_values(ident: Identity, table: Table, info: TableInfo) -> None:
    plan: list[tuple[Column, Column, str, int | None]] = []
    relative = relative_years(table, info)
    year_columns = any(c.year or c.index in relative for c in table.columns if value_kind(c))
    for col in table.columns:
        kind = value_kind(col)
        if kind is None or not col.numeric:
            continue
        ind = _indicator_column(table, col.index)
        if ind is None:
            continue
        if info.years_shifted:
            continue
        year = col.year or relative.get(col.index)
        if year is None and not year_columns:
            year = info.year if info.role != "renstra" else None
        if year is None:
            continue
        plan.append((col, ind, kind, year))
    if not plan or info.role == "perbandingan":
        return
    tiers = {ind.index: tier(table, ind) for _, ind, _, _ in plan}
    found: dict[tuple[str, str, int], list[Occurrence]] = {}
    for row in table.rows:
        if not is_data(row, table):
            continue
        for col, ind, kind, year in plan:
            name = row.cell(ind.index)
            cell = row.cell(col.index)
            if name is None or cell is None or not name.text or cell.number is None:
                continue
            if cell.value is None or cell.value.kind not in ("number", "percent"):
                continue
            key = indicator_key(name.text)
            if len(key.split()) < 2:
                continue
            key = f"{tiers[ind.index]}:{key}"
            found.setdefault((key, kind, year), []).append(
                Occurrence(table, info, row, cell, name, key, kind, year))
    for k, occs in found.items():
        # the same indicator with different values in one table (per kelurahan, two
        # "capaian" columns ...): the table cannot say which one is meant
        if all(same_number(occs[0].cell, o.cell) for o in occs[1:]):
            ident.values[k].append(occs[0])


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


def _index_budgets(ident: Identity, table: Table, info: TableInfo) -> None:
    cols = [c for c in table.columns
            if c.role in ("anggaran", "realisasi_anggaran") and c.money and c.numeric]
    if not cols or info.year is None:
        return
    progs = [c for c in table.columns if c.role == "program"]
    found: dict[tuple[str, str, int], list[BudgetOccurrence]] = {}
    for row in table.rows:
        if row.kind != "data":
            continue
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
            stage = (col.stage or info.stage) if col.role == "anggaran" else None
            found.setdefault((key, col.role or "", info.year), []).append(BudgetOccurrence(
                table, info, row, cell, name, key, col.role or "", stage, info.year))
    for k, occs in found.items():
        if all(o.cell.number == occs[0].cell.number and o.stage == occs[0].stage
               for o in occs[1:]):
            ident.budgets[k].append(occs[0])


def same_number(a: Cell, b: Cell) -> bool:
    """Two printed values stating the same number: the one with more decimals, rounded or
    truncated to the decimals of the other, gives the other."""
    if a.number is None or b.number is None:
        return False
    coarse, fine = (a, b) if a.decimals <= b.decimals else (b, a)
    step = Decimal(1).scaleb(-coarse.decimals)
    diff = fine.number - coarse.number  # type: ignore[operator]
    return -step / 2 <= diff < step


def mispaired(ident: Identity) -> list[tuple[Pairing, list[Pairing]]]:
    """(pairing, the pairings of other tables it disagrees with) for each indicator written
    next to a sasaran that at least two other tables, agreeing among themselves, contradict
    and no other table supports."""
    out: list[tuple[Pairing, list[Pairing]]] = []
    for pairs in ident.pairings.values():
        if len({p.table.index for p in pairs}) < 3:
            continue
        for p in pairs:
            others = [q for q in pairs if q.table.index != p.table.index]
            if any(compatible(q.sasaran_key, p.sasaran_key) for q in others):
                continue
            if len({q.table.index for q in others}) < 2:
                continue
            if not all(compatible(q.sasaran_key, others[0].sasaran_key) for q in others):
                continue
            out.append((p, others))
    return out


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
