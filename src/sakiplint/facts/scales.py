"""Rating scales a report prints ("Standar Penilaian", "Skala Nilai Peringkat Kinerja"):
interval -> verbal rating.

A scale is a table where at least three rows pair an interval cell ("110 Keatas",
"$90 \\leq x < 110$", "91% ≤ 100%", "≤ 50%", "60 - 70") with a verbal label ("Sangat
Tinggi", "Tercapai / Berhasil"). :func:`rating_scales` finds them once per document
(``Document.memo``); rules then ask :meth:`Scale.bands_for` which label a number earns.
Header rows are read too: the converter often swallows a scale's first rows into the header.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakiplint.model import Cell, Document, Table

MEMO_KEY = "scales.rating"
MIN_BANDS = 3


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal | None          # None: unbounded
    lo_closed: bool
    hi: Decimal | None
    hi_closed: bool

    def contains(self, x: Decimal) -> bool:
        if self.lo is not None and (x < self.lo or (x == self.lo and not self.lo_closed)):
            return False
        return not (
            self.hi is not None and (x > self.hi or (x == self.hi and not self.hi_closed))
        )

    def show(self) -> str:
        lo = "" if self.lo is None else f"{self.lo} {'<=' if self.lo_closed else '<'} "
        hi = "" if self.hi is None else f" {'<=' if self.hi_closed else '<'} {self.hi}"
        return f"{lo}x{hi}"


@dataclass(frozen=True, slots=True)
class Band:
    interval: Interval
    label: str          # as printed
    line: int


@dataclass(frozen=True, slots=True)
class Scale:
    table_index: int
    bands: tuple[Band, ...]
    #: "capaian" (a performance rating scale) or "ikm" (a service-quality / IKM scale:
    #: its caption or header names IKM / SKM / kepuasan / mutu pelayanan)
    kind: str = "capaian"

    def knows(self, label: str) -> bool:
        return any(same_label(label, b.label) for b in self.bands)

    def knows_fully(self, label: str) -> bool:
        """The label is one of the scale's labels as a whole, not one half of a
        "Tercapai / Berhasil" pair (a bare "Tercapai" may be a yes/no status)."""
        key = label_key(label)
        return any(label_key(b.label) == key for b in self.bands)

    def bands_for(self, x: Decimal) -> list[Band]:
        return [b for b in self.bands if b.interval.contains(x)]


# --------------------------------------------------------------------------- intervals

_NUM = r"(\d+(?:[.,]\d+)?)"
_LATEX = [
    (re.compile(r"\\leq?(?![a-z])|≤|=<|<="), " <= "),
    (re.compile(r"\\geq?(?![a-z])|≥|=>|>="), " >= "),
    (re.compile(r"\\lt(?![a-z])"), " < "),
    (re.compile(r"\\gt(?![a-z])"), " > "),
]
_STRIP = re.compile(r"\$|\\%|%|\\text\s*\{|[{}]|\\,|\\ ")
_ABOVE = re.compile(r"^(?:ke\s*atas|keatas|atau\s+lebih|lebih|ke\s+atas|\+)$", re.I)
_BELOW = re.compile(r"^(?:ke\s*bawah|kebawah|atau\s+kurang)$", re.I)
_WORD_OPS = [
    (re.compile(r"^(?:lebih\s+dari|di\s*atas)\s+", re.I), "> "),
    (re.compile(r"^(?:kurang\s+dari|di\s*bawah)\s+", re.I), "< "),
]
_SPACES = re.compile(r"\s+")


def _num(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", "."))
    except InvalidOperation:
        return None


_HAS_DIGIT = re.compile(r"\d")
_BARE_NUMBER = re.compile(r"\s*\d+(?:[.,]\d+)*\s*(?:%\s*)?")  # not \s*%?\s*: quadratic


def parse_interval(text: str) -> Interval | None:
    """The interval a scale cell names, or None when the cell is not an interval."""
    # every form below holds a number and something besides it: most cells (words, plain
    # numbers) are told apart at once
    if _HAS_DIGIT.search(text) is None or _BARE_NUMBER.fullmatch(text):
        return None
    t = _STRIP.sub(" ", text)
    for pat, rep in _LATEX:
        t = pat.sub(rep, t)
    t = _SPACES.sub(" ", t).strip().lower()
    for pat, rep in _WORD_OPS:
        t = pat.sub(rep, t)
    t = t.replace("–", "-").replace("—", "-")
    # a <= x < b
    m = re.fullmatch(_NUM + r" (<=|<) ?x ?(<=|<) " + _NUM, t)
    if m:
        return Interval(_num(m[1]), m[2] == "<=", _num(m[4]), m[3] == "<=")
    # b > x >= a
    m = re.fullmatch(_NUM + r" (>=|>) ?x ?(>=|>) " + _NUM, t)
    if m:
        return Interval(_num(m[4]), m[3] == ">=", _num(m[1]), m[2] == ">=")
    # x < b, x >= a, < b, >= a
    m = re.fullmatch(r"(?:x ?)?(<=|<|>=|>) ?" + _NUM, t)
    if m:
        v = _num(m[2])
        if m[1].startswith("<"):
            return Interval(None, False, v, m[1] == "<=")
        return Interval(v, m[1] == ">=", None, False)
    # b > x, a <= x  (number first)
    m = re.fullmatch(_NUM + r" ?(<=|<|>=|>) ?x", t)
    if m:
        v = _num(m[1])
        if m[2].startswith("<"):
            return Interval(v, m[2] == "<=", None, False)
        return Interval(None, False, v, m[2] == ">=")
    # "110 keatas", "50 ke bawah"
    m = re.fullmatch(_NUM + r" ?(.*)", t)
    if m and m[2] and _ABOVE.match(m[2]):
        return Interval(_num(m[1]), True, None, False)
    if m and m[2] and _BELOW.match(m[2]):
        return Interval(None, False, _num(m[1]), True)
    # "91 <= 100" (read as 91 <= x <= 100), "60 - 70", "60 s/d 70"
    m = re.fullmatch(_NUM + r" ?(?:<=|-|s/d|s\.d\.?|sampai(?: dengan)?|sd) ?" + _NUM, t)
    if m:
        lo, hi = _num(m[1]), _num(m[2])
        if lo is not None and hi is not None and lo < hi:
            return Interval(lo, True, hi, True)
    return None


# --------------------------------------------------------------------------- labels

_LABEL_NOISE = re.compile(r"[^a-z/]+")
_IKM_SCALE = re.compile(r"\b(?:ikm|skm|kepuasan|mutu\s+pelayanan|kinerja\s+unit\s+pelayanan)\b",
                        re.I)


@lru_cache(maxsize=512)
def label_alternatives(label: str) -> frozenset[str]:
    """"Sangat tercapai / Sangat berhasil" -> {"sangat tercapai / sangat berhasil",
    "sangat tercapai", "sangat berhasil"}, each without spaces or punctuation."""
    t = label.lower()
    whole = _LABEL_NOISE.sub("", t).replace("/", "")
    parts = {_LABEL_NOISE.sub("", p) for p in t.split("/")}
    return frozenset({whole} | {p for p in parts if p})


@lru_cache(maxsize=1024)
def label_key(label: str) -> str:
    return _LABEL_NOISE.sub("", label.lower()).replace("/", "")


@lru_cache(maxsize=2048)
def same_label(a: str, b: str) -> bool:
    """Two ratings name the same band: equal, or one equals a slash alternative of the other
    and neither is a bare fragment of a longer alternative."""
    wa = label_alternatives(a)
    wb = label_alternatives(b)
    key_a = _LABEL_NOISE.sub("", a.lower()).replace("/", "")
    key_b = _LABEL_NOISE.sub("", b.lower()).replace("/", "")
    return key_a == key_b or key_a in wb or key_b in wa


def _is_label(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 3 and not any(ch.isdigit() for ch in text) and len(text) <= 80


# --------------------------------------------------------------------------- finding scales

def _rows(table: Table) -> list[list[Cell]]:
    return [*table.header_rows, *(r.cells for r in table.rows)]


def scale_of(table: Table) -> Scale | None:
    """The rating scale a table prints, if it is one."""
    if len(table.columns) < 2:
        return None
    bands: list[Band] = []
    for cells in _rows(table):
        filled = [c for c in cells if c.text]
        if len(filled) < 2:
            continue
        iv = parse_interval(filled[0].text)
        if iv is None or not _is_label(filled[1].text):
            # the interval may follow a "No" column
            if len(filled) >= 3 and filled[0].text.rstrip(".").isdigit():
                iv = parse_interval(filled[1].text)
                if iv is None or not _is_label(filled[2].text):
                    continue
                bands.append(Band(iv, filled[2].text, filled[1].line))
            continue
        bands.append(Band(iv, filled[1].text, filled[0].line))
    if len(bands) < MIN_BANDS:
        return None
    if len({_LABEL_NOISE.sub("", b.label.lower()) for b in bands}) < len(bands):
        return None  # two bands with one label: not a rating scale we understand
    about = " ".join([table.caption or "", *(c.header for c in table.columns)])
    kind = "ikm" if _IKM_SCALE.search(about) else "capaian"
    return Scale(table.index, tuple(bands), kind)


def _build(doc: Document) -> list[Scale]:
    out: list[Scale] = []
    for t in doc.tables:
        if t.skipped:
            continue
        s = scale_of(t)
        if s is not None:
            out.append(s)
    return out


def rating_scales(doc: Document) -> list[Scale]:
    """Every rating scale the report prints (cached per document)."""
    return doc.memo(MEMO_KEY, _build)


@dataclass(slots=True)
class ScaleIndex:
    """Scales by the labels of their bands, so that a label finds the scales that know it
    without asking each (a report may print a scale per chapter, or be many reports)."""

    scales: list[Scale]
    by_key: dict[str, list[int]]    # label_key of a band's label -> scale positions
    by_alt: dict[str, list[int]]    # each slash alternative of a band's label -> positions

    def knowing(self, label: str) -> list[Scale]:
        """The scales that know ``label`` (:meth:`Scale.knows`), in their order."""
        key = label_key(label)
        found = set(self.by_key.get(key, ())) | set(self.by_alt.get(key, ()))
        for alt in label_alternatives(label):
            found.update(self.by_key.get(alt, ()))
        return [self.scales[i] for i in sorted(found) if self.scales[i].knows(label)]

    def knows_fully(self, label: str) -> bool:
        """Some scale has ``label`` as one of its labels, whole (:meth:`Scale.knows_fully`)."""
        return label_key(label) in self.by_key


def scale_index(scales: list[Scale]) -> ScaleIndex:
    by_key: dict[str, list[int]] = {}
    by_alt: dict[str, list[int]] = {}
    for i, sc in enumerate(scales):
        for b in sc.bands:
            by_key.setdefault(label_key(b.label), []).append(i)
            for alt in label_alternatives(b.label):
                by_alt.setdefault(alt, []).append(i)
    return ScaleIndex(scales, by_key, by_alt)


def scale_tables(doc: Document) -> frozenset[int]:
    """The indices of the tables that print a rating scale (of any kind)."""
    return doc.memo(MEMO_KEY + ".tables", lambda d: frozenset(
        s.table_index for s in rating_scales(d)))


def capaian_scale_index(doc: Document) -> ScaleIndex:
    """The index of the report's capaian rating scales (not the IKM ones), per document; a
    scale printed again with the same bands is indexed once (the first)."""
    def build(d: Document) -> ScaleIndex:
        distinct: dict[tuple[tuple[Interval, str], ...], Scale] = {}
        for s in rating_scales(d):
            if s.kind == "capaian":
                distinct.setdefault(tuple((b.interval, b.label) for b in s.bands), s)
        return scale_index(list(distinct.values()))

    return doc.memo(MEMO_KEY + ".capaian_index", build)


# --------------------------------------------------------------------------- IKM surveys
# PermenPANRB 14/2017: IKM = mean of the element scores (unsur U1..U9, each 1..4) x 25.

SURVEY_KEY = "scales.surveys"
_ELEMENT = re.compile(r"^U\s?(\d{1,2})$", re.I)
_IKM_LABEL = re.compile(
    r"\b(?:IKM|SKM|indeks\s+kepuasan(?:\s+masyarakat)?|nilai\s+(?:indeks|ikm|skm))\b", re.I
)
_PER_ELEMENT = re.compile(r"\bper\s*unsur\b|\bunsur\b|\bkategori\b|\bmutu\b", re.I)
_PARA_NUMBER = re.compile(r"(?<![\d.,])(\d{2,3}(?:[.,]\d{1,4})?)(?![\d.,]*\d)(\s*%)?")
_TABLE_REF = re.compile(r"\b(?:tabel|grafik|gambar|bab)\s*[\d.]+", re.I)
_SOURCE_NOTE = re.compile(r"^\s*(?:sumber|keterangan|ket\.|catatan)\b", re.I)
ELEMENT_MIN, ELEMENT_MAX = 1, 4


@dataclass(frozen=True, slots=True)
class Survey:
    """A survey table: its element scores and, when the report states it, the IKM."""

    table_index: int
    elements: tuple[Cell, ...]        # the score cells of U1..Un, in order
    stated: Cell | None               # the IKM cell inside the table, if clean
    stated_line: int | None = None    # or: the IKM stated in the paragraph after the table
    stated_column: int | None = None
    stated_text: str | None = None
    stated_value: Decimal | None = None
    stated_decimals: int = 0


def _element_numbers(cells: list[Cell]) -> tuple[Cell, ...] | None:
    nums = [c for c in cells if c.number is not None and c.value is not None]
    if not nums or not all(ELEMENT_MIN <= (c.number or 0) <= ELEMENT_MAX for c in nums):
        return None
    return tuple(nums)


def _horizontal(table: Table) -> tuple[Cell, ...] | None:
    """Element labels U1..Un across one row, their scores in the same columns of a later row
    labelled as a value row (its first filled cell is words, not "Kategori")."""
    rows = _rows(table)
    for k, cells in enumerate(rows):
        idx = [j for j, c in enumerate(cells) if _ELEMENT.match(c.text)]
        if len(idx) < 6:
            continue
        numbers = [int(_ELEMENT.match(cells[j].text)[1]) for j in idx]  # type: ignore[index]
        if numbers != list(range(1, len(idx) + 1)):
            return None
        for below in rows[k + 1:]:
            vals = [below[j] if j < len(below) else None for j in idx]
            if any(v is None or v.number is None for v in vals):
                continue
            got = _element_numbers([v for v in vals if v is not None])
            if got is not None and len(got) == len(idx):
                return got
        return None
    return None


def _vertical(table: Table) -> tuple[Cell, ...] | None:
    """Element labels U1..Un down one column, each score in the first numeric cell right of
    it."""
    for j in range(len(table.columns)):
        picked: list[Cell] = []
        ok = True
        for row in table.rows:
            c = row.cell(j)
            m = _ELEMENT.match(c.text) if c is not None else None
            if m is None:
                continue
            score = next((x for x in row.cells[j + 1:] if x.number is not None), None)
            if int(m[1]) != len(picked) + 1 or score is None:
                ok = False
                break
            picked.append(score)
        if ok and len(picked) >= 6:
            got = _element_numbers(picked)
            return got if got is not None and len(got) == len(picked) else None
    return None


def _stated_in_table(table: Table) -> Cell | None:
    for row in table.rows:
        label = next((c.text for c in row.cells if c.text), "")
        if not _IKM_LABEL.search(label) or _PER_ELEMENT.search(label):
            continue
        nums = [c for c in row.cells if c.number is not None and c.value is not None]
        clean = [c for c in nums if c.text[-1:].isdigit() and 25 <= (c.number or 0) <= 100]
        if len(nums) == 1 and len(clean) == 1:
            return clean[0]
        return None  # an IKM row we cannot read cleanly (split cells): do not guess
    return None


def _stated_after(doc: Document, table: Table) -> tuple[int, int, str, Decimal, int] | None:
    """The IKM the first paragraph after the table states: its only number in 25..100 that
    is not a percentage (nor a table reference)."""
    at = bisect.bisect_right(doc.paragraph_lines(), table.end_line)   # the first after it
    # (64 paragraphs on, the first that is no source note is more than 8 lines away)
    para = next((p for p in doc.paragraphs[at:at + 64] if not _SOURCE_NOTE.match(p.text)),
                None)
    if para is None or para.start_line - table.end_line > 8:
        return None
    if not _IKM_LABEL.search(para.text) and "nilai" not in para.text.lower():
        return None
    text = _TABLE_REF.sub(lambda m: " " * len(m.group(0)), para.text)
    found: list[tuple[int, str, Decimal, int]] = []
    for m in _PARA_NUMBER.finditer(text):
        if m.group(2) or "target" in text[max(0, m.start(1) - 30): m.start(1)].lower():
            continue
        raw = m.group(1)
        frac = raw.replace(",", ".").partition(".")[2]
        value = Decimal(raw.replace(",", "."))
        if 25 <= value <= 100:
            found.append((m.start(1), raw, value, len(frac)))
    if len({f[2] for f in found}) != 1:
        return None
    _, raw, value, dec = found[0]
    # line and column of the number in the source
    for i in range(para.start_line, para.end_line + 1):
        col = doc.lines[i - 1].find(raw)
        if col >= 0:
            return i, col + 1, raw, value, dec
    return None


def _build_surveys(doc: Document) -> list[Survey]:
    out: list[Survey] = []
    for t in doc.tables:
        if t.skipped:
            continue
        elements = _horizontal(t) or _vertical(t)
        if elements is None:
            continue
        stated = _stated_in_table(t)
        if stated is not None:
            out.append(Survey(t.index, elements, stated))
            continue
        after = _stated_after(doc, t)
        if after is None:
            out.append(Survey(t.index, elements, None))
            continue
        line, col, raw, value, dec = after
        out.append(Survey(t.index, elements, None, line, col, raw, value, dec))
    return out


def surveys(doc: Document) -> list[Survey]:
    """Every IKM survey table (element scores U1..Un) with the IKM the report states."""
    return doc.memo(SURVEY_KEY, _build_surveys)
