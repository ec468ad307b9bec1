"""Formatting numbers for messages, in the notation the report itself uses."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def quantize(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt(value: Decimal, decimals: int = 0, notation: str = "id", group: bool = True) -> str:
    q = quantize(value, decimals)
    sign = "-" if q < 0 else ""
    q = abs(q)
    text = f"{q:.{decimals}f}"
    whole, _, frac = text.partition(".")
    if group and len(whole) > 3:
        parts = []
        while len(whole) > 3:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        parts.insert(0, whole)
        whole = ("." if notation == "id" else ",").join(parts)
    if frac:
        return f"{sign}{whole}{',' if notation == 'id' else '.'}{frac}"
    return f"{sign}{whole}"


def consistent(
    printed: Decimal, exact: Decimal, decimals: int, scale: Decimal = Decimal(1)
) -> bool:
    """A value printed with ``decimals`` decimals agrees with ``exact`` when
    |printed - exact| < 10^-decimals (rounding and truncation both pass)."""
    return abs(printed - exact) < Decimal(1).scaleb(-decimals) * scale
