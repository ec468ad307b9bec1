"""IKM (Indeks Kepuasan Masyarakat) from the survey element scores: PermenPANRB 14/2017
computes it as the mean of the unsur scores (U1..U9, each 1..4) x 25. The survey table and
the IKM the report states come from sakiplint.facts.scales.surveys."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sakiplint.checks.common import Relation, failing, related_cell
from sakiplint.engine import Context, Issue, Settings
from sakiplint.engine.findings import Related
from sakiplint.facts.scales import Survey, surveys
from sakiplint.model import Document, Table
from sakiplint.read.numfmt import fmt

CONVERSION = Decimal(25)
#: the weight 1/9 as many reports print it (0,111): accepted as a second reading
WEIGHT_111 = Decimal("0.111")


def _inputs_tolerance(survey: Survey) -> Decimal:
    """Each element printed with d decimals is off by < 10^-d, so their mean is too; x 25."""
    d = max(c.decimals for c in survey.elements)
    return CONVERSION * Decimal(1).scaleb(-d)


def ikm_relations(doc: Document, table: Table, settings: Settings) -> Iterator[Relation]:
    for s in surveys(doc):
        if s.table_index != table.index:
            continue
        scores = [c.number for c in s.elements if c.number is not None]
        n = len(scores)
        total = sum(scores, Decimal(0))
        exact = total / n * CONVERSION
        candidates = [exact]
        if n == 9:
            candidates.append(total * WEIGHT_111 * CONVERSION)
        if s.stated is not None and s.stated.number is not None:
            value, dec, text = s.stated.number, s.stated.decimals, s.stated.text
            at: object = s.stated
        elif s.stated_value is not None and s.stated_line is not None:
            value, dec, text = s.stated_value, s.stated_decimals, s.stated_text or ""
            col = s.stated_column or 1
            at = (s.stated_line, col, s.stated_line, col + len(text))
        else:
            continue
        tol = (_inputs_tolerance(s) + Decimal(1).scaleb(-dec)) * settings.tolerance_scale
        holds = any(abs(value - x) < tol for x in candidates)
        notation = "id" if "," in text else "en"
        yield Relation(holds, Issue(
            at=at,  # type: ignore[arg-type]
            actual=text, expected=fmt(exact, max(dec, 2), notation),
            args={"count": n, "mean": fmt(total / n, 3, notation)},
            related=[related_cell(c, f"U{i}") for i, c in enumerate(s.elements, start=1)]
            + ([] if s.stated is not None
               else [Related(line=table.start_line, message="tabel survei")]),
        ))


def ikm(ctx: Context, table: Table) -> Iterator[Issue]:
    """The IKM a report states must be the mean of its survey element scores x 25."""
    return failing(ikm_relations(ctx.document, table, ctx.settings))
