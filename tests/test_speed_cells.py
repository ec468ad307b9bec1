"""The cell shortcuts (sakiplint.read.cells) decide shapes exactly as the Lark grammar does."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, corpus_reports, needs_corpus
from sakiplint.read import cells
from sakiplint.read.grammars import grammar_digest
from sakiplint.read.parse import parse_text

# pieces cells are made of, including the awkward ones (homoglyphs, Kelvin sign, long s,
# separators in odd places, unit words, rating words, errors, placeholders)
PIECES = [
    "0", "00", "000", ".", ",", "-", "–", "—", "−", "--", "+", "(", ")", "%", " %", " ", "\t",
    "\xa0", "\u2007", "#", "/", "!", "?", "_", ":", "Rp", "Rp.", "rp", "RP", "Rupiah", "N/A",
    "n.a.", "NA", "N", "A", "AA", "B", "BB", "C", "D", "В", "С", "А", "Baik", "baik", "Sangat",
    "sangat baik", "Tidak Memuaskan Sekali", "tinggi", "Rendah", "Sedang", "berhasil", "cukup",
    "kurang", "sekali", "ſangat baik", "\u212aurang", "#DIV/0!", "#REF!", "#####", "# #",
    "laporan", "Orang", "m²", "x", "i", "Tabel", "٣", "1.234", "80,04", "1,", ".5", ",5",
    "1.000,-", "2023", "60-70", "60 - 70",
]
TRICKY = [
    "1.234.567,89", "117.45%", "100 %", "-5%", "(5)%", "(5%)", "Rp 1.000.000,-",
    "Rp. 3.481.026.155,00,-", "Rp(1.000)", "-Rp 1.000", "(Rp 1.000)", "Rp -", "Rp. --", "-",
    "–", "—", "---", "N/a", "n.a.", "#DIV/0!", "##### #", "B", "BB", "(B)", "B (75)", "Baik",
    "Sangat Tinggi", "Baik (B)", "Baik (B) 60-70", "Baik (80)", "Baik 60 - 70", "В", "3. Strategi",
    "12 laporan", "85,82 Indek", "1.000 Rupiah", "(47.250.000)", "( 5 )", "- 1.234", "+5",
    "A. Latar Belakang", "- Matrik Renstra 2019-2023", "(1)/(2)", "Cukup tercapai / Cukup berhasil",
    "0.5.", "1..2", ".5.3", "Baik (80) 60-70", "B (80", "Rp1.000", "Rp.0", "RpX", "1.-", "1,–",
]


def _shapes(tricky: bool = True) -> list[str]:
    texts: list[str] = list(TRICKY) if tricky else []
    for path in [*corpus_reports(), *sorted(FIXTURES.rglob("*.md"))]:
        doc = parse_text(path.read_text(encoding="utf-8"))
        for t in doc.tables:
            for rows in (t.header_rows, [r.cells for r in t.rows]):
                texts += [c.text for row in rows for c in row if c.text]
    return sorted({t.strip().translate(cells._SHAPE) for t in texts if t.strip()})


def _agrees(shape: str) -> bool:
    decided = cells._shortcut(shape)
    return decided is cells._UNDECIDED or decided == cells._lark_parse(shape)


def test_shortcuts_are_on_for_this_grammar() -> None:
    """Fails when grammar/cell.lark changed: re-derive the shortcuts in sakiplint.read.cells
    (terminals, start-state order, what may follow each first token), then update
    ``_CELL_GRAMMAR_DIGEST``. Until then every shape goes to Lark (correct, slower)."""
    assert grammar_digest("cell") == cells._CELL_GRAMMAR_DIGEST
    assert cells._shortcuts_valid()


def test_terminals_are_the_grammars_as_lark_compiles_them() -> None:
    compiled = {t.name: t.pattern.to_regexp() for t in cells._parser().terminals}
    assert compiled == cells._TERMINALS


def test_start_state_lexer_order_is_larks() -> None:
    parser = cells._parser()
    table = parser.parser.parser.parser.parse_table
    start = table.start_states["start"]
    lexer = parser.parser.lexer.lexers[start]
    assert tuple(t.name for t in lexer.terminals) == cells._START_ORDER


def test_shortcuts_agree_with_lark_on_every_report_cell() -> None:
    shapes = _shapes()
    assert len(shapes) > 100
    assert [s for s in shapes if not _agrees(s)] == []


@needs_corpus
def test_shortcuts_decide_most_cells_of_real_reports() -> None:
    shapes = _shapes(tricky=False)
    undecided = [s for s in shapes if cells._shortcut(s) is cells._UNDECIDED]
    assert len(undecided) < len(shapes) // 20


def test_shortcuts_agree_with_lark_on_random_cells() -> None:
    rng = random.Random(20240601)
    alphabet = "".join(sorted({ch for p in PIECES for ch in p}))
    bad = []
    for _ in range(30_000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        else:
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5)))
        shape = text.strip().translate(cells._SHAPE)
        if shape and not _agrees(shape):
            bad.append(text)
    assert bad == []


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_shortcuts_agree_with_lark_hypothesis(pieces: list[str]) -> None:
    shape = "".join(pieces).strip().translate(cells._SHAPE)
    if shape:
        assert _agrees(shape)


def test_without_shortcuts_every_shape_goes_to_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*TRICKY, "Jumlah", "Indikator Kinerja"]
    with_shortcuts = [cells.parse_cell(t) for t in texts]
    monkeypatch.setattr(cells, "_shortcuts_valid", lambda: False)
    called: list[str] = []
    real = cells._lark_parse
    monkeypatch.setattr(cells, "_lark_parse", lambda s: called.append(s) or real(s))
    for cache in (cells.parse_cell, cells._parse_shape):
        cache.cache_clear()
    try:
        assert [cells.parse_cell(t) for t in texts] == with_shortcuts
        assert called
    finally:
        for cache in (cells.parse_cell, cells._parse_shape):
            cache.cache_clear()
