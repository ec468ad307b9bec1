"""Prose structure (headings, paragraphs, list items) from markdown-it-py.

Table lines are blanked before tokenising so that TAB rows are not read as code blocks and
line numbers stay true.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from sakiplint.model import Heading, Paragraph

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_YEAR_TITLE = re.compile(
    r"(?:LKjIP|LKj|LAKIP|LAKIP|laporan\s+kinerja|laporan\s+akuntabilitas)[^\n]{0,120}?"
    r"(?:tahun\s+(?:anggaran\s+)?)?(20\d\d)",
    re.I,
)
_TAHUN = re.compile(r"tahun\s+(?:anggaran\s+)?(20\d\d)", re.I)
_HTML_TAGS = re.compile(r"<[^>]+>")
_MD_MARK = re.compile(r"(\*\*|__|`)")


@cache
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).disable(["code"])


def parse_prose(lines: list[str], table_lines: set[int]) -> tuple[list[Heading], list[Paragraph]]:
    text = "\n".join("" if (i + 1) in table_lines else ln for i, ln in enumerate(lines))
    tokens = _md().parse(text)
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    in_item = 0
    for k, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type == "heading_open" and tok.map:
            inline = tokens[k + 1]
            headings.append(Heading(tok.map[0] + 1, int(tok.tag[1:]), _plain(inline.content)))
        elif tok.type == "paragraph_open" and tok.map:
            inline = tokens[k + 1]
            paragraphs.append(Paragraph(
                tok.map[0] + 1, tok.map[1], _plain(inline.content),
                "list_item" if in_item else "paragraph",
            ))
    return headings, paragraphs


def _plain(text: str) -> str:
    return _MD_MARK.sub("", _HTML_TAGS.sub(" ", text)).strip()


def detect_report_year(lines: list[str]) -> int | None:
    """The reporting year from the title page: the first early line naming the report
    (LKjIP / Laporan Kinerja ... 2023), else the first "Tahun 2023" in the opening."""
    head = "\n".join(lines[:60])
    m = _YEAR_TITLE.search(head)
    if m:
        return int(m.group(1))
    m = _TAHUN.search(head)
    return int(m.group(1)) if m else None
