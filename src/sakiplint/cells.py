"""Typed values of table cells.

:func:`parse_cell` turns the plain text of one table cell (HTML already stripped, whitespace
collapsed) into a :class:`CellValue`: a number, percentage, Rupiah amount, placeholder,
spreadsheet error, rating, or plain text. The Lark grammar ``grammar/cell.lark`` tokenises and
structures the cell; this module reads the digit groups in both notations:

* Indonesian (``"id"``): ``"."`` groups thousands, ``","`` is the decimal mark
  (``"1.234.567,89"``, ``"80,04"``);
* English (``"en"``): ``","`` groups thousands, ``"."`` is the decimal mark
  (``"1,234,567.89"``, ``"117.45"``).

A reading is *impossible* when the printed groups do not fit the notation: thousands groups
must be exactly three digits after a first group of one to three digits not starting with
``0``; at most one decimal mark, after all thousands separators. So ``"1.234.567"`` is id
only, ``"80,04"`` and ``"0,00"`` are id only, ``"85.2"`` and ``"0.500"`` are en only, and
``"85.200"`` / ``"1,234"`` are *ambiguous* (both readings exist and differ). Plain integers
(``"2023"``) read the same in both notations.

Which notation a cell is in is decided per column / table, from all its cells, by
:func:`decide_notation`; :meth:`CellValue.reading` then picks the reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Literal

import lark
from lark import Token, Tree

from sakiplint.grammars import load_grammar

Kind = Literal["number", "percent", "money", "empty", "error", "rating", "text"]
Notation = Literal["id", "en"]

__all__ = ["CellValue", "Kind", "Notation", "Reading", "decide_notation", "parse_cell"]


@dataclass(frozen=True, slots=True)
class Reading:
    """One numeric interpretation of a printed number."""

    value: Decimal
    decimals: int  # digits after the decimal mark as printed ("80,04" -> 2, "1.234.567" -> 0)


@dataclass(frozen=True, slots=True)
class CellValue:
    """The typed value of one table cell.

    ``start``/``end`` delimit the printed number (digits and separators, without sign,
    parentheses, currency, ``%``, unit or a ``",-"`` tail) in ``text``; ``(0, len(text))`` when
    the cell has no number. A cell that looks like a number but fits neither notation
    (``"2,710,45"``, ``"1.1.1"``) has kind ``"number"`` and no readings (``is_numeric`` is
    False).
    """

    kind: Kind
    text: str  # the cell text as given
    start: int  # offset in text where the numeric part starts (0 if none)
    end: int  # offset where it ends (len(text) if none)
    id_reading: Reading | None  # Indonesian notation ("." thousands, "," decimal)
    en_reading: Reading | None  # English notation ("," thousands, "." decimal)
    unit: str | None = None  # "%", "Rp", or the word after the number ("Indek", "laporan")
    rating: str | None = None  # kind "rating": "B", "Baik", "Sangat Tinggi"
    # kind "error": the error token ("#DIV/0!"); kind "empty": the placeholder ("-", "N/a");
    # kind "rating": the printed range, if any ("60-70" in "Baik (B) 60-70")
    note: str | None = None

    @property
    def is_numeric(self) -> bool:
        """Number, percentage or money with at least one possible reading."""
        return self.kind in ("number", "percent", "money") and (
            self.id_reading is not None or self.en_reading is not None
        )

    @property
    def ambiguous(self) -> bool:
        """Both readings exist and differ in value ("85.200", "1,234")."""
        return (
            self.id_reading is not None
            and self.en_reading is not None
            and self.id_reading.value != self.en_reading.value
        )

    def reading(self, notation: Notation) -> Reading | None:
        """The reading under the table column's notation; if that reading is impossible, the
        other one."""
        if notation == "id":
            return self.id_reading if self.id_reading is not None else self.en_reading
        return self.en_reading if self.en_reading is not None else self.id_reading


# ---- parser ------------------------------------------------------------------------------


@cache
def _parser() -> lark.Lark:
    """The cell grammar, compiled once (LALR, contextual lexer)."""
    return load_grammar("cell")


# Cyrillic look-alikes of rating letters produced by PDF conversion ("В" for "B").
_HOMOGLYPHS = str.maketrans({"А": "A", "В": "B", "С": "C"})
# Unit words that really are the currency ("1.000 Rupiah").
_CURRENCY_WORDS = frozenset({"rp", "rupiah"})
# A cell without a digit, longer than this and not starting like a placeholder or error, is
# plain text: no placeholder, error or rating is that long ("Tidak Memuaskan Sekali (A)").
_MAX_WORDY = 40
_NON_TEXT_START = frozenset("#-–—−")
_DIGITS = frozenset("0123456789")
# "1.234.567,89" -> ["1", ".", "234", ".", "567", ",", "89"]
_SPLIT = re.compile(r"([.,])").split


def _text(text: str) -> CellValue:
    return CellValue("text", text, 0, len(text), None, None)


def _in_notation(
    groups: list[str], seps: list[str], thousands: str, decimal: str, negative: bool
) -> Reading | None:
    """Read digit ``groups`` separated by ``seps`` ("." / ",") in one notation."""
    if seps.count(decimal) > 1:
        return None
    if decimal in seps:
        if seps[-1] != decimal:
            return None
        int_groups, frac = groups[:-1], groups[-1]
    else:
        int_groups, frac = groups, ""
    if len(int_groups) > 1:  # thousands separators present
        head = int_groups[0]
        if not 1 <= len(head) <= 3 or head[0] == "0":
            return None
        if any(len(g) != 3 for g in int_groups[1:]):
            return None
    digits = "".join(int_groups)
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    if negative and value != 0:
        value = value.copy_negate()
    return Reading(value, len(frac))


def _read_number(
    tok: Token, negative: bool, offset: int, core: str
) -> tuple[Reading | None, Reading | None, int, int]:
    """Both readings of a NUMBER token and the span of the printed number in the cell.
    The digits are taken from ``core`` (the cell text), not from the token, which comes
    from the cell's shape."""
    printed = core[tok.start_pos : tok.end_pos]
    if printed[-1] in "-–":  # Rupiah ",-" tail
        printed = printed[:-2]
    if printed[-1] in ".,":  # lone trailing separator: "1." "83,"
        printed = printed[:-1]
    start = offset + (tok.start_pos or 0)
    end = start + len(printed)
    if printed[0] in ".,":  # leading separator: ".5" (en), ",5" (id)
        frac = printed[1:]
        value = Decimal(f"0.{frac}")
        if negative and value != 0:
            value = value.copy_negate()
        reading = Reading(value, len(frac))
        if printed[0] == ",":
            return reading, None, start, end
        return None, reading, start, end
    if printed.isdigit():  # plain integer: both notations read it alike
        value = Decimal(printed)
        if negative and value != 0:
            value = value.copy_negate()
        reading = Reading(value, 0)
        return reading, reading, start, end
    parts = _SPLIT(printed)
    groups, seps = parts[0::2], parts[1::2]
    id_r = _in_notation(groups, seps, ".", ",", negative)
    en_r = _in_notation(groups, seps, ",", ".", negative)
    return id_r, en_r, start, end


