"""HTML output: the report itself, rendered from the document model, with each wrong value
marked in its cell or sentence (``sakiplint check --format html -o reviu.html``).

One self-contained page (CSS and a little JavaScript inline, nothing fetched) for one or more
linted reports: a header (file, agency, report year, sakiplint version, date), a side panel
listing the findings by category and rule with filters, the report's headings, paragraphs,
tables and other lines, and a numbered list of the findings that stays when printed.

Everything that comes from a report is escaped: report markup is never emitted (a few
formatting tags such as ``<b>`` and ``**`` are dropped from prose, everything else shows as
text). Rendering is linear in the document: findings are placed on lines and cells through
dicts built once, and each line is cut at the few places its marks start and end.

Element ids: ``f{n}`` the first mark of finding ``n`` (numbered across the page), ``d{n}`` its
entry in the list of findings, ``L{file}-{line}`` a line of prose. A mark carries
``data-f="n"``; the elements a finding used (``Finding.related``) carry ``data-rk="n.k"``.
"""

from __future__ import annotations

import itertools
import os
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from sakiplint import __version__
from sakiplint.engine.findings import CATEGORIES, SEVERITIES, Finding
from sakiplint.model import Cell, Document, Table
from sakiplint.report.common import Lang, Results, lang_of, main_lang

_ASSETS = Path(__file__).parent / "html_assets"
_SEV = {"error": "e", "warning": "w", "info": "i"}
#: the lines a printed review is signed on
_SIGN = ("reviewer", "signdate", "signature")

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Reviu laporan kinerja", "file": "Berkas", "agency": "Instansi",
        "year": "Tahun laporan", "version": "sakiplint", "date": "Tanggal",
        "findings": "Temuan", "list": "Daftar temuan", "none": "Tidak ada temuan.",
        "files": "berkas", "line": "baris", "col": "kolom", "expected": "Seharusnya",
        "actual": "Tertulis", "related": "Sel yang digunakan", "table": "Tabel",
        "rule": "Aturan", "filter": "Saring", "severity": "Tingkat", "category": "Kategori",
        "error": "kesalahan", "warning": "peringatan", "info": "info",
        "reviewer": "Direviu oleh", "signdate": "Tanggal", "signature": "Tanda tangan",
        "unknown": "tidak diketahui", "skipped": "tabel tidak terbaca",
        "hint": "Klik tanda atau entri daftar untuk melihat rincian dan sel yang digunakan.",
        "arithmetic": "Aritmetika", "budget": "Anggaran", "cross_table": "Antartabel",
        "duplicate": "Duplikasi", "narrative": "Narasi", "data_quality": "Kualitas data",
        "suppression": "Penekanan",
    },
    "en": {
        "title": "Performance report review", "file": "File", "agency": "Agency",
        "year": "Report year", "version": "sakiplint", "date": "Date",
        "findings": "Findings", "list": "List of findings", "none": "No findings.",
        "files": "files", "line": "line", "col": "column", "expected": "Expected",
        "actual": "Written", "related": "Cells used", "table": "Table",
        "rule": "Rule", "filter": "Filter", "severity": "Severity", "category": "Category",
        "error": "error", "warning": "warning", "info": "info",
        "reviewer": "Reviewed by", "signdate": "Date", "signature": "Signature",
        "unknown": "unknown", "skipped": "table not understood",
        "hint": "Click a mark or a list entry to see its details and the cells it used.",
        "arithmetic": "Arithmetic", "budget": "Budget", "cross_table": "Cross-table",
        "duplicate": "Duplicates", "narrative": "Narrative", "data_quality": "Data quality",
        "suppression": "Suppression",
    },
}

