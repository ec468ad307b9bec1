"""What the parser understood of a document's tables (``sakiplint tables``)."""

from __future__ import annotations

from typing import Any

from sakiplint.model import Document, Table
from sakiplint.report.common import safe, safe_path, unsurrogate


def table_dict(t: Table) -> dict[str, Any]:
    return {
        "index": t.index,
        "caption": t.caption,
        "caption_line": t.caption_line,
        "start_line": t.start_line,
        "end_line": t.end_line,
        "parts": [list(p) for p in t.parts],
        "style": t.style,
        "skipped": t.skipped,
        "notes": t.notes,
        "repairs": t.repairs,
        "columns": [
            {"index": c.index, "header": c.header, "role": c.role, "year": c.year,
             "stage": c.stage, "notation": c.notation, "numeric": c.numeric, "money": c.money}
            for c in t.columns
        ],
        "rows": [
            {
                "line": r.line, "kind": r.kind, "level": r.level, "label": r.label,
                "cells": [
                    {"text": cell.text, "line": cell.line, "column": cell.column,
                     "kind": cell.value.kind if cell.value else "empty",
                     "number": str(cell.number) if cell.number is not None else None,
                     "decimals": cell.decimals}
                    for cell in r.cells
                ],
            }
            for r in t.rows
        ],
    }


def render_tables_json(doc: Document) -> str:
    from sakiplint.report.jsonout import json_text

    return json_text({"path": unsurrogate(doc.path), "report_year": doc.report_year,
                   "tables": [table_dict(t) for t in doc.tables]})


_TABLES = {
    "id": {"tables": "tabel", "year": "tahun laporan", "parts": "bagian", "lines": "baris",
           "skipped": "dilewati", "column": "kolom", "number": "angka", "note": "catatan",
           "repair": "perbaikan"},
    "en": {"tables": "table(s)", "year": "report year", "parts": "parts", "lines": "lines",
           "skipped": "skipped", "column": "column", "number": "number", "note": "note",
           "repair": "repaired"},
}
#: column roles and row kinds as a reader says them
_ROLES = {
    "id": {"realisasi_anggaran": "realisasi anggaran", "rata_rata": "rata-rata",
           "number": "angka", "no": "nomor", "total": "jumlah", "average": "rata-rata"},
    "en": {"anggaran": "budget", "realisasi_anggaran": "spending", "serapan": "absorption",
           "persen": "percent", "sisa": "remainder", "selisih": "difference", "jumlah": "total",
           "rata_rata": "average", "efisiensi": "efficiency", "no": "number",
           "indikator": "indicator", "satuan": "unit", "keterangan": "remarks"},
}


def _role(role: str | None, lang: str) -> str:
    if not role:
        return "-"
    return _ROLES.get(lang, _ROLES["id"]).get(role, role)


def render_tables_text(doc: Document, cells: bool = True, lang: str = "id") -> str:
    from sakiplint.engine.words import STAGES, phrases, table_note, word

    lab = _TABLES.get(lang, _TABLES["id"])
    out = [f"{safe_path(doc.path)}: {len(doc.tables)} {lab['tables']}; {lab['year']}: "
           f"{doc.report_year or '?'}"]
    for t in doc.tables:
        parts = "" if len(t.parts) == 1 else f" ({len(t.parts)} {lab['parts']}: " + ", ".join(
            f"{a}-{b}" for a, b in t.parts) + ")"
        out.append("")
        out.append(f"#{t.index} {phrases(t.title, lang)}  [{lab['lines']} "
                   f"{t.start_line}-{t.end_line}]{parts} {t.style}")
        if t.skipped:
            out.append(f"   {lab['skipped']}: {table_note(t.skipped, lang)}")
            out.extend(f"   {lab['note']}: {table_note(note, lang)}" for note in t.notes)
            continue
        for col in t.columns:
            extra = []
            if col.year:
                extra.append(str(col.year))
            if col.stage:
                extra.append(word(STAGES, col.stage, lang))
            if col.numeric:
                extra.append(f"{lab['number']}/{col.notation}" + ("/Rp" if col.money else ""))
            out.append(f"   {lab['column']} {col.index + 1}: {_role(col.role, lang)}"
                       f"{' (' + ', '.join(extra) + ')' if extra else ''}  «{col.header}»")
        for repair in t.repairs:
            out.append(f"   {lab['repair']}: {table_note(repair, lang)}")
        for note in t.notes:
            out.append(f"   {lab['note']}: {table_note(note, lang)}")
        if cells:
            for r in t.rows:
                tag = _role(r.kind, lang) + (f"/L{r.level}" if r.level else "")
                vals = " | ".join(
                    (str(c.number) if c.number is not None else (c.text[:30] or "·"))
                    for c in r.cells
                )
                out.append(f"   {r.line:>5} {tag:<9} {vals}")
    # the report's own text (captions, headers, cells) escaped for the terminal
    return "\n".join(out[:1] + [safe(line) for line in out[1:]])
