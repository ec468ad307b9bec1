"""The library entry point: lint a file or a text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sakiplint.engine import Rule, Settings, all_rules, run_rules
from sakiplint.findings import Finding
from sakiplint.model import Document
from sakiplint.parse import parse_document
from sakiplint.source import Source, read_source


def default_rules() -> list[Rule]:
    return [r for r in all_rules() if r.enabled_by_default]


def lint_source(
    source: Source, rules: Iterable[Rule] | None = None, settings: Settings | None = None,
    report_year: int | None = None,
) -> tuple[Document, list[Finding]]:
    """Parse and run the rules (all enabled ones by default). ``report_year`` is used when
    the report does not state its year."""
    doc = parse_document(source)
    if doc.report_year is None:
        doc.report_year = report_year
    findings = run_rules(doc, default_rules() if rules is None else rules, settings)
    return doc, findings


def lint_file(
    path: str | Path, rules: Iterable[Rule] | None = None, settings: Settings | None = None
) -> tuple[Document, list[Finding]]:
    return lint_source(read_source(path), rules, settings)


def lint_text(
    text: str, rules: Iterable[Rule] | None = None, settings: Settings | None = None,
    path: str = "<text>",
) -> tuple[Document, list[Finding]]:
    return lint_source(Source(path=path, text=text, encoding="utf-8"), rules, settings)
