"""What the parser understood of a document's tables (``sakiplint tables``)."""

from __future__ import annotations

import json
from typing import Any

from sakiplint.model import Document, Table


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
    return json.dumps(
        {"path": doc.path, "report_year": doc.report_year,
         "tables": [table_dict(t) for t in doc.tables]},
        ensure_ascii=False, indent=2,
    )


def render_tables_text(doc: Document, cells: bool = True) -> str:
    out = [f"{doc.path}: {len(doc.tables)} tabel; tahun laporan: {doc.report_year or '?'}"]
    for t in doc.tables:
        parts = "" if len(t.parts) == 1 else f" ({len(t.parts)} bagian: " + ", ".join(
            f"{a}-{b}" for a, b in t.parts) + ")"
        out.append("")
        out.append(f"#{t.index} {t.title}  [baris {t.start_line}-{t.end_line}]{parts} {t.style}")
        if t.skipped:
            out.append(f"   dilewati: {t.skipped}")
            out.extend(f"   catatan: {note}" for note in t.notes)
            continue
        for col in t.columns:
            extra = []
            if col.year:
                extra.append(str(col.year))
            if col.stage:
                extra.append(col.stage)
            if col.numeric:
                extra.append(f"angka/{col.notation}" + ("/Rp" if col.money else ""))
            out.append(f"   kolom {col.index + 1}: {col.role or '-'}"
                       f"{' (' + ', '.join(extra) + ')' if extra else ''}  «{col.header}»")
        for repair in t.repairs:
            out.append(f"   perbaikan: {repair}")
        for note in t.notes:
            out.append(f"   catatan: {note}")
        if cells:
            for r in t.rows:
                tag = r.kind + (f"/L{r.level}" if r.level else "")
                vals = " | ".join(
                    (str(c.number) if c.number is not None else (c.text[:30] or "·"))
                    for c in r.cells
                )
                out.append(f"   {r.line:>5} {tag:<9} {vals}")
    return "\n".join(out)