#: formatting tags a converter leaves in prose: dropped (never emitted); any other markup
#: shows as text. Block-like ones become a space.
_DROP = re.compile(
    r"\*\*|</?(?:(b|i|u|em|strong|sup|sub|span|small|font)|(br|p|li|ul|ol|div))\b[^<>]{0,200}>",
    re.I,
)
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
#: the bullet of a list item's first line (shown by CSS); numbers stay, they are content
_BULLET = re.compile(r"^\s*[-*+]\s+")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_TOKEN = re.compile(r"\S+")
_TOKEN_TAIL = ".,;:)]\"'”"
#: lines of a table that hold only markup: pipe separators, HTML table tags
_MARKUP_ONLY = re.compile(r"^[\s|:+\-]*$|^\s*(?:</?[a-zA-Z][^<>]{0,200}>\s*)+$")
_CLASS_SAFE = re.compile(r"[^a-z0-9_-]")


def _cls(category: str) -> str:
    return "c-" + _CLASS_SAFE.sub("", category.lower())


@cache
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text("utf-8")


# --------------------------------------------------------------------------- placing findings

@dataclass(frozen=True, slots=True)
class _Mark:
    start: int            # 0-based offsets in the raw line, end exclusive
    end: int
    n: int                # the finding's number
    k: int | None = None  # index in ``Finding.related``; None: the finding's own mark


@dataclass(slots=True)
class _Placed:
    """Where each finding of one document goes: on a cell (when its line holds table cells)
    or on a span of a line of text; and where the cells it used are."""

    findings: dict[int, Finding]
    cell_f: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    cell_r: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    line_marks: dict[int, list[_Mark]] = field(default_factory=lambda: defaultdict(list))
    line_r: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))


def _cell_index(tables: Iterable[Table]) -> dict[int, list[Cell]]:
    """The cells of every understood table, per source line, in column order."""
    by_line: dict[int, list[Cell]] = defaultdict(list)
    for t in tables:
        if t.skipped:
            continue
        for hrow in t.header_rows:
            for c in hrow:
                by_line[c.line].append(c)
        for row in t.rows:
            for c in row.cells:
                by_line[c.line].append(c)
    for cells in by_line.values():
        cells.sort(key=lambda c: c.column)
    return by_line


def _cell_at(cells: list[Cell], cols: list[int], column: int) -> Cell:
    """The cell holding ``column``: the last one starting at or before it (else the first)."""
    i = bisect_right(cols, column) - 1
    return cells[max(i, 0)]


def _span(line: str, column: int, end_column: int | None) -> tuple[int, int]:
    """0-based [start, end) of a 1-based column range in ``line``; without an end, the token at
    ``column`` (closing punctuation left out)."""
    start = min(max(column - 1, 0), max(len(line) - 1, 0))
    if end_column is None:
        m = _TOKEN.match(line, start)
        token = m.group(0).rstrip(_TOKEN_TAIL) if m else ""
        end = start + max(len(token), 1)
    else:
        end = end_column - 1
    return start, max(end, start + 1)


def _place(doc: Document, numbered: list[tuple[int, Finding]],
           by_line: dict[int, list[Cell]]) -> _Placed:
    placed = _Placed(findings=dict(numbered))
    cols = {ln: [c.column for c in cells] for ln, cells in by_line.items()}
    nlines = len(doc.lines)

    def text(ln: int) -> str:
        return doc.lines[ln - 1] if 1 <= ln <= nlines else ""

    for n, f in numbered:
        cells = by_line.get(f.line)
        if cells:
            placed.cell_f[id(_cell_at(cells, cols[f.line], f.column))].append(n)
        else:
            line = text(f.line)
            end = f.end_column if f.end_line == f.line else len(line) + 1
            start, stop = _span(line, f.column, end)
            placed.line_marks[f.line].append(_Mark(start, stop, n))
        for k, r in enumerate(f.related):
            key = f"{n}.{k}"
            cells = by_line.get(r.line)
            if cells and r.column:
                placed.cell_r[id(_cell_at(cells, cols[r.line], r.column))].append(key)
            elif cells:
                for c in cells:   # the whole row on that line
                    placed.cell_r[id(c)].append(key)
            elif r.column:
                start, stop = _span(text(r.line), r.column, None)
                placed.line_marks[r.line].append(_Mark(start, stop, n, k))
            else:
                placed.line_r[r.line].append(key)
    return placed


