"""Claims in running text: what the sentences of a report state about numbers.

Half of a report is prose that restates its tables ("dengan target 80 telah tercapai sebesar
84,49 atau tercapai 105,61%"). This module reads the paragraphs and list items of a
:class:`~sakiplint.model.Document` into *claims*:

* :class:`CapaianClaim`  target, realisasi and capaian % stated in one sentence;
* :class:`BudgetClaim`   anggaran, realisasi anggaran and serapan % in one sentence;
* :class:`BreakdownClaim` a total and the parts it "terdiri dari" (laki-laki + perempuan, or
  parts counted in the same noun as the total);
* :class:`ChangeClaim`   a stated increase / decrease and the two values it is between
  ("kenaikan 2% dibanding tahun sebelumnya 80%", "naik dari A menjadi B (sebesar D)");
* :class:`EfficiencyClaim` an efficiency ratio with the capaian kinerja and capaian anggaran
  it is computed from;
* :class:`DerivedClaim`  a percentage with the two counts it is derived from ("Target 90%
  diperoleh dengan menghitung ... 10 usulan, dibandingkan dengan ... 10 usulan");
* :class:`CompareClaim`  one value said to be below / above another ("80,98 yang masih di
  bawah target ... 86,80").

Pipeline: paragraph text -> sentences -> tokens (numbers with both notations' readings,
percentages, Rupiah amounts, years, "tahun sebelumnya", key words, other words; filler words
dropped) -> one code character per token -> the grammar ``grammar/claims.lark`` (LALR) ->
slots (target 80, realisasi 84,49, capaian 105,61% ...) -> claims assembled per sentence.
Every value keeps its source text and its line / column in the raw report (found by locating
the number's text in the raw lines of the paragraph, which markdown-it gives with markup
stripped).

Numbers in prose mix notations ("112.6%", "91,24", "Rp. 57.389.082.949"). A number that reads
differently in the two notations ("37.554") keeps both readings; a claim is judged wrong only
when no combination of readings makes it right.

Target / realisasi / capaian values a sentence states are also kept as :class:`StatedValue`,
to be linked to the tables by :mod:`sakiplint.facts.links`. Each value gets its own year: the
year named in its clause (before it, else after it), else the one named earlier in the
sentence; "tahun sebelumnya" / "tahun lalu" is the year before the sentence's own year (or
the report's); a year the sentence only compares with ("dibandingkan tahun lalu") is nobody's
year, and a value that only such a year could date is left unlinked. A role is *sure* when one
role word stands right before the value (with at most a year or "tercapai" between); a value
reached across a name, behind mixed role words ("Realisasi Target kinerja ... 57,11%"), or
with no role word at all (a list item "Indeks Keluarga Sehat sebesar 82,5%") is kept with its
role unsure: it is wrong only if it matches none of the indicator's target, realisasi and
capaian.

Access: ``claims_of(document)`` (memoised on the document under ``"claims"``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from itertools import product
from typing import TYPE_CHECKING

from sakiplint.read.prose import LINE_MARKERS

if TYPE_CHECKING:
    from lark import Lark

    from sakiplint.model import Document, Paragraph

__all__ = [
    "BreakdownClaim", "BudgetClaim", "CapaianClaim", "ChangeClaim", "Claims", "CompareClaim",
    "DerivedClaim", "EfficiencyClaim", "StatedValue", "Value", "claims_in_text", "claims_of",
    "locate", "tokenize",
]

MEMO_KEY = "claims"


@cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (nothing is compiled at import)."""
    return re.compile(pattern, flags)


# --------------------------------------------------------------------------- values

@dataclass(frozen=True, slots=True)
class Value:
    """A number stated in a sentence."""

    text: str                          # the printed number ("84.49", "57.389.082.949")
    kind: str                          # "number", "percent", "money"
    readings: tuple[tuple[Decimal, int], ...]   # (value, decimals), one or two notations
    offset: int                        # start of ``text`` in the paragraph text
    line: int = 0                      # 1-based line / column in the raw report (0: unknown)
    column: int = 0

    @property
    def value(self) -> Decimal:
        return self.readings[0][0]

    @property
    def decimals(self) -> int:
        return self.readings[0][1]

    @property
    def notation(self) -> str:
        return "en" if "." in self.text and "," not in self.text and self.decimals else "id"


@dataclass(slots=True)
class CapaianClaim:
    target: Value
    realisasi: Value
    capaian: Value
    sentence: str


@dataclass(slots=True)
class BudgetClaim:
    anggaran: Value
    realisasi: Value
    serapan: Value
    sentence: str
    roles_known: bool   # False: anggaran / realisasi told apart by size only


@dataclass(slots=True)
class BreakdownClaim:
    total: Value
    parts: list[Value]
    noun: str
    sentence: str


@dataclass(slots=True)
class ChangeClaim:
    delta: Value | None  # the stated difference (None: "naik dari A menjadi B" alone)
    first: Value
    second: Value
    direction: str       # "up" or "down"
    sentence: str
    form: str = "delta"  # "delta": a difference and two values; "from_to": "dari A menjadi B"


@dataclass(slots=True)
class OneSidedChange:
    """"pada tahun 2022 realisasi anggaran ... sebesar 91,89% atau terjadi peningkatan
    sebesar 0,52%" in a sentence about 2023: a change of which the sentence gives one value
    (``known``, of ``known_year``) and leaves the other, of ``other_year``, to the tables."""

    delta: Value
    known: Value
    known_year: int
    other_year: int
    direction: str       # "up" or "down"
    sentence: str


@dataclass(slots=True)
class EfficiencyClaim:
    """"capaian kinerja 105,61% dan capaian anggaran 98,47%, ... ratio efisiensi 107,14%"."""

    kinerja: Value
    anggaran: Value
    ratio: Value
    sentence: str


@dataclass(slots=True)
class DerivedClaim:
    """A percentage and the two counts it is derived from ("90% diperoleh dengan menghitung
    ... 10 usulan, dibandingkan dengan ... 10 usulan")."""

    percent: Value
    first: Value
    second: Value
    sentence: str


@dataclass(slots=True)
class CompareClaim:
    """``first`` said to be below (``"below"``) or above (``"above"``) ``second``."""

    first: Value
    second: Value
    relation: str
    sentence: str


