"""Where a finding is in a Word or PDF report, in words ("Tabel 3.1, baris 4, kolom
Capaian"), for the text outputs and the comments written into Word."""

from __future__ import annotations

from sakiplint.engine.findings import Location

_WORDS = {
    "id": {"table": "Tabel {}", "table_n": "tabel ke-{}", "row": "baris {}", "column": "kolom {}",
           "paragraph": "paragraf {}", "page": "halaman {}"},
    "en": {"table": "Table {}", "table_n": "table #{}", "row": "row {}", "column": "column {}",
           "paragraph": "paragraph {}", "page": "page {}"},
}


def describe(loc: Location, lang: str = "id") -> str:
    """The table, row and column (or the paragraph) of a location; "" when none is known."""
    w = _WORDS.get(lang, _WORDS["id"])
    if loc.table is not None:
        parts = [w["table"].format(loc.caption) if loc.caption else w["table_n"].format(loc.table)]
        if loc.row is not None:
            parts.append(w["row"].format(loc.row))
        if loc.column is not None:
            name = " ".join((loc.column_name or "").split())
            parts.append(w["column"].format(name if name and len(name) <= 60 else loc.column))
        return ", ".join(parts)
    if loc.paragraph is not None:
        return w["paragraph"].format(loc.paragraph)
    return ""


def prefix(path: str, loc: Location, lang: str = "id") -> str:
    """``laporan.pdf:12: Tabel 3.1, baris 4, kolom Capaian`` (page after the path when it
    is known), without the closing colon."""
    head = f"{path}:{loc.page}" if loc.page is not None else path
    where = describe(loc, lang)
    return f"{head}: {where}" if where else head


def page_words(loc: Location, lang: str = "id") -> str:
    w = _WORDS.get(lang, _WORDS["id"])
    return w["page"].format(loc.page) if loc.page is not None else ""
