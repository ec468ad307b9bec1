"""Number words, dates and formulas are read without Lark, exactly as Lark reads them.

sakiplint.read.numwords, sakiplint.facts.timeframe (dates) and sakiplint.facts.formulas keep
the LALR tables of their grammar (``_TABLES``, derived from Lark by
``sakiplint.read.grammars.derive_tables``) and run them with
``sakiplint.read.grammars.Tables``. These tests check that the tables are the ones Lark builds
from the grammar as it is, and that the results (value, tree or rejection) are Lark's on every
test string, every string the corpus reports give these parsers, and
generated strings.
"""

from __future__ import annotations

import ast
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_text
from sakiplint.facts import formulas, timeframe
from sakiplint.read import grammars, numwords
from sakiplint.read.grammars import LiteToken, LiteTree, derive_tables, tables_valid

GRAMMARS: dict[str, ModuleType] = {"numwords": numwords, "dates": timeframe, "formula": formulas}
TEST_FILES = ["test_numwords.py", "test_timeframe.py", "test_years.py", "test_formulas.py",
              "test_narrative.py", "test_rule_examples.py", "test_corpus.py"]


# ---- comparing a result of the tables with Lark's ------------------------------------------


def _canon(value: Any) -> Any:
    """A result made comparable: trees, tokens (type and text), numbers (with exponent)."""
    if hasattr(value, "data") and hasattr(value, "children"):
        return ("tree", str(value.data), [_canon(c) for c in value.children])
    if isinstance(value, str) and hasattr(value, "type"):
        return ("token", str(value.type), str(value))
    if isinstance(value, Decimal):
        return ("decimal", str(value))
    if value is None:   # not in the grammar's language
        return ("rejected",)
    return (type(value).__name__, repr(value))


def _numwords_both(text: str) -> tuple[Any, Any]:
    tables = numwords._GRAMMAR.tables()
    assert tables is not None
    return (_canon(numwords._GRAMMAR.with_tables(text, tables)),
            _canon(numwords._GRAMMAR.with_lark(text)))


def _dates_both(text: str) -> tuple[Any, Any]:
    tables = timeframe._GRAMMAR.tables()
    assert tables is not None
    fast, slow = timeframe._GRAMMAR.with_tables(text, tables), timeframe._GRAMMAR.with_lark(text)
    return ((_canon(fast), timeframe._typed_tree(fast, text)),
            (_canon(slow), timeframe._typed_tree(slow, text)))


def _formula_both(text: str) -> tuple[Any, Any]:
    tables = formulas._GRAMMAR.tables()
    assert tables is not None
    fast, slow = formulas._GRAMMAR.with_tables(text, tables), formulas._GRAMMAR.with_lark(text)
    return (_canon(fast), formulas._expr_of(fast)), (_canon(slow), formulas._expr_of(slow))


BOTH: dict[str, Callable[[str], tuple[Any, Any]]] = {
    "numwords": _numwords_both, "dates": _dates_both, "formula": _formula_both,
}


def _disagreements(name: str, texts: set[str]) -> list[str]:
    both = BOTH[name]
    return [t for t in sorted(texts) if (lambda r: r[0] != r[1])(both(t))]


# ---- the tables are Lark's --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_tables_fit_this_grammar(name: str) -> None:
    """Fails when grammar/<name>.lark changed: derive the tables again
    (``python -m sakiplint.read.grammars <name>``) and paste them as ``_TABLES``. Until then
    the module parses with Lark (correct, slower)."""
    module = GRAMMARS[name]
    assert module._TABLES["digest"] == grammars.grammar_digest(name)
    assert tables_valid(name, module._TABLES)
    assert module._GRAMMAR.tables() is not None


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_tables_are_the_ones_lark_builds(name: str) -> None:
    from lark import Lark

    module = GRAMMARS[name]
    # the parser the module uses (built through the on-disk cache) and a fresh one
    assert derive_tables(name, module._GRAMMAR.lark()) == module._TABLES
    fresh = Lark(grammars.grammar_text(name), parser="lalr")
    assert derive_tables(name, fresh) == module._TABLES