# --------------------------------------------------------------------------- rendering text

class _Page:
    """Rendering state of one page: the findings by number and the ids already given."""

    def __init__(self) -> None:
        self.findings: dict[int, Finding] = {}
        self.given: set[int] = set()

    def open_mark(self, n: int) -> str:
        f = self.findings[n]
        ident = ""
        if n not in self.given:
            self.given.add(n)
            ident = f' id="f{n}"'
        return (f'<span class="m {_SEV.get(f.severity, "i")} {_cls(f.category)}"'
                f' data-f="{n}"{ident}>')

    def wrap(self, inner: str, marks: Iterable[_Mark]) -> str:
        """``inner`` inside one span per mark (finding marks outside, related ones inside)."""
        opened = []
        for m in sorted(marks, key=lambda m: (m.k is not None, m.n, m.k or 0)):
            if m.k is None:
                opened.append(self.open_mark(m.n))
            else:
                opened.append(f'<span class="r" data-rk="{m.n}.{m.k}">')
        return "".join(opened) + inner + "</span>" * len(opened)

    def text(self, raw: str, lo: int, hi: int, marks: list[_Mark]) -> str:
        """``raw[lo:hi]`` escaped, formatting tags dropped, marks wrapped around their spans
        (clamped into [lo, hi)); linear in the line."""
        drops = [(m.start(), m.end(), " " if m.group(2) else "")
                 for m in _DROP.finditer(raw, lo, hi)]
        if not marks:
            if not drops:
                return escape(raw[lo:hi], quote=False)
            out, pos = [], lo
            for s, e, rep in drops:
                out.append(escape(raw[pos:s], quote=False) + rep)
                pos = e
            out.append(escape(raw[pos:hi], quote=False))
            return "".join(out)
        if hi <= lo:   # nothing visible on the line: a placeholder carries the marks
            return self.wrap("\u00b6", marks)
        starts: dict[int, list[_Mark]] = defaultdict(list)
        ends: dict[int, list[_Mark]] = defaultdict(list)
        points = {lo, hi}
        for m in marks:
            s = min(max(m.start, lo), hi - 1)
            c = _Mark(s, min(max(m.end, s + 1), hi), m.n, m.k)
            starts[c.start].append(c)
            ends[c.end].append(c)
            points.update((c.start, c.end))
        for s, e, _ in drops:
            points.update((s, e))
        cuts = sorted(points)
        out = []
        di = 0
        buf: list[str] = []
        active: tuple[_Mark, ...] = ()
        live: dict[_Mark, None] = {}   # the marks covering the current piece (a sweep)
        for a, b in itertools.pairwise(cuts):
            for m in ends.get(a, ()):
                live.pop(m, None)
            for m in starts.get(a, ()):
                live[m] = None
            while di < len(drops) and drops[di][1] <= a:
                di += 1
            if di < len(drops) and drops[di][0] <= a < drops[di][1]:
                piece = drops[di][2] if a == drops[di][0] else ""
            else:
                piece = escape(raw[a:b], quote=False)
            if not piece:
                continue
            now = tuple(live)
            if now != active:
                if buf:
                    out.append(self.wrap("".join(buf), active))
                buf, active = [], now
            buf.append(piece)
        if buf:
            out.append(self.wrap("".join(buf), active))
        # a mark that covered only dropped markup still gets an element
        hidden = [m for m in marks if m.k is None and m.n not in self.given]
        if hidden:
            out.append(self.wrap("\u00b6", hidden))
        return "".join(out)

    def cell(self, c: Cell, tag: str, placed: _Placed) -> str:
        rk = placed.cell_r.get(id(c))
        attr = f' data-rk="{" ".join(rk)}"' if rk else ""
        cls = ' class="b"' if c.bold else ""
        inner = escape(c.text, quote=False) if c.text else "\u00a0"
        for n in placed.cell_f.get(id(c), ()):
            inner = self.open_mark(n) + inner + "</span>"
        return f"<{tag}{cls}{attr}>{inner}</{tag}>"


