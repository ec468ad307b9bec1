"""JSON output (schema: ``schemas/output.schema.json``, ``sakiplint schema``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sakiplint import __version__
from sakiplint.engine.findings import Finding, Location
from sakiplint.model import Document
from sakiplint.report.common import Lang, Results, lang_of, unsurrogate


def output_schema() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "schemas" / "output.schema.json").read_text("utf-8"))


def location_dict(loc: Location) -> dict[str, Any]:
    """Word / PDF: page, paragraph, table (its number in the file and its caption number),
    row, column (grid number and header), bbox (PDF); unknown ones left out."""
    return loc.to_dict()


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return f.to_dict(lang)


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
            "path": unsurrogate(path),  # a name that is not UTF-8: its bytes as \xNN
            "encoding": doc.encoding if doc else None,
            "report_year": doc.report_year if doc else None,
            "warnings": [unsurrogate(w) for w in doc.warnings] if doc else [],
        }
        entry.update((meta or {}).get(path, {}))
        entry["findings"] = [finding_dict(f, lang_of(lang, path)) for f in fs]
        files.append(entry)
    out = {"version": __version__, "files": files, "summary": summary(results)}
    return json_text(out)


def json_text(data: Any) -> str:
    """JSON text that can be written as UTF-8 (a stray surrogate escaped as ``\\udcxx``)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, indent=2)
    return text


