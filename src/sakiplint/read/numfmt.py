"""Formatting numbers for messages, in the notation the report itself uses; and the decimal
arithmetic context a document's numbers need.

Python's default decimal context keeps 28 significant digits: ``quantize`` of a longer result,
and ``%`` / ``//`` with a longer quotient, raise ``InvalidOperation``. A report can print any
number of digits, so the rules run in :func:`number_context` of their document, whose
precision is derived from the longest numeral of the text (and :func:`quantize` widens the
precision itself when it must).
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

#: the precision the rules run with when no numeral of the text needs more
BASE_PRECISION = 28
#: numerals up to this long (digits and separators: "1.234.567.890.123,00") are served by the
#: base precision: a product or quotient of two of them, quantized, stays within 28 digits
SHORT_NUMERAL = 20
#: the most digits the arithmetic keeps: every division is computed to the precision, so a
#: numeral of 100,000 digits must not make it 300,000 (longer numerals are rounded, and the
#: operations that would raise past the precision are done without it: :func:`quantize`,
#: :func:`multiple_of_power_of_ten`)
MAX_PRECISION = 300
#: bytes: digits and separators as "x", everything else a blank (a run of SHORT_NUMERAL + 1
#: "x" is found by a substring search: a tenth of the time of a regular expression)
_NUMERAL_BYTES = bytes(0x78 if chr(b) in "0123456789.," else 0x20 for b in range(256))
_LONG_RUN = b"x" * (SHORT_NUMERAL + 1)


def digits_bound(text: str) -> int:
    """An upper bound of the digits of any numeral in ``text``: the longest run of digits and
    separators (separators, and runs of separators only, counted too)."""
    return _longest_run(text.encode("utf-8", "surrogatepass").translate(_NUMERAL_BYTES))


def _longest_run(data: bytes) -> int:
    return max(map(len, data.split()), default=0)


def number_context(text: str) -> decimal.Context:
    """A decimal context for the arithmetic on the numbers of ``text``: the current context
    with enough precision for a product or quotient of two of its numerals quantized to the
    decimals of a third (and sums of many of them), and the widest exponent range; the
    current context (at least 28 digits) when every numeral is short."""
    ctx = decimal.getcontext().copy()
    data = text.encode("utf-8", "surrogatepass").translate(_NUMERAL_BYTES)
    if _LONG_RUN not in data:  # nearly every report: one scan, nothing to change
        ctx.prec = max(ctx.prec, BASE_PRECISION)
        return ctx
    ctx.prec = max(ctx.prec, BASE_PRECISION, min(3 * _longest_run(data) + 24, MAX_PRECISION))
    ctx.Emax = decimal.MAX_EMAX
    ctx.Emin = decimal.MIN_EMIN
    return ctx


def quantize(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half up to ``decimals`` decimals (any number of digits)."""
    if not value.is_finite():
        return value
    needed = max(value.adjusted(), 0) + decimals + 2
    with decimal.localcontext() as ctx:
        if ctx.prec < needed:
            ctx.prec = needed
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def multiple_of_power_of_ten(value: Decimal, power: int) -> bool:
    """Whether ``value`` is a whole multiple of 10^power (``value % 10**power == 0``), exactly
    and for any number of digits (``%`` raises when the quotient is longer than the
    precision)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN, Infinity
        return False
    zeros = exponent
    for d in reversed(digits):
        if d:
            break
        zeros += 1
    return zeros >= power or not any(digits)


def fmt(value: Decimal, decimals: int = 0, notation: str = "id", group: bool = True) -> str:
    q = quantize(value, decimals)
    if not q.is_finite():
        return str(q)
    sign = "-" if q < 0 else ""
    q = q.copy_abs()   # exact: abs() would round to the context's precision
    text = f"{q:{',' if group else ''}.{decimals}f}"   # "1,234,567.89" (one pass)
    whole, _, frac = text.partition(".")
    if notation == "id" and group:
        whole = whole.replace(",", ".")
    if frac:
        return f"{sign}{whole}{',' if notation == 'id' else '.'}{frac}"
    return f"{sign}{whole}"


def consistent(
    printed: Decimal, exact: Decimal, decimals: int, scale: Decimal = Decimal(1)
) -> bool:
    """A value printed with ``decimals`` decimals agrees with ``exact`` when
    |printed - exact| < 10^-decimals (rounding and truncation both pass)."""
    return abs(printed - exact) < Decimal(1).scaleb(-decimals) * scale