def _line_attrs(fid: str, ln: int, placed: _Placed) -> str:
    rk = placed.line_r.get(ln)
    return f' id="L{fid}-{ln}"' + (f' data-rk="{" ".join(rk)}"' if rk else "")


def _table_html(page: _Page, doc: Document, t: Table, fid: str, placed: _Placed,
                by_line: dict[int, list[Cell]]) -> str:
    """The table's rows as parsed (header rows as th), with the lines of its range that hold
    no cells (repeated headers, column numbers) as full-width rows, in source order."""
    width = max([len(r.cells) for r in t.rows] + [len(h) for h in t.header_rows] + [1])
    items: list[tuple[int, int, str]] = []
    cell_lines: set[int] = set()
    for i, hrow in enumerate(t.header_rows):
        if hrow:
            cell_lines.update(c.line for c in hrow)
            tds = "".join(page.cell(c, "th", placed) for c in hrow)
            items.append((min(c.line for c in hrow), i, f"<tr>{tds}</tr>"))
    for row in t.rows:
        cell_lines.update(c.line for c in row.cells)
        tds = "".join(page.cell(c, "td", placed) for c in row.cells)
        pad = width - len(row.cells)
        if pad > 0:
            tds += f'<td colspan="{pad}"></td>' if pad > 1 else "<td></td>"
        cls = f' class="{row.kind}"' if row.kind != "data" else ""
        first = min((c.line for c in row.cells), default=row.line)
        items.append((first, len(t.header_rows) + row.index, f"<tr{cls}>{tds}</tr>"))
    for ln in range(t.start_line, t.end_line + 1):
        if ln in cell_lines:
            continue
        raw = doc.lines[ln - 1] if ln <= len(doc.lines) else ""
        marks = placed.line_marks.get(ln, [])
        if not marks and ln not in placed.line_r and (not raw.strip() or _MARKUP_ONLY.match(raw)):
            continue
        body = page.text(raw, 0, len(raw.rstrip()), marks)
        items.append((ln, -1, f'<tr class="src"><td colspan="{width}"'
                              f'{_line_attrs(fid, ln, placed)}>{body}</td></tr>'))
    items.sort(key=lambda it: (it[0], it[1]))
    rows = "\n".join(it[2] for it in items)
    # the height the browser assumes until it lays the table out (rows of about two lines)
    est = f' style="contain-intrinsic-size:auto {2.2 * len(items) + 1:.0f}em"'
    return (f'<div class="tw"{est}><table id="T{fid}-{t.index}" data-lines="{t.start_line}-'
            f'{t.end_line}">\n{rows}\n</table></div>')