@dataclass(slots=True)
class StatedValue:
    """One target / realisasi / capaian value a sentence states, with its year (to be linked
    to a table row by the indicator the sentence speaks of)."""

    role: str            # "target", "realisasi", "capaian", or "any" (no or mixed role words)
    value: Value
    sentence: str
    years: tuple[int, ...]            # every year the sentence names
    where: tuple[int, int] = (0, 0)   # (first line of the paragraph, sentence number)
    #: the value's year is not known (only a compared year could date it)
    other_period: bool = False
    year: int | None = None     # the value's own year (None: the report year, or context)
    previous: bool = False      # "tahun sebelumnya" with no year named: the report year - 1
    sure: bool = True           # one role word right before the value
    bare: bool = False          # no role word in the sentence at all (a list item)
    #: the role words of an unsure value, as written ("realisasi target"): a report's usage
    #: of the phrase may tell its role (see sakiplint.checks.narrative)
    phrase: str = ""
    #: the noun counted right after the value ("targetnya 4 kegiatan"): a count, never an
    #: index restated on another scale
    unit: str = ""


@dataclass(slots=True)
class Claims:
    capaian: list[CapaianClaim] = field(default_factory=list)
    budget: list[BudgetClaim] = field(default_factory=list)
    breakdown: list[BreakdownClaim] = field(default_factory=list)
    change: list[ChangeClaim] = field(default_factory=list)
    stated: list[StatedValue] = field(default_factory=list)
    efficiency: list[EfficiencyClaim] = field(default_factory=list)
    derived: list[DerivedClaim] = field(default_factory=list)
    compare: list[CompareClaim] = field(default_factory=list)
    one_sided: list[OneSidedChange] = field(default_factory=list)

    def __len__(self) -> int:
        return (len(self.capaian) + len(self.budget) + len(self.breakdown) + len(self.change)
                + len(self.efficiency) + len(self.derived) + len(self.compare)
                + len(self.one_sided))

    def values(self) -> list[Value]:
        """Every value a claim reads."""
        vals: list[Value] = []
        for c in self.capaian:
            vals += [c.target, c.realisasi, c.capaian]
        for b in self.budget:
            vals += [b.anggaran, b.realisasi, b.serapan]
        for d in self.breakdown:
            vals += [d.total, *d.parts]
        for ch in self.change:
            vals += [v for v in (ch.delta, ch.first, ch.second) if v is not None]
        for e in self.efficiency:
            vals += [e.kinerja, e.anggaran, e.ratio]
        for dv in self.derived:
            vals += [dv.percent, dv.first, dv.second]
        for cm in self.compare:
            vals += [cm.first, cm.second]
        for o in self.one_sided:
            vals += [o.delta, o.known]
        vals += [sv.value for sv in self.stated]
        return vals

    @property
    def read(self) -> set[tuple[int, int]]:
        """(line, column) of every value a claim reads (a list item's bare value is only a
        candidate, read when a sentence names its indicator: not counted)."""
        bare = {(sv.value.line, sv.value.column) for sv in self.stated if sv.bare}
        return {(v.line, v.column) for v in self.values()} - bare

    def extend(self, other: Claims) -> None:
        self.capaian += other.capaian
        self.budget += other.budget
        self.breakdown += other.breakdown
        self.change += other.change
        self.stated += other.stated
        self.efficiency += other.efficiency
        self.derived += other.derived
        self.compare += other.compare
        self.one_sided += other.one_sided


# --------------------------------------------------------------------------- tokens

#: key words -> code (see grammar/claims.lark)
_KEYWORDS: dict[str, str] = {}
for _code, _words in {
    "t": "target targetnya ditargetkan menargetkan",
    "r": "realisasi realisasinya terealisasi terealisasikan direalisasikan",
    "c": "capaian capaiannya pencapaian",
    "h": "tercapai mencapai dicapai diperoleh memperoleh",
    "g": "anggaran pagu belanja alokasi",
    "s": "serapan penyerapan",
    "x": "efisiensi",
    "b": "dibandingkan dibanding membandingkan",
    "d": "dari",
    "j": "menjadi",
    "o": "atau sehingga maka jadi",
    "a": "dan serta",
    "k": "terdiri",
    "l": "laki-laki laki",
    "f": "perempuan wanita",
    "u": "kenaikan naik meningkat peningkatan bertambah penambahan",
    "e": "penurunan turun menurun berkurang pengurangan",
}.items():
    for _w in _words.split():
        _KEYWORDS[_w] = _code

#: words that never change what a statement says; dropped before coding
_FILLER = frozenset((
    "sebesar", "senilai", "sejumlah", "sebanyak", "yaitu", "yakni", "adalah", "yang", "telah",
    "sudah", "berhasil", "hanya", "total", "secara", "kinerja", "nilai", "nilainya",
    "kinerjanya", "ditetapkan", "direncanakan", "dialokasikan", "hasil", "atas", "pada", "tahun",
    "sebelumnya", "juga", "mendapat",
)) - set(_KEYWORDS)

_TOKEN = re.compile(
    r"(?P<money>Rp\.?\s*(?=\d))"
    r"|(?P<num>\d+(?:[.,]\d+)*)(?P<pct>\s*(?:%|persen\b))?"
    r"|(?P<word>[A-Za-z]+(?:-[A-Za-z]+)*)"
    r"|(?P<lpar>\()|(?P<rpar>\))|(?P<sep>;)",
    re.I,
)


@cache
def _phrases() -> dict[str, tuple[re.Pattern[str], str]]:
    """Phrases read as one token, by their first word: the rest of the phrase (matched
    right after the word) and the phrase's code. "tahun sebelumnya" / "tahun lalu" /
    "tahun kemarin": the year before; "di bawah", "lebih rendah", "kurang dari": below;
    "di atas", "lebih tinggi / besar / baik": above ("di bawah ini" points at a table)."""
    not_ini = r"\b(?!\s+ini\b)"
    return {
        "tahun": (re.compile(r"\s+(?:sebelumnya|lalu|kemarin)\b", re.I), "v"),
        "di": (re.compile(r"\s*bawah" + not_ini, re.I), "B"),
        "dibawah": (re.compile(r"" + not_ini, re.I), "B"),
        "kurang": (re.compile(r"\s+dari\b", re.I), "B"),
        "diatas": (re.compile(r"" + not_ini, re.I), "A"),
        "melebihi": (re.compile(r"", re.I), "A"),
        "lebih": (re.compile(r"\s+(?:(rendah|kecil)|tinggi|besar|baik)\b", re.I), "A"),
        "di ": (re.compile(r"\s*atas" + not_ini, re.I), "A"),
    }
_WORDS_IN_PARENS = re.compile(r"\s*\(\s*[A-Za-z][A-Za-z\s-]*\)")


def _number_words(text: str) -> bool:
    from sakiplint.read.numwords import words_to_number

    return words_to_number(text.strip().strip("()")) is not None


@dataclass(slots=True)
class Token:
    code: str
    text: str
    start: int            # offset in the paragraph text
    value: Value | None = None


_ID_NUMBER = re.compile(r"(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d+))?")
_EN_NUMBER = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(\d+))?")


