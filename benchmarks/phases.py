"""Per-phase breakdown of one ``sakiplint check`` run, in a fresh process.

    python benchmarks/phases.py [REPORT] [--rules] [--memos]

Times (wall clock) the phases in the order the CLI runs them: imports, configuration and
rule pack, importing the check modules (done on a rule's first call in a real run), reading,
table parsing, the rules (each one with ``--rules``; the first rule to ask for shared
knowledge, such as the prose or the claims, pays for building it: ``--memos`` times those
separately), suppressions and output. Run it twice: the first run fills the on-disk caches
(grammar tables, rule pack). The interpreter's own start-up is not included: compare with
``python -c pass``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

T0 = time.perf_counter()
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kotabangun-2023.md"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else str(DEFAULT)
    marks: list[tuple[str, float]] = []
    last = time.perf_counter()

    def mark(label: str) -> None:
        nonlocal last
        now = time.perf_counter()
        marks.append((label, now - last))
        last = now

    import sakiplint.cli  # noqa: F401
    mark("import sakiplint.cli")
    import importlib

    from sakiplint.engine import check_ref, run_rules
    from sakiplint.engine.config import Resolver
    from sakiplint.engine.lint import apply_overrides
    from sakiplint.engine.suppress import apply_suppressions
    from sakiplint.read.parse import parse_document
    from sakiplint.read.source import read_source
    from sakiplint.report.text import render_text
    mark("import the rest of the pipeline")
    eff = Resolver().for_file(Path(path))
    rules = eff.rules()
    mark("configuration + rule pack")
    for r in rules:
        importlib.import_module(check_ref(r.check).partition(":")[0])
    mark("import the check modules")
    source = read_source(path)
    mark("read")
    doc = apply_overrides(parse_document(source), eff.report_year, eff.renstra_period)
    mark("parse (blocks, tables, cells)")
    memos: dict[str, float] = {}
    if "--memos" in sys.argv:
        _time_memos(doc, memos)
    settings = eff.settings()
    if "--rules" in sys.argv:
        findings = []
        for r in rules:
            t = time.perf_counter()
            findings += run_rules(doc, [r], settings)
            marks.append((f"  rule {r.code} ({check_ref(r.check)})", time.perf_counter() - t))
        last = time.perf_counter()
    else:
        findings = run_rules(doc, rules, settings)
    mark("rules")
    res = apply_suppressions(doc.lines, findings)
    render_text([(doc, path, res.kept)], "id", color=False, quiet=False)
    mark("suppress + output")
    total = time.perf_counter() - T0
    for label, dt in marks:
        print(f"{dt * 1000:8.1f} ms  {label}")
    for key, dt in sorted(memos.items(), key=lambda kv: -kv[1]):
        print(f"{dt * 1000:8.1f} ms    (built on first request: {key}, inclusive)")
    print(f"{total * 1000:8.1f} ms  total in process (after interpreter start)")


def _time_memos(doc: Any, times: dict[str, float]) -> None:
    """Time each piece of shared knowledge (``Document.memo``) and the prose when built."""
    cls = type(doc)
    memo, prose = cls.memo, cls._parse_prose

    def timed_memo(self: Any, key: str, build: Any) -> Any:
        if key in self._memo:
            return self._memo[key]
        t = time.perf_counter()
        value = memo(self, key, build)
        times[key] = time.perf_counter() - t
        return value

    def timed_prose(self: Any) -> Any:
        if self._prose is not None:
            return self._prose
        t = time.perf_counter()
        value = prose(self)
        times["prose (markdown-it)"] = time.perf_counter() - t
        return value

    cls.memo, cls._parse_prose = timed_memo, timed_prose


if __name__ == "__main__":
    main()