def _interpret(text: str, node: Tree[Token], offset: int, core: str) -> CellValue:
    """Turn the parse tree of one cell (the rule under ``start``) into a CellValue.
    ``core`` is the stripped cell text; the tree was parsed from its shape (same length)."""
    kind = str(node.data)
    tokens: dict[str, Token] = {}
    number: Token | None = None
    negative = False
    rng: Tree[Token] | None = None
    for child in node.children:
        if isinstance(child, Token):
            tokens.setdefault(child.type, child)
            if child.type == "NUMBER":
                number = child
        elif child.data == "range":
            rng = child
        else:  # neg / pos
            negative = child.data == "neg"
            for sub in child.children:
                if isinstance(sub, Token) and sub.type == "NUMBER":
                    number = sub
    if kind in ("money", "percent") and ("MINUS" in tokens or "LPAR" in tokens):
        negative = True  # "-Rp 1.000", "(Rp 1.000)", "(5%)"

    if kind == "empty":
        return CellValue("empty", text, 0, len(text), None, None, note=str(node.children[0]))
    if kind == "money_empty":
        placeholder = str(node.children[-1])
        return CellValue("empty", text, 0, len(text), None, None, unit="Rp", note=placeholder)
    if kind == "error":
        return CellValue("error", text, 0, len(text), None, None, note=str(node.children[0]))
    if kind == "rating":
        letter = tokens.get("RATING_LETTER")
        if letter is not None:
            rating = str(letter).translate(_HOMOGLYPHS)
        else:
            rating = " ".join(str(tokens.get("RATING_WORD", "")).split())
        note = None
        if rng is not None:
            ends = [t for t in rng.children if isinstance(t, Token)]
            note = text[offset + (ends[0].start_pos or 0) : offset + (ends[-1].end_pos or 0)]
        if number is not None:
            id_r, en_r, start, end = _read_number(number, False, offset, core)
            return CellValue("rating", text, start, end, id_r, en_r, rating=rating, note=note)
        return CellValue("rating", text, 0, len(text), None, None, rating=rating, note=note)

    # number / percent / money
    if number is None:  # pragma: no cover - the grammar always has one here
        return _text(text)
    id_r, en_r, start, end = _read_number(number, negative, offset, core)
    if kind == "percent":
        return CellValue("percent", text, start, end, id_r, en_r, unit="%")
    if kind == "money":
        return CellValue("money", text, start, end, id_r, en_r, unit="Rp")
    word = tokens.get("UNIT")
    if word is None:
        return CellValue("number", text, start, end, id_r, en_r)
    if str(number)[-1] in ".,":  # "3. Strategi": list numbering, not a quantity
        return _text(text)
    unit = str(word).strip()  # the token carries the space before it
    if unit.rstrip(".").lower() in _CURRENCY_WORDS:
        return CellValue("money", text, start, end, id_r, en_r, unit="Rp")
    return CellValue("number", text, start, end, id_r, en_r, unit=unit)


