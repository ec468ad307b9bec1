"""Findings: what a rule reports. Rendering (text, json ...) lives in ``sakiplint.report``."""

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


@dataclass(slots=True)
class Related:
    line: int
    message: str
    column: int | None = None
    location: Location | None = None


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
    location: Location | None = None       # Word / PDF input: page, table, row, column

    def message(self, lang: str = "id") -> str:
        fallback = next(iter(self.messages.values()))
        return self.messages.get(lang) or self.messages.get("id") or fallback

    def sort_key(self) -> tuple[Any, ...]:
        return (self.line, self.column, self.rule, self.end_line, self.end_column)
