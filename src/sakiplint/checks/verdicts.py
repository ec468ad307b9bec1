"""NA014: verdicts in words against the numbers (``sakiplint.facts.verdicts``).

"seluruh program ... mencapai target" while the cited table has a capaian below 100; "dari
3 sasaran hanya 1 yang berhasil" while the year's capaian table shows two at 100 or more;
"tidak terjadi perubahan" said of 100% and 0%.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import related_cell, short
from sakiplint.engine import Context, Issue
from sakiplint.engine.findings import Related
from sakiplint.facts.verdicts import AllAchieved, CountAchieved, NotAchieved, verdicts_of
from sakiplint.model import Cell, Document, Table

_HUNDRED = Decimal(100)
_NOUN_COLUMN = {"program": "program", "indikator": "indikator", "sasaran": "sasaran"}


def verdict_vs_numbers(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A verdict in words that the numbers contradict."""
    v = verdicts_of(doc)
    for a in v.all_achieved:
        yield from _all(a)
    for c in v.counts:
        yield from _count(doc, c)
    for na in v.not_achieved:
        yield from _not_achieved(doc, na)
    for n in v.no_change:
        pct = "%" if n.first.value.kind == "percent" else ""
        yield Issue(
            at=(n.line, n.column, n.line, n.column + len(n.text)),
            actual=n.text,
            expected=f"{n.first.value.text}{pct} ({n.first.year}) / "
                     f"{n.second.value.text}{pct} ({n.second.year})",
            args={"said": n.text,
                  "detail_id": f"{n.first.value.text}{pct} pada {n.first.year} dan "
                               f"{n.second.value.text}{pct} pada {n.second.year}",
                  "detail_en": f"{n.first.value.text}{pct} in {n.first.year} and "
                               f"{n.second.value.text}{pct} in {n.second.year}"},
            related=[Related(n.first.value.line, f"{n.first.year}: {n.first.value.text}{pct}",
                             n.first.value.column),
                     Related(n.second.value.line,
                             f"{n.second.year}: {n.second.value.text}{pct}",
                             n.second.value.column)],
        )


def _capaian_cells(table: Table, year: int | None) -> list[tuple[str, Cell]]:
    """(row label, capaian cell) of each data row of the table, in the capaian column of
    ``year`` (or the table's one capaian column)."""
    cols = [c for c in table.columns if c.role == "capaian"]
    dated = [c for c in cols if year is not None and c.year == year]
    if dated:
        cols = dated
    elif any(c.year is not None for c in cols):
        return []
    if len(cols) != 1:
        return []
    out = []
    seen: set[tuple[str, str]] = set()
    for row in table.rows:
        if row.kind != "data":
            continue
        cell = row.cell(cols[0].index)
        if cell is not None and cell.number is not None and cell.value is not None \
                and cell.value.kind in ("number", "percent"):
            if row.label and (row.label, cell.text) in seen:
                continue   # a row repeated (a page break, a slip) is one row
            seen.add((row.label, cell.text))
            out.append((row.label, cell))
    return out


def _all(a: AllAchieved) -> Iterator[Issue]:
    table = a.table
    if not any(c.role == _NOUN_COLUMN[a.noun] for c in table.columns):
        return
    cells = _capaian_cells(table, a.year)
    below = [(label, c) for label, c in cells if c.number is not None and c.number < _HUNDRED]
    if not cells or not below:
        return
    shown = "; ".join(f"{short(label, 50)}: {c.text}" for label, c in below)
    yield Issue(
        at=(a.line, a.column, a.line, a.column + (a.span or len(a.text.split()[-1]))),
        actual=short(a.text, 60),
        expected=shown,
        args={"said": short(a.text, 80),
              "detail_id": f"capaian di bawah 100 di {short(table.title, 50)}: {shown}",
              "detail_en": f"capaian below 100 in {short(table.title, 50)}: {shown}"},
        related=[related_cell(c, f"capaian {short(label, 40)}") for label, c in below],
    )


def _count_tables(doc: Document, noun: str, year: int | None
                  ) -> list[tuple[Table, list[tuple[str, Cell]]]]:
    """The tables with a column of ``noun`` and their capaian cells of ``year``, once per
    document (each "dari N sasaran ..." sentence asks)."""
    def build(d: Document) -> list[tuple[Table, list[tuple[str, Cell]]]]:
        role = _NOUN_COLUMN[noun]
        return [(t, _capaian_cells(t, year)) for t in d.tables
                if not t.skipped and any(col.role == role for col in t.columns)]
    return doc.memo(f"verdicts.count_tables:{noun}:{year}", build)


