"""Helpers shared by checks: questions asked of the table model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from sakiplint.engine import Issue
from sakiplint.engine.findings import Related
from sakiplint.model import Cell, Column, Row, Table

#: phrases naming indicators where a lower value is better (configurable: Settings)
LOWER_IS_BETTER = (
    "prevalensi stunting", "stunting", "angka kematian", "kematian ibu", "kematian bayi",
    "tingkat kemiskinan", "persentase penduduk miskin", "angka kemiskinan",
    "tingkat pengangguran", "pengangguran terbuka", "jumlah temuan",
    "gizi buruk", "angka kesakitan", "jumlah kasus", "angka kriminalitas",
    "rasio gini", "indeks gini", "penduduk miskin", "kawasan kumuh", "luas kumuh",
    "angka putus sekolah", "kecelakaan", "waktu penyelesaian", "lama waktu", "tunggakan",
)


def lower_is_better(label: str, extra: tuple[str, ...] = ()) -> bool:
    t = " ".join(label.lower().split())
    return any(p in t for p in LOWER_IS_BETTER + extra)


def indicator_text(row: Row, table: Table) -> str:
    parts = [
        c.text for c, col in zip(row.cells, table.columns, strict=False)
        if c.text and col.role in ("indikator", "sasaran", "program", "label")
    ]
    return " ".join(parts) or row.label


def indicator_name(row: Row, table: Table) -> str:
    """What a finding on a row of a performance table names: the row's indicator (its cell in
    the table's indikator column) rather than the sasaran or a fragment of it beside it;
    the row's label when the table has no indicator column or the cell is empty."""
    for c, col in zip(row.cells, table.columns, strict=False):
        if col.role == "indikator" and c.text:
            return c.text
    return row.label


def year_compatible(a: Column, b: Column) -> bool:
    return a.year is None or b.year is None or a.year == b.year


def number_of(cell: Cell | None) -> Decimal | None:
    if cell is None or cell.number is None or cell.value is None:
        return None
    return cell.number


def related_cell(cell: Cell, what: str) -> Related:
    return Related(line=cell.line, column=cell.value_column, message=f"{what}: {cell.text}")


_SPACE = re.compile(r"\s+")


def short(text: str, n: int = 60) -> str:
    t = _SPACE.sub(" ", text).strip()
    return t if len(t) <= n else t[: n - 1] + "…"


@dataclass(slots=True)
class Relation:
    """A value the report derives from others, recomputed: ``issue`` is the finding it
    would be (its ``at`` is the derived cell); ``holds`` says whether the report agrees."""

    holds: bool
    issue: Issue

    @property
    def cell(self) -> Cell:
        assert isinstance(self.issue.at, Cell)
        return self.issue.at


def failing(relations: Iterable[Relation]) -> Iterator[Issue]:
    for rel in relations:
        if not rel.holds:
            yield rel.issue


@dataclass(frozen=True, slots=True)
class Tried:
    """One reading of an ambiguous structure, and what it gives: "semua 13 baris" =
    2.900.675.537 (Indonesian and English descriptions)."""

    id: str
    en: str
    value: str

    def text(self, lang: str) -> str:
        desc = self.id if lang == "id" else self.en
        return f"{desc} = {self.value}" if self.value else desc


def tried_args(readings: Iterable[Tried], limit: int = 6) -> dict[str, str]:
    """The ``tried`` / ``tried_en`` message arguments naming the readings tried."""
    rs = list(readings)
    more_id = f"; dan {len(rs) - limit} lainnya" if len(rs) > limit else ""
    more_en = f"; and {len(rs) - limit} more" if len(rs) > limit else ""
    return {
        "tried": "; ".join(r.text("id") for r in rs[:limit]) + more_id,
        "tried_en": "; ".join(r.text("en") for r in rs[:limit]) + more_en,
    }


def table_label(table: Table) -> str:
    """"Tabel 3.1", or where the table starts when it has no number."""
    return (table.caption_number and f"Tabel {table.caption_number}") or \
        f"tabel baris {table.start_line}"


def other_scale(a: Cell, b: Cell) -> bool:
    """Two values of the two scales an index is reported on, a factor of 15 or more apart
    that is not a power of ten (a misplaced decimal point stays a finding): one on 1-5
    (a survey index), the other on 0-100 (the same index restated, a factor of 20 to 25)."""
    x, y = a.number, b.number
    if x is None or y is None or x <= 0 or y <= 0:
        return False
    lo, hi = min(x, y), max(x, y)
    if not (1 <= lo <= 5 and hi <= 100):
        return False
    ratio = hi / lo
    if ratio < 15:
        return False
    lead = ratio.scaleb(-ratio.adjusted())     # in [1, 10): the ratio without its power of ten
    return abs(lead - 1) > Decimal("0.01") and abs(lead - 10) > Decimal("0.1")
