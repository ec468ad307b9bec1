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
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple, Union

from sakiplint.read.grammars import grammar_digest, lark_major, load_grammar

if TYPE_CHECKING:
    import lark

from sakiplint.model import CellValue, Kind, Notation, Reading

__all__ = ["CellValue", "Kind", "Notation", "Reading", "decide_notation", "parse_cell"]


# ---- parser ------------------------------------------------------------------------------


@cache
def _parser() -> lark.Lark:
    """The cell grammar, compiled once (LALR, contextual lexer)."""
    return load_grammar("cell")


class _Tok(NamedTuple):
    """A token of a cell's parse: terminal name, text, offsets in the cell's shape."""

    type: str
    value: str
    start: int
    end: int


class _Node(NamedTuple):
    """A rule of a cell's parse (``number``, ``percent``, ``neg``, ``range`` ...)."""

    data: str
    children: tuple[Union[_Tok, _Node], ...]  # noqa: UP007 - recursive NamedTuple


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
    tok: _Tok, negative: bool, offset: int, core: str
) -> tuple[Reading | None, Reading | None, int, int]:
    """Both readings of a NUMBER token and the span of the printed number in the cell.
    The digits are taken from ``core`` (the cell text), not from the token, which comes
    from the cell's shape."""
    printed = core[tok.start : tok.end]
    if printed[-1] in "-–":  # Rupiah ",-" tail
        printed = printed[:-2]
    if printed[-1] in ".,":  # lone trailing separator: "1." "83,"
        printed = printed[:-1]
    start = offset + tok.start
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


def _interpret(text: str, node: _Node, offset: int, core: str) -> CellValue:
    """Turn the parse of one cell (the rule under ``start``) into a CellValue. ``core`` is
    the stripped cell text; the parse was made from its shape (same length)."""
    kind = node.data
    tokens: dict[str, _Tok] = {}
    number: _Tok | None = None
    negative = False
    rng: _Node | None = None
    for child in node.children:
        if isinstance(child, _Tok):
            tokens.setdefault(child.type, child)
            if child.type == "NUMBER":
                number = child
        elif child.data == "range":
            rng = child
        else:  # neg / pos
            negative = child.data == "neg"
            for sub in child.children:
                if isinstance(sub, _Tok) and sub.type == "NUMBER":
                    number = sub
    if kind in ("money", "percent") and ("MINUS" in tokens or "LPAR" in tokens):
        negative = True  # "-Rp 1.000", "(Rp 1.000)", "(5%)"

    if kind == "empty":
        return CellValue("empty", text, 0, len(text), None, None, note=_value(node.children[0]))
    if kind == "money_empty":
        placeholder = _value(node.children[-1])
        return CellValue("empty", text, 0, len(text), None, None, unit="Rp", note=placeholder)
    if kind == "error":
        return CellValue("error", text, 0, len(text), None, None, note=_value(node.children[0]))
    if kind == "rating":
        letter = tokens.get("RATING_LETTER")
        if letter is not None:
            rating = letter.value.translate(_HOMOGLYPHS)
        else:
            word = tokens.get("RATING_WORD")
            rating = " ".join((word.value if word is not None else "").split())
        note = None
        if rng is not None:
            ends = [t for t in rng.children if isinstance(t, _Tok)]
            note = text[offset + ends[0].start : offset + ends[-1].end]
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
    unit_tok = tokens.get("UNIT")
    if unit_tok is None:
        return CellValue("number", text, start, end, id_r, en_r)
    if number.value[-1] in ".,":  # "3. Strategi": list numbering, not a quantity
        return _text(text)
    unit = unit_tok.value.strip()  # the token carries the space before it
    if unit.rstrip(".").lower() in _CURRENCY_WORDS:
        return CellValue("money", text, start, end, id_r, en_r, unit="Rp")
    return CellValue("number", text, start, end, id_r, en_r, unit=unit)


def _value(child: _Tok | _Node) -> str:
    return child.value if isinstance(child, _Tok) else child.data