def _count(doc: Document, c: CountAchieved) -> Iterator[Issue]:
    from sakiplint.facts.counts import table_counts

    found: list[tuple[Table, int, list[tuple[str, Cell]]]] = []
    for table, cells in _count_tables(doc, c.noun, c.year):
        if len(cells) != c.total:
            continue
        if table_counts(doc, table).counts.get(c.noun) != c.total:
            continue

        def meets(cell: Cell) -> bool:
            assert cell.number is not None
            reached = cell.number > _HUNDRED if c.exceeded else cell.number >= _HUNDRED
            return not reached if c.failed else reached

        hits = [(label, cell) for label, cell in cells if meets(cell)]
        found.append((table, len(hits), hits))
    if not found or any(k == c.achieved for _, k, _ in found):
        return
    table, k, hits = found[0]
    what_id = ("belum mencapai target" if c.failed else
               "melebihi target (capaian > 100)" if c.exceeded else
               "mencapai target (capaian >= 100)")
    what_en = ("did not reach the target" if c.failed else
               "exceeded the target (capaian > 100)" if c.exceeded else
               "reached the target (capaian >= 100)")
    names = "; ".join(f"{short(label, 40)}: {cell.text}" for label, cell in hits)
    yield Issue(
        at=(c.line, c.column, c.line, c.end_column),
        actual=str(c.achieved),
        expected=str(k),
        args={"said": short(c.text, 80),
              "detail_id": f"{k} dari {c.total} {c.noun} {what_id} di "
                           f"{short(table.title, 50)}" + (f" ({names})" if names else ""),
              "detail_en": f"{k} of {c.total} {c.noun} {what_en} in "
                           f"{short(table.title, 50)}" + (f" ({names})" if names else "")},
        related=[related_cell(cell, short(label, 40)) for label, cell in hits]
        or [Related(table.caption_line or table.start_line, short(table.title, 60))],
    )


def average_vs_table(ctx: Context, doc: Document) -> Iterator[Issue]:
    """NA015: an average capaian a sentence states ("rata-rata keberhasilan sebesar
    114,53 %") that is neither the cited table's average row nor the mean of its capaian
    column."""
    from sakiplint.read.numfmt import consistent, fmt

    scale = ctx.settings.tolerance_scale
    for a in verdicts_of(doc).averages:
        cells = _capaian_cells(a.table, a.year)
        column = _capaian_column(a.table, a.year)
        averages = [r.cell(column) for r in a.table.rows
                    if r.kind == "average" and column is not None]
        shown = [c for c in averages if c is not None and c.number is not None]
        candidates = [(c.number, c.text) for c in shown if c.number is not None]
        if cells:
            mean = sum((c.number for _, c in cells if c.number is not None), Decimal(0)) \
                / len(cells)
            candidates.append((mean, fmt(mean, a.decimals, "id")))
        if not candidates:
            continue
        if any(consistent(a.value, x, a.decimals, scale) or consistent(
                x, a.value, max(-x.as_tuple().exponent, 0), scale)  # type: ignore[operator]
                for x, _ in candidates):
            continue
        pct = "%" if a.percent else ""
        yield Issue(
            at=(a.line, a.column, a.line, a.column + len(a.text)),
            actual=a.text + pct,
            expected=" / ".join(t for _, t in candidates),
            args={"table": short(a.table.title, 60)},
            related=[related_cell(c, "rata-rata") for c in shown]
            + [related_cell(c, short(label, 40)) for label, c in cells],
        )


def _capaian_column(table: Table, year: int | None) -> int | None:
    cols = [c for c in table.columns if c.role == "capaian"]
    dated = [c for c in cols if year is not None and c.year == year]
    cols = dated or [c for c in cols if c.year is None]
    return cols[0].index if len(cols) == 1 else None


def _not_achieved(doc: Document, na: NotAchieved) -> Iterator[Issue]:
    """"Tidak tercapainya target" said of an indicator whose every capaian of the year is
    100 or more."""
    from sakiplint.checks.narrative import section_year
    from sakiplint.facts.links import link

    found = link(doc, na.sentence, na.paragraph_line, na.sentence_number)
    if found is None:
        return
    year = na.year or section_year(doc, na.paragraph_line) or doc.report_year
    cells = [r[("capaian", year)] for r in found.indicator.rows.values()
             if ("capaian", year) in r and r[("capaian", year)].number is not None]
    if not cells or any(c.number < _HUNDRED for c in cells if c.number is not None):
        return
    shown = " / ".join(dict.fromkeys(c.text for c in cells))
    yield Issue(
        at=(na.line, na.column, na.line, na.column + len(na.text)),
        actual=na.text,
        expected=f"capaian {shown}",
        args={"said": na.text,
              "detail_id": f"capaian \"{short(found.indicator.name, 50)}\" tahun {year}: "
                           f"{shown} (target tercapai)",
              "detail_en": f"capaian of \"{short(found.indicator.name, 50)}\" in {year}: "
                           f"{shown} (target reached)"},
        related=[related_cell(c, "capaian") for c in cells],
    )
