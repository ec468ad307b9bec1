"""Narrative checks: numbers in running text."""

from __future__ import annotations

from collections.abc import Iterator

from sakiplint.engine import Context, Issue
from sakiplint.model import Document
from sakiplint.numfmt import fmt


def digits_words(ctx: Context, doc: Document) -> Iterator[Issue]:
    """A number written in digits and in words that disagree: "20 (enam)"."""
    for line, col, pair in doc.number_word_pairs():
        if pair.agrees:
            continue
        decimals = max(-pair.words_value.as_tuple().exponent, 0)  # type: ignore[operator]
        yield Issue(
            at=(line, col, line, col + len(pair.digits_text)),
            actual=pair.digits_text,
            expected=fmt(pair.words_value, int(decimals), "id"),
            args={"words": pair.words_text},
        )