def _readings(text: str, kind: str) -> tuple[tuple[Decimal, int], ...]:
    """The number's value in Indonesian notation ("1.234,5") and in English ("1,234.5"),
    where each is possible (the same rules as table cells: thousands groups of three)."""
    out: list[tuple[Decimal, int]] = []
    for pattern, group, decimal in ((_ID_NUMBER, ".", ","), (_EN_NUMBER, ",", ".")):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        value = Decimal(text.replace(group, "").replace(decimal, "."))
        reading = (value, len(m.group(1) or ""))
        if all(value != v for v, _ in out):
            out.append(reading)
    if kind == "money" and len(out) > 1 and "." in text:
        out = out[:1]   # Rupiah amounts group thousands with "."
    return tuple(out)


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of one sentence (``base``: the sentence's offset in its paragraph)."""
    out: list[Token] = []
    append = out.append
    pos = 0
    money = False
    n = len(text)
    search = _TOKEN.search
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        pos = m.end()
        group = m.lastgroup
        if group == "word":
            money = False
            word = m.group()
            low = word.lower()
            if low in _PHRASE_FIRST:
                phrase = _phrase(text, pos, low)
                if phrase is not None:
                    code, end = phrase
                    append(Token(code, text[m.start():end], base + m.start()))
                    pos = end
                    continue
            if low in _FILLER:
                continue
            append(Token(_KEYWORDS.get(low, "w"), word, base + m.start()))
            continue
        if group == "money":
            money = True
            continue
        if group in ("num", "pct"):
            num = m.group("num")
            start = m.start("num")
            if (start and text[start - 1].isalpha()) or \
                    _ordinal_before_re().search(text, max(0, start - 6), start):
                money = False
                append(Token("w", num, base + start))
                continue
            kind = "money" if money else ("percent" if group == "pct" else "number")
            money = False
            if kind == "number" and _month_after_re().match(text, m.end()):
                append(Token("w", num, base + start))   # "31 Maret 2023": a date's day
                continue
            if kind == "number" and _YEAR_NUMBER.fullmatch(num):
                append(Token("y", num, base + start))
            else:
                readings = _readings(num, kind)
                if not readings:
                    append(Token("w", num, base + start))
                else:
                    value = Value(num, kind, readings, base + start)
                    append(Token(_KIND_CODE[kind], num, base + start, value))
            skip = _WORDS_IN_PARENS.match(text, pos)
            if skip is not None and _number_words(skip.group()):
                pos = skip.end()   # "25 (dua puluh lima)": the words repeat the number
            continue
        money = False
        code = {"lpar": "(", "rpar": ")"}.get(group or "", ";")
        append(Token(code, code, base + m.start()))
    return out


_PHRASE_FIRST = frozenset(("tahun", "di", "dibawah", "kurang", "diatas", "melebihi", "lebih"))


def _phrase(text: str, pos: int, first: str) -> tuple[str, int] | None:
    """(code, end) of the phrase starting with the word ``first`` that ends at ``pos``."""
    table = _phrases()
    for key in (first, first + " ") if first == "di" else (first,):
        found = table.get(key)
        if found is None:
            continue
        rest, code = found
        m = rest.match(text, pos)
        if m is not None:
            if first == "lebih" and m.group(1):
                code = "B"
            return code, m.end()
    return None


_YEAR_NUMBER = re.compile(r"(19|20)\d\d")
#: "ke-2", "ke 15": an ordinal, not a value
def _ordinal_before_re() -> re.Pattern[str]:
    return _rx(r"\bke\s*-?\s*$", re.I)

def _month_after_re() -> re.Pattern[str]:
    return _rx(r"\s+(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|"
               r"oktober|nopember|november|desember)\b", re.I)

_KIND_CODE = {"money": "m", "percent": "p", "number": "n"}


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of a paragraph's text (split by the prose layer)."""
    from sakiplint.read.prose import sentence_spans

    return [(a, text[a:b]) for a, b in sentence_spans(text)]


# --------------------------------------------------------------------------- grammar

@cache
def _parser() -> Lark:
    from sakiplint.read.grammars import load_grammar

    return load_grammar("claims", parser="lalr", lexer="basic")


@dataclass(slots=True)
class Slot:
    kind: str
    tokens: list[Token]
    first: int = 0        # index of the slot's first token in the sentence's tokens

    def values(self) -> list[Value]:
        return [t.value for t in self.tokens if t.value is not None]


def _slots(tokens: list[Token]) -> list[Slot]:
    code = "".join(t.code for t in tokens)
    out: list[Slot] = []
    for tok in _parse(code):
        out.append(Slot(tok[0], tokens[tok[1]:tok[2]], tok[1]))
    return out


@lru_cache(maxsize=4096)
def _parse(code: str) -> tuple[tuple[str, int, int], ...]:
    """(slot kind, first token, end token) of each slot the grammar finds in a code string
    (sentences of a report repeat their shapes, so the parse is remembered per shape)."""
    if _scanner_valid():
        return _scan(code)
    return _parse_with_lark(code)


def _parse_with_lark(code: str) -> tuple[tuple[str, int, int], ...]:
    tree = _parser().parse(code)
    return tuple(
        (str(tok.type).lower(), tok.start_pos, tok.start_pos + len(tok))  # type: ignore
        for tok in tree.children
    )


# The grammar is a flat list of terminals (``start: _item*``), so its parse is its lexer's
# run: one regular expression, the terminals in the order Lark 1.x's basic lexer tries them
# (priority, then longest). Below they are as Lark compiles grammar/claims.lark with the
# digest that follows (tests/test_claims.py derives them from Lark and checks that the scan
# equals Lark's parse); when the grammar changes, Lark parses until they are derived again.
_CLAIMS_GRAMMAR_DIGEST = "bba7e85d17b4ecf9"
_SCAN_TERMINALS: tuple[tuple[str, str], ...] = (
    ('BREAKDOWN',
     'n[wlf](?:[wlftrchgsdjoy()])*k(?:d)?(?:n(?:[wlf])*(?:\\(p\\))?)+an(?:[wlf])*(?:\\(p\\))?'),
    ('DERIVED', '[trc]?phw{0,12}nw{0,3}bw{0,12}n'),
    ('EFFICIENCY', 'c?w{0,3}p[ao]?(?:c?g|sg?)pw{0,6}x(?:g)?p'),
    ('CHANGE_FROM_TO_BY', '[ue]dy?[np]y?j[np]y?(?:o[ue]?[np]|\\([np]w?\\))'),
    ('CHANGE_BY_FROM_TO', '[ue][np]dy?[np]y?j[np]y?'),
    ('COMPARE', '(?:[rch][wy]{0,3})?[npm]w{0,2}[AB]w{0,3}d?[tyw]?w{0,3}[npm]'),
    ('CHANGE_FROM_TO', '[ue]dy?[np]y?j[np]y?'),
    ('REAL_OF_BUDGET', '(?:r(?:g)?md(?:g)?m|mdgm)'),
    ('REAL_OF_TARGET', '(?:(?:[rch])?[npm]dt[npm]|(?:[rch])?[npm]d[npm]t)'),
    ('RESPECTIVE', '[trc]{1,3}w{0,8}[yv](?:a[yv])+w{0,2}[npm](?:a[npm])+'),
    ('CAPAIAN', '(?:o(?:[hcr])?p|c(?:h)?p)'),
    ('SERAPAN', 's(?:g)?p'),
    ('CHANGE', '[ue][np]'),
    ('TARGET_NAMED', 'tw{0,8}[yv][npm]'),
    ('ACHIEVED', 'hw{0,2}[npm]'),
    ('REALISASI', 'r[npm]'),
    ('TARGET', 't[npm]'),
    ('BUDGET', 'gm'),
    ('ROLE_NAMED', '[trc]{1,3}[wa]{0,8}(?:[yv](?:a[yv])*(?:\\(y\\))?)?w{0,2}(?:h)?[npm]'),
    ('_ANY', '.'),
)


@cache
def _scanner_valid() -> bool:
    from sakiplint.read.grammars import grammar_digest

    return grammar_digest("claims") == _CLAIMS_GRAMMAR_DIGEST


@cache
def _scanner() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _SCAN_TERMINALS))


