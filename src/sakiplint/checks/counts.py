"""Count checks: a count stated in the paragraph that introduces a table, against the
table ("5 (lima) program ... pada tabel berikut" followed by a table of four programs)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import related_cell, short
from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.counts import counts_of
from sakiplint.model import Document
from sakiplint.read.numfmt import fmt

_NOUN_ID = {
    "program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan",
    "sasaran": "sasaran", "indikator": "indikator", "tujuan": "tujuan", "orang": "orang",
}
_NOUN_EN = {
    "program": "programs", "kegiatan": "activities (kegiatan)",
    "sub_kegiatan": "sub-activities (sub kegiatan)", "sasaran": "targets (sasaran)",
    "indikator": "indicators", "tujuan": "goals (tujuan)", "orang": "people",
}


def count_vs_table(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A whole count in a table's introducing paragraph that the table contradicts."""
    for link in counts_of(doc).linked:
        if link.count is None or link.agrees:
            continue
        c, table = link.claim, link.table
        caption = short(table.title, 80)
        yield Issue(
            at=(c.line, c.column, c.line, c.end_column),
            actual=fmt(Decimal(c.value), 0, "id"),
            expected=" / ".join(fmt(Decimal(n), 0, "id") for n in link.counts),
            args={"noun": _NOUN_ID[c.noun], "noun_en": _NOUN_EN[c.noun], "table": caption},
            related=[Related(
                line=t.caption_line if t.caption_line is not None else t.start_line,
                message=f"tabel: {short(t.title, 80)} (baris {t.start_line}-{t.end_line})",
            ) for t in (table, *link.tables)] + [related_cell(cell, "jumlah")
                                                 for cell in link.cells],
        )
