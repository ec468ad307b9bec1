"""Render a report's tables in other text layouts (for tests and for making fixtures).

The tables of a report (TAB, pipe or HTML blocks, as ``sakiplint.read.blocks`` finds them)
are rewritten in one layout, the prose is kept line for line:

- ``tsv``: one row per line, cells separated by TABs (the reference form);
- ``pipe``: markdown pipe rows with a separator row under the first row;
- ``joined``: the non-empty cells of a row joined by single spaces, as text copied out of a PDF
  viewer or a document-sharing site gives it (empty cells vanish);
- ``aligned``: columns padded with spaces to a common width, as ``pdftotext -layout`` does;
- ``cells``: one cell per line, an empty cell an empty line, as a PDF viewer's copy gives it
  (``pdftotext`` without ``-layout`` is the other one-cell-per-line form: empty cells vanish
  and blank lines part the cells; ``--pdf`` makes samples of it).

Page furniture (a running header with the page number and a lone page number) can be
inserted every ``page`` lines, inside tables too. Every rendering returns the new text and,
for each new line, the line of the reference (``tsv``) form it came from (``None`` for
furniture), so findings can be compared across layouts.

``python tests/render_styles.py --pdf OUT REPORT...`` also renders each report to HTML, prints
it to PDF with chromium and extracts the text with ``pdftotext`` with and without
``-layout`` (OUT/<name>.layout.txt, OUT/<name>.raw.txt): real converter output for fixtures.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from sakiplint.read.blocks import find_blocks
from sakiplint.read.tables import clean_text

STYLES = ("tsv", "pipe", "joined", "aligned", "cells")


def _tables(lines: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """(first line, last line, rows of cleaned cell texts) of each table block (1-based)."""
    out = []
    for b in find_blocks(lines):
        rows = [[clean_text(c.raw)[0] for c in r] for r in b.rows]
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        # drop columns empty in every row (converter leftovers "| |")
        keep = [i for i in range(width) if any(r[i] for r in rows)]
        out.append((b.start_line, b.end_line, [[r[i] for i in keep] for r in rows]))
    return out


def reference(text: str) -> tuple[str, list[int | None]]:
    """The TAB form of ``text``: every table block rewritten as TAB rows, one row per line;
    with each new line's line in ``text``."""
    lines = text.split("\n")
    blocks = {start: (end, rows) for start, end, rows in _tables(lines)}
    out: list[str] = []
    where: list[int | None] = []
    i = 1
    while i <= len(lines):
        if i in blocks:
            end, rows = blocks[i]
            for k, r in enumerate(rows):
                out.append("\t".join(r))
                where.append(i + k if end - i + 1 == len(rows) else i)
            i = end + 1
            continue
        out.append(lines[i - 1])
        where.append(i)
        i += 1
    return "\n".join(out), where


def _row_text(cells: list[str], style: str, widths: list[int]) -> list[str]:
    if style == "tsv":
        return ["\t".join(cells)]
    if style == "pipe":
        return ["| " + " | ".join(cells) + " |"]
    if style == "joined":
        return [" ".join(c for c in cells if c)]
    if style == "aligned":
        return ["  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()]
    if style == "cells":
        # an empty cell is an empty line: every row has the header's number of lines
        return list(cells)
    raise ValueError(style)


def render(text: str, style: str, page: int | None = None,
           title: str = "Laporan Kinerja") -> tuple[str, list[int | None]]:
    """``text`` (any form) in ``style``; with each line's line in the reference form."""
    ref, _ = reference(text)
    lines = ref.split("\n")
    blocks = {start: (end, rows) for start, end, rows in _tables(lines)}
    out: list[str] = []
    where: list[int | None] = []
    i = 1
    while i <= len(lines):
        if i in blocks:
            end, rows = blocks[i]
            widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))] if rows else []
            head = _header_rows(rows)
            for k, r in enumerate(rows):
                if style == "aligned" and k + 1 < head:
                    lines_out = [_centred_groups(r, rows[k + 1], widths)]
                else:
                    lines_out = _row_text(r, style, widths)
                for ln in lines_out:
                    out.append(ln)
                    where.append(i + k)
                if style == "pipe" and k == 0:
                    out.append("|" + "|".join("---" for _ in r) + "|")
                    where.append(None)
            i = end + 1
            continue
        out.append(lines[i - 1])
        where.append(i)
        i += 1
    if page:
        out, where = _paginate(out, where, page, title)
    return "\n".join(out), where


