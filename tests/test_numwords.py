"""Tests for sakiplint.read.numwords: Indonesian numbers in words and digit/word pairs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.read.numwords import DigitWordPair, find_digit_word_pairs, words_to_number

# ---------------------------------------------------------------------------------------------
# words_to_number: valid forms
# ---------------------------------------------------------------------------------------------

VALID_FORMS: list[tuple[str, str]] = [
    # units
    ("nol", "0"),
    ("satu", "1"),
    ("dua", "2"),
    ("tiga", "3"),
    ("empat", "4"),
    ("lima", "5"),
    ("enam", "6"),
    ("tujuh", "7"),
    ("delapan", "8"),
    ("sembilan", "9"),
    # ten to nineteen
    ("sepuluh", "10"),
    ("sebelas", "11"),
    ("dua belas", "12"),
    ("tiga belas", "13"),
    ("lima belas", "15"),
    ("sembilan belas", "19"),
    # tens
    ("dua puluh", "20"),
    ("dua puluh lima", "25"),
    ("tiga puluh", "30"),
    ("tiga puluh delapan", "38"),
    ("tujuh puluh enam", "76"),
    ("sembilan puluh sembilan", "99"),
    # hundreds
    ("seratus", "100"),
    ("seratus satu", "101"),
    ("seratus sepuluh", "110"),
    ("seratus sebelas", "111"),
    ("seratus dua puluh lima", "125"),
    ("dua ratus lima puluh", "250"),
    ("lima ratus enam puluh tujuh", "567"),
    ("sembilan ratus sembilan puluh sembilan", "999"),
    # thousands
    ("seribu", "1000"),
    ("seribu satu", "1001"),
    ("seribu sembilan ratus sembilan puluh sembilan", "1999"),
    ("dua ribu", "2000"),
    ("dua ribu dua puluh tiga", "2023"),
    ("sepuluh ribu", "10000"),
    ("sebelas ribu", "11000"),
    ("dua belas ribu lima ratus", "12500"),
    ("seratus ribu", "100000"),
    ("lima ratus ribu", "500000"),
    ("sembilan ratus sembilan puluh sembilan ribu", "999000"),
    # millions and above
    ("sejuta", "1000000"),
    ("satu juta", "1000000"),
    ("satu juta lima ratus ribu", "1500000"),
    ("dua juta seribu", "2001000"),
    ("seratus juta", "100000000"),
    (
        "tiga ratus empat puluh lima juta enam ratus tujuh puluh delapan ribu sembilan ratus",
        "345678900",
    ),
    ("satu miliar", "1000000000"),
    ("satu milyar", "1000000000"),
    ("semiliar", "1000000000"),
    ("dua miliar lima juta", "2005000000"),
    ("satu triliun", "1000000000000"),
    ("setriliun dua", "1000000000002"),
    # non-standard but unambiguous
    ("satu ribu", "1000"),
    ("satu ratus", "100"),
    ("satu puluh", "10"),
    ("satu belas", "11"),
    # decimals: koma + number, and digit by digit
    ("nol koma lima", "0.5"),
    ("nol koma nol lima", "0.05"),
    ("nol koma nol nol satu", "0.001"),
    ("tujuh puluh enam koma lima puluh tujuh", "76.57"),
    ("tujuh puluh enam koma lima tujuh", "76.57"),
    ("tujuh puluh enam koma dua puluh enam", "76.26"),
    ("delapan puluh koma nol satu", "80.01"),
    ("seratus koma nol", "100"),
    ("dua koma lima belas", "2.15"),
    ("tiga koma satu empat satu lima", "3.1415"),
    ("sembilan koma lima nol tujuh", "9.507"),
    ("satu koma kosong lima", "1.05"),
    ("nol koma nol dua puluh lima", "0.025"),
    # capitalisation, spacing, hyphens
    ("Dua Puluh Lima", "25"),
    ("Lima ratus Enam Puluh Tujuh", "567"),
    ("TIGA", "3"),
    ("  dua   puluh\nlima ", "25"),
    ("dua-puluh", "20"),
    ("Dua-Puluh-Lima", "25"),
    ("dua - puluh lima", "25"),
    ("dua\u00a0puluh\tlima", "25"),
    # joined spellings
    ("duabelas", "12"),
    ("tigapuluh", "30"),
    ("duapuluh lima", "25"),
    ("limaratus ribu", "500000"),
    ("sembilanbelas", "19"),
    # tolerated units
    ("satu juta lima ratus ribu rupiah", "1500000"),
    ("delapan persen", "8"),
    ("lima puluh persen", "50"),
    ("seratus persen", "100"),
    ("tujuh puluh enam koma lima tujuh persen", "76.57"),
]


def test_enough_distinct_forms() -> None:
    forms = [words for words, _ in VALID_FORMS]
    assert len(set(forms)) == len(forms)
    assert len(forms) >= 60


@pytest.mark.parametrize(("words", "value"), VALID_FORMS)
def test_words_to_number(words: str, value: str) -> None:
    result = words_to_number(words)
    assert result is not None
    assert result == Decimal(value)


def test_result_is_decimal_with_exact_fraction() -> None:
    assert words_to_number("tujuh puluh enam koma lima tujuh") == Decimal("76.57")
    assert isinstance(words_to_number("satu"), Decimal)
    # no float rounding
    assert str(words_to_number("nol koma satu")) == "0.1"


# ---------------------------------------------------------------------------------------------
# words_to_number: not (only) a number
# ---------------------------------------------------------------------------------------------

INVALID_FORMS = [
    "",
    "   ",
    "puluh dua",
    "ratus ratus",
    "lima lima",
    "dua dua puluh",
    "puluh",
    "belas",
    "ribu",
    "sepuluh satu",
    "sebelas belas",
    "dua puluh puluh",
    "dua puluh belas",
    "seribu juta",
    "dua ribu tiga ribu",
    "lima ratus seratus",
    "satu juta dua juta",
    "nol nol",
    "nol lima",
    "nol puluh",
    "koma lima",
    "lima koma",
    "lima koma koma dua",
    "satu koma lima dua puluh",
    "dua puluh lima tahun",
    "tahun anggaran",
    "satuan",
    "puluhan",
    "ratusan ribu",
    "sepuluh ribuan",
    "lima per seratus",
    "rupiah",
    "rupiah lima",
    "lima rupiah rupiah",
    "lima rupiah persen",
    "dua setengah",
    "minus lima",
    "-lima",
    "lima-",
    "dua--puluh",
    "25",
    "dua puluh 5",
    "(dua puluh lima)",
    "dua puluh lima.",
    "Sangat Tinggi",
    "B | aik",
]


@pytest.mark.parametrize("text", INVALID_FORMS)
def test_not_a_number(text: str) -> None:
    assert words_to_number(text) is None


# ---------------------------------------------------------------------------------------------
# find_digit_word_pairs
# ---------------------------------------------------------------------------------------------


def _one_pair(text: str) -> DigitWordPair:
    pairs = find_digit_word_pairs(text)
    assert len(pairs) == 1, pairs
    return pairs[0]


def _check_offsets(text: str, pair: DigitWordPair) -> None:
    assert text[pair.digits_start : pair.digits_end] == pair.digits_text
    assert text[pair.words_start : pair.words_end] == pair.words_text


AGREEING = [
    ("terdapat 25 (dua puluh lima) indikator", "25", "dua puluh lima", "25"),
    ("sebanyak 3 (tiga) sasaran strategis", "3", "tiga", "3"),
    ("yaitu 5 (Lima) program", "5", "Lima", "5"),
    (
        "sejumlah 567 (Lima ratus Enam Puluh Tujuh) jiwa",
        "567",
        "Lima ratus Enam Puluh Tujuh",
        "567",
    ),
    (
        "anggaran Rp 1.500.000,- (satu juta lima ratus ribu rupiah)",
        "1.500.000",
        "satu juta lima ratus ribu rupiah",
        "1500000",
    ),
    (
        "sebesar Rp1.500.000,00 (satu juta lima ratus ribu rupiah)",
        "1.500.000,00",
        "satu juta lima ratus ribu rupiah",
        "1500000",
    ),
    (
        "sebesar Rp. 250.000 (dua ratus lima puluh ribu rupiah)",
        "250.000",
        "dua ratus lima puluh ribu rupiah",
        "250000",
    ),
    (
        "nilai 76,57 (tujuh puluh enam koma lima puluh tujuh) pada",
        "76,57",
        "tujuh puluh enam koma lima puluh tujuh",
        "76.57",
    ),
    (
        "nilai 76,57 (tujuh puluh enam koma lima tujuh)",
        "76,57",
        "tujuh puluh enam koma lima tujuh",
        "76.57",
    ),
    ("nilai 80,01 (delapan puluh koma nol satu).", "80,01", "delapan puluh koma nol satu", "80.01"),
    ("nilai 80,05 (delapan puluh koma nol lima)", "80,05", "delapan puluh koma nol lima", "80.05"),
    ("paling kecil yaitu 8% (delapan persen) dari", "8", "delapan persen", "8"),
    ("capaian 50 % (lima puluh persen)", "50", "lima puluh persen", "50"),
    ("sebanyak 12 (duabelas) kegiatan", "12", "duabelas", "12"),
    ("sebanyak 30 (tigapuluh) orang", "30", "tigapuluh", "30"),
    ("tahun 2023 (dua ribu dua puluh tiga)", "2023", "dua ribu dua puluh tiga", "2023"),
    ("terdapat 20 ( dua puluh ) poin", "20", "dua puluh", "20"),
    ("terdapat 20\n(dua puluh) poin", "20", "dua puluh", "20"),
    ("terdapat **20** (dua puluh) poin", "20", "dua puluh", "20"),
    # "." as decimal point, as converted reports sometimes write it
    (
        "sebesar 133.33 (seratus tiga puluh tiga koma tiga tiga)",
        "133.33",
        "seratus tiga puluh tiga koma tiga tiga",
        "133.33",
    ),
    # ambiguous notation: the reading the words confirm is used
    ("sebesar 1.500 (seribu lima ratus)", "1.500", "seribu lima ratus", "1500"),
    ("sebesar 1.500 (satu koma lima)", "1.500", "satu koma lima", "1.5"),
    (
        "sebesar 1,500,000 (satu juta lima ratus ribu)",
        "1,500,000",
        "satu juta lima ratus ribu",
        "1500000",
    ),
]


@pytest.mark.parametrize(("text", "digits", "words", "value"), AGREEING)
def test_pairs_that_agree(text: str, digits: str, words: str, value: str) -> None:
    pair = _one_pair(text)
    _check_offsets(text, pair)
    assert pair.digits_text == digits
    assert pair.words_text == words
    assert pair.digits_value == Decimal(value)
    assert pair.words_value == Decimal(value)
    assert pair.agrees


DISAGREEING = [
    ("terdapat 20 (enam) poin perjanjian kinerja", "20", "enam", "20", "6"),
    ("dan 16 (sebelas) indikator tambahan", "16", "sebelas", "16", "11"),
    (
        "hanya bernilai 76,57 (tujuh puluh enam koma dua puluh enam), di atas",
        "76,57",
        "tujuh puluh enam koma dua puluh enam",
        "76.57",
        "76.26",
    ),
    (
        "Rp 1.500.000,- (satu juta lima puluh ribu rupiah)",
        "1.500.000",
        "satu juta lima puluh ribu rupiah",
        "1500000",
        "1050000",
    ),
    ("sebanyak 3 (Empat) sasaran", "3", "Empat", "3", "4"),
    ("sebesar 1.500 (dua ribu)", "1.500", "dua ribu", "1500", "2000"),
    (
        "nilai 80,1 (delapan puluh koma nol satu)",
        "80,1",
        "delapan puluh koma nol satu",
        "80.1",
        "80.01",
    ),
]


@pytest.mark.parametrize(("text", "digits", "words", "dvalue", "wvalue"), DISAGREEING)
def test_pairs_that_disagree(text: str, digits: str, words: str, dvalue: str, wvalue: str) -> None:
    pair = _one_pair(text)
    _check_offsets(text, pair)
    assert pair.digits_text == digits
    assert pair.words_text == words
    assert pair.digits_value == Decimal(dvalue)
    assert pair.words_value == Decimal(wvalue)
    assert not pair.agrees


NOT_PAIRS = [
    "tahun 2023 (tahun anggaran)",
    "tahun 2023 (1 Tahun)",
    "nilai 86,60 (Nilai A)",
    "sebesar 111.35 % (Sangat Tinggi)",
    "indikator 19 (Indeks Keluarga Sehat (IKS)",
    "nomor 514 (B | aik)",
    "tahun 2022 (Rp)",
    "selama 5 (lima tahun)",
    "sebesar 2,5 (dua setengah)",
    "sebanyak 5 (lima per seratus)",
    "sebanyak 25 orang (dua puluh lima)",  # not immediately followed
    "sebanyak 25\n\n(dua puluh lima)",  # paragraph break in between
    "sebanyak 11 (se-belas) kali",  # "se" as a separate word is not accepted
    "sebesar 22.43 (dua puluh dua koma empat)",  # English notation, words do not confirm
    "butir 1.1.1 (satu)",  # not a number in any notation
    "kode A12 (dua belas)",  # digits inside a code
    "versi 2.12 (dua belas)",  # only the tail of a number
    "sebanyak (dua puluh lima) kegiatan",
    "sebanyak 25 kegiatan (dua puluh lima)",
    "",
]


@pytest.mark.parametrize("text", NOT_PAIRS)
def test_not_pairs(text: str) -> None:
    assert find_digit_word_pairs(text) == []


def test_several_pairs_in_order() -> None:
    text = (
        "Di tahun ini terdapat 20 (enam) poin perjanjian kinerja dengan 25 (Dua Puluh Lima)"
        " indikator, terdiri dari 4 (empat) indikator utama dan 16 (sebelas) indikator"
        " tambahan pada 2023 (tahun anggaran) ini."
    )
    pairs = find_digit_word_pairs(text)
    assert [p.digits_text for p in pairs] == ["20", "25", "4", "16"]
    assert [p.agrees for p in pairs] == [False, True, True, False]
    for pair in pairs:
        _check_offsets(text, pair)
    assert pairs[0].digits_start < pairs[1].digits_start < pairs[2].digits_start


def test_pair_is_frozen() -> None:
    pair = _one_pair("3 (tiga)")
    with pytest.raises(AttributeError):
        pair.digits_text = "4"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# round trip against an independent number -> words writer
# ---------------------------------------------------------------------------------------------

_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")]


def _below_thousand(n: int) -> list[str]:
    assert 0 < n < 1000
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_UNITS[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_UNITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, units = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"]
        if units:
            words.append(_UNITS[units])
    elif rest:
        words.append(_UNITS[rest])
    return words


def number_to_words(n: int) -> str:
    """Standard Indonesian spelling of a non-negative integer below 10**15."""
    if n == 0:
        return "nol"
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count == 1 and name in ("ribu", "juta"):
            words.append("se" + name)  # seribu, sejuta
        elif count:
            words += [*_below_thousand(count), name]
    if n:
        words += _below_thousand(n)
    return " ".join(words)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_round_trip_integers(n: int) -> None:
    assert words_to_number(number_to_words(n)) == n


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=999_999_999_999),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.booleans(),
)
def test_round_trip_decimals(n: int, fraction: str, digit_by_digit: bool) -> None:
    value = Decimal(f"{n}.{fraction}")
    if digit_by_digit or fraction.startswith("0") or len(fraction) > 3:
        # "koma nol lima", "koma lima tujuh": one word per digit
        tail = " ".join(_UNITS[int(c)] for c in fraction)
    else:
        # "koma lima puluh tujuh": the digits read as one number
        tail = number_to_words(int(fraction))
    assert words_to_number(f"{number_to_words(n)} koma {tail}") == value


@given(st.integers(min_value=0, max_value=999_999_999_999))
@settings(max_examples=100, deadline=None)
def test_round_trip_in_text(n: int) -> None:
    digits = f"{n:,}".replace(",", ".")  # Indonesian thousands separator
    text = f"sebanyak {digits} ({number_to_words(n).title()}) unit"
    pair = _one_pair(text)
    _check_offsets(text, pair)
    assert pair.agrees
    assert pair.digits_value == n