def _document_html(page: _Page, doc: Document, fid: str, placed: _Placed,
                   by_line: dict[int, list[Cell]], lab: Mapping[str, str]) -> str:
    """The report in source order: tables, headings, paragraphs, and every other non-blank
    line (a skipped table's lines among them) as a line of its own."""
    tables = {t.start_line: t for t in doc.tables}
    headings = {h.line: h for h in doc.headings}
    paragraphs = {p.start_line: p for p in doc.paragraphs}
    lines = doc.lines
    nlines = len(lines)
    out: list[str] = []
    ln = 1
    while ln <= nlines:
        raw = lines[ln - 1]
        t = tables.get(ln)
        if t is not None and t.end_line >= ln:
            if t.skipped:
                out.append(f'<div class="skipped" title="{escape(lab["skipped"])}: '
                           f'{escape(t.skipped)}">')
                for k in range(ln, min(t.end_line, nlines) + 1):
                    out.append(_raw_line(page, lines[k - 1], k, fid, placed))
                out.append("</div>")
            else:
                out.append(_table_html(page, doc, t, fid, placed, by_line))
            ln = t.end_line + 1
            continue
        h = headings.get(ln)
        if h is not None:
            m = _HEADING_MARK.match(raw)
            lo = m.end() if m else len(raw) - len(raw.lstrip())
            hi = _heading_end(raw, lo) if m else len(raw.rstrip())
            level = min(h.level + 1, 6)
            body = page.text(raw, lo, max(hi, lo), placed.line_marks.get(ln, []))
            out.append(f"<h{level}{_line_attrs(fid, ln, placed)}>{body}</h{level}>")
            if not m and ln < nlines and _SETEXT.match(lines[ln]):
                ln += 1   # the underline of a setext heading
            ln += 1
            continue
        p = paragraphs.get(ln)
        if p is not None:
            parts = []
            bullet = _BULLET.match(raw) if p.kind == "list_item" else None
            for k in range(ln, min(p.end_line, nlines) + 1):
                r = lines[k - 1]
                lo = bullet.end() if bullet and k == ln else len(r) - len(r.lstrip())
                body = page.text(r, lo, len(r.rstrip()), placed.line_marks.get(k, []))
                parts.append(f'<span class="ln"{_line_attrs(fid, k, placed)}>{body}</span>')
            cls = (' class="li bul"' if bullet else ' class="li"') if p.kind == "list_item" else ""
            out.append(f"<p{cls}>" + "\n".join(parts) + "</p>")
            ln = max(p.end_line, ln) + 1
            continue
        if raw.strip() or ln in placed.line_marks or ln in placed.line_r:
            out.append(_raw_line(page, raw, ln, fid, placed))
        ln += 1
    return "\n".join(out)


def _heading_end(raw: str, lo: int) -> int:
    """End of an ATX heading's text: before a closing run of ``#`` preceded by a space."""
    text = raw.rstrip()
    bare = text.rstrip("#")
    if len(bare) < len(text) and len(bare) > lo and bare[-1] in " \t":
        return len(bare.rstrip())
    return max(len(text), lo)


def _raw_line(page: _Page, raw: str, ln: int, fid: str, placed: _Placed) -> str:
    cls = "raw cmt" if raw.lstrip().startswith("<!--") else "raw"
    body = page.text(raw, 0, len(raw.rstrip()), placed.line_marks.get(ln, []))
    return f'<div class="{cls}"{_line_attrs(fid, ln, placed)}>{body}</div>'


# --------------------------------------------------------------------------- lists and header

def _where(lab: Mapping[str, str], line: int, column: int | None) -> str:
    return f"{lab['line']} {line}" + (f", {lab['col']} {column}" if column else "")


def _detail(n: int, f: Finding, flang: str, lab: Mapping[str, str]) -> str:
    sev = _SEV.get(f.severity, "i")
    out = [f'<li id="d{n}" value="{n}" class="fd {sev} {_cls(f.category)}" data-n="{n}">',
           f'<div class="hd"><a href="#f{n}" data-n="{n}" class="go">'
           f'{_where(lab, f.line, f.column)}</a> <span class="sev {sev}">'
           f'{escape(lab.get(f.severity, f.severity))}</span> <code>{escape(f.rule)}</code> '
           f'<span class="slug">{escape(f.slug)}</span></div>',
           f'<div class="msg">{escape(f.message(flang), quote=False)}</div>']
    expected = f.expected_text(flang)
    if expected is not None:
        out.append(f'<div class="exp">{escape(lab["expected"])}: '
                   f'<b>{escape(expected, quote=False)}</b></div>')
    if f.actual is not None:
        out.append(f'<div class="act">{escape(lab["actual"])}: '
                   f'{escape(f.actual, quote=False)}</div>')
    table = f.table_text(flang)
    if table:
        out.append(f'<div class="tbl">{escape(lab["table"])}: {escape(table, quote=False)}'
                   "</div>")
    if f.related:
        out.append(f'<div class="relh">{escape(lab["related"])}:</div><ul class="rel">')
        for k, r in enumerate(f.related):
            out.append(f'<li><a href="#" data-rk="{n}.{k}">{_where(lab, r.line, r.column)}</a>'
                       f": {escape(r.text(flang), quote=False)}</li>")
        out.append("</ul>")
    out.append("</li>")
    return "".join(out)


