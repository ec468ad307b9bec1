"""Rendering findings and tables: text and JSON. Knows nothing of how findings are made."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from sakiplint import __version__
from sakiplint.findings import Finding
from sakiplint.model import Document, Table


def output_schema() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "schemas" / "output.schema.json").read_text("utf-8"))


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule": f.rule, "slug": f.slug, "category": f.category, "severity": f.severity,
        "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
        "message": f.message(lang), "table": f.table,
        "related": [{"line": r.line, "column": r.column, "message": r.message} for r in f.related],
        "actual": f.actual, "expected": f.expected,
    }


def summary(results: list[tuple[Document | None, str, list[Finding]]]) -> dict[str, Any]:
    sev: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for _, _, fs in results:
        for f in fs:
            sev[f.severity] += 1
            rules[f.rule] += 1
    return {
        "files": len(results),
        "findings": sum(sev.values()),
        "by_severity": {k: sev.get(k, 0) for k in ("error", "warning", "info")},
        "by_rule": dict(sorted(rules.items())),
    }


def render_json(results: list[tuple[Document | None, str, list[Finding]]], lang: str) -> str:
    files = []
    for doc, path, fs in results:
        files.append({
            "path": path,
            "encoding": doc.encoding if doc else None,
            "report_year": doc.report_year if doc else None,
            "warnings": doc.warnings if doc else [],
            "findings": [finding_dict(f, lang) for f in fs],
        })
    out = {"version": __version__, "files": files, "summary": summary(results)}
    return json.dumps(out, ensure_ascii=False, indent=2)


_LABELS = {
    "id": {"expected": "seharusnya", "related": "terkait", "found": "temuan", "files": "berkas",
           "none": "Tidak ada temuan."},
    "en": {"expected": "expected", "related": "related", "found": "finding(s)", "files": "file(s)",
           "none": "No findings."},
}


def render_text(
    results: list[tuple[Document | None, str, list[Finding]]], lang: str, color: bool = False,
    show_source: bool = True,
) -> str:
    lab = _LABELS.get(lang, _LABELS["id"])
    out: list[str] = []

    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    for doc, path, fs in results:
        for f in fs:
            sev = {"error": "31", "warning": "33", "info": "36"}[f.severity]
            out.append(
                f"{c('1', path)}:{f.line}:{f.column}: {c(sev + ';1', f.rule)} {f.message(lang)}"
            )
            if show_source and doc is not None and 1 <= f.line <= len(doc.lines):
                src = doc.lines[f.line - 1].replace("\t", " ")
                start = max(f.column - 1, 0)
                width = max(1, (f.end_column - f.column) if f.end_line == f.line else 1)
                lo = max(0, start - 40)
                snippet = src[lo:start + width + 40]
                prefix = "…" if lo > 0 else ""
                out.append(f"   {f.line:>5} | {prefix}{snippet}")
                out.append(f"         | {' ' * (len(prefix) + start - lo)}{c(sev, '^' * width)}")
            if f.expected is not None:
                out.append(f"         = {lab['expected']}: {f.expected}")
            for r in f.related[:8]:
                out.append(f"         - {lab['related']} {path}:{r.line}: {r.message}")
            if len(f.related) > 8:
                out.append(f"         - … (+{len(f.related) - 8})")
    total = sum(len(fs) for _, _, fs in results)
    if total:
        out.append(f"{total} {lab['found']} ({len(results)} {lab['files']})")
    else:
        out.append(lab["none"])
    return "\n".join(out)


# --------------------------------------------------------------------------- tables view

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