@lru_cache(maxsize=65536)
def parse_cell(text: str) -> CellValue:
    """Parse the plain text of one table cell. Never raises: unknown text -> kind "text"."""
    core = text.strip()
    if not core:
        return CellValue("empty", text, 0, len(text), None, None, note="")
    if len(core) > _MAX_WORDY and core[0] not in _NON_TEXT_START and _DIGITS.isdisjoint(core):
        return _text(text)
    offset = len(text) - len(text.lstrip())
    node = _parse_shape(core.translate(_SHAPE))
    if node is None:
        return _text(text)
    return _interpret(text, node, offset, core)


# Every digit plays the same part in the grammar, so cells are parsed by their shape (digits
# written as 0): "1.234.567" and "9.876.543" share one parse, and the values are read from
# the cell's own text at the token positions.
_SHAPE = str.maketrans("123456789", "000000000")


@lru_cache(maxsize=16384)
def _parse_shape(shape: str) -> _Node | None:
    """The parse of a cell shape (the rule under ``start``), or None when it does not parse.
    Most shapes are decided without Lark (see :func:`_shortcut`); the others by the grammar."""
    if _shortcuts_valid():
        decided = _shortcut(shape)
        if decided is not _UNDECIDED:
            return decided  # type: ignore[return-value]
    return _lark_parse(shape)


def _lark_parse(shape: str) -> _Node | None:
    from lark import Token
    from lark.exceptions import LarkError

    try:
        tree = _parser().parse(shape)
    except LarkError:
        return None
    node = tree.children[0]
    if isinstance(node, Token):  # pragma: no cover - start always wraps one rule
        return None

    def light(t: lark.Tree[Token]) -> _Node:
        return _Node(str(t.data), tuple(
            _Tok(c.type, str(c), c.start_pos or 0, c.end_pos or 0) if isinstance(c, Token)
            else light(c)
            for c in t.children
        ))

    return light(node)


# ---- shortcuts: deciding a shape without Lark ---------------------------------------------
#
# Lark costs a lexer build per parser state and a parse per shape, and most cells are either
# plain numbers or text the grammar rejects. The shortcuts below decide those shapes exactly
# as the grammar does. They use the grammar's own terminal regexes as Lark compiles them,
# each in an atomic group (Lark's lexer commits to a terminal's first match), and the start
# state's lexer is Lark's: the terminals that state accepts, tried in Lark's order. They were
# derived from ``grammar/cell.lark`` with the digest below; when the grammar changes they are
# switched off (every shape goes to Lark) until re-derived: tests/test_speed_cells.py
# compares the regexes and the order with Lark's and the results with Lark's parses.
#
# * First token NUMBER (a digit or "." / "," first): ``number`` (NUMBER UNIT?) or
#   ``percent`` (NUMBER PERCENT), as after it only UNIT, PERCENT (disjoint) or the end are
#   accepted; anything else does not parse.
# * "Rp 1.000" (CURRENCY NUMBER: after CURRENCY only NUMBER matches a digit, and after it
#   only the end is accepted) is ``money``; "(1.000)" (LPAR _WS? NUMBER _WS? RPAR) is a
#   negative ``number``.
# * A single token that is a sentence on its own: "-", "---", "N/A" (``empty``), "#DIV/0!"
#   (``error``), "B", "Baik" (``rating``).
# * Does not parse: no terminal of the start state matches; NA, ERROR or DASHES followed by
#   anything (only the end may follow them); a rating letter followed by other than a space
#   or "("; a rating word followed by other than a space, "(" or a number; a minus followed
#   by other than a number or "Rp"; a character no terminal has (outside digits 0-9, letters,
#   spaces, . , - − – — + ( ) % # / ! ?); more than four runs of letters (at most a rating
#   word of three words and a rating letter: "Tidak Memuaskan Sekali (A)").
# * Everything else goes to Lark.

