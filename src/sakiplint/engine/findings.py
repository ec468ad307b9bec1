"""Findings: what a rule reports. Rendering (text, json ...) lives in ``sakiplint.report``.

A finding keeps its message in every language; its related notes, expected value and table
title are rendered in the language asked for (:mod:`sakiplint.engine.words`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("arithmetic", "budget", "cross_table", "duplicate", "narrative", "data_quality")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is in a Word or PDF file (see ``sakiplint.engine.locate``)."""

    page: int | None = None
    paragraph: int | None = None   # Word: n-th non-empty body paragraph
    table: int | None = None       # n-th table of the file
    caption: str | None = None     # that table's caption number ("3.1"), if any
    row: int | None = None         # row of that table (header rows counted)
    column: int | None = None      # its grid column
    column_name: str | None = None  # the column's header
    bbox: tuple[float, float, float, float] | None = None   # PDF points: x0, top, x1, bottom

    def to_dict(self) -> dict[str, Any]:
        """Page, paragraph, table (its number in the file and its caption number), row,
        column (grid number and header), bbox (PDF); unknown ones left out."""
        out = {"page": self.page, "paragraph": self.paragraph, "table": self.table,
               "caption": self.caption, "row": self.row, "column": self.column,
               "column_name": self.column_name,
               "bbox": list(self.bbox) if self.bbox else None}
        return {k: v for k, v in out.items() if v is not None}


@dataclass(slots=True)
class Related:
    line: int
    message: str
    column: int | None = None
    location: Location | None = None

    def text(self, lang: str = "id") -> str:
        """The note in ``lang`` (checks write sakiplint's terms in Indonesian)."""
        from sakiplint.engine.words import related

        return related(self.message, lang)

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "column": self.column,
                               "message": self.text(lang)}
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out


@dataclass(slots=True)
class Finding:
    rule: str
    slug: str
    category: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    messages: dict[str, str]               # language -> message
    related: list[Related] = field(default_factory=list)
    actual: str | None = None
    expected: str | None = None
    table: str | None = None               # caption of the table the finding is in
    header: str | None = None              # header of the table column the value is in
    location: Location | None = None       # Word / PDF input: page, table, row, column

    def message(self, lang: str = "id") -> str:
        fallback = next(iter(self.messages.values()))
        return self.messages.get(lang) or self.messages.get("id") or fallback

    def expected_text(self, lang: str = "id") -> str | None:
        """The expected value as a reader of ``lang`` reads it ("≥ 1 January 2025")."""
        from sakiplint.engine.words import expected

        return expected(self.expected, lang)

    def table_text(self, lang: str = "id") -> str | None:
        from sakiplint.engine.words import phrases

        return phrases(self.table, lang) if self.table else self.table

    def header_text(self, lang: str = "id") -> str | None:
        from sakiplint.engine.words import phrases

        return phrases(self.header, lang) if self.header is not None else None

    def sort_key(self) -> tuple[Any, ...]:
        return (self.line, self.column, self.rule, self.end_line, self.end_column)

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """The finding as in ``sakiplint check --format json`` (schema: ``sakiplint
        schema``), its texts in ``lang``."""
        out: dict[str, Any] = {
            "rule": self.rule, "slug": self.slug, "category": self.category,
            "severity": self.severity, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "message": self.message(lang), "table": self.table_text(lang),
            "column_header": self.header_text(lang),
            "related": [r.to_dict(lang) for r in self.related],
            "actual": self.actual, "expected": self.expected_text(lang),
        }
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out