def _scan(code: str) -> tuple[tuple[str, int, int], ...]:
    """The grammar's parse of ``code`` by the scan: the kept (not "_"-prefixed) terminals."""
    rx = _scanner()
    out: list[tuple[str, int, int]] = []
    pos = 0
    while pos < len(code):
        m = rx.match(code, pos)
        if m is None:   # cannot happen: _ANY matches any code character
            return _parse_with_lark(code)
        name = m.lastgroup or ""
        if not name.startswith("_"):
            out.append((name.lower(), pos, m.end()))
        pos = m.end()
    return tuple(out)


#: codes that can start a claim (a sentence with values but none of them reads no claim,
#: except a list item's bare value)
_TRIGGER = frozenset("trchgskuexbAB")


def _worth_parsing(tokens: list[Token]) -> bool:
    return any(t.value is not None for t in tokens) and any(t.code in _TRIGGER for t in tokens)


# --------------------------------------------------------------------------- claims

#: a cheap first look: stems of every key word that can start a claim (a sentence without
#: one is not tokenised at all, unless its bare value is asked for)
_TRIGGER_STEMS = (
    "target", "realis", "capai", "anggaran", "pagu", "belanja", "alokasi", "serapan",
    "terdiri", "naik", "turun", "meningkat", "peningkatan", "bertambah", "penambahan",
    "berkurang", "pengurangan", "peroleh", "dicapai", "nargetkan", "nyerapan", "nurun",
    "efisiensi", "banding", "melebihi", "bawah",
)


def _has_trigger(text: str) -> bool:
    """Whether ``text`` holds a stem of a key word (substring tests: far cheaper on long
    paragraphs than one alternation of them)."""
    low = text.lower()
    return any(stem in low for stem in _TRIGGER_STEMS)


_HAS_DIGIT = re.compile(r"\d")
def _formula_re() -> re.Pattern[str]:
    return _rx(r"\$\$|\\frac\b|\\times\b")

#: a bare value (no role word) is read only in a list item or a short paragraph
_BARE_MAX = 300


def claims_in_text(text: str, bare: bool = False) -> Claims:
    """All claims of one paragraph's text (values carry offsets, no line / column). With
    ``bare`` (a list item or a short paragraph), a sentence's one value with no role word is
    kept too, its role unsure."""
    out = Claims()
    trigger = _has_trigger(text)
    if not trigger and not bare:
        return out
    for number, (base, sentence) in enumerate(sentences(text)):
        if not _has_trigger(sentence):
            if bare:
                _bare(tokenize(sentence, base), sentence, number, out)
            continue
        tokens = tokenize(sentence, base)
        if not _worth_parsing(tokens):
            if bare:
                _bare(tokens, sentence, number, out)
            continue
        slots = _slots(tokens)
        if not slots and bare:
            # "Penurunan Prevalensi stunting sebesar 76,36 % (Tinggi)": a name holding a
            # key word, no claim read: the list item's bare value
            _bare(tokens, sentence, number, out, relaxed=True)
            continue
        dating = _Dating(tokens, sentence, base)
        _stated(_drop_relative(slots, tokens), tokens, dating, sentence, out, number)
        _budget(tokens, slots, sentence, out)
        _breakdown(tokens, slots, sentence, out)
        _change(tokens, slots, sentence, out)
        _efficiency(slots, sentence, out)
        _derived(slots, sentence, out)
        _compare(slots, sentence, out, base)
    _capaian_across(out)
    return out


# --------------------------------------------------------------------------- years

def _period_gap_re() -> re.Pattern[str]:
    return _rx(r"^\s*(?:-|–|—|s\.?\s?/?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s*$", re.I)

#: what ends a clause (the year named in a clause dates its values first)
def _clause_end_re() -> re.Pattern[str]:
    return _rx(r"[;:]|,(?!\d)|(?<!\d),|\b(?:sedangkan|sementara|namun|tetapi|akan\s+tetapi)\b",
               re.I)



@dataclass(slots=True)
class _YearGroup:
    first: int                 # token index of its first and last year
    last: int
    years: list[int | None]    # None: the year before ("tahun sebelumnya")
    clause: int
    reference: bool            # only compared with ("dibandingkan tahun 2022", "dari tahun lalu")


class _Dating:
    """The year each value of a sentence belongs to (see the module docstring)."""

    def __init__(self, tokens: list[Token], sentence: str, base: int) -> None:
        ends = [base + m.start() for m in _clause_end_re().finditer(sentence)]
        self.tokens = tokens
        self.clause = [bisect.bisect_right(ends, t.start) for t in tokens]
        self.groups: list[_YearGroup] = []
        i, n = 0, len(tokens)
        while i < n:
            t = tokens[i]
            if t.code not in "yv":
                i += 1
                continue
            if t.code == "y" and i + 1 < n and tokens[i + 1].code == "y" and _period_gap_re().match(
                    sentence[t.start - base + len(t.text):tokens[i + 1].start - base]):
                i += 2   # a period ("2021-2026"): nobody's year
                continue
            years: list[int | None] = [int(t.text) if t.code == "y" else None]
            j = i
            while j + 2 < n and tokens[j + 1].code == "a" and tokens[j + 2].code in "yv":
                nxt = tokens[j + 2]
                years.append(int(nxt.text) if nxt.code == "y" else None)
                j += 2
            before = tokens[i - 1].code if i else ""
            self.groups.append(_YearGroup(i, j, years, self.clause[i], before in ("b", "d")))
            i = j + 1
        own = [y for g in self.groups if not g.reference for y in g.years if y is not None]
        #: the sentence's own year: "tahun sebelumnya" is the year before it
        self.this_year: int | None = own[0] if own else None
        self.all_years = tuple(sorted({y for g in self.groups for y in g.years if y is not None}))

    def years_of(self, index: int) -> list[int | None] | None:
        """The years of the value at token ``index`` (None in the list: the year before the
        report year); [] when the sentence dates it by a compared year only (unknown); None
        when the sentence names no year for it (the report year, or context)."""
        clause = self.clause[index]
        before = [g for g in self.groups if g.last < index]
        same = [g for g in before if g.clause == clause]
        if same:
            g = same[-1]
        else:
            after = [g for g in self.groups
                     if g.first > index and g.clause == clause and not g.reference]
            earlier = [g for g in before if not g.reference]
            if after:
                g = after[0]
            elif earlier:
                g = earlier[-1]
            else:
                return [] if self.groups else None
        return [self._resolve(y) for y in g.years]

    def _resolve(self, year: int | None) -> int | None:
        if year is None and self.this_year is not None:
            return self.this_year - 1
        return year


