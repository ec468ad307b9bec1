"""DQ109-DQ111: years and names the report contradicts elsewhere (``sakiplint.facts.yearnames``).
"""

from __future__ import annotations

from collections.abc import Iterator

from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.yearnames import caption_years, name_leftovers, stale_years
from sakiplint.model import Document

_WHERE = {
    "id": {"daftar": "Daftar Tabel/Gambar", "caption": "judul", "header": "kepala kolom",
           "intro": "kalimat pengantar"},
    "en": {"daftar": "the list of tables/figures", "caption": "the caption",
           "header": "the column header", "intro": "the introducing sentence"},
}


def stale_year(ctx: Context, doc: Document) -> Iterator[Issue]:
    """DQ109: this year's documents or analysis named with an earlier year."""
    for s in stale_years(doc):
        yield Issue(
            at=(s.line, s.column, s.line, s.column + 4),
            actual=str(s.year), expected=str(s.expected),
            args={"text": s.text, "year": s.expected},
        )


def caption_year(ctx: Context, doc: Document) -> Iterator[Issue]:
    """DQ110: the year one place gives a phrase of a numbered table or figure, where the
    other places naming it agree on another year."""
    for d in caption_years(doc):
        yield Issue(
            at=(d.line, d.column, d.line, d.column + 4),
            actual=str(d.year), expected=str(d.expected),
            args={"number": d.number, "phrase": d.phrase,
                  "where_id": _WHERE["id"][d.where], "where_en": _WHERE["en"][d.where],
                  "others_id": ", ".join(f"{_WHERE['id'][w]} (baris {ln})" for w, ln in d.others),
                  "others_en": ", ".join(f"{_WHERE['en'][w]} (line {ln})" for w, ln in d.others)},
            related=[Related(ln, f"{_WHERE['id'][w]}: {d.expected}") for w, ln in d.others],
        )


def agency_name_leftover(ctx: Context, doc: Document) -> Iterator[Issue]:
    """DQ111: the agency's own name followed by a leftover of another agency's name."""
    for n in name_leftovers(doc):
        yield Issue(
            at=(n.line, n.column, n.line, n.column + len(n.leftover)),
            actual=n.text, expected=n.text[: len(n.text) - len(n.leftover)].rstrip(),
            args={"leftover": n.leftover},
        )
