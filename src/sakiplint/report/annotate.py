"""``check --annotate``: a copy of the Word report with a Word comment on each finding.

Each comment says the rule, the message and the expected value, in the chosen language, and
is anchored to the cell of the wrong value or, in a paragraph, to the value itself (to the
whole paragraph where the value cannot be found again). The report itself is never written:
the copy is saved next to its destination and moved into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sakiplint.engine.findings import Finding
from sakiplint.read.docx import Item, W, Walker, open_docx
from sakiplint.read.source import InputError
from sakiplint.report.common import LABELS
from sakiplint.report.location import describe

AUTHOR, INITIALS = "sakiplint", "SL"
_P, _R, _T = W + "p", W + "r", W + "t"
_RUN_HOLDERS = frozenset(W + t for t in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple",
                                          "customXml"))
_UNKNOWN = {"id": "(letak dalam dokumen tidak diketahui: baris {} teks laporan)",
            "en": "(place in the document unknown: line {} of the report text)"}


class AnnotateError(Exception):
    """The copy cannot be written (one line for the user)."""


def comment_text(f: Finding, lang: str) -> str:
    lab = LABELS.get(lang, LABELS["id"])
    lines = [f"{f.rule} {f.slug}: {f.message(lang)}"]
    if f.expected is not None:
        lines.append(f"{lab['expected']}: {f.expected}")
    for r in f.related[:4]:
        where = describe(r.location, lang) if r.location else ""
        lines.append(f"{lab['related']}: " + (f"{where}: " if where else "") + r.message)
    return "\n".join(lines)


def _runs(el: Any) -> list[Any]:
    """The w:r elements of a paragraph or cell, in order (inside insertions and links too;
    not inside deletions)."""
    out: list[Any] = []
    for child in el.iterchildren():
        if child.tag == _R:
            out.append(child)
        elif child.tag in _RUN_HOLDERS or child.tag == _P or child.tag == W + "tc":
            out.extend(_runs(child))
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(_runs(content))
    return out


def _text_runs(runs: Sequence[Any]) -> list[Any]:
    return [r for r in runs if r.find(_T) is not None and "".join(
        t.text or "" for t in r.iterchildren(_T))]


def _split(run: Any, at: int) -> Any:
    """Split a run holding one w:t at a text offset; returns the second run."""
    import copy

    t = run.find(_T)
    second = copy.deepcopy(run)
    text = t.text or ""
    t.text = text[:at]
    second.find(_T).text = text[at:]
    for el in (t, second.find(_T)):
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(second)
    return second


def _value_runs(paragraph: Any, needle: str, nth: int) -> list[Any] | None:
    """The runs holding exactly the ``nth`` occurrence of ``needle`` in a paragraph (runs
    split where the value starts or ends inside one), or None if it is not there."""
    runs = [r for r in _runs(paragraph) if r.find(_T) is not None]
    spans: list[tuple[Any, int, int]] = []
    pos = 0
    for r in runs:
        text = "".join(t.text or "" for t in r.iterchildren(_T))
        spans.append((r, pos, pos + len(text)))
        pos += len(text)
    full = "".join("".join(t.text or "" for t in r.iterchildren(_T)) for r in runs)
    start = -1
    for _ in range(nth + 1):
        start = full.find(needle, start + 1)
        if start < 0:
            return None
    end = start + len(needle)
    chosen: list[Any] = []
    for r, a, b in spans:
        if b <= start or a >= end:
            continue
        single = len(r.findall(_T)) == 1
        if single and a < start:
            r = _split(r, start - a)
            a = start
        if single and b > end:
            _split(r, end - a)
        chosen.append(r)
    return chosen or None


def _paragraph_lines(lines: Sequence[str], line: int) -> tuple[int, int]:
    """First and last line (1-based) of the paragraph holding ``line`` in the report text."""
    a = b = line
    while a > 1 and lines[a - 2].strip():
        a -= 1
    while b < len(lines) and lines[b].strip():
        b += 1
    return a, b


def annotate_docx(src: str | Path, dst: str | Path, findings: Iterable[Finding], lang: str,
                  lines: Sequence[str]) -> int:
    """Write a copy of the Word report ``src`` to ``dst`` with one comment per finding;
    ``lines``: the report text the findings point into. Returns the number of comments."""
    from docx.text.run import Run

    src, dst = Path(src), Path(dst)
    try:
        document = open_docx(src)
    except InputError as exc:
        raise AnnotateError(str(exc)) from None
    walker = Walker(document)
    paragraphs: dict[int, Any] = {}
    tables: dict[int, Item] = {}
    first: Any = None

    def keep(item: Item) -> None:
        if item.kind == "p" and item.number:
            paragraphs[item.number] = item.element
        elif item.kind == "tbl":
            tables[item.number] = item
            for nested in item.nested:
                keep(nested)

    for item in walker.items():
        keep(item)
        if first is None and item.kind == "p" and item.number:
            first = item.element
    if first is None:
        first = document.element.body.find(_P)
    count = 0
    for f in findings:
        text = comment_text(f, lang)
        loc = f.location
        anchor: list[Any] | None = None
        if loc is not None and loc.table is not None and loc.table in tables:
            tc = tables[loc.table].cells.get((loc.row or 0, loc.column or 0))
            if tc is not None:
                anchor = _text_runs(_runs(tc)) or _new_run(tc.find(_P))
        elif loc is not None and loc.paragraph in paragraphs:
            p = paragraphs[loc.paragraph]
            anchor = _anchor_in_paragraph(p, f, lines)
        if anchor is None:
            anchor = _text_runs(_runs(first)) or _new_run(first)
            text += "\n" + _UNKNOWN.get(lang, _UNKNOWN["id"]).format(f.line)
        parent = document.part  # the story part of every body run
        document.add_comment([Run(anchor[0], parent), Run(anchor[-1], parent)], text=text,
                             author=AUTHOR, initials=INITIALS)
        count += 1
    _save(document, src, dst)
    return count


def _new_run(p: Any) -> list[Any]:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    p.append(r)
    return [r]


def _anchor_in_paragraph(p: Any, f: Finding, lines: Sequence[str]) -> list[Any]:
    runs = _text_runs(_runs(p))
    if not runs:
        return _new_run(p)
    if not (1 <= f.line <= len(lines)):
        return runs
    line = lines[f.line - 1]
    end = f.end_column if f.end_line == f.line else len(line) + 1
    needle = line[f.column - 1:end - 1].strip()
    if not needle:
        return runs
    a, _ = _paragraph_lines(lines, f.line)
    before = "\n".join([*lines[a - 1:f.line - 1], line[:f.column - 1]])
    before = before.lstrip("#").lstrip() if lines[a - 1].startswith("#") else before
    found = _value_runs(p, needle, before.count(needle))
    return found or runs


def _save(document: Any, src: Path, dst: Path) -> None:
    if dst.exists() and dst.samefile(src):
        raise AnnotateError(f"{dst}: is the report itself; sakiplint never writes its input")
    folder = dst.parent if str(dst.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sakiplint-", suffix=".docx", dir=folder)
    except OSError as exc:
        raise AnnotateError(f"{dst}: cannot write ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        document.save(tmp)
        os.replace(tmp, dst)
    except OSError as exc:
        raise AnnotateError(f"{dst}: cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
