"""Rendering findings and tables: text, JSON, SARIF 2.1.0, GitHub workflow commands and
statistics. Knows nothing of how findings are made."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sakiplint import __version__
from sakiplint.engine.findings import Finding
from sakiplint.model import Document, Table

if TYPE_CHECKING:
    from sakiplint.engine.rules import Rule

#: (document, path, findings) of each linted file
Results = list[tuple[Document | None, str, list[Finding]]]
#: one language for all files, or one per path (a file's configuration may set it)
Lang = str | Mapping[str, str]


def lang_of(lang: Lang, path: str, default: str = "id") -> str:
    if isinstance(lang, str):
        return lang
    return lang.get(path, default)


def main_lang(lang: Lang) -> str:
    """The language of text that belongs to no single file (summary lines)."""
    if isinstance(lang, str):
        return lang
    return next(iter(lang.values()), "id")


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


def render_json(
    results: Results, lang: Lang, meta: Mapping[str, Mapping[str, Any]] | None = None
) -> str:
    """``meta``: extra keys per file path (e.g. the configured agency)."""
    files = []
    for doc, path, fs in results:
        entry: dict[str, Any] = {
            "path": path,
            "encoding": doc.encoding if doc else None,
            "report_year": doc.report_year if doc else None,
            "warnings": doc.warnings if doc else [],
        }
        entry.update((meta or {}).get(path, {}))
        entry["findings"] = [finding_dict(f, lang_of(lang, path)) for f in fs]
        files.append(entry)
    out = {"version": __version__, "files": files, "summary": summary(results)}
    return json.dumps(out, ensure_ascii=False, indent=2)


_LABELS = {
    "id": {"expected": "seharusnya", "related": "terkait", "found": "temuan", "files": "berkas",
           "none": "Tidak ada temuan."},
    "en": {"expected": "expected", "related": "related", "found": "finding(s)", "files": "file(s)",
           "none": "No findings."},
}


def render_text(
    results: Results, lang: Lang, color: bool = False, show_source: bool = True,
    quiet: bool = False,
) -> str:
    """ruff-style text: ``path:line:col: CODE message``, the source line with the value marked,
    the expected value and related lines; then a summary line (not when ``quiet``)."""
    lab = _LABELS.get(main_lang(lang), _LABELS["id"])
    out: list[str] = []

    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    for doc, path, fs in results:
        flang = lang_of(lang, path)
        flab = _LABELS.get(flang, _LABELS["id"])
        for f in fs:
            sev = {"error": "31", "warning": "33", "info": "36"}[f.severity]
            out.append(
                f"{c('1', path)}:{f.line}:{f.column}: {c(sev + ';1', f.rule)} {f.message(flang)}"
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
                out.append(f"         = {flab['expected']}: {f.expected}")
            for r in f.related[:8]:
                out.append(f"         - {flab['related']} {path}:{r.line}: {r.message}")
            if len(f.related) > 8:
                out.append(f"         - … (+{len(f.related) - 8})")
    total = sum(len(fs) for _, _, fs in results)
    if quiet:
        pass
    elif total:
        out.append(f"{total} {lab['found']} ({len(results)} {lab['files']})")
    else:
        out.append(lab["none"])
    return "\n".join(out)


# --------------------------------------------------------------------------- statistics

def statistics(results: Results) -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (then by code)."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for _, _, fs in results:
        for f in fs:
            counts[f.rule] += 1
            first.setdefault(f.rule, f)
    return [
        {"code": code, "name": first[code].slug, "severity": first[code].severity,
         "count": n}
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def render_statistics(results: Results, fmt: str = "text") -> str:
    stats = statistics(results)
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2)
    if not stats:
        return ""
    w = max(len(str(s["count"])) for s in stats)
    return "\n".join(
        f"{s['count']:>{w}}\t{s['code']}\t[{s['severity']}] {s['name']}" for s in stats
    )


# --------------------------------------------------------------------------- github

_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Results, lang: Lang) -> str:
    """GitHub Actions workflow commands: one ``::error file=...::message`` line per finding
    (``warning`` and ``notice`` for the other severities)."""
    out = []
    for _, path, fs in results:
        flang = lang_of(lang, path)
        for f in fs:
            msg = f.message(flang)
            if f.expected is not None and f.expected not in msg:
                msg += f" ({_LABELS.get(flang, _LABELS['id'])['expected']}: {f.expected})"
            out.append(
                f"::{_GH_LEVEL[f.severity]} file={_gh_prop(path)},line={f.line},"
                f"col={f.column},endLine={f.end_line},endColumn={f.end_column},"
                f"title={_gh_prop(f.rule)}::{_gh_data(msg)}"
            )
    return "\n".join(out)


# --------------------------------------------------------------------------- sarif

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict[str, Any]:
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def sarif_log(results: Results, lang: Lang, rules: Iterable[Rule]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run. ``rules``: metadata of the rules that ran (and of any
    pseudo-rule such as SK001 that produced findings)."""
    main = main_lang(lang)
    by_code: dict[str, Rule] = {}
    for r in rules:
        by_code.setdefault(r.code, r)
    rule_list = sorted(by_code.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rule_list)}
    driver_rules = []
    for r in rule_list:
        why = (r.docs.get("why") or {}).get(main)
        entry: dict[str, Any] = {
            "id": r.code,
            "name": r.slug,
            "shortDescription": {"text": r.description.get(main) or r.description["id"]},
            "fullDescription": {
                "text": " ".join((why or r.description.get(main) or "").split())
            },
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"category": r.category, "tags": [r.category]},
        }
        driver_rules.append(entry)
    sarif_results = []
    relative = False
    for _, path, fs in results:
        flang = lang_of(lang, path)
        art = _artifact(path)
        relative = relative or "uriBaseId" in art
        for f in fs:
            res: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message(flang)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": art,
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
            }
            if f.rule in index:
                res["ruleIndex"] = index[f.rule]
            if f.related:
                res["relatedLocations"] = [
                    {"id": i, "message": {"text": r.message}, "physicalLocation": {
                        "artifactLocation": art,
                        "region": {"startLine": r.line}
                        | ({"startColumn": r.column} if r.column else {}),
                    }}
                    for i, r in enumerate(f.related)
                ]
            props = {k: v for k, v in (("actual", f.actual), ("expected", f.expected),
                                       ("table", f.table)) if v is not None}
            if props:
                res["properties"] = props
            sarif_results.append(res)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "sakiplint", "version": __version__, "semanticVersion": __version__,
            "rules": driver_rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if relative:
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}
        }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(results: Results, lang: Lang, rules: Iterable[Rule]) -> str:
    return json.dumps(sarif_log(results, lang, rules), ensure_ascii=False, indent=2)


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