_CELL_GRAMMAR_DIGEST = "86366c6b3d4ce39e"  # grammar_digest("cell") the shortcuts fit
_WS_CHARS = " \t\xa0\u2007\u2009\u202f"
_WS_CLASS = f"[{_WS_CHARS}]"
#: the terminals of grammar/cell.lark as Lark compiles them (Terminal.pattern.to_regexp())
_TERMINALS = {
    "NUMBER": r"(?:[.,][0-9]+|[0-9]+(?:[.,][0-9]+)*(?:[.,][-–]?)?)",
    "MINUS": r"[-−–]",
    "PLUS": r"\+",
    "DASHES": r"[-–—]{2,}|—",
    "LPAR": r"\(",
    "RPAR": r"\)",
    "PERCENT": _WS_CLASS + "*%",
    "CURRENCY": r"[Rr][Pp]\.?(?![^\W\d_])" + _WS_CLASS + "*",
    "UNIT": _WS_CLASS + r"+[^\W\d_]+\.?(?!\w)",
    "NA": r"[Nn]\/?[Aa](?!\w)|[Nn]\.[Aa]\.?(?!\w)",
    "ERROR": "(?i:#(?:DIV\\/0!|REF!|VALUE!|N\\/A|NAME\\?|NUM!|NULL!|SPILL!|CALC!)"
             "|#+(?:[ \t\xa0]+#+)*)",
    "RATING_LETTER": r"(?:[AА]{1,2}|[BВ]{1,2}|[CС]{1,2}|D)(?!\w)",
    "RATING_WORD": r"(?i:(?:sangat|cukup|kurang|tidak)\s+)?(?i:baik|cukup|kurang|tinggi"
                   r"|rendah|sedang|berhasil|memuaskan|buruk)(?:\s+(?i:sekali))?(?!\w)",
    "_WS": _WS_CLASS + "+",
}
#: the terminals the start state accepts, in the order its lexer tries them
_START_ORDER = (
    "RATING_WORD", "ERROR", "NUMBER", "CURRENCY", "DASHES", "NA", "RATING_LETTER", "MINUS",
    "LPAR", "PLUS",
)
#: a first token that is a whole sentence: the rule it makes
_ALONE = {
    "MINUS": "empty", "DASHES": "empty", "NA": "empty", "ERROR": "error",
    "RATING_LETTER": "rating", "RATING_WORD": "rating",
}


def _atomic(name: str, group: str | None = None) -> str:
    return f"(?P<{group or name}>(?>{_TERMINALS[name]}))"


_WS_OPT = f"(?>{_TERMINALS['_WS']})?"
_START_LEXER = re.compile("|".join(_atomic(n) for n in _START_ORDER))
# What may follow the first token, matched from its end (so that each terminal's regex is
# compiled once or twice, not in every combination):
# NUMBER (UNIT | PERCENT)?
_AFTER_NUMBER = re.compile(f"(?:{_atomic('UNIT')}|{_atomic('PERCENT')})?")
# CURRENCY NUMBER
_AFTER_CURRENCY = re.compile(_atomic("NUMBER"))
# LPAR _WS? NUMBER _WS? RPAR (a negative number)
_AFTER_LPAR = re.compile(f"{_WS_OPT}{_atomic('NUMBER')}{_WS_OPT}{_atomic('RPAR')}")
# RATING_LETTER (_WS? LPAR _WS? NUMBER _WS? RPAR)?
_AFTER_LETTER = re.compile(f"(?:{_WS_OPT}{_atomic('LPAR')}{_AFTER_LPAR.pattern})?")
# RATING_WORD _WS? LPAR _WS? (RATING_LETTER _WS? RPAR | NUMBER _WS? RPAR), then the range
_WORD_PAREN = re.compile(
    f"{_WS_OPT}{_atomic('LPAR')}{_WS_OPT}"
    f"(?:{_atomic('RATING_LETTER')}|{_atomic('NUMBER')}){_WS_OPT}{_atomic('RPAR')}"
)
# range: NUMBER _WS? MINUS _WS? NUMBER (after a rating word, or its letter in parentheses)
_RANGE = re.compile(
    f"{_WS_OPT}{_atomic('NUMBER', 'FROM')}{_WS_OPT}{_atomic('MINUS')}{_WS_OPT}"
    + _atomic("NUMBER", "TO")
)
_CURRENCY = re.compile(_atomic("CURRENCY"))
_FOREIGN = re.compile(r"[^\s\w.,\-−–—+()%#/!?]|_|[^\D0-9]")
_LETTERS = re.compile(r"[^\W\d_]+")
_MAX_LETTER_RUNS = 4
_UNDECIDED = object()


@cache
def _shortcuts_valid() -> bool:
    """Whether the shortcuts fit the grammar in use, as the Lark they were derived with
    (major version 1) compiles it."""
    return grammar_digest("cell") == _CELL_GRAMMAR_DIGEST and lark_major() == "1"