def _panel_file(fid: str, path: str, numbered: list[tuple[int, Finding]], flang: str,
                lab: Mapping[str, str], many: bool) -> str:
    out = []
    if many:
        out.append(f'<h3><a href="#F{fid}">{escape(path)}</a> '
                   f'<span class="cnt">{len(numbered)}</span></h3>')
    if not numbered:
        out.append(f'<p class="none">{escape(lab["none"])}</p>')
        return "\n".join(out)
    by_cat: dict[str, dict[str, list[tuple[int, Finding]]]] = defaultdict(
        lambda: defaultdict(list))
    for n, f in numbered:
        by_cat[f.category][f.rule].append((n, f))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    for cat in sorted(by_cat, key=lambda c: (order.get(c, len(order)), c)):
        rules = by_cat[cat]
        count = sum(len(v) for v in rules.values())
        out.append(f'<details open class="cat {_cls(cat)}"><summary>'
                   f'{escape(lab.get(cat, cat))} <span class="cnt">{count}</span></summary>')
        for code in sorted(rules):
            items = rules[code]
            out.append(f'<div class="rule"><code>{escape(code)}</code> '
                       f'<span class="slug">{escape(items[0][1].slug)}</span> '
                       f'<span class="cnt">{len(items)}</span></div><ul>')
            for n, f in items:
                sev = _SEV.get(f.severity, "i")
                out.append(f'<li class="{sev} {_cls(f.category)}"><a href="#f{n}" data-n="{n}">'
                           f'<span class="num {sev}">{n}</span> <span class="loc">{f.line}'
                           f"</span> {escape(f.message(flang), quote=False)}</a></li>")
            out.append("</ul>")
        out.append("</details>")
    return "\n".join(out)


def _filters(sev_counts: Counter[str], cat_counts: Counter[str], lab: Mapping[str, str]) -> str:
    out = [f'<fieldset class="filters"><legend>{escape(lab["filter"])}</legend><div>']
    for sev in SEVERITIES:
        if sev_counts[sev]:
            s = _SEV[sev]
            out.append(f'<label class="{s}"><input type="checkbox" checked data-hide="{s}"> '
                       f'{escape(lab.get(sev, sev))} <span class="cnt">{sev_counts[sev]}'
                       "</span></label>")
    out.append("</div><div>")
    order = {c: i for i, c in enumerate(CATEGORIES)}
    for cat in sorted(cat_counts, key=lambda c: (order.get(c, len(order)), c)):
        out.append(f'<label><input type="checkbox" checked data-hide="{_cls(cat)}"> '
                   f'{escape(lab.get(cat, cat))} <span class="cnt">{cat_counts[cat]}'
                   "</span></label>")
    out.append("</div></fieldset>")
    return "".join(out)


def _filter_css(tokens: Iterable[str]) -> str:
    """One rule set per filter token: a hidden severity or category loses its marks' colour
    and its list entries."""
    return "\n".join(
        f"body.hide-{t} .m.{t}{{background:none;box-shadow:none}}"
        f"body.hide-{t} .m.{t}::after{{content:none}}"
        f"body.hide-{t} li.{t}{{display:none}}"
        for t in tokens
    )


def _now() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible pages)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now().astimezone()


def _agency(doc: Document | None, meta: Mapping[str, Any]) -> str | None:
    if meta.get("agency"):
        return str(meta["agency"])
    if doc is None:
        return None
    from sakiplint.facts.identity import own_agency

    own = own_agency(doc)
    return f"{own[0]} {own[1]}".title() if own else None