# --------------------------------------------------------------------------- stated values

#: a sentence that goes on about the indicator of the sentence before it
_SAME_INDICATOR = re.compile(r"\bindikator\s+(?:kinerja\s+)?(?:ini|tersebut)\b", re.I)
_ORDINAL_REF = re.compile(r"\bindikator\s+(?:kinerja\s+)?ke\s*-\s*(\d{1,2})\b", re.I)


def _capaian_across(out: Claims) -> None:
    """"Target 75% dan terealisasi 100%. Capaian kinerja pada indikator ini sebesar 133%":
    a target and a realisasi stated in one sentence (without a capaian) and a capaian alone in
    the next, when that next sentence refers to the same indicator ("indikator ini",
    "indikator tersebut", or the same "indikator ke-N")."""
    by_sentence: dict[int, list[StatedValue]] = {}
    for sv in out.stated:
        # the capaian of the second sentence may stand across the name ("Capaian kinerja
        # pada indikator ke-2 sebesar 142 %")
        if sv.sure or (sv.role == "capaian" and sv.value.kind == "percent"):
            by_sentence.setdefault(sv.where[1], []).append(sv)
    for k, first in by_sentence.items():
        second = by_sentence.get(k + 1)
        if not second:
            continue
        roles1 = sorted(sv.role for sv in first)
        if roles1 != ["realisasi", "target"] or [sv.role for sv in second] != ["capaian"]:
            continue
        s1, s2 = first[0].sentence, second[0].sentence
        ordinal1 = {m.group(1) for m in _ORDINAL_REF.finditer(s1)}
        ordinal2 = {m.group(1) for m in _ORDINAL_REF.finditer(s2)}
        if not (_SAME_INDICATOR.search(s2) or (ordinal2 and ordinal2 == ordinal1)):
            continue
        t = next(sv.value for sv in first if sv.role == "target")
        r = next(sv.value for sv in first if sv.role == "realisasi")
        out.capaian.append(CapaianClaim(t, r, second[0].value, s1 + ". " + s2))


#: words after a percentage that make it relative to something ("20% di atas target",
#: "5% lebih tinggi dari"): not an achievement
_RELATIVE = frozenset(("di", "diatas", "dibawah", "lebih", "melebihi", "kurang", "dari"))


def _drop_relative(slots: list[Slot], tokens: list[Token]) -> list[Slot]:
    out: list[Slot] = []
    for s in slots:
        last = s.first + len(s.tokens) - 1
        nxt = tokens[last + 1].text.lower() if last + 1 < len(tokens) else ""
        of_target = nxt == "dari" and last + 2 < len(tokens) and tokens[last + 2].code == "t"
        if s.kind in ("capaian", "achieved", "role_named") and \
                nxt.split(" ")[0] in _RELATIVE and not of_target:
            continue   # "20% di atas target" (but "91,24 dari target 81" is a realisasi)
        out.append(s)
    return out


_ROLE_OF = {"t": "target", "r": "realisasi", "c": "capaian"}
#: nouns after a number that make it a count of something, not an indicator's value, when
#: the number stands away from its role word ("target ... untuk 3 indikator")
_COUNT_NOUNS = frozenset((
    "indikator", "sasaran", "program", "kegiatan", "sub", "tujuan", "desa", "kelurahan",
    "orang", "jiwa", "unit", "buah", "kali", "hari", "bulan", "minggu", "kasus", "pilar",
    "tim", "komponen", "unsur", "rt", "rw", "dokumen", "laporan", "usulan", "pegawai", "asn",
    "pns", "responden", "kuesioner", "lembaga", "poin",
))


def _count_after(tokens: list[Token], index: int) -> bool:
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    return nxt is not None and nxt.code == "w" and nxt.text.lower() in _COUNT_NOUNS


@dataclass(slots=True)
class _Read:
    role: str
    index: int            # token index of the value
    sure: bool
    year_index: int = -1  # RESPECTIVE: which of the group's years (-1: all of them)
    phrase: str = ""      # the role words, lower case


def _role_named(s: Slot, tokens: list[Token]) -> list[_Read]:
    """Role words, then the indicator's name / a year / "tercapai", then the value(s)."""
    run = ""
    for t in s.tokens:
        if t.code not in "trc":
            break
        run += t.code
    phrase = " ".join(t.text.lower() for t in s.tokens[:len(run)])
    gap = [t.code for t in s.tokens[len(run):] if t.value is None]
    roles = set(run)
    named = gap.count("w") + gap.count("a") > 1   # one word between is still "its" value
    role = _ROLE_OF[run[0]] if len(roles) == 1 else "any"
    sure = len(roles) == 1 and not named
    out: list[_Read] = []
    values = [s.first + k for k, t in enumerate(s.tokens) if t.value is not None]
    for n, index in enumerate(values):
        v = tokens[index].value
        assert v is not None
        if v.kind == "money" or (("w" in gap or "a" in gap) and _count_after(tokens, index)):
            continue   # "realisasi pada Musrenbangkab sebanyak 10 usulan": a count
        if role == "capaian" and v.kind != "percent":
            role_here, sure_here = "any", False
        else:
            role_here, sure_here = role, sure
        out.append(_Read(role_here, index, sure_here, n if len(values) > 1 else -1, phrase))
    return out