@lru_cache(maxsize=65536)
def parse_cell(text: str) -> CellValue:
    """Parse the plain text of one table cell. Never raises: unknown text -> kind "text"."""
    core = text.strip()
    if not core:
        return CellValue("empty", text, 0, len(text), None, None, note="")
    if len(core) > _MAX_WORDY and core[0] not in _NON_TEXT_START and _DIGITS.isdisjoint(core):
        return _text(text)
    offset = len(text) - len(text.lstrip())
    tree = _parse_shape(core.translate(_SHAPE))
    if tree is None:
        return _text(text)
    node = tree.children[0]
    if not isinstance(node, Tree):  # pragma: no cover - start always wraps one rule
        return _text(text)
    return _interpret(text, node, offset, core)


# Every digit plays the same part in the grammar, so cells are parsed by their shape (digits
# written as 0): "1.234.567" and "9.876.543" share one parse, and the values are read from
# the cell's own text at the token positions.
_SHAPE = str.maketrans("123456789", "000000000")


@lru_cache(maxsize=16384)
def _parse_shape(shape: str) -> Tree[Token] | None:
    try:
        return _parser().parse(shape)
    except lark.exceptions.LarkError:
        return None


# ---- notation of a column ----------------------------------------------------------------


def decide_notation(cells: Iterable[CellValue]) -> Notation:
    """Decide the notation of a column (or table) from all its cells.

    1. Votes: a cell only one notation can read votes for it ("1.234.567", "80,04",
       "4.126.305.118,00" -> id; "1,234,567", "117.45%", "85.2", "0.500" -> en). Ambiguous
       cells and cells both notations read alike ("2023") do not vote. The majority wins.
    2. Tie (including no votes): a lone group of exactly three digits after one separator is
       read as a thousands group, since three-decimal values are rare in these reports and
       "85.200" is most likely eighty-five thousand. So if more ambiguous cells use "." than
       "," -> "id" ("85.200" = 85200), if more use "," -> "en" ("1,234" = 1234).
    3. Still tied (e.g. no ambiguous cells, when both readings of every cell agree) -> "id",
       the reports' own notation.
    """
    id_votes = en_votes = dot_ambiguous = comma_ambiguous = 0
    for cell in cells:
        has_id, has_en = cell.id_reading is not None, cell.en_reading is not None
        if has_id and not has_en:
            id_votes += 1
        elif has_en and not has_id:
            en_votes += 1
        elif cell.ambiguous:
            if "." in cell.text[cell.start : cell.end]:
                dot_ambiguous += 1
            else:
                comma_ambiguous += 1
    if id_votes != en_votes:
        return "id" if id_votes > en_votes else "en"
    if dot_ambiguous != comma_ambiguous:
        return "id" if dot_ambiguous > comma_ambiguous else "en"
    return "id"