def _centred_groups(row: list[str], below: list[str], widths: list[int]) -> str:
    """An aligned header row whose group names are centred over the columns they span (as
    a PDF prints a merged header cell)."""
    parts: list[str] = []
    j = 0
    while j < len(row):
        span = 1
        if row[j]:
            while j + span < len(row) and not row[j + span] and below[j + span]:
                span += 1
        width = sum(widths[j:j + span]) + 2 * (span - 1)
        parts.append(row[j].center(width) if span > 1 else row[j].ljust(width))
        j += span
    return "  ".join(parts).rstrip()


def _paginate(lines: list[str], where: list[int | None], page: int,
              title: str) -> tuple[list[str], list[int | None]]:
    """A page break every ``page`` lines: a footer line with the page number, a blank line, a
    running header with the page number (furniture, mapped to None)."""
    out: list[str] = []
    wh: list[int | None] = []
    n = 1
    for k, (ln, w) in enumerate(zip(lines, where, strict=True)):
        if k and k % page == 0:
            out += [f"- {n} -", "", f"{title} Hal. {n + 1}"]
            wh += [None, None, None]
            n += 1
        out.append(ln)
        wh.append(w)
    return out, wh


# --------------------------------------------------------------------------- PDF


_MD_LINE = re.compile(r"^(#{1,6})\s+(.*)$")


def to_html(text: str) -> str:
    """A simple HTML page of the report: headings, paragraphs and bordered tables (cells
    aligned to the top, as Word does); merged group header cells get a colspan."""
    ref, _ = reference(text)
    lines = ref.split("\n")
    blocks = {start: (end, rows) for start, end, rows in _tables(lines)}
    body: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            body.append("<p>" + "<br>".join(para) + "</p>")
            para.clear()

    i = 1
    while i <= len(lines):
        if i in blocks:
            flush()
            end, rows = blocks[i]
            body.append(_html_table(rows))
            i = end + 1
            continue
        s = clean_text(lines[i - 1])[0] if "<" in lines[i - 1] else lines[i - 1].strip()
        s = s.replace("**", "")
        m = _MD_LINE.match(s)
        if not s:
            flush()
        elif m:
            flush()
            body.append(f"<h{len(m.group(1))}>{html.escape(m.group(2))}</h{len(m.group(1))}>")
        else:
            para.append(html.escape(s))
        i += 1
    flush()
    css = ("body{font-family:serif;font-size:10pt} table{border-collapse:collapse;"
           "margin:6pt 0} td,th{border:1px solid #000;padding:2pt 4pt;vertical-align:top;"
           "font-size:9pt} th{font-weight:bold}")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>" + \
        "\n".join(body) + "</body></html>"


def _header_rows(rows: list[list[str]]) -> int:
    """Header rows of a reference table: the rows before the first row with a number that
    is not a year or a column number."""
    num = re.compile(r"^[\d.,%]+$")
    for k, r in enumerate(rows):
        cells = [c for c in r if c]
        colnums = len(cells) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in cells)
        if not colnums and any(num.match(c) and not re.fullmatch(r"(19|20)\d\d", c)
                               for c in cells):
            return k
    return min(1, len(rows))


def _html_table(rows: list[list[str]]) -> str:
    head = _header_rows(rows)
    out = ["<table>"]
    for k, r in enumerate(rows):
        tag = "th" if k < head else "td"
        below = rows[k + 1] if k + 1 < head else None
        cells: list[str] = []
        j = 0
        while j < len(r):
            span = 1
            if tag == "th" and below is not None and r[j]:
                while j + span < len(r) and not r[j + span] and below[j + span]:
                    span += 1
            attr = f' colspan="{span}"' if span > 1 else ""
            cells.append(f"<{tag}{attr}>{html.escape(r[j])}</{tag}>")
            j += span
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def pdf_texts(report: Path, out: Path) -> None:
    """OUT/<name>.raw.txt and OUT/<name>.layout.txt from the report printed to PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        pdf = Path(tmp) / "report.pdf"
        page.write_text(to_html(report.read_text(encoding="utf-8")), encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
            check=True, capture_output=True)
        stem = report.stem
        subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(out / f"{stem}.raw.txt")],
                       check=True)
        subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(pdf),
                        str(out / f"{stem}.layout.txt")], check=True)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "--pdf":
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for name in argv[2:]:
            pdf_texts(Path(name), out)
        return 0
    if len(argv) == 2 and argv[0] in STYLES:
        sys.stdout.write(render(Path(argv[1]).read_text(encoding="utf-8"), argv[0])[0])
        return 0
    sys.stderr.write("usage: render_styles.py STYLE REPORT | --pdf OUT REPORT...\n")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