def _reads(slots: list[Slot], tokens: list[Token]) -> list[_Read]:
    """The target / realisasi / capaian values of a sentence's slots, with how sure their
    roles are; "tercapai X" is decided here (the capaian when it is the last achieved
    percentage and no other capaian is stated, provided a realisasi is stated too; else the
    realisasi)."""
    reads: list[_Read] = []
    achieved: list[int] = []

    def index_of(s: Slot, k: int) -> int:
        return s.first + [i for i, t in enumerate(s.tokens) if t.value is not None][k]

    for s in slots:
        vals = s.values()
        if s.kind in ("target", "target_named") and vals[0].kind != "money":
            reads.append(_Read("target", index_of(s, 0), True))
        elif s.kind == "real_of_target":
            # "R dari target T", "capaian 38,91% dari target 28%": what was reached (the
            # realisasi) against the target
            reads.append(_Read("realisasi", index_of(s, 0), True))
            reads.append(_Read("target", index_of(s, 1), True))
        elif s.kind == "realisasi" and vals[0].kind != "money":
            reads.append(_Read("realisasi", index_of(s, 0), True))
        elif s.kind == "capaian":
            reads.append(_Read("capaian", index_of(s, 0), True))
        elif s.kind == "achieved" and vals[0].kind != "money":
            achieved.append(index_of(s, 0))
        elif s.kind in ("role_named", "respective"):
            run = {t.code for t in s.tokens if t.code in "trc"}
            last = s.first + len(s.tokens) - 1
            if s.kind == "role_named" and tokens[last - 1].code == "h" and (
                    (len(run) > 1 and not any(t.code == "w" for t in s.tokens))
                    or run == {"c"}):
                # "capaian target kinerja tercapai 114,29%", "Capaian Kinerja nilai IKM
                # diperoleh sebesar 111,35%": what was achieved, decided below
                achieved.append(last)
            else:
                reads += _role_named(s, tokens)
        elif s.kind == "derived" and s.tokens[0].code in "trc":
            reads.append(_Read(_ROLE_OF[s.tokens[0].code], index_of(s, 0), True))
        elif s.kind == "compare":
            lead = s.tokens[0].code
            if lead in "rc":
                adjacent = s.tokens[1].value is not None
                reads.append(_Read(_ROLE_OF[lead] if adjacent else "any", index_of(s, 0),
                                   adjacent, -1, "" if adjacent else s.tokens[0].text.lower()))
            if any(t.code == "t" for t in s.tokens):   # "... di bawah target ... 86,80"
                reads.append(_Read("target", index_of(s, 1), False))
        elif s.kind == "efficiency":
            reads.append(_Read("capaian", index_of(s, 0), True))
    if not any(r.role in ("target", "realisasi", "capaian") and r.sure for r in reads):
        # "mencapai 105,61%" with no other role stated: realisasi or capaian, unsure
        return reads + [_Read("any", i, False, -1, _verb(tokens, i)) for i in achieved]
    caps = [r for r in reads if r.role == "capaian" and r.sure]
    reals = [r for r in reads if r.role == "realisasi"]
    last_pct = next((i for i in reversed(achieved)
                     if tokens[i].value is not None and tokens[i].value.kind == "percent"), None)
    if caps or last_pct is None or not (reals or len(achieved) > 1):
        last_pct = None
    for i in achieved:
        reads.append(_Read("capaian" if i == last_pct else "realisasi", i, True))
    return reads


def _about_budget(tokens: list[Token], index: int) -> bool:
    """A budget or absorption word is the nearest key word before the value (within four
    tokens)."""
    for k in range(index - 1, max(-1, index - 5), -1):
        code = tokens[k].code
        if code in "gs":
            return True
        if code in "trc":
            return False
    return False


def _verb(tokens: list[Token], index: int) -> str:
    """The achieved verb before the value at ``index`` (lower case)."""
    for k in range(index - 1, max(-1, index - 4), -1):
        if tokens[k].code == "h":
            return tokens[k].text.lower()
    return ""


def _stated(
    slots: list[Slot], tokens: list[Token], dating: _Dating, sentence: str, out: Claims,
    number: int,
) -> None:
    """The sentence's capaian triple (NA002) and every value it states (NA006 / NA007)."""
    reads = sorted(_reads(slots, tokens), key=lambda rd: rd.index)
    if not reads:
        return
    sure = {role: [r for r in reads if r.role == role and r.sure]
            for role in ("target", "realisasi", "capaian")}
    t, r, c = sure["target"], sure["realisasi"], sure["capaian"]
    if len(t) == len(r) == len(c) == 1:
        tv, rv, cv = (tokens[x[0].index].value for x in (t, r, c))
        assert tv is not None and rv is not None and cv is not None
        if cv.kind == "percent" and len({tv.offset, rv.offset, cv.offset}) == 3:
            out.capaian.append(CapaianClaim(tv, rv, cv, sentence))
    # one value per role and year: which one a second value of the same role and year
    # would be is not known
    seen: dict[tuple[str, int | None, bool], int] = {}
    found: list[tuple[_Read, int | None, bool, bool]] = []
    for rd in reads:
        if not rd.sure and _about_budget(tokens, rd.index):
            continue   # "penggunaan anggaran mencapai 94,42%": the budget's, not the indicator's
        years = dating.years_of(rd.index)
        unknown = years == []
        if rd.year_index >= 0 and years:
            years = [years[rd.year_index]] if rd.year_index < len(years) else []
            unknown = not years
        for y in (years or [None]):
            previous = years is not None and y is None and not unknown
            key = (rd.role, y, previous)
            if rd.sure:
                seen[key] = seen.get(key, 0) + 1
            found.append((rd, y, previous, unknown))
    for rd, y, previous, unknown in found:
        if rd.sure and seen[(rd.role, y, previous)] > 1:
            continue
        v = tokens[rd.index].value
        assert v is not None
        if rd.role == "capaian" and v.kind != "percent" and rd.sure:
            continue
        out.stated.append(StatedValue(
            rd.role, v, sentence, dating.all_years, (0, number), unknown, y, previous,
            rd.sure, False, "" if rd.sure else rd.phrase,
            tokens[rd.index + 1].text.lower() if _count_after(tokens, rd.index) else "",
        ))


#: words a label's number follows ("Sasaran 2", "Tabel 3.1")
_LABEL_WORDS = frozenset((
    "sasaran", "indikator", "tujuan", "misi", "program", "kegiatan", "no", "nomor", "bab",
    "tabel", "gambar", "grafik", "tahap", "lampiran", "pasal", "ayat", "unsur", "komponen",
))
#: codes of a sentence that says what its value is (no bare value then)
_ROLE_CODES = frozenset("trchgsuexbkmAB")


#: codes that keep a value from being a list item's bare value even when no claim is read:
#: budget, absorption, efficiency, comparison, breakdown words, money
_NOT_BARE = frozenset("gsxbkmAB")


