"""Regenerate the recorded corpus expectations (tables and findings).

Run only after reviewing every changed finding by hand:
    python tests/update_expectations.py && git diff tests/expectations
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import EXPECTATIONS, corpus_reports
from sakiplint.engine.lint import lint_file


def snapshot(path: Path) -> tuple[list[dict], list[dict]]:
    doc, findings = lint_file(path)
    tables = [
        {"caption": t.caption, "start_line": t.start_line, "end_line": t.end_line,
         "parts": len(t.parts)}
        for t in doc.tables
    ]
    found = [
        {"rule": f.rule, "line": f.line, "column": f.column, "actual": f.actual,
         "expected": f.expected}
        for f in findings
    ]
    return tables, found


def main() -> None:
    EXPECTATIONS.mkdir(exist_ok=True)
    tables_all, findings_all = {}, {}
    for p in corpus_reports():
        tables_all[p.name], findings_all[p.name] = snapshot(p)
    (EXPECTATIONS / "corpus_tables.json").write_text(
        json.dumps(tables_all, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    old = {}
    fpath = EXPECTATIONS / "corpus_findings.json"
    if fpath.exists():
        old = json.loads(fpath.read_text(encoding="utf-8"))
    merged = {}
    for name, found in findings_all.items():
        reviews = {(r["rule"], r["line"], r["column"]): r.get("review")
                   for r in old.get(name, [])}
        for f in found:
            review = reviews.get((f["rule"], f["line"], f["column"]))
            f["review"] = review or "TODO: recompute by hand"
        merged[name] = found
    fpath.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
