"""Read Indonesian numbers written in words, and pair them with the digits they repeat.

Reports write many numbers twice, in digits and then in words between parentheses:
"25 (dua puluh lima)", "Rp 1.500.000,- (satu juta lima ratus ribu rupiah)",
"76,57 (tujuh puluh enam koma lima tujuh)". When the two disagree ("20 (enam)") one of them
is wrong.

* :func:`words_to_number` parses text that is only a number in words (grammar:
  ``grammar/numwords.lark``, see its header for exactly what is accepted).
* :func:`find_digit_word_pairs` finds "<digits> (<words>)" pairs in running text.

Both are deliberately conservative: a pair is returned only when the parenthesised text
parses completely as a number, so anything unusual ("2023 (tahun anggaran)",
"5 (lima tahun)", "2,5 (dua setengah)") is skipped rather than reported as a disagreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from sakiplint.grammars import load_grammar

__all__ = ["DigitWordPair", "find_digit_word_pairs", "words_to_number"]

_DIGIT_VALUES = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}

# Multiplier of a scale word, or the value of a se- word, by terminal name.
_SCALE = {
    "PULUH": 10,
    "RATUS": 100,
    "RIBU": 1_000,
    "JUTA": 1_000_000,
    "MILIAR": 1_000_000_000,
    "TRILIUN": 1_000_000_000_000,
    "SEPULUH": 10,
    "SEBELAS": 11,
    "SERATUS": 100,
    "SERIBU": 1_000,
    "SEJUTA": 1_000_000,
    "SEMILIAR": 1_000_000_000,
    "SETRILIUN": 1_000_000_000_000,
}


class _ToDecimal(Transformer):
    """Evaluate the parse tree bottom-up (used inline by the LALR parser)."""

    def d1(self, children: list[Token]) -> int:
        return _DIGIT_VALUES[children[0].value]

    def zero(self, _children: list[Token]) -> int:
        return 0

    def teen(self, children: list) -> int:
        return 10 + children[0]

    def scaled(self, children: list) -> int:
        # n SCALE [rest]; the grammar guarantees rest < SCALE
        count, scale, *rest = children
        return count * _SCALE[scale.type] + (rest[0] if rest else 0)

    def se_scaled(self, children: list) -> int:
        # SE-WORD [rest]
        word, *rest = children
        return _SCALE[word.type] + (rest[0] if rest else 0)

    # ---- fraction: each returns the decimal digits as a string ----

    def zero_digit(self, _children: list[Token]) -> str:
        return "0"

    def zeros(self, children: list[str]) -> str:
        return "".join(children)

    def frac_digit(self, children: list) -> str:
        return str(children[0])

    def frac_zeros(self, children: list[str]) -> str:
        return children[0]

    def frac_digits(self, children: list) -> str:
        return "".join(str(c) for c in children)

    def frac_number(self, children: list) -> str:
        return "".join(str(c) for c in children)

    def start(self, children: list) -> Decimal:
        integer = children[0]
        fraction = ""
        if len(children) > 2 and isinstance(children[1], Token) and children[1].type == "KOMA":
            fraction = children[2]
        return Decimal(f"{integer}.{fraction}") if fraction else Decimal(integer)


@cache
def _parser() -> Lark:
    return load_grammar("numwords", transformer=_ToDecimal())


# a hyphen joining two letters: "dua-puluh", "Dua - Puluh"
_INNER_HYPHEN = re.compile(r"(?<=[a-z])\s*-\s*(?=[a-z])")
_ONLY_LETTERS = re.compile(r"[a-z\s-]+")
_WHITESPACE = re.compile(r"\s+")  # incl. no-break spaces, which the grammar's WS lacks


def words_to_number(text: str) -> Decimal | None:
    """Value of ``text`` if it is (only) an Indonesian number in words, else ``None``.

    Case-insensitive; extra whitespace and hyphens between words are tolerated, as are
    joined words ("duabelas", "tigapuluh") and one trailing "rupiah" or "persen".
    """
    normalized = text.lower().strip()
    if not normalized or not _ONLY_LETTERS.fullmatch(normalized):
        return None
    normalized = _WHITESPACE.sub(" ", _INNER_HYPHEN.sub(" ", normalized))
    if "-" in normalized:  # leading / trailing / doubled hyphen: not ours to guess
        return None
    try:
        value = _parser().parse(normalized)
    except LarkError:
        return None
    return value if isinstance(value, Decimal) else None


@dataclass(frozen=True, slots=True)
class DigitWordPair:
    """A number in digits followed by the same number (supposedly) in words.

    ``digits_text`` is the bare number ("1.500.000", "76,57"; no "Rp", "%" or ",-");
    ``words_text`` is the text inside the parentheses, stripped. Offsets index the text
    given to :func:`find_digit_word_pairs` (``text[start:end] == ..._text``).
    """

    digits_text: str
    digits_start: int
    digits_end: int
    words_text: str
    words_start: int
    words_end: int
    digits_value: Decimal
    words_value: Decimal

    @property
    def agrees(self) -> bool:
        return self.digits_value == self.words_value


_PAIR = re.compile(
    r"""
    (?: (?<=[Rr][Pp]) | (?<=[Rr][Pp]\.) | (?<![\w.,]) )  # start of a token, or right after Rp
    (?P<digits> \d(?:[\d.,]*\d)? )
    (?: ,-{1,2} | ,— )?                                 # Rp 1.500.000,-
    \*{0,2}                                             # **25** (dua puluh lima)
    [^\S\n]* (?: \n[^\S\n]* )?                          # spaces, at most one line break
    (?: % [^\S\n]* )?                                   # 8% (delapan persen)
    \( (?P<words> [A-Za-z\s-]+ ) \)
    """,
    re.VERBOSE,
)

_ID_PLAIN = re.compile(r"\d+(?:,\d+)?")
_ID_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _digit_readings(digits: str) -> tuple[Decimal | None, Decimal | None]:
    """The values of a digit string in Indonesian and in English notation.

    Indonesian notation ("1.500.000", "76,57") is the report standard, but converted and
    hand-typed reports also use "." as the decimal point ("133.33") and occasionally ","
    for thousands ("1,500,000"). Returns ``(indonesian, english)``; either is ``None``
    when the string is not valid in that notation ("1.1.1" is valid in neither).
    """
    indonesian = english = None
    if _ID_PLAIN.fullmatch(digits) or _ID_GROUPED.fullmatch(digits):
        indonesian = Decimal(digits.replace(".", "").replace(",", "."))
    if _EN_PLAIN.fullmatch(digits) or _EN_GROUPED.fullmatch(digits):
        english = Decimal(digits.replace(",", ""))
    return indonesian, english


def find_digit_word_pairs(text: str) -> list[DigitWordPair]:
    """Every "<digits> (<number in words>)" in ``text``, in order of appearance.

    Between the digits and "(" only spaces, at most one line break, a ",-" (rupiah), "**"
    (markdown bold) and a "%" may stand. Parentheses whose content is not completely a
    number in words are ignored.

    Digits are read in Indonesian notation ("1.500.000", "76,57"). If they are also (or
    only) valid in English notation ("133.33", "1.500" = 1.5, "1,500,000") and the words
    match that reading, that reading is used, so notation alone never produces a
    disagreement. Digits valid only in English notation whose words disagree are skipped
    (a "2.12 (dua belas)" is more likely a section number than a contradiction).
    """
    pairs: list[DigitWordPair] = []
    for match in _PAIR.finditer(text):
        indonesian, english = _digit_readings(match["digits"])
        if indonesian is None and english is None:
            continue
        words_value = words_to_number(match["words"])
        if words_value is None:
            continue
        if english is not None and english == words_value:
            digits_value = english
        elif indonesian is not None:
            digits_value = indonesian
        else:
            # only valid in English notation ("2.12", "1,500,000") and the words do not
            # confirm it: could be a section number or version, so say nothing
            continue
        raw = match["words"]
        lead = len(raw) - len(raw.lstrip())
        words_text = raw.strip()
        words_start = match.start("words") + lead
        pairs.append(
            DigitWordPair(
                digits_text=match["digits"],
                digits_start=match.start("digits"),
                digits_end=match.end("digits"),
                words_text=words_text,
                words_start=words_start,
                words_end=words_start + len(words_text),
                digits_value=digits_value,
                words_value=words_value,
            )
        )
    return pairs