def _bare(tokens: list[Token], sentence: str, number: int, out: Claims,
          relaxed: bool = False) -> None:
    """A list item's one value with no role word ("Indeks Keluarga Sehat (IKS) sebesar
    82,5 % (Tinggi)"): kept with its role unsure, dated by the year it names. ``relaxed``:
    the sentence holds key words but the grammar read no claim from them (a name such as
    "Penurunan Prevalensi stunting")."""
    values = [i for i, t in enumerate(tokens) if t.value is not None]
    forbidden = _NOT_BARE if relaxed else _ROLE_CODES
    if len(values) != 1 or any(t.code in forbidden for t in tokens):
        return
    index = values[0]
    v = tokens[index].value
    assert v is not None
    if v.kind == "money" or _count_after(tokens, index) or index == 0:
        return
    if tokens[index - 1].text.lower() in _LABEL_WORDS:
        return   # "Sasaran 2", "Indikator 1 :": a label's number
    dating = _Dating(tokens, sentence, tokens[0].start if tokens else 0)
    years = dating.years_of(index)
    if years == [] or (years is not None and len(years) != 1):
        return
    y = years[0] if years else None
    out.stated.append(StatedValue(
        "any", v, sentence, dating.all_years, (0, number), False, y,
        years is not None and y is None, False, True,
    ))


# --------------------------------------------------------------------------- other claims

def _budget(tokens: list[Token], slots: list[Slot], sentence: str, out: Claims) -> None:
    money = [t.value for t in tokens if t.value is not None and t.value.kind == "money"]
    pcts = [t.value for t in tokens if t.value is not None and t.value.kind == "percent"]
    if len(money) != 2 or len(pcts) != 1:
        return
    if not any(s.kind in ("serapan", "budget", "real_of_budget") for s in slots):
        return
    # the percentage must read as the absorption: an absorption word in the sentence,
    # "atau 92%", or "92% dari (total) anggaran / pagu Rp ..."
    at = next(i for i, t in enumerate(tokens) if t.value is pcts[0])
    after = "".join(t.code for t in tokens[at + 1:at + 4])
    if not (
        any(t.code == "s" for t in tokens)
        or (at > 0 and tokens[at - 1].code == "o")
        or after.startswith(("dg", "dm"))
    ):
        return
    anggaran = realisasi = None
    for s in slots:
        vals = s.values()
        if s.kind == "budget":
            anggaran = vals[0]
        elif s.kind == "real_of_budget":
            realisasi, anggaran = vals[0], vals[1]
    for i, t in enumerate(tokens):   # "terealisasi Rp ..."
        if t.code == "r" and i + 1 < len(tokens) and tokens[i + 1].code == "m":
            realisasi = tokens[i + 1].value
    known = anggaran is not None and realisasi is not None and anggaran is not realisasi
    if not known:
        a, b = money
        anggaran, realisasi = (a, b) if a.value >= b.value else (b, a)
    assert anggaran is not None and realisasi is not None
    out.budget.append(BudgetClaim(anggaran, realisasi, pcts[0], sentence, known))


def _noun_after(tokens: list[Token], i: int) -> list[Token]:
    nouns: list[Token] = []
    j = i + 1
    while j < len(tokens) and tokens[j].code in "wlf":
        nouns.append(tokens[j])
        j += 1
    return nouns


def _breakdown(tokens: list[Token], slots: list[Slot], sentence: str, out: Claims) -> None:
    if not any(s.kind == "breakdown" for s in slots):
        return
    # the last value counted in each noun (and in a sex word): one pass, so that checking
    # that a list is complete does not rescan the rest of the sentence for every list
    last_noun: dict[str, int] = {}
    last_sex = -1
    for i, t in enumerate(tokens):
        if t.code == "n" and i + 1 < len(tokens) and tokens[i + 1].code in "wlf":
            last_noun[tokens[i + 1].text.lower()] = i
            if tokens[i + 1].code in "lf":
                last_sex = i
    for s in slots:
        if s.kind != "breakdown":
            continue
        nums = [(s.first + k, t) for k, t in enumerate(s.tokens) if t.code == "n"]
        (total_at, total), parts = nums[0], nums[1:]
        total_nouns = _noun_after(tokens, total_at)
        if not total_nouns or len(parts) < 2:
            continue
        noun = total_nouns[0].text.lower()
        part_nouns = [_noun_after(tokens, i) for i, _ in parts]
        gender = len(parts) == 2 and sorted(
            next((n.code for n in ns if n.code in "lf"), "") for ns in part_nouns
        ) == ["f", "l"]
        same = all(ns and ns[0].text.lower() == noun for ns in part_nouns)
        if not (gender or same):
            continue
        # the list must be complete: no further value counted in the same noun follows
        last = s.first + len(s.tokens) - 1
        if last_noun.get(noun, -1) > last or (gender and last_sex > last):
            continue
        values = [p.value for _, p in parts if p.value is not None]
        if total.value is None or len(values) != len(parts):
            continue
        out.breakdown.append(BreakdownClaim(total.value, values, noun, sentence))


def _change(tokens: list[Token], slots: list[Slot], sentence: str, out: Claims) -> None:
    changes = [s for s in slots if s.kind.startswith("change")]
    if len(changes) != 1:
        return
    s = changes[0]
    vals = s.values()
    direction = "up" if s.tokens[0].code == "u" else "down"
    if s.kind != "change":
        # "naik dari A menjadi B" with the difference stated before, after, or not at all
        if s.kind == "change_by_from_to":
            delta, first, second = vals
        elif s.kind == "change_from_to_by":
            first, second, delta = vals
        else:
            (first, second), delta = vals, None
        if any(v.kind == "money" for v in vals):
            return
        out.change.append(ChangeClaim(delta, first, second, direction, sentence, "from_to"))
        return
    delta = vals[0]
    others = [
        t.value for t in tokens
        if t.value is not None and t.value is not delta and t.value.kind == delta.kind
    ]
    if len(others) == 1:
        _one_sided(tokens, delta, others[0], direction, sentence, out)
        return
    if len(others) != 2 or any(t.value.kind == "money" for t in tokens if t.value):
        return
    if any(t.value is not None and t.value.kind != delta.kind for t in tokens):
        return
    # a comparison over time: two years, or "sebelumnya" / "lalu" / "dibanding(kan)"; and
    # not a target beside a realisasi (their difference is not a change)
    years = {t.text for t in tokens if t.code == "y"}
    if len(years) < 2 and _OVER_TIME.search(sentence) is None:
        return
    if any(sl.kind in ("target", "real_of_target", "capaian") for sl in slots):
        return
    out.change.append(ChangeClaim(delta, others[0], others[1], direction, sentence))


