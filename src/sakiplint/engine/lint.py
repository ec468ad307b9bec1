"""The library entry point: lint a file or a text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sakiplint.engine.findings import Finding
from sakiplint.engine.locate import locate_findings
from sakiplint.engine.rules import Rule, RuleCrash, Settings, all_rules, run_rules
from sakiplint.model import Document
from sakiplint.read.load import load_document
from sakiplint.read.parse import parse_document
from sakiplint.read.source import Source, normalise_newlines


def default_rules() -> list[Rule]:
    return [r for r in all_rules() if r.enabled_by_default]


def apply_overrides(
    doc: Document, report_year: int | None = None, renstra_period: tuple[int, int] | None = None
) -> Document:
    """Facts the configuration supplies: the report year (used when the report does not
    state it) and the Renstra period (used instead of the one the report names)."""
    if doc.report_year is None:
        doc.report_year = report_year
    if renstra_period is not None:
        from sakiplint.facts.timeframe import set_renstra_period

        set_renstra_period(doc, renstra_period)
    return doc


def lint_document(
    doc: Document, rules: Iterable[Rule] | None = None, settings: Settings | None = None,
    report_year: int | None = None, renstra_period: tuple[int, int] | None = None,
    crashes: list[RuleCrash] | None = None,
) -> tuple[Document, list[Finding]]:
    """Run the rules (all enabled ones by default) on a parsed document; see
    :func:`apply_overrides`. Findings of a Word / PDF document get their location there.
    ``crashes``: where rules that raised are reported (see :func:`run_rules`)."""
    doc = apply_overrides(doc, report_year, renstra_period)
    findings = run_rules(doc, default_rules() if rules is None else rules, settings, crashes)
    if doc.source_map is not None:
        locate_findings(doc, findings)
    return doc, findings


def lint_source(
    source: Source, rules: Iterable[Rule] | None = None, settings: Settings | None = None,
    report_year: int | None = None, renstra_period: tuple[int, int] | None = None,
    crashes: list[RuleCrash] | None = None,
) -> tuple[Document, list[Finding]]:
    """Parse and run the rules (all enabled ones by default); see :func:`apply_overrides`.
    ``crashes``: where rules that raised are reported (see :func:`run_rules`)."""
    import decimal

    from sakiplint.read.numfmt import number_context

    with decimal.localcontext(number_context(source.text)):
        doc = parse_document(source)
    return lint_document(doc, rules, settings, report_year, renstra_period, crashes)


def lint_file(
    path: str | Path, rules: Iterable[Rule] | None = None, settings: Settings | None = None
) -> tuple[Document, list[Finding]]:
    """Lint a report file of any kind: markdown / text, Word (.docx) or PDF."""
    return lint_document(load_document(path), rules, settings)


def lint_text(
    text: str, rules: Iterable[Rule] | None = None, settings: Settings | None = None,
    path: str = "<text>",
) -> tuple[Document, list[Finding]]:
    return lint_source(Source(path=path, text=normalise_newlines(text), encoding="utf-8"),
                       rules, settings)
