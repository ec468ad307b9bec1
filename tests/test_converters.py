"""Generated robustness test: the same report as other tools write it. A Word export with
CRLF line ends, a UTF-8 BOM, trailing spaces, non-breaking spaces around TAB cells, or a
converter that writes TAB rows as pipe rows must give the same findings (rule, line,
actual, expected) as the original. Runs on every corpus report."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from conftest import corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_source
from sakiplint.read.source import decode

REPORTS = corpus_reports()


def _findings(data: bytes) -> list[tuple[str, int, str | None, str | None]]:
    _, found = lint_source(decode(data, "report.md"))
    return sorted((f.rule, f.line, f.actual, f.expected) for f in found)


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def _trailing_spaces(text: str) -> bytes:
    return "\n".join(line + "  " if line.strip() else line
                     for line in text.split("\n")).encode("utf-8")


def _nbsp_around_tabs(text: str) -> bytes:
    return text.replace("\t", "\u00a0\t").encode("utf-8")


_TSV_ROW = re.compile(r"^[^\t\n]*(?:\t[^\t\n]*)+$")


def _tabs_as_pipes(text: str) -> bytes:
    """TAB rows written as pipe rows ("| a | b |"), the header row followed by no separator:
    some converters do so. Same lines, same line numbers."""
    out = []
    for line in text.split("\n"):
        if _TSV_ROW.match(line) and "|" not in line:
            line = "| " + " | ".join(c.strip() for c in line.split("\t")) + " |"
        out.append(line)
    return "\n".join(out).encode("utf-8")


VARIANTS: dict[str, Callable[[str], bytes]] = {
    "crlf": _crlf, "bom": _bom, "trailing-spaces": _trailing_spaces,
    "nbsp-around-tabs": _nbsp_around_tabs, "tabs-as-pipes": _tabs_as_pipes,
}


@needs_corpus
@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_same_findings_whatever_the_converter(report, variant: str) -> None:
    text = report.read_bytes().decode("utf-8")
    assert _findings(VARIANTS[variant](text)) == _findings(report.read_bytes())
