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
from typing import TYPE_CHECKING, Any

from sakiplint.read.grammars import GrammarParser, load_grammar

if TYPE_CHECKING:
    from lark import Lark

    from sakiplint.model import Document

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


class _Evaluate:
    """Evaluate the parse tree bottom-up (used inline by the LALR parser: by Lark as a
    ``Transformer``, see :func:`_parser`, and by the tables as callbacks). Tokens are Lark's
    ``Token`` or :class:`sakiplint.read.grammars.LiteToken`, read alike (``.type``, ``.value``)."""

    def d1(self, children: list[Any]) -> int:
        return _DIGIT_VALUES[children[0].value]

    def zero(self, _children: list[Any]) -> int:
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

    def zero_digit(self, _children: list[Any]) -> str:
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
        if len(children) > 2 and getattr(children[1], "type", None) == "KOMA":
            fraction = children[2]
        return Decimal(f"{integer}.{fraction}") if fraction else Decimal(integer)


@cache
def _parser() -> Lark:
    from lark import Transformer

    class _ToDecimal(Transformer, _Evaluate):  # type: ignore[type-arg]
        pass

    return load_grammar("numwords", transformer=_ToDecimal())


def _callbacks() -> dict[str, Any]:
    evaluate = _Evaluate()
    names = {rule[2] for rule in _TABLES["rules"]}
    return {n: getattr(evaluate, n) for n in names if not n.startswith("_")
            and hasattr(evaluate, n)}


#: the number-words grammar's parser (tables without Lark, see sakiplint.read.grammars), giving
#: the value; None when a text does not parse
_GRAMMAR = GrammarParser("numwords", lambda: _TABLES, lark=_parser, callbacks=_callbacks)
_parse = _GRAMMAR.parse


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
    value = _parse(normalized)
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