def test_tables_source_round_trips() -> None:
    for name, module in GRAMMARS.items():
        source = grammars.tables_source(module._TABLES)
        assert ast.literal_eval(source) == module._TABLES, name
        assert max(len(line) for line in source.splitlines()) <= 96


def test_a_changed_grammar_switches_the_tables_off(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, module in GRAMMARS.items():
        assert tables_valid(name, module._TABLES)
        assert not tables_valid(name, {**module._TABLES, "digest": "0" * 16})
    monkeypatch.setattr(grammars, "lark_major", lambda: "2")
    for name, module in GRAMMARS.items():
        assert not tables_valid(name, module._TABLES)


def test_lark_major_version_is_read_without_importing_lark() -> None:
    assert re.fullmatch(r"\d+", grammars.lark_major())
    code = "import sys, sakiplint.read.grammars as g; print(g.lark_major(), 'lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [grammars.TABLES_LARK_MAJOR, "False"]


def test_lite_nodes_read_like_larks() -> None:
    token = LiteToken("INT", "2023")
    assert token == "2023" and token.type == "INT" and token.value == "2023"
    assert int(token) == 2023 and str(token) == "2023" and type(str(token)) is str
    tree = LiteTree("period", [token])
    assert tree.data == "period" and tree.children == ["2023"] and not hasattr(tree, "type")


# ---- the strings the tests and the reports give the parsers -------------------------------


def _test_strings() -> set[str]:
    """Every string constant of the tests of these parsers (and of the rule examples)."""
    out: set[str] = set()
    for name in TEST_FILES:
        tree = ast.parse((ROOT / "tests" / name).read_text(encoding="utf-8"))
        out |= {n.value for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return out


def _numwords_inputs(text: str) -> Iterator[str]:
    """What words_to_number would give the grammar for ``text`` and its parenthesised
    parts, and the raw text as well (the tables must agree with Lark on any text)."""
    candidates = {text, *re.findall(r"\(([^()]*)\)", text)}
    for c in candidates:
        yield c
        low = c.lower().strip()
        yield low
        yield numwords._WHITESPACE.sub(" ", numwords._INNER_HYPHEN.sub(" ", low))


def _dates_inputs(text: str) -> Iterator[str]:
    yield text
    for line in text.splitlines() or [text]:
        for e in timeframe.scan_line(line, 1):
            yield e.text
        yield from (m.group() for m in timeframe._QUARTER.finditer(line))


def _formula_inputs(text: str) -> Iterator[str]:
    yield text
    yield formulas.clean(text)
    for line in text.splitlines():
        for rhs in formulas.formulas_in_line(line):
            yield formulas.clean(rhs)


INPUTS: dict[str, Callable[[str], Iterator[str]]] = {
    "numwords": _numwords_inputs, "dates": _dates_inputs, "formula": _formula_inputs,
}


def _recorded(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> dict[str, set[str]]:
    """The strings linting ``texts`` gives each parser."""
    seen: dict[str, set[str]] = {name: set() for name in GRAMMARS}

    def spy(name: str, real: Callable[[str], Any]) -> Callable[[str], Any]:
        def record(text: str) -> Any:
            seen[name].add(text)
            return real(text)
        return record

    monkeypatch.setattr(numwords, "_parse", spy("numwords", numwords._parse))
    monkeypatch.setattr(timeframe, "_tree", spy("dates", timeframe._tree))
    monkeypatch.setattr(formulas, "_tree", spy("formula", formulas._tree))
    timeframe._typed.cache_clear()
    try:
        for text in texts:
            lint_text(text)
    finally:
        timeframe._typed.cache_clear()
    return seen


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_same_as_lark_on_every_test_string(name: str) -> None:
    texts = {s for t in _test_strings() for s in INPUTS[name](t)}
    assert len(texts) > 200
    assert _disagreements(name, texts) == []


@needs_corpus
def test_same_as_lark_on_every_corpus_string(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [p.read_text(encoding="utf-8") for p in corpus_reports()]
    fixtures = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.md"))]
    seen = _recorded(monkeypatch, reports + fixtures)
    monkeypatch.undo()
    # the reports do reach all three parsers
    assert len(seen["numwords"]) > 30 and len(seen["dates"]) > 10 and len(seen["formula"]) > 0
    # ... and beyond what reaches them: every line's candidates
    for text in reports:
        for line in text.splitlines():
            for name in GRAMMARS:
                seen[name] |= set(INPUTS[name](line)) if name != "numwords" else set(
                    s for c in re.findall(r"\(([^()\n]*)\)", line) for s in _numwords_inputs(c))
    for name in GRAMMARS:
        assert _disagreements(name, seen[name]) == [], name


# ---- generated strings --------------------------------------------------------------------

NUMWORD_PIECES = [
    "nol", "kosong", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
    "sembilan", "belas", "puluh", "ratus", "ribu", "juta", "miliar", "milyar", "triliun",
    "trilyun", "sebelas", "sepuluh", "seratus", "seribu", "sejuta", "semiliar", "semilyar",
    "setriliun", "setrilyun", "koma", "rupiah", "persen", "se", "per", "an", "Dua", "PULUH",
    "x", "1", "tahun", "satuan", "lapan", "mil", "tril",
]
NUMWORD_SEPARATORS = [" ", " ", " ", "", "-", " - ", "  ", "\t", "\n", "\xa0"]

DATE_PIECES = [
    "9", "31", "12", "1", "4", "2", "0", "32", "13", "2023", "2018", "1999", "2101", "99",
    "Januari", "februari", "Pebruari", "febuari", "MARET", "Mei", "Nopember", "desember",
    "/", "-", "–", "—", "s.d.", "s.d", "s/d", "sd", "s d", "S.D.", "sampai dengan",
    "sampai", "hingga", "Triwulan", "tri wulan", "TW", "TW.", "tw", "Semester", "IV", "iii",
    "II", "i", "v", "tahun", "Tahun", "(", ")", "lima", "satu", "sepuluh", "Dua", "pertama",
    "kesatu", "kedua", "keempat", "kelima", "x", "an", "ke", "٣", "2٠23",
]
DATE_SEPARATORS = [" ", " ", "", "  ", "\t", "\n", "\xa0"]

FORMULA_PIECES = [
    "Capaian", "capaian", "Pencapaian", "Persentase Capaian Kinerja", "Nilai Capaian",
    "Tingkat Pencapaian Kinerja Indikator", "=", "Realisasi", "realisasi", "Target",
    "TARGET", "Rencana", "x", "X", "×", "*", "\\times", "\\cdot", "·", "/", "+", "-",
    "(", ")", "[", "]", "{", "}", "\\frac", "\\frac{", "100", "1,5", "0.5", "2", "y",
    "%", "\\", "kinerja", "indikator", "Realisasi Target",
]
FORMULA_SEPARATORS = [" ", " ", "", "", "  ", "\n"]

PIECES = {"numwords": NUMWORD_PIECES, "dates": DATE_PIECES, "formula": FORMULA_PIECES}
SEPARATORS = {
    "numwords": NUMWORD_SEPARATORS, "dates": DATE_SEPARATORS, "formula": FORMULA_SEPARATORS,
}
JUNK = "abcxyz019 -.,/()%"


def _joined(pieces: list[str], seps: list[str]) -> str:
    out = pieces[0]
    for sep, piece in zip(seps, pieces[1:], strict=False):
        out += sep + piece
    return out


DATE_KINDS = {
    "INT": ["9", "31", "12", "1", "4", "2", "0", "32", "13", "2023", "2018", "1999", "2101",
            "99", "٣", "007", "2045"],
    "MONTH": ["Januari", "februari", "Pebruari", "febuari", "MARET", "Nopember", "desember"],
    "SEP": ["/", "-"],
    "RANGE": ["-", "–", "—", "s.d.", "s/d", "sd", "s d", "sampai dengan", "sampai", "hingga"],
    "TRI": ["Triwulan", "tri wulan", "TW", "TW.", "tw", "Semester"],
    "ORD": ["IV", "iii", "II", "i", "v", "1", "4", "5", "satu", "empat", "lima", "pertama",
            "kesatu", "keempat", "kelima"],
    "TAHUN": ["tahun", "Tahun", "tahunan"],
    "NUMW": ["lima", "satu", "sepuluh", "Dua", "enam", "sebelas"],
}
DATE_SHAPES = [
    "INT MONTH INT", "MONTH INT", "INT SEP INT SEP INT", "TRI ORD", "INT RANGE INT",
    "INT TAHUN", "INT ( NUMW ) TAHUN", "NUMW TAHUN",
]


def _date_pieces(rng: random.Random) -> list[str]:
    shape = rng.choice(DATE_SHAPES).split()
    return [rng.choice(DATE_KINDS[k]) if k in DATE_KINDS else k for k in shape]


def _formula_pieces(rng: random.Random, depth: int = 0) -> list[str]:
    roll = rng.random() if depth < 3 else rng.random() * 0.4
    if roll < 0.2:
        return [rng.choice(["100", "1,5", "0.5", "2", "10"])]
    if roll < 0.4:
        return [rng.choice(["Realisasi", "realisasi", "Target", "TARGET", "Rencana"])]
    if roll < 0.55:
        op = rng.choice(["x", "X", "×", "*", "\\times", "\\cdot", "·", "/", "+", "-", ""])
        return [*_formula_pieces(rng, depth + 1), op, *_formula_pieces(rng, depth + 1)]
    if roll < 0.7:
        a, b = rng.choice(["()", "[]", "{}"])
        return [a, *_formula_pieces(rng, depth + 1), b]
    if roll < 0.8:
        return ["-", *_formula_pieces(rng, depth + 1)]
    return ["\\frac", "{", *_formula_pieces(rng, depth + 1), "}", "{",
            *_formula_pieces(rng, depth + 1), "}"]


_DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
           "sembilan"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")]


def _spell_below_1000(n: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        out += ["seratus"] if hundreds == 1 and rng.random() < 0.7 else [
            _DIGITS[hundreds], "ratus"]
    tens, units = divmod(rest, 10)
    if rest == 10:
        out += ["sepuluh"] if rng.random() < 0.7 else ["satu", "puluh"]
    elif rest == 11:
        out += ["sebelas"] if rng.random() < 0.7 else ["satu", "belas"]
    elif 11 < rest < 20:
        out += [_DIGITS[units], "belas"]
    else:
        if tens:
            out += [_DIGITS[tens], "puluh"]
        if units:
            out.append(_DIGITS[units])
    return out


def _spell(n: int, rng: random.Random) -> list[str]:
    """``n`` in Indonesian words (with the grammar's variants)."""
    if n == 0:
        return ["nol"]
    out: list[str] = []
    for size, word in _SCALES:
        count, n = divmod(n, size)
        if count == 1 and rng.random() < 0.7:
            out.append("se" + (rng.choice(["miliar", "milyar"]) if word == "miliar" else word))
        elif count:
            out += [*_spell_below_1000(count, rng), word]
    return out + _spell_below_1000(n, rng)


def _numword_pieces(rng: random.Random) -> list[str]:
    """A number in words (integer, maybe a fraction and a unit), or random words."""
    if rng.random() < 0.25:
        return [rng.choice(NUMWORD_PIECES[:34] if rng.random() < 0.8 else NUMWORD_PIECES)
                for _ in range(rng.randint(1, 8))]
    magnitude = rng.choice([10, 100, 1000, 10**4, 10**6, 10**9, 10**12, 10**15])
    out = _spell(rng.randrange(magnitude), rng)
    if rng.random() < 0.4:
        out.append("koma")
        if rng.random() < 0.5:
            out += [rng.choice([*_DIGITS, "kosong"]) for _ in range(rng.randint(1, 4))]
        else:
            out += ["nol"] * rng.randint(0, 2) + _spell(rng.randrange(1, 1000), rng)
    if rng.random() < 0.2:
        out.append(rng.choice(["rupiah", "persen"]))
    return out


def _shaped(name: str, rng: random.Random) -> list[str]:
    """Pieces in the order of one of the grammar's productions."""
    if name == "dates":
        return _date_pieces(rng)
    if name == "formula":
        pieces = _formula_pieces(rng)
        if rng.random() < 0.5:
            pieces = [rng.choice(FORMULA_PIECES[:6]), "=", *pieces]
        return pieces
    return _numword_pieces(rng)


def _mutated(pieces: list[str], name: str, rng: random.Random) -> list[str]:
    out = list(pieces)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        at = rng.randrange(len(out) + 1)
        roll = rng.random()
        if roll < 0.3 and at < len(out):
            del out[at]
        elif roll < 0.6 and at < len(out):
            out[at] = rng.choice(PIECES[name])
        elif roll < 0.8:
            out.insert(at, rng.choice(PIECES[name]))
        else:
            out.insert(at, rng.choice(JUNK))
    return out or pieces


def _random_texts(name: str, count: int, seed: int) -> set[str]:
    rng = random.Random(seed)
    pieces, seps = PIECES[name], SEPARATORS[name]
    out: set[str] = set()
    while len(out) < count:
        roll = rng.random()
        if roll < 0.1:
            text = "".join(rng.choice(JUNK + "".join(pieces[:8]))
                           for _ in range(rng.randint(1, 12)))
        else:
            if roll < 0.5:
                chosen = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
            else:
                chosen = _mutated(_shaped(name, rng), name, rng)
            text = _joined(chosen, [rng.choice(seps) for _ in chosen])
            if roll > 0.9:  # junk somewhere
                at = rng.randint(0, len(text))
                text = text[:at] + rng.choice(JUNK) + text[at:]
        out.add(text)
    return out


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_same_as_lark_on_random_strings(name: str) -> None:
    texts = _random_texts(name, 8000, seed=20251124)
    if name == "numwords":  # and as words_to_number normalises them
        texts |= {s for t in texts for s in _numwords_inputs(t)}
    assert _disagreements(name, texts) == []


def _hypothesis_text(name: str) -> st.SearchStrategy[str]:
    """Random sequences of the grammar's words and terminals (and junk), or pieces in the
    order of one of its productions, randomly mutated; joined by random separators."""
    piece = st.sampled_from(PIECES[name]) | st.text(alphabet=JUNK, min_size=1, max_size=3)
    loose = st.lists(st.tuples(st.sampled_from(SEPARATORS[name]), piece),
                     min_size=1, max_size=9).map(lambda xs: "".join(s + p for s, p in xs))

    def shaped(seed: int) -> str:
        rng = random.Random(seed)
        chosen = _mutated(_shaped(name, rng), name, rng)
        return _joined(chosen, [rng.choice(SEPARATORS[name]) for _ in chosen])

    return loose | st.integers(min_value=0, max_value=2**32).map(shaped)


@settings(max_examples=2500, deadline=None)
@given(_hypothesis_text("numwords"))
def test_numwords_same_as_lark_hypothesis(text: str) -> None:
    for s in {text, *_numwords_inputs(text)}:
        fast, slow = _numwords_both(s)
        assert fast == slow, s


@settings(max_examples=2500, deadline=None)
@given(_hypothesis_text("dates"))
def test_dates_same_as_lark_hypothesis(text: str) -> None:
    for s in (text, text.strip()):
        fast, slow = _dates_both(s)
        assert fast == slow, s


@settings(max_examples=2500, deadline=None)
@given(_hypothesis_text("formula"))
def test_formulas_same_as_lark_hypothesis(text: str) -> None:
    for s in (text, formulas.clean(text)):
        fast, slow = _formula_both(s)
        assert fast == slow, s


def test_generated_strings_are_not_all_rejected() -> None:
    """The generators reach the grammars' languages (not only their rejections)."""
    for name in GRAMMARS:
        texts = _random_texts(name, 8000, seed=20251124)
        if name == "numwords":
            texts |= {s for t in texts for s in _numwords_inputs(t)}
        fast = [BOTH[name](t)[0] for t in texts]
        parsed = [r if name == "numwords" else r[0] for r in fast]
        accepted = [r for r in parsed if r not in (("rejected",), ("NoneType", "None"))]
        assert len(accepted) > 100, name


# ---- the public functions with and without the tables ------------------------------------


def test_without_tables_everything_goes_to_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["dua puluh lima", "Satu-Juta lima ratus ribu rupiah", "satuan", "koma", "duabelas"]
    dates = ["9 Januari 2023", "31/12/2023", "Triwulan IV", "2018 s.d. 2023", "5 (lima) tahun",
             "32 Januari 2023", "2023-2018", "Semester III"]
    formula_texts = ["Capaian = Realisasi / Target x 100",
                     "\\frac{Target - (Realisasi - Target)}{Target} \\times 100", "1 / 0 +"]
    before = ([numwords.words_to_number(t) for t in words],
              [timeframe.parse_expression(t) for t in dates],
              [formulas.parse_formula(t) for t in formula_texts])
    called: list[str] = []
    for module in GRAMMARS.values():
        grammar = module._GRAMMAR
        monkeypatch.setattr(grammar, "tables", lambda: None)
        real = grammar.lark
        monkeypatch.setattr(grammar, "lark",
                            lambda real=real: called.append("lark") or real())
    timeframe._typed.cache_clear()
    try:
        after = ([numwords.words_to_number(t) for t in words],
                 [timeframe.parse_expression(t) for t in dates],
                 [formulas.parse_formula(t) for t in formula_texts])
    finally:
        timeframe._typed.cache_clear()
    assert after == before
    assert len(called) >= len(words) + len(dates) + len(formula_texts) - 1


def test_numwords_does_not_import_lark() -> None:
    code = ("import sys, sakiplint.read.numwords as n; a = 'lark' in sys.modules; "
            "v = n.words_to_number('dua puluh lima koma nol lima'); "
            "print(a, v, 'lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "25.05", "False"]


# ---- a report's lint without Lark ---------------------------------------------------------

_WHO_IMPORTS_LARK = """
import json, sys, traceback
seen = []
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "lark" and not seen:
            seen.extend(f.filename for f in traceback.extract_stack())
        return None
sys.meta_path.insert(0, Spy())
import sakiplint.engine.lint as L
L.lint_file(sys.argv[1])
print(json.dumps({"lark": "lark" in sys.modules, "stack": seen}))
"""


def _lint_in_process(path: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", _WHO_IMPORTS_LARK, str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


@needs_corpus
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.stem)
def test_numwords_dates_formulas_never_import_lark_on_a_report(path: Path) -> None:
    result = _lint_in_process(path)
    mine = [f for f in result["stack"]
            if Path(f).name in ("numwords.py", "timeframe.py", "formulas.py")]
    assert mine == [], result["stack"]


@needs_corpus
@pytest.mark.parametrize("path", corpus_reports(), ids=lambda p: p.stem)
def test_linting_a_report_does_not_import_lark(path: Path) -> None:
    code = ("import sys, sakiplint.engine.lint as L; L.lint_file(sys.argv[1]); "
            "print('lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "False"
