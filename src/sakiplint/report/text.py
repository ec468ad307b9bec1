"""Text output: ruff-style findings, and per-rule statistics."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from sakiplint.engine.findings import SEVERITIES, Finding
from sakiplint.report.common import (
    Lang,
    Results,
    labels,
    lang_of,
    main_lang,
    plural,
    safe,
    safe_path,
)
from sakiplint.report.location import prefix

SEVERITY_COLOR = {"error": "31", "warning": "33", "info": "36"}
#: how a TAB of the source line is shown in a snippet (so that columns stay visible)
TAB = "→"


def summary_line(results: Results, lang: str, unreadable: int = 0) -> str:
    """"3 temuan (2 error, 1 warning, 0 info) dalam 2 berkas" / "3 findings (2 errors,
    1 warning, 0 info) in 2 files"; the severities are the names ``--fail-on`` takes."""
    lab = labels(lang)
    counts = {s: 0 for s in SEVERITIES}
    for _, _, fs in results:
        for f in fs:
            counts[f.severity] += 1
    total = sum(counts.values())
    files = len(results)
    tail = f" ({unreadable} {lab['unreadable']})" if unreadable else ""
    if not total:
        return lab["none"] + tail
    split = ", ".join(plural(n, s, lang) for s, n in counts.items())
    if lang == "en":
        return (f"{plural(total, 'finding', 'en')} ({split}) in "
                f"{plural(files, 'file', 'en')}{tail}")
    return f"{total} temuan ({split}) dalam {files} berkas{tail}"


def _snippet(line: str, f: Finding, header: str | None, lab: dict[str, str],
             paint: Callable[[str, str], str]) -> list[str]:
    """The source line around the value (TABs shown as →), the value marked ^^^ and, in a
    table, the column it is in."""
    src = line.replace("\t", TAB)
    start = max(f.column - 1, 0)
    width = max(1, (f.end_column - f.column) if f.end_line == f.line else 1)
    lo = max(0, start - 40)
    # escaped (see safe) before and after the value apart, so that the marks stay under it
    before = safe(src[lo:start])
    snippet = (before + safe(src[start:start + width + 40])).rstrip()
    lead = "…" if lo > 0 else ""
    suffix = "…" if start + width + 40 < len(src.rstrip()) else ""
    marks = paint(SEVERITY_COLOR[f.severity], "^" * width)
    where = f" {lab['column']} \"{safe(header)}\"" if header else ""
    gutter = "     " if f.location else f"{f.line:>5}"   # Word / PDF: no line of theirs
    return [f"   {gutter} | {lead}{snippet}{suffix}",
            f"         | {' ' * (len(lead) + len(before))}{marks}{where}"]


def render_text(
    results: Results, lang: Lang, color: bool = False, show_source: bool = True,
    quiet: bool = False, unreadable: int = 0,
) -> str:
    """ruff-style text: ``path:line:col: CODE [severity] message``, the source line with the
    value marked (and the table column named), the expected value and related cells; then a
    summary line splitting the counts by severity (not when ``quiet``)."""
    return "\n".join(iter_text(results, lang, color, show_source, quiet, unreadable))


def iter_text(
    results: Results, lang: Lang, color: bool = False, show_source: bool = True,
    quiet: bool = False, unreadable: int = 0,
) -> Iterator[str]:
    """The lines of :func:`render_text`, made one finding at a time (the command line writes
    them as they come: a long report's output is never one string in memory)."""

    def paint(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    for doc, raw_path, fs in results:
        flang = lang_of(lang, raw_path)
        flab = labels(flang)
        path = safe_path(raw_path)  # document text and file names are escaped (see safe)
        for f in fs:
            sev = SEVERITY_COLOR[f.severity]
            # Word / PDF: the page, table, row and column instead of the text's line:column
            where = prefix(path, f.location, flang) if f.location else f"{path}:{f.line}:{f.column}"
            yield (
                f"{paint('1', safe(where))}: {paint(sev + ';1', safe(f.rule))} "
                f"{paint(sev, '[' + f.severity + ']')} {safe(f.message(flang))}"
            )
            if show_source and doc is not None and 1 <= f.line <= len(doc.lines):
                yield from _snippet(doc.lines[f.line - 1], f, f.header_text(flang), flab, paint)
            expected = f.expected_text(flang)
            if expected is not None:
                yield f"         = {flab['expected']}: {safe(expected)}"
            for r in f.related[:8]:
                at = prefix(path, r.location, flang) if r.location else f"{path}:{r.line}"
                yield f"         - {flab['related']} {safe(at)}: {safe(r.text(flang))}"
            if len(f.related) > 8:
                yield f"         - … (+{len(f.related) - 8})"
    if not quiet:
        yield summary_line(results, main_lang(lang), unreadable)


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