# ---- the grammar's tables ----------------------------------------------------------------
# grammar/numwords.lark as Lark (1.x, LALR, contextual lexer) compiles it, derived by
# ``python -m sakiplint.read.grammars numwords``: words are read from these without importing
# Lark. When the grammar changes (its digest differs) Lark parses until they are derived
# again; tests/test_speed_grammars.py checks them against Lark's and the results against
# Lark's parses.
_TABLES: dict[str, Any] = {
    'digest': 'd80b7c949ca9214c',
    'terminals': (
        ('BELAS', 'belas'),
        ('DELAPAN', 'delapan'),
        ('DUA', 'dua'),
        ('EMPAT', 'empat'),
        ('ENAM', 'enam'),
        ('JUTA', 'juta'),
        ('KOMA', 'koma'),
        ('KOSONG', 'kosong'),
        ('LIMA', 'lima'),
        ('MILIAR', 'mil[iy]ar'),
        ('NOL', 'nol'),
        ('PERSEN', 'persen'),
        ('PULUH', 'puluh'),
        ('RATUS', 'ratus'),
        ('RIBU', 'ribu'),
        ('RUPIAH', 'rupiah'),
        ('SATU', 'satu'),
        ('SEBELAS', 'sebelas'),
        ('SEJUTA', 'sejuta'),
        ('SEMBILAN', 'sembilan'),
        ('SEMILIAR', 'semil[iy]ar'),
        ('SEPULUH', 'sepuluh'),
        ('SERATUS', 'seratus'),
        ('SERIBU', 'seribu'),
        ('SETRILIUN', 'setril[iy]un'),
        ('TIGA', 'tiga'),
        ('TRILIUN', 'tril[iy]un'),
        ('TUJUH', 'tujuh'),
        ('WS', '(?:[ \t\x0c\r\n])+'),
    ),
    'lexers': (
        ('WS SETRILIUN SEMILIAR SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS SEJUTA SERIBU EMPAT '
         'TUJUH ENAM LIMA SATU TIGA DUA NOL'),
        ('WS SEMBILAN TRILIUN DELAPAN MILIAR KOSONG PERSEN RUPIAH BELAS EMPAT PULUH RATUS '
         'TUJUH ENAM JUTA KOMA LIMA RIBU SATU TIGA DUA NOL'),
        'WS PERSEN RUPIAH KOMA',
        'WS TRILIUN MILIAR PERSEN RUPIAH JUTA KOMA RIBU',
        ('WS SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS PERSEN RUPIAH SERIBU EMPAT TUJUH ENAM '
         'KOMA LIMA SATU TIGA DUA'),
        ('WS SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS PERSEN RUPIAH SEJUTA SERIBU EMPAT '
         'TUJUH ENAM KOMA LIMA SATU TIGA DUA'),
        ('WS SEMBILAN TRILIUN DELAPAN SEBELAS SEPULUH MILIAR PERSEN RUPIAH EMPAT TUJUH ENAM '
         'JUTA KOMA LIMA RIBU SATU TIGA DUA'),
        ('WS SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS PERSEN RUPIAH EMPAT TUJUH ENAM KOMA '
         'LIMA SATU TIGA DUA'),
        ('WS SEMILIAR SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS PERSEN RUPIAH SEJUTA SERIBU '
         'EMPAT TUJUH ENAM KOMA LIMA SATU TIGA DUA'),
        'WS TRILIUN MILIAR PERSEN RUPIAH BELAS PULUH RATUS JUTA KOMA RIBU',
        'WS',
        'WS PERSEN RUPIAH KOMA RIBU',
        'WS PERSEN RUPIAH JUTA KOMA RIBU',
        'WS TRILIUN MILIAR PERSEN RUPIAH BELAS PULUH JUTA KOMA RIBU',
        'WS MILIAR PERSEN RUPIAH JUTA KOMA RIBU',
        ('WS SEMBILAN TRILIUN DELAPAN MILIAR PERSEN RUPIAH EMPAT TUJUH ENAM JUTA KOMA LIMA '
         'RIBU SATU TIGA DUA'),
        ('WS SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS KOSONG EMPAT TUJUH ENAM LIMA SATU TIGA '
         'DUA NOL'),
        ('WS SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS KOSONG PERSEN RUPIAH EMPAT TUJUH ENAM '
         'LIMA SATU TIGA DUA NOL'),
        ('WS SEMBILAN DELAPAN KOSONG PERSEN RUPIAH BELAS EMPAT PULUH RATUS TUJUH ENAM LIMA '
         'SATU TIGA DUA NOL'),
        'WS PERSEN RUPIAH',
        ('WS SEMBILAN DELAPAN SEBELAS SEPULUH SERATUS PERSEN RUPIAH EMPAT TUJUH ENAM LIMA '
         'SATU TIGA DUA'),
        'WS SEMBILAN DELAPAN KOSONG PERSEN RUPIAH EMPAT TUJUH ENAM LIMA SATU TIGA DUA NOL',
    ),
    'state_lexer':
        ('0 1 1 1 1 1 2 1 3 4 1 5 3 6 7 8 1 1 3 9 2 3 10 2 2 2 2 11 2 12 2 3 13 2 14 2 3 15 '
         '6 16 10 10 10 4 5 7 8 3 3 17 17 17 18 19 19 17 20 2 2 2 2 17 21 21 21 21 10 18 19 '
         '21 21'),
    'ignore': ('WS',),
    'states': (
        ('DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 LIMA s5 NOL s6 SATU s7 SEBELAS s8 SEJUTA s9 '
         'SEMBILAN s10 SEMILIAR s11 SEPULUH s12 SERATUS s13 SERIBU s14 SETRILIUN s15 TIGA '
         's16 TUJUH s17 below100 s18 d1 s19 integer s20 n3 s21 start s22 upto_juta s23 '
         'upto_miliar s24 upto_ribu s25 upto_triliun s26'),
        ('$END r10 BELAS r10 DELAPAN r10 DUA r10 EMPAT r10 ENAM r10 JUTA r10 KOMA r10 KOSONG '
         'r10 LIMA r10 MILIAR r10 NOL r10 PERSEN r10 PULUH r10 RATUS r10 RIBU r10 RUPIAH r10 '
         'SATU r10 SEMBILAN r10 TIGA r10 TRILIUN r10 TUJUH r10'),
        ('$END r11 BELAS r11 DELAPAN r11 DUA r11 EMPAT r11 ENAM r11 JUTA r11 KOMA r11 KOSONG '
         'r11 LIMA r11 MILIAR r11 NOL r11 PERSEN r11 PULUH r11 RATUS r11 RIBU r11 RUPIAH r11 '
         'SATU r11 SEMBILAN r11 TIGA r11 TRILIUN r11 TUJUH r11'),
        ('$END r12 BELAS r12 DELAPAN r12 DUA r12 EMPAT r12 ENAM r12 JUTA r12 KOMA r12 KOSONG '
         'r12 LIMA r12 MILIAR r12 NOL r12 PERSEN r12 PULUH r12 RATUS r12 RIBU r12 RUPIAH r12 '
         'SATU r12 SEMBILAN r12 TIGA r12 TRILIUN r12 TUJUH r12'),
        ('$END r13 BELAS r13 DELAPAN r13 DUA r13 EMPAT r13 ENAM r13 JUTA r13 KOMA r13 KOSONG '
         'r13 LIMA r13 MILIAR r13 NOL r13 PERSEN r13 PULUH r13 RATUS r13 RIBU r13 RUPIAH r13 '
         'SATU r13 SEMBILAN r13 TIGA r13 TRILIUN r13 TUJUH r13'),
        ('$END r14 BELAS r14 DELAPAN r14 DUA r14 EMPAT r14 ENAM r14 JUTA r14 KOMA r14 KOSONG '
         'r14 LIMA r14 MILIAR r14 NOL r14 PERSEN r14 PULUH r14 RATUS r14 RIBU r14 RUPIAH r14 '
         'SATU r14 SEMBILAN r14 TIGA r14 TRILIUN r14 TUJUH r14'),
        '$END r26 KOMA r26 PERSEN r26 RUPIAH r26',
        ('$END r15 BELAS r15 DELAPAN r15 DUA r15 EMPAT r15 ENAM r15 JUTA r15 KOMA r15 KOSONG '
         'r15 LIMA r15 MILIAR r15 NOL r15 PERSEN r15 PULUH r15 RATUS r15 RIBU r15 RUPIAH r15 '
         'SATU r15 SEMBILAN r15 TIGA r15 TRILIUN r15 TUJUH r15'),
        '$END r4 JUTA r4 KOMA r4 MILIAR r4 PERSEN r4 RIBU r4 RUPIAH r4 TRILIUN r4',
        ('$END r39 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r39 LIMA s5 PERSEN r39 RUPIAH r39 '
         'SATU s7 SEBELAS s8 SEMBILAN s10 SEPULUH s12 SERATUS s13 SERIBU s14 TIGA s16 TUJUH '
         's17 below100 s18 d1 s19 n3 s27 upto_ribu s28'),
        ('$END r16 BELAS r16 DELAPAN r16 DUA r16 EMPAT r16 ENAM r16 JUTA r16 KOMA r16 KOSONG '
         'r16 LIMA r16 MILIAR r16 NOL r16 PERSEN r16 PULUH r16 RATUS r16 RIBU r16 RUPIAH r16 '
         'SATU r16 SEMBILAN r16 TIGA r16 TRILIUN r16 TUJUH r16'),
        ('$END r44 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r44 LIMA s5 PERSEN r44 RUPIAH r44 '
         'SATU s7 SEBELAS s8 SEJUTA s9 SEMBILAN s10 SEPULUH s12 SERATUS s13 SERIBU s14 TIGA '
         's16 TUJUH s17 below100 s18 d1 s19 n3 s29 upto_juta s30 upto_ribu s25'),
        '$END r5 JUTA r5 KOMA r5 MILIAR r5 PERSEN r5 RIBU r5 RUPIAH r5 TRILIUN r5',
        ('$END r28 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 JUTA r28 KOMA r28 LIMA s5 MILIAR r28 '
         'PERSEN r28 RIBU r28 RUPIAH r28 SATU s7 SEBELAS s8 SEMBILAN s10 SEPULUH s12 TIGA '
         's16 TRILIUN r28 TUJUH s17 below100 s31 d1 s32'),
        ('$END r49 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r49 LIMA s5 PERSEN r49 RUPIAH r49 '
         'SATU s7 SEBELAS s8 SEMBILAN s10 SEPULUH s12 SERATUS s13 TIGA s16 TUJUH s17 '
         'below100 s18 d1 s19 n3 s33'),
        ('$END r54 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r54 LIMA s5 PERSEN r54 RUPIAH r54 '
         'SATU s7 SEBELAS s8 SEJUTA s9 SEMBILAN s10 SEMILIAR s11 SEPULUH s12 SERATUS s13 '
         'SERIBU s14 TIGA s16 TUJUH s17 below100 s18 d1 s19 n3 s34 upto_juta s23 upto_miliar '
         's35 upto_ribu s25'),
        ('$END r17 BELAS r17 DELAPAN r17 DUA r17 EMPAT r17 ENAM r17 JUTA r17 KOMA r17 KOSONG '
         'r17 LIMA r17 MILIAR r17 NOL r17 PERSEN r17 PULUH r17 RATUS r17 RIBU r17 RUPIAH r17 '
         'SATU r17 SEMBILAN r17 TIGA r17 TRILIUN r17 TUJUH r17'),
        ('$END r18 BELAS r18 DELAPAN r18 DUA r18 EMPAT r18 ENAM r18 JUTA r18 KOMA r18 KOSONG '
         'r18 LIMA r18 MILIAR r18 NOL r18 PERSEN r18 PULUH r18 RATUS r18 RIBU r18 RUPIAH r18 '
         'SATU r18 SEMBILAN r18 TIGA r18 TRILIUN r18 TUJUH r18'),
        '$END r30 JUTA r30 KOMA r30 MILIAR r30 PERSEN r30 RIBU r30 RUPIAH r30 TRILIUN r30',
        ('$END r6 BELAS s36 JUTA r6 KOMA r6 MILIAR r6 PERSEN r6 PULUH s37 RATUS s38 RIBU r6 '
         'RUPIAH r6 TRILIUN r6'),
        '$END r33 KOMA s39 PERSEN s40 RUPIAH s41 unit s42',
        '$END r51 JUTA s43 KOMA r51 MILIAR s44 PERSEN r51 RIBU s45 RUPIAH r51 TRILIUN s46',
        '',
        '$END r48 KOMA r48 PERSEN r48 RUPIAH r48',
        '$END r58 KOMA r58 PERSEN r58 RUPIAH r58',
        '$END r43 KOMA r43 PERSEN r43 RUPIAH r43',
        '$END r27 KOMA r27 PERSEN r27 RUPIAH r27',
        '$END r51 KOMA r51 PERSEN r51 RIBU s45 RUPIAH r51',
        '$END r40 KOMA r40 PERSEN r40 RUPIAH r40',
        '$END r51 JUTA s43 KOMA r51 PERSEN r51 RIBU s45 RUPIAH r51',
        '$END r45 KOMA r45 PERSEN r45 RUPIAH r45',
        '$END r29 JUTA r29 KOMA r29 MILIAR r29 PERSEN r29 RIBU r29 RUPIAH r29 TRILIUN r29',
        ('$END r6 BELAS s36 JUTA r6 KOMA r6 MILIAR r6 PERSEN r6 PULUH s37 RIBU r6 RUPIAH r6 '
         'TRILIUN r6'),
        '$END r50 KOMA r50 PERSEN r50 RUPIAH r50',
        '$END r51 JUTA s43 KOMA r51 MILIAR s44 PERSEN r51 RIBU s45 RUPIAH r51',
        '$END r55 KOMA r55 PERSEN r55 RUPIAH r55',
        '$END r7 JUTA r7 KOMA r7 MILIAR r7 PERSEN r7 RIBU r7 RUPIAH r7 TRILIUN r7',
        ('$END r8 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 JUTA r8 KOMA r8 LIMA s5 MILIAR r8 '
         'PERSEN r8 RIBU r8 RUPIAH r8 SATU s7 SEMBILAN s10 TIGA s16 TRILIUN r8 TUJUH s17 d1 '
         's47'),
        ('$END r31 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 JUTA r31 KOMA r31 LIMA s5 MILIAR r31 '
         'PERSEN r31 RIBU r31 RUPIAH r31 SATU s7 SEBELAS s8 SEMBILAN s10 SEPULUH s12 TIGA '
         's16 TRILIUN r31 TUJUH s17 below100 s48 d1 s32'),
        ('DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOSONG s49 LIMA s5 NOL s50 SATU s7 SEBELAS s8 '
         'SEMBILAN s10 SEPULUH s12 SERATUS s13 TIGA s16 TUJUH s17 __zeros_plus_1 s51 '
         'below100 s18 d1 s52 fraction s53 n3 s54 zero_digit s55 zeros s56'),
        '$END r37',
        '$END r38',
        '$END r36',
        ('$END r41 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r41 LIMA s5 PERSEN r41 RUPIAH r41 '
         'SATU s7 SEBELAS s8 SEMBILAN s10 SEPULUH s12 SERATUS s13 SERIBU s14 TIGA s16 TUJUH '
         's17 below100 s18 d1 s19 n3 s27 upto_ribu s57'),
        ('$END r46 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r46 LIMA s5 PERSEN r46 RUPIAH r46 '
         'SATU s7 SEBELAS s8 SEJUTA s9 SEMBILAN s10 SEPULUH s12 SERATUS s13 SERIBU s14 TIGA '
         's16 TUJUH s17 below100 s18 d1 s19 n3 s29 upto_juta s58 upto_ribu s25'),
        ('$END r52 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r52 LIMA s5 PERSEN r52 RUPIAH r52 '
         'SATU s7 SEBELAS s8 SEMBILAN s10 SEPULUH s12 SERATUS s13 TIGA s16 TUJUH s17 '
         'below100 s18 d1 s19 n3 s59'),
        ('$END r56 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOMA r56 LIMA s5 PERSEN r56 RUPIAH r56 '
         'SATU s7 SEBELAS s8 SEJUTA s9 SEMBILAN s10 SEMILIAR s11 SEPULUH s12 SERATUS s13 '
         'SERIBU s14 TIGA s16 TUJUH s17 below100 s18 d1 s19 n3 s34 upto_juta s23 upto_miliar '
         's60 upto_ribu s25'),
        '$END r9 JUTA r9 KOMA r9 MILIAR r9 PERSEN r9 RIBU r9 RUPIAH r9 TRILIUN r9',
        '$END r32 JUTA r32 KOMA r32 MILIAR r32 PERSEN r32 RIBU r32 RUPIAH r32 TRILIUN r32',
        ('$END r59 DELAPAN r59 DUA r59 EMPAT r59 ENAM r59 KOSONG r59 LIMA r59 NOL r59 PERSEN '
         'r59 RUPIAH r59 SATU r59 SEBELAS r59 SEMBILAN r59 SEPULUH r59 SERATUS r59 TIGA r59 '
         'TUJUH r59'),
        ('$END r60 DELAPAN r60 DUA r60 EMPAT r60 ENAM r60 KOSONG r60 LIMA r60 NOL r60 PERSEN '
         'r60 RUPIAH r60 SATU r60 SEBELAS r60 SEMBILAN r60 SEPULUH r60 SERATUS r60 TIGA r60 '
         'TUJUH r60'),
        ('$END r61 DELAPAN r61 DUA r61 EMPAT r61 ENAM r61 KOSONG s49 LIMA r61 NOL s50 PERSEN '
         'r61 RUPIAH r61 SATU r61 SEBELAS r61 SEMBILAN r61 SEPULUH r61 SERATUS r61 TIGA r61 '
         'TUJUH r61 zero_digit s61'),
        ('$END r6 BELAS s36 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOSONG s49 LIMA s5 NOL s50 '
         'PERSEN r6 PULUH s37 RATUS s38 RUPIAH r6 SATU s7 SEMBILAN s10 TIGA s16 TUJUH s17 '
         '__fraction_plus_0 s62 d1 s63 frac_digit s64 zero_digit s65'),
        '$END r34 PERSEN s40 RUPIAH s41 unit s66',
        '$END r22 PERSEN r22 RUPIAH r22',
        ('$END r3 DELAPAN r3 DUA r3 EMPAT r3 ENAM r3 KOSONG r3 LIMA r3 NOL r3 PERSEN r3 '
         'RUPIAH r3 SATU r3 SEBELAS r3 SEMBILAN r3 SEPULUH r3 SERATUS r3 TIGA r3 TUJUH r3'),
        ('$END r23 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 LIMA s5 PERSEN r23 RUPIAH r23 SATU s7 '
         'SEBELAS s8 SEMBILAN s10 SEPULUH s12 SERATUS s13 TIGA s16 TUJUH s17 below100 s18 d1 '
         's67 n3 s68'),
        '$END r42 KOMA r42 PERSEN r42 RUPIAH r42',
        '$END r47 KOMA r47 PERSEN r47 RUPIAH r47',
        '$END r53 KOMA r53 PERSEN r53 RUPIAH r53',
        '$END r57 KOMA r57 PERSEN r57 RUPIAH r57',
        ('$END r2 DELAPAN r2 DUA r2 EMPAT r2 ENAM r2 KOSONG r2 LIMA r2 NOL r2 PERSEN r2 '
         'RUPIAH r2 SATU r2 SEBELAS r2 SEMBILAN r2 SEPULUH r2 SERATUS r2 TIGA r2 TUJUH r2'),
        ('$END r21 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOSONG s49 LIMA s5 NOL s50 PERSEN r21 '
         'RUPIAH r21 SATU s7 SEMBILAN s10 TIGA s16 TUJUH s17 d1 s63 frac_digit s69 '
         'zero_digit s65'),
        ('$END r19 DELAPAN r19 DUA r19 EMPAT r19 ENAM r19 KOSONG r19 LIMA r19 NOL r19 PERSEN '
         'r19 RUPIAH r19 SATU r19 SEMBILAN r19 TIGA r19 TUJUH r19'),
        ('$END r1 DELAPAN r1 DUA r1 EMPAT r1 ENAM r1 KOSONG r1 LIMA r1 NOL r1 PERSEN r1 '
         'RUPIAH r1 SATU r1 SEMBILAN r1 TIGA r1 TUJUH r1'),
        ('$END r20 DELAPAN r20 DUA r20 EMPAT r20 ENAM r20 KOSONG r20 LIMA r20 NOL r20 PERSEN '
         'r20 RUPIAH r20 SATU r20 SEMBILAN r20 TIGA r20 TUJUH r20'),
        '$END r35',
        ('$END r6 BELAS s36 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOSONG s49 LIMA s5 NOL s50 '
         'PERSEN r6 PULUH s37 RATUS s38 RUPIAH r6 SATU s7 SEMBILAN s10 TIGA s16 TUJUH s17 '
         '__fraction_plus_0 s70 d1 s63 frac_digit s64 zero_digit s65'),
        '$END r25 PERSEN r25 RUPIAH r25',
        ('$END r0 DELAPAN r0 DUA r0 EMPAT r0 ENAM r0 KOSONG r0 LIMA r0 NOL r0 PERSEN r0 '
         'RUPIAH r0 SATU r0 SEMBILAN r0 TIGA r0 TUJUH r0'),
        ('$END r24 DELAPAN s1 DUA s2 EMPAT s3 ENAM s4 KOSONG s49 LIMA s5 NOL s50 PERSEN r24 '
         'RUPIAH r24 SATU s7 SEMBILAN s10 TIGA s16 TUJUH s17 d1 s63 frac_digit s69 '
         'zero_digit s65'),
    ),
    'rules': (
        ('__fraction_plus_0', 2, '__fraction_plus_0', False, '0x 1'),
        ('__fraction_plus_0', 1, '__fraction_plus_0', False, '0'),
        ('__zeros_plus_1', 2, '__zeros_plus_1', False, '0x 1'),
        ('__zeros_plus_1', 1, '__zeros_plus_1', False, '0'),
        ('below100', 1, 'se_scaled', False, '0'),
        ('below100', 1, 'se_scaled', False, '0'),
        ('below100', 1, 'below100', True, '0'),
        ('below100', 2, 'teen', False, '0 1'),
        ('below100', 2, 'scaled', False, '0 1'),
        ('below100', 3, 'scaled', False, '0 1 2'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('d1', 1, 'd1', False, '0'),
        ('frac_digit', 1, 'frac_digit', False, '0'),
        ('frac_digit', 1, 'frac_digit', False, '0'),
        ('fraction', 2, 'frac_digits', False, '0 1x'),
        ('fraction', 1, 'frac_number', False, '0'),
        ('fraction', 1, 'frac_zeros', False, '0'),
        ('fraction', 3, 'frac_digits', False, '0 1 2x'),
        ('fraction', 2, 'frac_number', False, '0 1'),
        ('integer', 1, 'zero', False, '0'),
        ('integer', 1, 'integer', True, '0'),
        ('n3', 1, 'se_scaled', False, '0'),
        ('n3', 2, 'se_scaled', False, '0 1'),
        ('n3', 1, 'n3', True, '0'),
        ('n3', 2, 'scaled', False, '0 1'),
        ('n3', 3, 'scaled', False, '0 1 2'),
        ('start', 1, 'start', False, '0'),
        ('start', 3, 'start', False, '0 1 2'),
        ('start', 4, 'start', False, '0 1 2 3'),
        ('start', 2, 'start', False, '0 1'),
        ('unit', 1, 'unit', True, '0'),
        ('unit', 1, 'unit', True, '0'),
        ('upto_juta', 1, 'se_scaled', False, '0'),
        ('upto_juta', 2, 'se_scaled', False, '0 1'),
        ('upto_juta', 2, 'scaled', False, '0 1'),
        ('upto_juta', 3, 'scaled', False, '0 1 2'),
        ('upto_juta', 1, 'upto_juta', True, '0'),
        ('upto_miliar', 1, 'se_scaled', False, '0'),
        ('upto_miliar', 2, 'se_scaled', False, '0 1'),
        ('upto_miliar', 2, 'scaled', False, '0 1'),
        ('upto_miliar', 3, 'scaled', False, '0 1 2'),
        ('upto_miliar', 1, 'upto_miliar', True, '0'),
        ('upto_ribu', 1, 'se_scaled', False, '0'),
        ('upto_ribu', 2, 'se_scaled', False, '0 1'),
        ('upto_ribu', 1, 'upto_ribu', True, '0'),
        ('upto_ribu', 2, 'scaled', False, '0 1'),
        ('upto_ribu', 3, 'scaled', False, '0 1 2'),
        ('upto_triliun', 1, 'se_scaled', False, '0'),
        ('upto_triliun', 2, 'se_scaled', False, '0 1'),
        ('upto_triliun', 2, 'scaled', False, '0 1'),
        ('upto_triliun', 3, 'scaled', False, '0 1 2'),
        ('upto_triliun', 1, 'upto_triliun', True, '0'),
        ('zero_digit', 1, 'zero_digit', False, '0'),
        ('zero_digit', 1, 'zero_digit', False, '0'),
        ('zeros', 1, 'zeros', False, '0x'),
    ),
    'start': 0,
    'end': 22,
}


def document_pairs(doc: Document) -> list[tuple[int, int, DigitWordPair]]:
    """(line, 1-based column of the digits, pair) for every "25 (dua puluh lima)" in the
    document's prose (lines outside tables); ``doc.memo("digit_word_pairs", document_pairs)``."""
    out: list[tuple[int, int, DigitWordPair]] = []
    for i, line in enumerate(doc.lines, start=1):
        if i in doc.table_lines or "(" not in line:
            continue
        for pair in find_digit_word_pairs(line):
            out.append((i, pair.digits_start + 1, pair))
    return out