def _facts(items: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(
        f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in items) + "</dl>"


def render_html(
    results: Results, lang: Lang, meta: Mapping[str, Mapping[str, Any]] | None = None,
    now: datetime | None = None,
) -> str:
    """The review page for ``results`` (documents with their tables and prose, as parsed).
    ``meta``: extra facts per file path (the configured agency)."""
    main = main_lang(lang)
    lab = LABELS.get(main, LABELS["id"])
    when = (now or _now()).strftime("%Y-%m-%d %H:%M")
    meta = meta or {}
    page = _Page()
    many = len(results) > 1
    sev_counts: Counter[str] = Counter()
    cat_counts: Counter[str] = Counter()
    sections: list[str] = []
    panels: list[str] = []
    n = 0
    for fi, (doc, path, fs) in enumerate(results, 1):
        fid = str(fi)
        flang = lang_of(lang, path)
        flab = LABELS.get(flang, LABELS["id"])
        numbered = []
        for f in fs:
            n += 1
            numbered.append((n, f))
            page.findings[n] = f
            sev_counts[f.severity] += 1
            cat_counts[f.category] += 1
        fmeta = meta.get(path, {})
        agency = _agency(doc, fmeta)
        year = doc.report_year if doc is not None else None
        facts = [(flab["file"], path), (flab["agency"], agency or flab["unknown"]),
                 (flab["year"], str(year) if year else flab["unknown"]),
                 (flab["findings"], str(len(fs)))]
        body = ""
        if doc is not None:
            by_line = _cell_index(doc.tables)
            placed = _place(doc, numbered, by_line)
            body = _document_html(page, doc, fid, placed, by_line, flab)
        details = "\n".join(_detail(k, f, flang, flab) for k, f in numbered)
        listing = (f'<ol class="flist">\n{details}\n</ol>' if numbered
                   else f'<p class="none">{escape(flab["none"])}</p>')
        sections.append(
            f'<section class="file" id="F{fid}" lang="{escape(flang)}">\n'
            + (f'<div class="fhead">{_facts(facts)}</div>\n' if many else "")
            + f'<article class="doc">\n{body}\n</article>\n'
            f'<section class="findings"><h2>{escape(flab["list"])}: '
            f"{escape(path)}</h2>\n{listing}\n"
            f'<div class="sign">{_facts([(flab[k], "") for k in _SIGN])}</div>'
            "</section>\n</section>")
        panels.append(_panel_file(fid, path, numbered, flang, flab, many))

    head_facts: list[tuple[str, str]] = []
    if not many and results:
        doc, path, fs = results[0]
        head_facts += [(lab["file"], path),
                       (lab["agency"], _agency(doc, meta.get(path, {})) or lab["unknown"]),
                       (lab["year"], str(doc.report_year) if doc and doc.report_year
                        else lab["unknown"])]
    else:
        head_facts.append((lab["file"], f"{len(results)} {lab['files']}"))
    head_facts += [(lab["version"], __version__), (lab["date"], when),
                   (lab["findings"], " · ".join(
                       f"{sev_counts[s]} {lab[s]}" for s in SEVERITIES if sev_counts[s])
                    or "0")]
    title = lab["title"] + (f": {results[0][1]}" if not many and results else "")
    tokens = [_SEV[s] for s in SEVERITIES] + [_cls(c) for c in cat_counts]
    return "".join([
        "<!DOCTYPE html>\n",
        f'<html lang="{escape(main)}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="sakiplint {escape(__version__)}">\n',
        f"<title>{escape(title)}</title>\n",
        f"<style>\n{_asset('review.css')}\n{_filter_css(tokens)}\n</style>\n</head>\n",
        "<body>\n",
        f'<header class="top"><h1>{escape(title)}</h1>{_facts(head_facts)}</header>\n',
        f'<nav id="panel" aria-label="{escape(lab["findings"])}">\n',
        f'<p class="hint">{escape(lab["hint"])}</p>\n',
        _filters(sev_counts, cat_counts, lab), "\n",
        "\n".join(panels),
        "\n</nav>\n<main>\n", "\n".join(sections), "\n</main>\n",
        '<div id="pop" role="dialog" hidden></div>\n',
        f"<script>\n{_asset('review.js')}\n</script>\n</body>\n</html>\n",
    ])
