"""Prose structure (headings, paragraphs, list items) from markdown-it-py.

Table lines are blanked before tokenising so that TAB rows are not read as code blocks and
line numbers stay true.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
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
#: what markdown-it strips from the start of a raw line of a paragraph: block quote and list
#: markers (a paragraph's text starts after them)
LINE_MARKERS = re.compile(r"^\s*(?:(?:>|[-*+]|\d{1,9}[.)])\s+)*")
_MD_MARK = re.compile(r"(\*\*|__|`)")


@cache
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # block structure only: the inline rule is off (the paragraph's raw inline text, which
    # is all sakiplint reads, is kept on the "inline" token without parsing it)
    return MarkdownIt("commonmark", {"html": True}).disable(["code", "inline"])


def parse_prose(
    lines: list[str], table_lines: frozenset[int] | set[int]
) -> tuple[list[Heading], list[Paragraph]]:
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


#: a sentence ends at ". ! ?" before a capital letter, a quote or a parenthesis, at ";", and at
#: ":" before a capital letter; not after an abbreviation ("Rp.", "No.", "s.d.", "Drs.") nor
#: after a list number that is all the sentence holds so far ("1. Program ...")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"(])|[.!?]\s*$|;|:(?=\s+[A-Z“\"(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:rp|no|nomor|dr|drs|ir|hj?|jl|kab|kec|kel|s\.d|s/d|st|prof|dra|tbk|dll|dsb|"
    r"an|a\.n|u\.b|ttd|ket)|\b[a-z])$",
    re.I,
)
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z]|[IVX]{1,4})$")


@lru_cache(maxsize=8192)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text`` (end excludes the closing mark; blank
    sentences are dropped). The one sentence splitter of sakiplint; remembered per text, as
    claims, counts, links and the time frame all split the same paragraphs."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        mark = m.group()
        before = text[start:m.start()]
        # abbreviations are short: only the end of the sentence so far is looked at (a
        # search over all of it would make long paragraphs quadratic)
        if mark == "." and (_ABBREVIATION.search(before[-12:]) or _LIST_NUMBER.match(before)):
            continue
        if before.strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return tuple(out)


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