def _tokens(m: re.Match[str], names: tuple[str, ...]) -> tuple[_Tok, ...]:
    """The tokens of the named groups that took part in the match."""
    return tuple(
        _Tok(name, m.group(name), m.start(name), m.end(name))
        for name in names if m.group(name) is not None
    )


def _rating_word(shape: str, first: _Tok) -> _Node | None:
    """RATING_WORD (_WS? LPAR _WS? RATING_LETTER _WS? RPAR)? (_WS? range)?
    | RATING_WORD _WS? LPAR _WS? NUMBER _WS? RPAR; None: not of this form."""
    children: list[_Tok | _Node] = [first]
    pos = first.end
    paren = _WORD_PAREN.match(shape, pos)
    if paren is not None:
        children += _tokens(paren, ("LPAR", "RATING_LETTER", "NUMBER", "RPAR"))
        pos = paren.end()
        if paren.group("NUMBER") is not None:  # "Baik (80)": nothing may follow
            return _Node("rating", tuple(children)) if pos == len(shape) else None
    if pos < len(shape):
        rng = _RANGE.fullmatch(shape, pos)
        if rng is None:
            return None
        children.append(_Node("range", (
            _Tok("NUMBER", rng.group("FROM"), rng.start("FROM"), rng.end("FROM")),
            _Tok("MINUS", rng.group("MINUS"), rng.start("MINUS"), rng.end("MINUS")),
            _Tok("NUMBER", rng.group("TO"), rng.start("TO"), rng.end("TO")),
        )))
    return _Node("rating", tuple(children))


def _shortcut(shape: str) -> _Node | object | None:
    """The parse of ``shape`` when it can be decided without Lark (None: it does not parse),
    else ``_UNDECIDED``."""
    m = _START_LEXER.match(shape)
    if m is None:
        return None
    kind, end = m.lastgroup or "", m.end()
    first = _Tok(kind, m.group(), 0, end)
    if kind == "NUMBER":
        rest = _AFTER_NUMBER.fullmatch(shape, end)
        if rest is None:
            return None
        return _Node("percent" if rest.lastgroup == "PERCENT" else "number",
                     (first, *_tokens(rest, ("UNIT", "PERCENT"))))
    if end < len(shape):
        if kind == "CURRENCY":
            rest = _AFTER_CURRENCY.fullmatch(shape, end)
            if rest is not None:
                return _Node("money", (first, *_tokens(rest, ("NUMBER",))))
        elif kind == "LPAR":
            rest = _AFTER_LPAR.fullmatch(shape, end)
            if rest is not None:
                return _Node("number", (_Node("neg", (first, *_tokens(rest, ("NUMBER", "RPAR")))),))
            closed = _AFTER_LPAR.match(shape, end)
            if closed is not None and shape[closed.end():closed.end() + 1] not in (
                *_WS_CHARS, "%"
            ):
                # "(1)/(2)": after "(NUMBER)" only a unit or "%" may follow (number: _value
                # UNIT?, percent: _value PERCENT), and both start with a space or "%"
                return None
        elif kind == "RATING_LETTER":
            rest = _AFTER_LETTER.fullmatch(shape, end)
            if rest is not None:
                return _Node("rating", (first, *_tokens(rest, ("LPAR", "NUMBER", "RPAR"))))
        elif kind == "RATING_WORD":
            node = _rating_word(shape, first)
            if node is not None:
                return node
    else:
        rule = _ALONE.get(kind)
        return _Node(rule, (first,)) if rule is not None else _UNDECIDED
    nxt = shape[end:].lstrip(_WS_CHARS)
    if (
        kind in ("NA", "ERROR", "DASHES")  # only the end may follow
        or (kind == "RATING_LETTER" and nxt[:1] != "(")
        or (kind == "RATING_WORD" and nxt[:1] not in ("(", "0", ".", ","))
        or (kind == "MINUS" and nxt[:1] not in ("0", ".", ",")
            and _CURRENCY.match(shape, len(shape) - len(nxt)) is None)
        or _FOREIGN.search(shape) is not None
        or len(_LETTERS.findall(shape)) > _MAX_LETTER_RUNS
    ):
        return None
    return _UNDECIDED


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
