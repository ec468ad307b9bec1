"""Text output: ruff-style findings, and per-rule statistics."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sakiplint.engine.findings import Finding
from sakiplint.report.common import LABELS, Lang, Results, lang_of, main_lang
from sakiplint.report.location import prefix


def render_text(
    results: Results, lang: Lang, color: bool = False, show_source: bool = True,
    quiet: bool = False,
) -> str:
    """ruff-style text: ``path:line:col: CODE message``, the source line with the value marked,
    the expected value and related lines; then a summary line (not when ``quiet``)."""
    lab = LABELS.get(main_lang(lang), LABELS["id"])
    out: list[str] = []

    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    for doc, path, fs in results:
        flang = lang_of(lang, path)
        flab = LABELS.get(flang, LABELS["id"])
        for f in fs:
            sev = {"error": "31", "warning": "33", "info": "36"}[f.severity]
            # Word / PDF: the page, table, row and column instead of the text's line:column
            where = prefix(path, f.location, flang) if f.location else f"{path}:{f.line}:{f.column}"
            out.append(f"{c('1', where)}: {c(sev + ';1', f.rule)} {f.message(flang)}")
            if show_source and doc is not None and 1 <= f.line <= len(doc.lines):
                src = doc.lines[f.line - 1].replace("\t", " ")
                start = max(f.column - 1, 0)
                width = max(1, (f.end_column - f.column) if f.end_line == f.line else 1)
                lo = max(0, start - 40)
                snippet = src[lo:start + width + 40]
                lead = "…" if lo > 0 else ""
                gutter = "     " if f.location else f"{f.line:>5}"
                out.append(f"   {gutter} | {lead}{snippet}")
                out.append(f"         | {' ' * (len(lead) + start - lo)}{c(sev, '^' * width)}")
            if f.expected is not None:
                out.append(f"         = {flab['expected']}: {f.expected}")
            for r in f.related[:8]:
                at = prefix(path, r.location, flang) if r.location else f"{path}:{r.line}"
                out.append(f"         - {flab['related']} {at}: {r.message}")
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


