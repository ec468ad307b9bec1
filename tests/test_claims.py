"""Tests for sakiplint.facts.claims: sentences -> tokens -> slots -> claims, and the raw-text
positions of the values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_reports, needs_corpus
from sakiplint.engine.lint import lint_text
from sakiplint.facts.claims import claims_in_text, claims_of, sentences, tokenize


def codes(text: str) -> str:
    return "".join(t.code for t in tokenize(text))


# --------------------------------------------------------------------------- tokens

@pytest.mark.parametrize(("text", "expected"), [
    ("dengan target 80 telah berhasil tercapai sebesar 84,49 atau tercapai 105,61%", "wtnhnohp"),
    ("Target 60% terealisasi 75%, dengan capaian kinerja 125,00%", "tprpwcp"),
    ("sebesar 92,56% dari total anggaran sebesar Rp. 5.000.000", "pdgm"),
    ("pada tahun 2024 sebanyak 1.250 orang", "ynw"),
    ("indikator ke-2 tahun 2024", "wwwy"),         # "ke-2" is not a value
    ("5 (lima) program dan 12 (dua belas) kegiatan", "nwanw"),   # words repeat the digits
    ("kenaikan sebesar 0,52 % dan penurunan 3", "upaen"),
])
def test_token_codes(text: str, expected: str) -> None:
    assert codes(text) == expected


def test_values_keep_both_readings_when_notation_is_unclear() -> None:
    toks = [t for t in tokenize("sebanyak 37.554 orang, nilai 85.2 dan 80,04") if t.value]
    assert [t.value.readings for t in toks if t.value] == [
        ((Decimal("37554"), 0), (Decimal("37.554"), 3)),
        ((Decimal("85.2"), 1),),
        ((Decimal("80.04"), 2),),
    ]


def test_rupiah_amounts_read_as_indonesian() -> None:
    (tok,) = [t for t in tokenize("anggaran Rp 1.500.000") if t.value]
    assert tok.code == "m" and tok.value is not None
    assert tok.value.readings == ((Decimal("1500000"), 0),)


def test_sentences_do_not_split_inside_numbers_or_after_rp() -> None:
    text = "Anggaran Rp. 1.500.000 terealisasi 84.49. Berikutnya target 80."
    assert [s for _, s in sentences(text)] == [
        "Anggaran Rp. 1.500.000 terealisasi 84.49", " Berikutnya target 80",
    ]


# --------------------------------------------------------------------------- claims

def test_capaian_triple_in_many_phrasings() -> None:
    texts = [
        "Indikator IKM dengan target 80 telah tercapai sebesar 84,49 atau tercapai 105,61%.",
        "IKM terealisasi 84,49 dari target 80 sehingga capaian kinerja sebesar 105,61%.",
        "IKM mencapai 105,61%, realisasi sebesar 84,49 dari target 80.",
        "IKM ditargetkan sebesar 80 dan realisasinya sebesar 84,49 atau capaian kinerjanya "
        "sebesar 105,61%.",
        "capaian 84,49 dari target yang direncanakan sebesar 80 atau secara kinerja tercapai "
        "105,61%.",
    ]
    for text in texts:
        (c,) = claims_in_text(text).capaian
        assert (c.target.value, c.realisasi.value, c.capaian.value) == (
            Decimal(80), Decimal("84.49"), Decimal("105.61")
        ), text


def test_two_triples_in_one_sentence_are_not_paired_up() -> None:
    text = "Target 80 tercapai 84 atau 105% dan target 70 tercapai 77 atau 110%."
    assert claims_in_text(text).capaian == []


def test_budget_claim_roles() -> None:
    (b,) = claims_in_text(
        "Realisasi belanja Rp. 4.800.000,00 dari total belanja Rp. 6.000.000,00 atau 80%."
    ).budget
    assert (b.anggaran.value, b.realisasi.value, b.serapan.value) == (
        Decimal(6000000), Decimal(4800000), Decimal(80)
    )
    assert b.roles_known


def test_breakdown_needs_matching_nouns_and_a_complete_list() -> None:
    ok = "Sebanyak 30 pegawai, terdiri dari 20 pegawai PNS dan 10 pegawai PPPK."
    assert len(claims_in_text(ok).breakdown) == 1
    other_nouns = "Ada 5 program yang terdiri dari 12 kegiatan dan 30 sub kegiatan."
    assert claims_in_text(other_nouns).breakdown == []
    more_follow = (
        "Sebanyak 30 pegawai terdiri dari 10 pegawai golongan III dan 5 pegawai golongan IV "
        "serta 15 pegawai golongan II."
    )
    assert claims_in_text(more_follow).breakdown == []


def test_change_needs_exactly_two_comparable_values() -> None:
    (ch,) = claims_in_text("Tahun 2023 sebesar 80,5% dan tahun 2024 82,5% atau naik 2%.").change
    assert ch.delta.value == 2
    assert claims_in_text("Nilai 87,80 atau kenaikan sebesar 11,23 dibanding 2020.").change == []


# --------------------------------------------------------------------------- positions

def test_values_point_at_raw_line_and_column_despite_markup() -> None:
    report = (
        "# Capaian\n\n"
        "Indikator **IKM** dengan target **80** telah tercapai\n"
        "sebesar *84,49* atau tercapai **105,61%**.\n"
    )
    doc, _ = lint_text(report, rules=[])
    (c,) = claims_of(doc).capaian
    lines = report.split("\n")
    for v in (c.target, c.realisasi, c.capaian):
        assert lines[v.line - 1][v.column - 1:v.column - 1 + len(v.text)] == v.text


def test_list_item_marker_digits_do_not_shift_positions() -> None:
    report = "- 1) Target 1% terealisasi 1% dengan capaian kinerja 100%\n"
    doc, _ = lint_text(report, rules=[])
    (c,) = claims_of(doc).capaian
    assert (c.target.line, c.target.column) == (1, 13)
    assert report[c.capaian.column - 1:].startswith("100%")


# --------------------------------------------------------------------------- generated

NUM = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(999), places=2)


def _id(d: Decimal) -> str:
    return f"{d:.2f}".replace(".", ",")


@settings(max_examples=60, deadline=None)
@given(NUM, NUM, st.sampled_from([_id, lambda d: f"{d:.2f}"]))
def test_generated_capaian_sentences_are_read_exactly(t: Decimal, r: Decimal, show) -> None:
    c = (r / t * 100).quantize(Decimal("0.01"))
    text = (
        f"Indikator Nilai Kinerja Sukamaju dengan target {show(t)} telah tercapai sebesar "
        f"{show(r)} atau tercapai {show(c)}%."
    )
    (claim,) = claims_in_text(text).capaian
    assert claim.target.value == t
    assert claim.realisasi.value == r
    assert claim.capaian.value == c


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_generated_population_sentences(lk: int, pr: int) -> None:
    def dots(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    text = (
        f"Penduduk tercatat sebanyak {dots(lk + pr)} jiwa yang terdiri dari {dots(lk)} "
        f"laki-laki dan {dots(pr)} perempuan."
    )
    (b,) = claims_in_text(text).breakdown
    assert any(v == lk + pr for v, _ in b.total.readings)


def test_every_claim_keyword_passes_the_quick_filter() -> None:
    from sakiplint.facts.claims import _KEYWORDS, _TRIGGER, _has_trigger

    starters = [w for w, c in _KEYWORDS.items() if c in _TRIGGER or c == "e"]
    assert [w for w in starters if not _has_trigger(w)] == []
    assert [w for w in starters if not _has_trigger(w.upper())] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Target 80 tercapai 84,49. Hal ini baik.", ["Target 80 tercapai 84,49", " Hal ini baik"]),
    ("Kab. Malang menerima Rp. 5.000. Maka", ["Kab. Malang menerima Rp. 5.000", " Maka"]),
    ("1. Program X tercapai; realisasi 5", ["1. Program X tercapai", " realisasi 5"]),
    ("Drs. Budi menyatakan: Hasil baik", ["Drs. Budi menyatakan", " Hasil baik"]),
    ("pada tahun 2023. Pada tahun 2024", ["pada tahun 2023", " Pada tahun 2024"]),
    ("nilai 3.5 dari target 4. belum", ["nilai 3.5 dari target 4. belum"]),
    ("s.d. Desember tercapai", ["s.d. Desember tercapai"]),
])
def test_one_sentence_splitter(text: str, expected: list[str]) -> None:
    from sakiplint.read.prose import sentence_spans

    assert [text[a:b] for a, b in sentence_spans(text)] == expected
    assert [s for _, s in sentences(text)] == expected


@pytest.mark.parametrize(("text", "target"), [
    ('Target kinerja "Indikator ke-1" tahun 2024 yaitu 75% dan realisasinya 80%, sehingga '
     "capaian kinerja 106,67%.", "75"),
    ("Target indikator persentase aduan yang diselesaikan tahun 2024 sebesar 90% terealisasi "
     "90% atau capaian 100%.", "90"),
])
def test_target_named_across_the_indicator_name_anchored_by_the_year(
    text: str, target: str
) -> None:
    (c,) = claims_in_text(text).capaian
    assert c.target.text == target


def test_target_far_from_its_value_without_a_year_is_not_read() -> None:
    text = "Target indikator persentase aduan yang diselesaikan sebesar 90% terealisasi 95%."
    assert claims_in_text(text).capaian == []


@pytest.mark.parametrize(("text", "n"), [
    # the next sentence refers back to the indicator: one claim across the two
    ("Target indikator ini tahun 2024 sebesar 80 dan terealisasi 90. Jadi, untuk indikator "
     "ini capaian kinerja sebesar 112,5%.", 1),
    ('Target kinerja "indikator ke-3" tahun 2024 yaitu 80 dan terealisasi 90. Untuk '
     "indikator ke-3 capaian kinerja sebesar 112,5%.", 1),
    # another indicator number, or no reference back: no claim
    ('Target kinerja "indikator ke-3" tahun 2024 yaitu 80 dan terealisasi 90. Untuk '
     "indikator ke-4 capaian kinerja sebesar 112,5%.", 0),
    ("Target tahun 2024 sebesar 80 dan terealisasi 90. Capaian kinerja sasaran secara "
     "keseluruhan sebesar 95%.", 0),
    # not adjacent
    ("Target tahun 2024 sebesar 80 dan terealisasi 90. Hal ini baik. Untuk indikator ini "
     "capaian kinerja sebesar 112,5%.", 0),
])
def test_capaian_across_two_sentences(text: str, n: int) -> None:
    assert len(claims_in_text(text).capaian) == n


# --------------------------------------------------------------------------- the scan

def _lark_terminals() -> list[tuple[str, str]]:
    """The claims grammar's terminals in the order Lark's basic lexer tries them."""
    from sakiplint.facts.claims import _parser

    terms = _parser().lexer_conf.terminals
    ordered = sorted(terms, key=lambda t: (
        -t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    return [(t.name, t.pattern.to_regexp()) for t in ordered]


def test_scan_terminals_are_the_grammars_as_lark_compiles_them() -> None:
    from sakiplint.facts import claims

    assert claims._scanner_valid(), "grammar/claims.lark changed: derive _SCAN_TERMINALS again"
    assert list(claims._SCAN_TERMINALS) == _lark_terminals()


CODES = "npmyvtrchgsxbdjoaklfueAB();w"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CODES, max_size=40))
def test_scan_equals_lark_parse_on_generated_codes(code: str) -> None:
    from sakiplint.facts.claims import _parse_with_lark, _scan

    assert _scan(code) == _parse_with_lark(code)


@needs_corpus
def test_scan_equals_lark_parse_on_every_corpus_sentence() -> None:
    from sakiplint.facts.claims import _parse_with_lark, _scan

    n = 0
    for path in corpus_reports():
        for para in lint_text(path.read_text(encoding="utf-8"), rules=[])[0].paragraphs:
            for base, sentence in sentences(para.text):
                code = "".join(t.code for t in tokenize(sentence, base))
                assert _scan(code) == _parse_with_lark(code), code
                n += 1
    assert n > 500


def test_a_changed_grammar_is_parsed_by_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    from sakiplint.facts import claims

    calls: list[str] = []
    real = claims._parse_with_lark

    def spy(code: str) -> tuple[tuple[str, int, int], ...]:
        calls.append(code)
        return real(code)

    monkeypatch.setattr(claims, "_scanner_valid", lambda: False)
    monkeypatch.setattr(claims, "_parse_with_lark", spy)
    claims._parse.cache_clear()
    try:
        found = claims_in_text("Target 80 tercapai 84,49 atau 105,61%.").capaian
    finally:
        claims._parse.cache_clear()
    assert calls and len(found) == 1


def test_a_long_sentence_of_breakdowns_is_read_in_linear_time() -> None:
    """Each "terdiri dari" list is checked for completeness with one pass over the sentence,
    not a rescan of the rest of it per list (quadratic on fuzzed input)."""
    import time

    def run(n: int) -> float:
        text = "Total " + " ".join(
            f"{k % 90 + 5} orang terdiri dari 2 orang laki-laki dan 3 orang perempuan"
            for k in range(n)) + "."
        t0 = time.perf_counter()
        claims_in_text(text)
        return time.perf_counter() - t0

    run(50)   # warm up
    small, large = min(run(200) for _ in range(3)), min(run(2000) for _ in range(2))
    assert large < 30 * small
