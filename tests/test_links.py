"""Linking sentences to the indicator they speak of (sakiplint.facts.links) and the rules that use
the links: NA006 (indicator named in the sentence) and NA007 (named earlier: "indikator ini",
a sentence broken over paragraphs, a heading). Every way of linking has a case where it links
and a case where it must not."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.checks.narrative import _same, cells_agree, judgeable, link_stated
from sakiplint.engine import Context, Settings, all_rules
from sakiplint.engine.lint import lint_text

RULES = {r.code: r for r in all_rules()}

TABLE = """# Laporan Kinerja Kecamatan Sukamaju Tahun 2024

Tabel 3.1 Capaian Kinerja Tahun 2024

| No | Indikator Kinerja | Target 2024 | Realisasi 2024 | Capaian 2024 |
|---|---|---|---|---|
| 1 | Indeks Kepuasan Masyarakat (IKM) | 80 | 86,40 | 108,00 |
| 2 | Nilai SAKIP Kecamatan | 70 | 71,50 | 102,14 |
| 3 | Persentase keluhan masyarakat | 90 | 92,00 | 102,22 |
| 4 | Persentase keluhan masyarakat yang ditindaklanjuti | 95 | 97,00 | 102,11 |

"""
FIRST_PROSE_LINE = TABLE.count("\n") + 1


def links(text: str) -> list[tuple[str, str, str, bool]]:
    """(how, indicator name, stated value, agrees) for each linked value."""
    doc, _ = lint_text(text, rules=[])
    ctx = Context(doc, RULES["NA006"], Settings())
    return [
        (sl.link.how, sl.link.indicator.name, sl.stated.value.text, sl.agrees)
        for sl in link_stated(doc, ctx)
    ]


def findings(text: str) -> list[tuple[str, int, str | None, str | None]]:
    _, found = lint_text(text, rules=[RULES["NA006"], RULES["NA007"]])
    return [(f.rule, f.line, f.actual, f.expected) for f in found]


# --------------------------------------------------------------------------- by name

def test_abbreviation_names_the_indicator() -> None:
    text = TABLE + "IKM Kecamatan Sukamaju terealisasi 86,40.\n"
    assert links(text) == [("sentence", "Indeks Kepuasan Masyarakat (IKM)", "86,40", True)]


def test_abbreviation_links_even_when_the_words_differ() -> None:
    # the sentence spells the name differently, the abbreviation still names it
    text = TABLE + "Indeks Kepuasan Warga (IKM) terealisasi 84,00.\n"
    assert findings(text) == [("NA006", FIRST_PROSE_LINE, "84,00", "86,40")]


def test_the_longer_of_two_nested_names_is_meant() -> None:
    text = TABLE + (
        "Persentase keluhan masyarakat yang ditindaklanjuti terealisasi 96,00.\n"
    )
    assert links(text) == [(
        "sentence", "Persentase keluhan masyarakat yang ditindaklanjuti", "96,00", False,
    )]
    assert findings(text) == [("NA006", FIRST_PROSE_LINE, "96,00", "97,00")]


def test_shorter_name_alone_links_to_the_shorter_indicator() -> None:
    text = TABLE + "Persentase keluhan masyarakat terealisasi 92.\n"
    assert links(text) == [("sentence", "Persentase keluhan masyarakat", "92", True)]


@pytest.mark.parametrize("sentence", [
    # two indicators named
    "IKM dan Nilai SAKIP Kecamatan terealisasi 84,00.",
    # another indicator named partly (two of its words) beside a full name
    "Nilai SAKIP Kecamatan dan kepuasan masyarakat terealisasi 84,00.",
    # only part of a name (two of its three words): something the tables do not know
    "Keluhan yang ditindaklanjuti oleh kelurahan terealisasi 84,00.",
])
def test_no_link_when_the_sentence_names_several_or_part(sentence: str) -> None:
    assert links(TABLE + sentence + "\n") == []


# --------------------------------------------------------------------------- by context

def test_anaphora_links_to_the_earlier_sentence_of_the_paragraph() -> None:
    text = TABLE + (
        "Indikator kedua adalah Nilai SAKIP Kecamatan. Pada indikator ini realisasi sebesar "
        "74,50.\n"
    )
    assert links(text) == [("context", "Nilai SAKIP Kecamatan", "74,50", False)]
    assert findings(text) == [("NA007", FIRST_PROSE_LINE, "74,50", "71,50")]


def test_anaphora_links_to_a_previous_paragraph_or_list_item() -> None:
    text = TABLE + (
        "Indikator 2: Nilai SAKIP Kecamatan.\n\n"
        "- Kegiatan evaluasi internal dilaksanakan setiap triwulan.\n\n"
        "Indikator tersebut terealisasi 74,50.\n"
    )
    assert findings(text) == [("NA007", FIRST_PROSE_LINE + 4, "74,50", "71,50")]


def test_a_sentence_broken_over_paragraphs_is_continued() -> None:
    # PDF conversion splits "Nilai SAKIP Kecamatan dengan target 70 ..." over paragraphs
    text = TABLE + "Indikator:\n\nNilai SAKIP\n\nKecamatan\n\ndengan target 70 terealisasi 74,50.\n"
    assert links(text) == [
        ("context", "Nilai SAKIP Kecamatan", "70", True),
        ("context", "Nilai SAKIP Kecamatan", "74,50", False),
    ]


@pytest.mark.parametrize("before", [
    # the paragraph before is finished: a lower-case start is not a continuation
    "Indikator Nilai SAKIP Kecamatan dibahas berikut.",
    # the unfinished sentence continued names nothing (the naming one is finished)
    "Indikator Nilai SAKIP Kecamatan dibahas berikut. Hal ini berkaitan",
])
def test_continuation_only_of_an_unfinished_naming_sentence(before: str) -> None:
    text = TABLE + before + "\n\ndengan realisasi sebesar 74,50.\n"
    assert links(text) == []


def test_a_heading_naming_the_indicator_counts() -> None:
    text = TABLE + "### Nilai SAKIP Kecamatan\n\nPada indikator ini realisasi 74,50.\n"
    assert findings(text) == [("NA007", FIRST_PROSE_LINE + 2, "74,50", "71,50")]


@pytest.mark.parametrize("between", [
    # a heading that names no indicator ends the context
    "## Analisis Capaian\n\n",
    # so does a table
    "| A | B |\n|---|---|\n| 1 | 2 |\n\n",
    # so do more than three paragraphs
    "Satu.\n\nDua.\n\nTiga.\n\n",
])
def test_context_stops_at_headings_tables_and_distance(between: str) -> None:
    text = TABLE + "Nilai SAKIP Kecamatan dibahas berikut.\n\n" + between + (
        "Pada indikator ini realisasi sebesar 74,50.\n"
    )
    assert links(text) == []


@pytest.mark.parametrize("earlier", [
    # the nearest naming sentence names two indicators
    "IKM dan Nilai SAKIP Kecamatan dibahas berikut.",
    # the nearest naming sentence names an indicator only partly
    "Nilai SAKIP Kecamatan dibahas. Keluhan yang ditindaklanjuti juga.",
])
def test_context_needs_one_indicator_in_the_nearest_naming_sentence(earlier: str) -> None:
    text = TABLE + earlier + "\n\nPada indikator ini realisasi sebesar 74,50.\n"
    assert links(text) == []


def test_known_limit_a_longer_unknown_name_containing_a_known_one_links() -> None:
    # "Kepuasan masyarakat terhadap pasar" holds every distinguishing word of "Indeks
    # Kepuasan Masyarakat": it is linked (the value checks, scale and year still apply)
    text = TABLE + "Kepuasan masyarakat terhadap pasar terealisasi 86,40.\n"
    assert links(text) == [("sentence", "Indeks Kepuasan Masyarakat (IKM)", "86,40", True)]


def test_a_sentence_that_neither_refers_back_nor_continues_is_not_linked() -> None:
    # "Realisasi ..." starts a new sentence about something unnamed: no link
    text = TABLE + "Nilai SAKIP Kecamatan dibahas berikut.\n\nRealisasi sebesar 74,50.\n"
    assert links(text) == []


# --------------------------------------------------------------------------- generated

NAMES = {
    "Indeks Kepuasan Masyarakat": ("80", "86,40"),
    "Nilai SAKIP Kecamatan": ("70", "71,50"),
    "Persentase keluhan masyarakat yang ditindaklanjuti": ("95", "97,00"),
}


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(NAMES)),
    how=st.sampled_from(["sentence", "anaphora", "continuation"]),
    delta=st.sampled_from([0, 0, 3, -5, 12]),
)
def test_generated_links_find_exactly_the_changed_value(name: str, how: str, delta: int) -> None:
    """A realisasi restated in one of the three ways, changed by ``delta`` points or not:
    a finding exactly when it was changed, by the rule of its way of linking."""
    real = NAMES[name][1]
    value = f"{float(real.replace(',', '.')) + delta:.2f}".replace(".", ",")
    if how == "sentence":
        prose = f"{name} terealisasi {value}.\n"
        line, rule = FIRST_PROSE_LINE, "NA006"
    elif how == "anaphora":
        prose = f"Berikut {name}.\n\nPada indikator ini realisasi sebesar {value}.\n"
        line, rule = FIRST_PROSE_LINE + 2, "NA007"
    else:
        prose = f"Indikator {name}\n\ndan terealisasi {value}.\n"
        line, rule = FIRST_PROSE_LINE + 2, "NA007"
    got = findings(TABLE + prose)
    assert got == ([(rule, line, value, real)] if delta else [])


@pytest.mark.parametrize("sentence", [
    "Nilai SAKIP Kecamatan tahun 2024 sebesar 71,50, sedangkan realisasi tahun sebelumnya "
    "sebesar 68,00.",
    "Dibandingkan tahun lalu, realisasi Nilai SAKIP Kecamatan sebesar 68,00.",
])
def test_a_sentence_speaking_of_another_period_is_not_linked(sentence: str) -> None:
    # which value belongs to which year is not known: no link, no finding
    assert links(TABLE + sentence + "\n") == []


# --------------------------------------------------------------------------- corpus mutation

def _reading(text: str, decimals: int) -> Decimal:
    digits = text.replace(".", "").replace(",", "")
    return Decimal(digits).scaleb(-decimals)


def _bump(text: str) -> str:
    """The number with its last digit changed (1 -> 2 ... 9 -> 8; 0 -> 5): the smallest
    change its printed precision shows, same shape and notation."""
    for i in reversed(range(len(text))):
        ch = text[i]
        if ch.isdigit():
            new = "8" if ch == "9" else ("5" if ch == "0" else str(int(ch) + 1))
            return text[:i] + new + text[i + 1:]
    return text


@needs_corpus
@pytest.mark.parametrize("report", corpus_reports(), ids=lambda p: p.stem)
def test_corpus_stated_values_changed_one_at_a_time_are_caught(report) -> None:
    """Each value a corpus sentence states that agrees with its table, changed in the raw
    text: NA006 or NA007 (by how the sentence is linked) flags exactly that number, and no
    other narrative finding appears or disappears."""
    text = report.read_text(encoding="utf-8")
    rules = [RULES["NA006"], RULES["NA007"]]
    doc, before = lint_text(text, rules=rules)
    ctx = Context(doc, RULES["NA006"], Settings())
    baseline = {(f.rule, f.line, f.column) for f in before}
    # values the rules could judge: agreeing now, the tables agreeing among themselves
    candidates = [sl for sl in link_stated(doc, ctx) if sl.agrees and cells_agree(sl.cells)]
    caught = 0
    tried = 0
    for sl in candidates:
        v = sl.stated.value
        lines = text.split("\n")
        line = lines[v.line - 1]
        if line[v.column - 1:v.column - 1 + len(v.text)] != v.text:
            continue   # not placed exactly: nothing to mutate
        bumped = _bump(v.text)
        moved = replace(sl, stated=replace(sl.stated, value=replace(
            v, text=bumped, readings=tuple(
                (_reading(bumped, r[1]), r[1]) for r in v.readings
            ),
        )))
        if not judgeable(moved) or sl.factor != 1:
            continue   # another scale: silent by design (or within the table's rounding)
        if any(_same(moved.stated.value, c, ctx) for c in sl.cells):
            continue   # the changed value still rounds to a table value
        tried += 1
        lines[v.line - 1] = line[:v.column - 1] + bumped + line[v.column - 1 + len(v.text):]
        _, after = lint_text("\n".join(lines), rules=rules)
        got = {(f.rule, f.line, f.column) for f in after}
        rule = "NA006" if sl.link.how == "sentence" else "NA007"
        new = got - baseline
        if (rule, v.line, v.column) in new:
            caught += 1
        # nothing else changes
        assert new <= {(rule, v.line, v.column)}, (v.line, v.text, new)
        # a changed target may change which rows its sentence's capaian is judged by
        assert all(f[1] == v.line for f in baseline - got), (v.line, baseline - got)
    print(f"{report.stem}: {caught}/{tried} changed stated values caught")
    assert caught == tried


# ---- many tables naming one indicator: a sentence is compared with the nearest ones

def _many_tables(count: int, odd: int) -> str:
    """``count`` tables giving one indicator a realisasi of 86,40 for 2024, except table
    ``odd`` (86,90); a sentence right under that table states 86,90."""
    parts = ["# Laporan Kinerja Kecamatan Sukamaju Tahun 2024\n"]
    for k in range(count):
        real = "86,90" if k == odd else "86,40"
        parts.append(
            f"Tabel 3.{k + 1} Capaian Kinerja Tahun 2024\n\n"
            "| No | Indikator Kinerja | Target 2024 | Realisasi 2024 |\n|---|---|---|---|\n"
            f"| 1 | Indeks Kepuasan Masyarakat (IKM) | 80 | {real} |\n")
        if k == odd:
            parts.append("Realisasi Indeks Kepuasan Masyarakat tahun 2024 sebesar 86,90.\n")
    return "\n".join(parts)


def test_nearest_rows_all_when_few_tables() -> None:
    from sakiplint.facts.links import catalogue, nearest_rows

    doc, _ = lint_text(_many_tables(5, 2), rules=[])
    (ind,) = {id(i): i for w in catalogue(doc).by_word.values() for i in w}.values()
    assert nearest_rows(ind, 1, 32) == list(ind.rows.values())
    assert len(nearest_rows(ind, 1, 3)) == 3


@pytest.mark.parametrize("count", [6, 40, 90])
def test_nearest_rows_are_the_tables_around_the_line(count: int) -> None:
    from sakiplint.facts.links import catalogue, cell_index, nearest_rows

    doc, _ = lint_text(_many_tables(count, count // 2), rules=[])
    (ind,) = {id(i): i for w in catalogue(doc).by_word.values() for i in w}.values()
    lines = sorted(line for (_, line) in ind.rows)
    at = lines[count // 2]
    got = nearest_rows(ind, at, 4)
    assert len(got) == 4
    got_lines = sorted(next(iter(r.values())).line for r in got)
    # the four rows whose lines are nearest ``at`` (by distance, ties to the earlier one)
    assert got_lines == sorted(sorted(lines, key=lambda ln: (abs(ln - at), ln))[:4])
    idx = cell_index(ind)
    for r in got:
        for (role, _), c in r.items():
            assert idx.role[id(c)] == role


@pytest.mark.parametrize("count", [5, 60])
def test_sentence_repeating_an_outvoted_table_is_flagged(count: int) -> None:
    """The sentence repeats the odd table right above it: with five tables the odd one is
    outvoted (NA006 flags the sentence); with sixty tables the sentence is still judged
    against the 32 nearest, where the odd table is outvoted the same way."""
    _doc, found = lint_text(_many_tables(count, count // 2), rules=[RULES["NA006"]])
    assert [f.rule for f in found] == ["NA006"]
