"""What the Word and PDF readers share: the report text they write, line by line, with the
origin of every span (``SourceMap``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sakiplint.model import Origin, SourceMap


@dataclass(slots=True)
class OfficeText:
    """A Word or PDF file read as report text."""

    text: str
    source_map: SourceMap
    warnings: list[str] = field(default_factory=list)


class LineWriter:
    """Report text lines and the source map of their spans."""

    def __init__(self, kind: str) -> None:
        self.lines: list[str] = []
        self.source_map = SourceMap(kind)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def write(self, spans: list[tuple[str, Origin | None]]) -> None:
        """One line from (text, origin) spans; spans with an origin are mapped (an empty
        table cell too, as an empty span where it stands)."""
        ln = len(self.lines) + 1
        col = 1
        parts: list[str] = []
        for text, origin in spans:
            if origin is not None:
                self.source_map.add(ln, col, col + len(text), origin)
            parts.append(text)
            col += len(text)
        self.lines.append("".join(parts))

    def result(self, warnings: list[str] | None = None) -> OfficeText:
        return OfficeText("\n".join(self.lines) + "\n", self.source_map, warnings or [])