def _one_sided(tokens: list[Token], delta: Value, known: Value, direction: str,
               sentence: str, out: Claims) -> None:
    """A change stated with one of its two values: a percentage change of a budget word's
    quantity (codes g / s), the sentence naming exactly two years, the known value's the
    nearest year before it (else after it), the other value's the other year."""
    if delta.kind != "percent" or known.kind != "percent":
        return
    if any(t.value is not None and t.value.kind not in ("percent",) for t in tokens):
        return
    if not any(t.code in ("g", "s") for t in tokens):
        return
    years = [(i, int(t.text)) for i, t in enumerate(tokens) if t.code == "y"]
    if len({y for _, y in years}) != 2:
        return
    at = next(i for i, t in enumerate(tokens) if t.value is known)
    before = [y for i, y in years if i < at]
    known_year = before[-1] if before else next(y for i, y in years if i > at)
    other_year = next(y for _, y in years if y != known_year)
    out.one_sided.append(OneSidedChange(delta, known, known_year, other_year, direction,
                                        sentence))


def _efficiency(slots: list[Slot], sentence: str, out: Claims) -> None:
    for s in slots:
        if s.kind == "efficiency":
            kinerja, anggaran, ratio = s.values()
            out.efficiency.append(EfficiencyClaim(kinerja, anggaran, ratio, sentence))


def _derived(slots: list[Slot], sentence: str, out: Claims) -> None:
    for s in slots:
        if s.kind == "derived":
            pct, first, second = s.values()
            if first.decimals == 0 and second.decimals == 0:   # counts
                out.derived.append(DerivedClaim(pct, first, second, sentence))


def _bound(v: Value, sentence: str, base: int) -> bool:
    """A value written as a bound ("> 100%", "≤ 50"): the edge of a band of a rating scale
    or a condition, not a value stated of something."""
    at = v.offset - base
    return sentence[max(0, at - 3):at].rstrip().endswith((">", "<", "≥", "≤", "="))


def _compare(slots: list[Slot], sentence: str, out: Claims, base: int = 0) -> None:
    for s in slots:
        if s.kind != "compare":
            continue
        first, second = s.values()
        if first.kind == "money" or second.kind == "money" or (
                (first.kind == "percent") != (second.kind == "percent")):
            continue
        if _bound(first, sentence, base) or _bound(second, sentence, base):
            continue  # "Tercapai 100% Melebihi Target >100%": a scale's legend
        relation = "below" if any(t.code == "B" for t in s.tokens) else "above"
        out.compare.append(CompareClaim(first, second, relation, sentence))


# --------------------------------------------------------------------------- document

_OVER_TIME = re.compile(r"sebelum|\blalu\b|banding", re.I)
_DIGIT_RUN = re.compile(r"\d[\d.,]*\d|\d")


def locate(values: list[Value], para: Paragraph, lines: list[str]) -> list[Value]:
    """Give each value the line / column of its digits in the raw lines of the paragraph:
    the k-th number with that text in the paragraph text is the k-th in the raw lines."""
    raw: list[tuple[str, int, int]] = []   # (number text, line, column)
    for ln in range(para.start_line, min(para.end_line, len(lines)) + 1):
        line = lines[ln - 1]
        skip = LINE_MARKERS.match(line)
        for m in _DIGIT_RUN.finditer(line, skip.end() if skip else 0):
            raw.append((m.group(), ln, m.start() + 1))
    in_text: dict[int, int] = {}            # offset -> k (occurrence index of the same text)
    seen: dict[str, int] = {}
    for m in _DIGIT_RUN.finditer(para.text):
        k = seen.get(m.group(), 0)
        seen[m.group()] = k + 1
        in_text[m.start()] = k
    by_text: dict[str, list[tuple[int, int]]] = {}
    for t, ln, col in raw:
        by_text.setdefault(t, []).append((ln, col))
    out: list[Value] = []
    for v in values:
        k = in_text.get(v.offset)
        spots = by_text.get(v.text, [])
        if k is not None and k < len(spots) and len(spots) == seen.get(v.text, -1):
            ln, col = spots[k]
            out.append(Value(v.text, v.kind, v.readings, v.offset, ln, col))
        else:   # not found safely: point at the paragraph's first line
            out.append(Value(v.text, v.kind, v.readings, v.offset, para.start_line, 1))
    return out


def _with_places(claims: Claims, para: Paragraph, lines: list[str]) -> Claims:
    placed = {v.offset: v for v in locate(claims.values(), para, lines)}

    def p(v: Value) -> Value:
        return placed.get(v.offset, v)

    return Claims(
        [CapaianClaim(p(c.target), p(c.realisasi), p(c.capaian), c.sentence)
         for c in claims.capaian],
        [BudgetClaim(p(b.anggaran), p(b.realisasi), p(b.serapan), b.sentence, b.roles_known)
         for b in claims.budget],
        [BreakdownClaim(p(d.total), [p(x) for x in d.parts], d.noun, d.sentence)
         for d in claims.breakdown],
        [ChangeClaim(p(ch.delta) if ch.delta is not None else None, p(ch.first), p(ch.second),
                     ch.direction, ch.sentence, ch.form)
         for ch in claims.change],
        [StatedValue(sv.role, p(sv.value), sv.sentence, sv.years,
                     (para.start_line, sv.where[1]), sv.other_period, sv.year, sv.previous,
                     sv.sure, sv.bare, sv.phrase, sv.unit)
         for sv in claims.stated],
        [EfficiencyClaim(p(e.kinerja), p(e.anggaran), p(e.ratio), e.sentence)
         for e in claims.efficiency],
        [DerivedClaim(p(d.percent), p(d.first), p(d.second), d.sentence)
         for d in claims.derived],
        [CompareClaim(p(c.first), p(c.second), c.relation, c.sentence)
         for c in claims.compare],
        [OneSidedChange(p(o.delta), p(o.known), o.known_year, o.other_year, o.direction,
                        o.sentence)
         for o in claims.one_sided],
    )


def _build(doc: Document) -> Claims:
    out = Claims()
    for para in doc.paragraphs:
        if _HAS_DIGIT.search(para.text) is None or _formula_re().search(para.text):
            continue   # no number, or a formula ("$$\\frac{Realisasi}{Target} x 100$$")
        # a bare value is a percentage ("... sebesar 95% (Sangat Tinggi)")
        bare = (para.kind == "list_item" or len(para.text) <= _BARE_MAX) and (
            "%" in para.text or "persen" in para.text.lower())
        found = claims_in_text(para.text, bare)
        if not (len(found) or found.stated):
            continue
        out.extend(_with_places(found, para, doc.lines))
    return out


def claims_of(doc: Document) -> Claims:
    """The claims of a document's prose, computed once."""
    return doc.memo(MEMO_KEY, _build)


# --------------------------------------------------------------------------- arithmetic

def combos(*values: Value) -> list[tuple[Decimal, ...]]:
    """Every combination of the values' readings."""
    return [tuple(r[0] for r in combo) for combo in product(*(v.readings for v in values))]


def safe_div(a: Decimal, b: Decimal) -> Decimal | None:
    try:
        return a / b if b else None
    except InvalidOperation:
        return None
