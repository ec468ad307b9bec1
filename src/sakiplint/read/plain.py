"""Plain-text tables: rows of words and numbers with no TAB, pipe or HTML to mark the cells.

What a PDF viewer, ``pdftotext`` or a document-sharing site gives for a table:

- rows joined by single spaces: a label, then a run of numbers ("Persentase ... persen 95.56
  93 97.32"), under a header line naming the columns ("Indikator Satuan Target Realisasi
  Capaian");
- columns aligned by runs of spaces (``pdftotext -layout``), labels wrapped onto the lines
  below;
- one cell per line (``pdftotext``), the header's columns telling where a row ends;
- headers over several lines (group names over year or sub columns), column-number rows
  ("1 2 3 4"), units glued to numbers ("85 Indek", "persen 95.56"), a label broken over two
  lines, empty cells that simply vanish.

A table starts at a header: lines whose words are column names. The header gives the column
template (names, and for each whether it holds labels or values). The body below is cut into
*items* (a run of words, a number) and aligned to the template by one dynamic programme over
the whole body: every item is placed in a column, cells left out are empty, rows end where the
template allows. Each way of doing so has a cost (an empty value cell, a number in a label
column, a row ending in the middle of a line ...), and the reading with the least cost wins --
but only where it is the only one: an item placed differently by another reading of the same
least cost is not guessed. Its row is kept out of the checks (its values are left out) and
the table says why in a note (``sakiplint tables``). The template is read twice: the first
pass learns from the rows it could decide what each column holds (percentages, amounts, the
first words of its labels), the second uses that to decide more rows.

Everything is linear in the text: one scan for headers, a bounded programme per table
(items x columns x bounded skips), no backtracking pattern.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sakiplint.read.blocks import RawBlock, RawCell

# --------------------------------------------------------------------------- vocabulary

#: words that start a column name in a header
_HEADS = frozenset([
    "no", "nomor", "n0", "tujuan", "sasaran", "indikator", "satuan", "target", "realisasi",
    "capaian", "keterangan", "ket", "program", "kegiatan", "uraian", "anggaran", "pagu", "alokasi",
    "jumlah", "sisa", "serapan", "penyerapan", "efisiensi", "ratio", "rasio", "kondisi", "data",
    "tahun", "kriteria", "formulasi", "penjelasan", "rencana", "persentase", "laki-laki", "laki",
    "perempuan", "pendidikan", "pangkat", "golongan", "eselon", "jenjang", "unit", "nilai",
    "interval", "pejabat", "predikat", "kategori", "bertambah", "berkurang", "sebelum", "sesudah",
    "setelah", "proporsi", "kinerja", "unsur", "skor", "standar", "strategi", "arah", "faktor",
    "kendala", "solusi", "penyebab", "desa", "kelurahan", "luas", "status", "tingkat", "%", "(%)",
    "(rp)", "rp", "iku", "ikk", "analisis", "upaya", "hasil", "volume", "output", "outcome",
    "sumber", "dana", "lokasi", "pencapaian", "keberhasilan", "triwulan", "semester", "bulan"
])
#: (column head, next word) pairs that make one column name ("Indikator Kinerja", "Realisasi
#: Anggaran"): the next word does not start a column of its own
_COMPOUND = {
    "indikator": {"sasaran", "kinerja", "program", "kegiatan", "tujuan", "utama", "keluaran",
                  "hasil", "output", "outcome"},
    "sasaran": {"strategis", "kegiatan", "program", "sub", "kinerja"},
    "target": {"kinerja", "sasaran", "tahun", "renstra", "akhir", "jangka", "rpjmd", "pk"},
    "realisasi": {"kinerja", "anggaran", "fisik", "keuangan", "tahun"},
    "capaian": {"kinerja", "anggaran", "target", "tahun", "realisasi", "fisik", "keuangan"},
    "kondisi": {"awal", "akhir", "kinerja", "tahun"},
    "data": {"awal", "dasar"},
    "jumlah": {"anggaran", "(rp)", "rp", "pegawai", "penduduk", "asn", "pns"},
    "alokasi": {"anggaran"},
    "pagu": {"anggaran", "indikatif", "(rp)"},
    "anggaran": {"(rp)", "rp", "murni", "perubahan", "sebelum", "sesudah", "setelah"},
    "sebelum": {"perubahan"},
    "sesudah": {"perubahan"},
    "setelah": {"perubahan"},
    "tahun": {"ke", "anggaran"},
    "kriteria": {"penilaian", "capaian"},
    "tingkat": {"efisiensi", "capaian", "kemajuan"},
    "nilai": {"capaian", "indeks", "ikm", "interval", "sakip"},
    "interval": {"nilai"},
    "sisa": {"anggaran"},
    "program": {"kegiatan", "/"},
    "kegiatan": {"sub"},
    "sub": {"kegiatan"},
    "unsur": {"pelayanan"},
    "rencana": {"tindak", "aksi"},
    "ratio": {"efisiensi"},
    "rasio": {"efisiensi"},
    "faktor": {"pendukung", "penghambat"},
    "analisis": {"efisiensi", "keberhasilan"},
    "luas": {"wilayah"},
    "jenjang": {"pendidikan", "jabatan"},
    "uraian": {"program", "kegiatan", "sub"},
    "unit": {"kerja", "layanan", "organisasi"},
}
#: words that never start a column name (they finish the name before them)
_MODIFIERS = frozenset([
    "strategis", "utama", "kinerja", "(rp)", "rp", "(%)", "%", "awal", "akhir", "ke", "pada", "dan",
    "/", "&", "-", "atau", "per", "perubahan", "murni", "(kumulatif)", "kumulatif", "terhadap",
    "anggaran", "tindak", "lanjut", "penilaian", "perhitungan", "pendukung", "penghambat",
    "keberhasilan", "kegagalan", "jangka", "menengah", "panjang", "pendek"
])
_VALUE_NAMES = ("target", "realisasi", "capaian", "anggaran", "pagu", "alokasi", "jumlah",
                "sisa", "serapan", "efisiensi", "ratio", "rasio", "nilai", "persen", "%",
                "laki", "perempuan", "proporsi", "bertambah", "berkurang", "sebelum",
                "sesudah", "setelah", "kondisi", "data awal", "skor", "luas", "volume",
                "(rp)", "tingkat")
_LABEL_NAMES = ("sasaran", "indikator", "satuan", "program", "kegiatan", "uraian", "tujuan",
                "keterangan", "ket", "kriteria", "formulasi", "penjelasan", "rencana",
                "pejabat", "strategi", "kebijakan", "unit", "desa", "kelurahan", "jenjang",
                "interval", "predikat", "kategori", "faktor", "kendala", "solusi",
                "penyebab", "status", "analisis", "upaya", "hasil", "lokasi", "sumber")
#: first words of a sasaran / tujuan statement, an indicator, a program / kegiatan: where a
#: run of words written without cell borders may change column
_INDICATOR_HEADS = frozenset([
    "persentase", "prosentase", "presentase", "indeks", "indek", "nilai", "jumlah", "rasio",
    "tingkat", "angka", "cakupan", "skor", "prevalensi", "survey", "survei", "predikat", "laju",
    "proporsi", "rata-rata", "opini", "ikm", "ikk", "ipm", "ipmas", "iklp", "ikli", "skm"
])
_PROGRAM_HEADS = frozenset({"program", "kegiatan", "sub"})
_UNITS = frozenset([
    "persen", "%", "dokumen", "laporan", "orang", "unit", "indeks", "indek", "nilai", "angka",
    "poin", "kegiatan", "paket", "buah", "desa", "lembaga", "kelompok", "rupiah", "rp", "tahun",
    "bulan", "hari", "jam", "kali", "inovasi", "predikat", "jiwa", "kk", "rt", "rw", "berkas",
    "lembar", "stel", "jenis", "rekening", "hok", "surat", "sk", "pokmas", "dokumen/tahun", "kasus",
    "titik", "km", "ha", "meter", "m2"
])
_TOTAL_WORDS = ("jumlah", "total", "rata-rata", "rata rata", "grand total", "sub total")

_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(
    r"^[(]?(?:rp\.?)?[-+−]?\d[\d.,]*(?:,-|\.-)?%?[)]?$", re.I)
_PLACEHOLDER = frozenset({"-", "–", "—", "n/a", "na", "#div/0!", "#ref!", "#####", "#n/a",
                          "#value!", "nihil"})
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
_COLNUM = re.compile(r"^\(?\d{1,2}\)?$")
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVX]{1,4}|[A-Za-z])[.)]?$")
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?$")
_CAPTION = re.compile(r"^\s*(?:#+\s*)?(?:\*\*|<b>)?\s*(?:tabel|table|gambar|grafik)\s*\.?\s*\d",
                      re.I)
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|bab\s+[ivx\d]+\b)", re.I)
_GAP = re.compile(r"\s{2,}")
_MONEY_GROUPS = re.compile(r"^\d{1,3}(?:[.,]\d{3}){2,}(?:[.,]\d{1,2})?$")
_SENTENCE_END = re.compile(r"[.!?]$")
_SQUASH = re.compile(r"[^a-z0-9%]+")

#: cost of each way of reading a cell (integers; the least total cost wins)
_SKIP_VALUE = 10          # a value cell left empty
_SKIP_LABEL = 8           # a label cell left empty inside a row
_SKIP_LEAD = 2            # a label cell left empty before the first cell of a row (merged)
_SKIP_TRAIL = 2           # a label cell left empty after the last cell of a row
_SKIP_TRAIL_VALUE = 10    # a value cell left empty after the last cell of a row
_NUM_IN_LABEL = 15        # a number alone in a label column
_TEXT_IN_VALUE = 30       # words alone in a value column
_UNIT_AFTER_NUMBER = 4    # "85 Indek": the word is the number's unit
_NUMBER_IN_TEXT = 12      # "Pertanggal 31 Maret": the number is part of the words
_NUMBER_IN_TRAILING_TEXT = 4
_LABEL_KIND = 14          # "Program ..." in an indicator column, "Meningkatnya ..." in a unit
_VOCAB_OTHER = 8          # a label whose first word belongs to another column
_VOCAB_NEW = 3            # a label whose first word the column has not had
_TYPE_SOFT = 6            # a percentage in a column of plain numbers, or the reverse
_TYPE_FIRM = 20           # ... when three cells or more of the column agree
_HEADER_TYPE = 8          # a small number in an amount column, a percentage in it
_MONEY_IN_VALUE = 20      # an amount in a target / realisasi / capaian column
_WRAP_LINE = 6            # a cell continued on the next line
_WRAP_LOWER = 2           # ... when the next line starts in lower case
_WRAP_GAP = 12            # one cell over a run of spaces (aligned layout)
_SOFT_CUT = 3             # a run of words cut in two cells where a column's text may start
_STRONG_KEPT = 5          # ... not cut before a sasaran statement or a program name
_ROW_MIDLINE = 25         # a row ending in the middle of a line
_ROW_CONTINUED = 400      # a row going on over a line break (joined / aligned layouts)
_ROW_WRAPPED = 4          # ... when the line goes on in lower case or has words only
_X_OFF = 5                # aligned layout: a cell away from its column's place
_MAX_ITEMS = 4000          # a body longer than this is not aligned (header only)
#: aligning a body to a template takes items x columns^2 steps (twice): the templates of one
#: table are tried until this many steps are spent, in their order (the largest table of the
#: samples takes 20,000 a template; a wide template over thousands of loose items, seconds)
_MAX_ALIGN = 300_000
#: words after which a year belongs to the label ("Jumlah Penduduk Tahun 2023")
_YEAR_WORDS = ("tahun", "th", "th.", "thn", "januari", "februari", "maret", "april", "mei",
               "juni", "juli", "agustus", "september", "oktober", "november", "desember",
               "periode", "ta", "ta.")         # a body longer than this is read in parts
_INF = 1 << 40
_TIE = 1 << 10            # costs are scaled by this in the alignment: below it, tie-breaks


# --------------------------------------------------------------------------- items


@dataclass(slots=True)
class Item:
    """A run of words or one number of a table body, with where it is."""

    kind: str                  # "N" number (or placeholder), "T" words
    text: str
    line: int                  # 1-based
    col: int                   # 0-based offset of its first character
    boundary: str              # how it is separated from the item before:
    #                            "line", "gap" (2+ spaces), "soft" (a word a column may start
    #                            with), "none" (a number next to words on the same line)
    cls: str = ""              # numbers: "pct", "money", "int", "num", "empty"
    wrapped: bool = False      # words of the lines below were joined to it (aligned layout)

    @property
    def first_word(self) -> str:
        return self.text.split(" ", 1)[0].lower()


def _num_class(text: str) -> str:
    t = text.lower()
    if t in _PLACEHOLDER:
        return "empty"
    if t.endswith("%") or t.endswith("%)"):
        return "pct"
    core = t.strip("()+-−").removeprefix("rp.").removeprefix("rp").strip()
    core = core.removesuffix(",-").removesuffix(".-")
    if t.startswith("rp") or _MONEY_GROUPS.match(core):
        return "money"
    if core.isdigit():
        return "int"
    return "num"


def _is_number(tok: str) -> bool:
    return bool(_NUMBER.match(tok)) or tok.lower() in _PLACEHOLDER


def _line_items(line: str, lineno: int, layout: str) -> list[Item]:
    """The items of one body line: numbers alone, runs of words (split where a column may
    start: at runs of spaces in the aligned layout, before a known first word)."""
    items: list[Item] = []
    words: list[tuple[str, int]] = []
    prev_end = -1
    pending_boundary = "line"

    def flush() -> None:
        nonlocal pending_boundary
        if not words:
            return
        for text, col, boundary in _split_words(words, pending_boundary):
            items.append(Item("T", text, lineno, col, boundary))
        words.clear()

    toks = _ranges([(m.group(), m.start()) for m in _TOKEN.finditer(line)], line)
    k = 0
    while k < len(toks):
        tok, col = toks[k]
        if tok.startswith(_RANGE_MARK):
            # a range of values ("90 <= x < 110", "76% - 90%"): words of a rating scale
            tok = tok[1:]
            flush()
            items.append(Item("T", tok, lineno, col, "line" if prev_end < 0 else (
                "gap" if col - prev_end >= 2 and layout == "aligned" else "none"), "range"))
            pending_boundary = "none"
            prev_end = col + len(tok)
            k += 1
            continue
        gap = "line" if prev_end < 0 else ("gap" if col - prev_end >= 2 and layout == "aligned"
                                           else "none")
        # "Rp 1.000", "91 %", "1.000,-"
        if tok.lower() in ("rp", "rp.") and k + 1 < len(toks) and _is_number(toks[k + 1][0]):
            nxt, ncol = toks[k + 1]
            tok, k = line[col:ncol + len(nxt)], k + 1
        if _is_number(tok) and not (words and tok.lower() in ("-", "–", "—")
                                    and k + 1 < len(toks) and not _is_number(toks[k + 1][0])):
            if k + 1 < len(toks) and toks[k + 1][0] in ("%", "%)") and \
                    toks[k + 1][1] - (col + len(tok)) <= 1:
                tok, k = line[col:toks[k + 1][1] + len(toks[k + 1][0])], k + 1
            flush()
            items.append(Item("N", tok, lineno, col, gap if gap != "none" else "none",
                              _num_class(tok)))
            pending_boundary = "none"
        else:
            if gap == "gap" and words:
                flush()
                pending_boundary = "gap"
            elif not words:
                pending_boundary = gap if items else "line"
            words.append((tok, col))
        prev_end = col + len(tok)
        k += 1
    flush()
    if items:
        items[0].boundary = "line"
    return items


_RANGE_MARK = "\x00"
_OPERATORS = frozenset({"<", ">", "<=", ">=", "≤", "≥", "=<", "=>", "\\leq", "\\geq", "\\le",
                        "\\ge", "x", "X", "s/d", "s.d", "s.d.", "sd", "sampai", "-", "–", "—"})
_RANGE_WORDS = frozenset({"keatas", "ke", "atas", "kebawah", "bawah", "lebih", "kurang"})


def _is_op(tok: str, after_number: bool) -> bool:
    t = tok.strip("$")
    return t in _OPERATORS or (after_number and t.lower() in _RANGE_WORDS)


def _ranges(toks: list[tuple[str, int]], line: str) -> list[tuple[str, int]]:
    """Runs of numbers and comparison signs ("91 % <= 100 %", "90 \\leq x < 110", "110
    Keatas") made into one token, marked as words: a range of a rating scale."""
    out: list[tuple[str, int]] = []
    k = 0
    n = len(toks)

    def numeric(t: str) -> bool:
        return _NUMBER.match(t.strip("$")) is not None

    while k < n:
        # a range starts at a sign, or at a number followed (past a "%") by a sign
        j = k
        if numeric(toks[k][0]):
            j = k + 1
            if j < n and toks[j][0] in ("%", "%)"):
                j += 1
            starts = (j < n and _is_op(toks[j][0], True) and toks[j][0].strip("$") not in (
                "-", "–", "—")) or (j < n and toks[j][0].strip("$") in ("-", "–", "—")
                                   and j + 1 < n and numeric(toks[j + 1][0]))
        else:
            starts = _is_op(toks[k][0], False) and toks[k][0].strip("$") not in ("-", "–", "—")\
                and k + 1 < n and (numeric(toks[k + 1][0]) or toks[k + 1][0].strip("$") in (
                    "x", "X"))
        if not starts:
            out.append(toks[k])
            k += 1
            continue
        j = k
        ops = 0
        after_number = False
        while j < n:
            t = toks[j][0].strip("$")
            if _is_op(t, after_number):
                ops += 1
                after_number = False
            elif numeric(t):
                after_number = True
            elif t in ("%", "%)"):
                pass
            else:
                break
            j += 1
        if ops and j - k >= 2:
            start = toks[k][1]
            end = toks[j - 1][1] + len(toks[j - 1][0])
            out.append((_RANGE_MARK + line[start:end], start))
            k = j
            continue
        out.append(toks[k])
        k += 1
    return out


def _starts_column(w: str, prev: str, before: str, last: bool) -> str | None:
    """Whether a capitalised word may start another column's text (the cases of
    :func:`_split_words`): "strong" before a sasaran statement or a program / kegiatan name
    (keeping it in the cell before costs something), "soft" otherwise, None when not."""
    low, plow = w.lower(), prev.lower()
    sasaran = low.endswith("nya") and len(low) > 5
    indicator = low in _INDICATOR_HEADS and plow not in _INDICATOR_HEADS
    program = low in _PROGRAM_HEADS and (low != "kegiatan" or plow != "sub") and \
        plow not in ("program", "kegiatan")
    unit = last and low in _UNITS
    capitals = prev.isupper() and len(prev) > 2 and not w.isupper() and before.isupper()
    if sasaran or program:
        return "strong"
    return "soft" if indicator or unit or capitals else None


def _split_words(words: list[tuple[str, int]], first: str) -> list[tuple[str, int, str]]:
    """A run of words cut where another column's text may start: before a sasaran statement
    ("Meningkatnya ..."), an indicator ("Persentase ...", "Indeks ..."), a program or kegiatan,
    a trailing unit word ("... persen"), or where capitals give way to mixed case."""
    cuts = [0]
    strength: dict[int, str] = {}
    n = len(words)
    for k in range(1, n):
        w = words[k][0]
        low = w.lower()
        prev = words[k - 1][0]
        if not w[:1].isupper() and not (w[:1] == "(" and w[1:2].isupper()):
            if k == n - 1 and low in _UNITS and prev[-1:] not in "/-":
                cuts.append(k)
            continue
        if prev.lower() in ("dan", "/", "&", "atau", "di", "dengan", "yang", "pada", "dari",
                            "ke", "untuk", "oleh") or prev.endswith(("/", "-", ",")):
            continue
        cue = _starts_column(w, prev, words[k - 2][0], last=k == n - 1) if k >= 2 else None
        if cue is not None:
            cuts.append(k)
            strength[k] = cue
    cuts.append(n)
    out: list[tuple[str, int, str]] = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        out.append((" ".join(w for w, _ in words[a:b]), words[a][1],
                    first if a == 0 else strength.get(a, "soft")))
    return out


# --------------------------------------------------------------------------- header


@dataclass(slots=True)
class Column:
    name: str
    kind: str                # "label", "value", "no", "any"
    line: int
    col: int
    x0: int = -1             # aligned layout: character span of the name
    x1: int = -1
    hint: str = ""           # "money", "pct", "int", "" (from the name)
    label: str = ""          # "sasaran", "indikator", "program", "satuan", "" (from the name)


def _squash(text: str) -> str:
    return _SQUASH.sub("", text.lower())


def _word_kind(word: str) -> str:
    low = word.lower().strip(":;,./")
    if low.endswith(("(%)", "(rp)")) and len(low) > 4:
        low = low.rsplit("(", 1)[0]
    if low.startswith("(") and low.endswith(")") and low not in ("(rp)", "(%)"):
        low = low[1:-1]
    if low not in _HEADS and ("/" in low or "-" in low) and not low.startswith("laki"):
        low = re.split(r"[/-]", low)[0]
    if low in _HEADS or _YEAR.match(low):
        return "head"
    if low in _MODIFIERS:
        return "mod"
    return "other"


def _column_kind(name: str) -> str:
    low = name.lower()
    sq = _squash(name)
    if sq in ("no", "nomor", "n0", "nourut"):
        return "no"
    first = low.split()[0] if low.split() else ""
    if _YEAR.match(first) or sq.isdigit():
        return "value"
    for w in _LABEL_NAMES:
        if first.startswith(w):
            return "label"
    for w in _VALUE_NAMES:
        if w in sq or w in low:
            return "value"
    for w in _LABEL_NAMES:
        if w in sq:
            return "label"
    return "any"


def _column_hint(name: str) -> tuple[str, str]:
    sq = _squash(name)
    hint = ""
    if any(w in sq for w in ("anggaran", "pagu", "alokasi", "rp", "dana", "belanja")) and \
            not any(w in sq for w in ("%", "persen", "capaian", "serapan")):
        hint = "money"
    elif any(w in sq for w in ("capaian", "serapan", "efisiensi", "%", "persen")):
        hint = "pct"
    elif any(w in sq for w in ("target", "realisasi", "kondisi", "nilai")):
        hint = "value"
    label = ""
    for w in ("indikator", "sasaran", "tujuan", "program", "kegiatan", "uraian", "satuan",
              "keterangan"):
        if w in sq:
            label = {"tujuan": "sasaran", "kegiatan": "program", "uraian": "program"}.get(w, w)
            break
    return hint, label


def _merge_split_words(toks: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Header words split by the converter ("SATUA N", "Realis asi"): joined when together
    they make a column word that neither part is."""
    out: list[tuple[str, int]] = []
    for tok, col in toks:
        if len(out) >= 2 and out[-1][0] in ("-", "–", "—") and tok.lower() == out[-2][0].lower():
            # "Laki – Laki": one word written with spaces around its dash
            out[-2:] = [(f"{out[-2][0]}-{tok}", out[-2][1])]
            continue
        if out:
            prev, pcol = out[-1]
            joined = (prev + tok).lower()
            if (joined in _HEADS or joined in ("perubahan", "realisasi", "capaian", "satuan",
                                                "target", "indikator", "kinerja", "penilaian"))\
                    and prev.lower() not in _HEADS and prev.lower() not in _MODIFIERS:
                out[-1] = (prev + tok, pcol)
                continue
            if prev.lower() in ("realis", "capaia", "satua", "targe") and tok.isalpha():
                out[-1] = (prev + tok, pcol)
                continue
        out.append((tok, col))
    return out


_GOLONGAN = re.compile(r"^[IV]{1,3}/[a-e]$")


def _starts_name(tok: str, last: list[tuple[str, int]], split_pct: bool) -> bool:
    """Whether header word ``tok`` starts a new column name after the name ``last``."""
    low = tok.lower()
    if "/" in low and not low.startswith("/"):
        low = low.split("/")[0]
    head = last[0][0].lower()
    prev = last[-1][0].lower()
    words = [t.lower() for t, _ in last]
    if (_COLNUM.match(tok) and not _YEAR.match(tok)) or _GOLONGAN.match(tok):
        return True
    if split_pct and low in ("%", "(%)"):
        return True
    if _YEAR.match(low):
        # a year finishes a value name ("Target 2023"), or is a column of its own
        return _YEAR.match(prev) is not None or _column_kind(" ".join(words)) != "value"
    if _word_kind(tok) != "head":
        return False
    if low in ("%", "(%)", "(rp)", "rp"):
        return False
    if prev in ("/", "dan", "&", "-", "atau") or prev.endswith(("/", "-")):
        return False
    if (low in _COMPOUND.get(prev, ()) or low in _COMPOUND.get(head, ())) and low not in words:
        return False
    return not (low == "kinerja" and head != "no" and "kinerja" not in words)


def _segment(line: str, lineno: int, layout: str, split_pct: bool = False) -> list[Column]:
    """The column names of one header line (``split_pct``: a "%" after a name is a column of
    its own, as in "Realisasi %", rather than part of it, as in "Nilai %")."""
    toks = [(m.group(), m.start()) for m in _TOKEN.finditer(line)]
    toks = _merge_split_words(toks)
    names: list[list[tuple[str, int]]] = []
    prev_end = -1
    for tok, col in toks:
        gap = prev_end >= 0 and col - prev_end >= 2 and layout == "aligned"
        if layout == "aligned" and names and not gap:
            # names are parted by runs of spaces; within one, only a second value word
            # squeezed against the first starts another ("Target Realisasi")
            low = tok.lower()
            start = low in _STRONG_VALUES and low not in ("%", "(%)", "(rp)") and any(
                t.lower() in _STRONG_VALUES for t, _ in names[-1]) and _starts_name(
                tok, names[-1], split_pct)
        else:
            start = not names or gap or _starts_name(tok, names[-1], split_pct)
        if start:
            names.append([(tok, col)])
        else:
            names[-1].append((tok, col))
        prev_end = col + len(tok)
    if layout == "aligned":
        names = _split_repeats(names)
    cols: list[Column] = []
    for name in names:
        text = " ".join(t for t, _ in name)
        hint, label = _column_hint(text)
        x1 = name[-1][1] + len(name[-1][0])
        cols.append(Column(text, _column_kind(text), lineno, name[0][1], name[0][1], x1,
                           hint, label))
    return cols


def _split_repeats(names: list[list[tuple[str, int]]]) -> list[list[tuple[str, int]]]:
    """Side-by-side breakdowns name their sub columns again and again ("Jenjang Jumlah
    Jenjang Jumlah"), and a single space may part two of them: a run of column words each
    found two times or more in the line is one name per word; so is a run of years ("2022
    2023")."""
    counts: dict[str, int] = defaultdict(int)
    for name in names:
        for t, _ in name:
            counts[t.lower()] += 1
    out: list[list[tuple[str, int]]] = []
    for name in names:
        if len(name) >= 2 and (all(_YEAR.match(t) for t, _ in name) or all(
                counts[t.lower()] >= 2 and t[:1].isupper() and _word_kind(t) == "head"
                for t, _ in name)):
            out.extend([tok] for tok in name)
        else:
            out.append(name)
    return out


_STRONG_VALUES = frozenset([
    "target", "realisasi", "capaian", "anggaran", "pagu", "alokasi", "jumlah", "sisa", "serapan",
    "penyerapan", "efisiensi", "rasio", "ratio", "persentase", "%", "(%)", "nilai", "laki",
    "laki-laki", "perempuan", "bertambah", "berkurang", "sebelum", "sesudah", "setelah", "skor",
    "proporsi", "(rp)", "volume", "satuan"
])
_HEAD_STEMS = frozenset(h[:6] for h in _HEADS if len(h) >= 6) | {
    "realis", "capaia", "satua", "targe", "indika", "perubah"[:6], "kinerj"}
_STOPWORDS = frozenset({"dan", "/", "-", "–", "—", "(", ")", "&", "atau", "per", "pada", "ke", "di",
                        "yang", "s/d", "sd", "s.d"})
_MIDSENTENCE = re.compile(r"[,;]\s+[a-z]|\.\s+[A-Za-z]|\w\.\s*$")


def _headerish(line: str) -> tuple[int, int, int]:
    """(column words, strong value words, other words) of a line read as a header."""
    heads = values = other = 0
    for m in _TOKEN.finditer(line):
        w = m.group().lower().strip(":;,")
        if w.startswith("(") and w.endswith(")") and w not in ("(rp)", "(%)"):
            w = w[1:-1]
        sq = _squash(w)
        if w in _HEADS or _YEAR.match(w):
            heads += 1
            if w in _STRONG_VALUES:
                values += 1
        elif w in _MODIFIERS or _COLNUM.match(w) or w in _STOPWORDS or _GOLONGAN.match(
                m.group()) or re.fullmatch(r"[IV]{1,3}", m.group()):
            continue
        elif ("-" in w or "/" in w) and all(
                p in _HEADS or p in _MODIFIERS or not p for p in re.split(r"[-/]", w)):
            heads += 1
        elif sq and any(sq.startswith(h) for h in ("realis", "capaia", "satua", "targe",
                                                  "indikat", "perubah", "kinerja")):
            heads += 1
            values += sq.startswith(("realis", "capaia", "targe"))
        elif sq in ("asi", "n", "t", "an", "i", "h") or sq.startswith("kinerja"):
            continue   # the rest of a word split by the converter
        else:
            other += 1
    return heads, values, other


def _line_filter(s: str) -> bool:
    """Not a header: a caption, a heading, a numbered title, a sentence."""
    return bool(
        not s or len(s) > 260 or _CAPTION.match(s) or s.startswith(("#", "*", "<", ">", "-",
                                                                      "•", "·"))
        or _ENUMERATION.match(s) or _DOTTED.match(s) or s.endswith((":", ",", ";"))
        or _MIDSENTENCE.search(s))


_DOTTED = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")


def _is_header_line(line: str) -> bool:
    """A line naming the columns of a table: mostly column words, one of them a value
    ("Indikator Satuan Target Realisasi Capaian")."""
    s = line.strip()
    if _line_filter(s) and not s.lower().startswith(("no.", "no ", "n0 ", "n0.")):
        return False
    heads, values, other = _headerish(s)
    if values < 1 or heads < 2:
        return False
    if s[:1].islower():
        return other == 0
    return other == 0 or (heads >= 3 and other * 2 <= heads)


_ENUMERATION = re.compile(r"^(?:[A-Za-z]|\d{1,2}|[IVX]{1,4})[.)]\s")


def _is_name_line(line: str) -> bool:
    """A line holding one column name (one cell per line)."""
    s = line.strip()
    if s.lower() in ("no", "no.", "n0", "nomor", "no urut"):
        return True
    if not s or len(s) > 60 or _line_filter(s) or s.endswith("."):
        return False
    if any(_is_number(t) and not _YEAR.match(t) for t in s.split()[1:]):
        return False     # words and a number: a row's cells ("Golongan IV 4")
    heads, _, other = _headerish(s)
    return heads >= 1 and other <= min(1, heads) and not _number_line(s)


def _number_line(s: str) -> bool:
    toks = s.split()
    return bool(toks) and all(_is_number(t) for t in toks) and not all(
        _YEAR.match(t) or _COLNUM.match(t) for t in toks)


def _colnum_line(s: str) -> bool:
    toks = s.split()
    if len(toks) < 2 or not all(_COLNUM.match(t) for t in toks):
        return False
    nums = [int(t.strip("()")) for t in toks]
    return nums[0] <= 2 and all(b > a for a, b in itertools.pairwise(nums))


# --------------------------------------------------------------------------- template


@dataclass(slots=True)
class Template:
    columns: list[Column]
    header_lines: list[int]
    layout: str
    notes: list[str] = field(default_factory=list)


_GROUP_WORDS = ("realisasi", "capaian", "target", "kinerja", "anggaran", "tahun", "jumlah",
                "golongan", "pendidikan", "pangkat", "eselon", "kondisi", "data", "triwulan",
                "semester", "keuangan", "fisik", "sebelum", "sesudah", "pagu", "nilai",
                "alokasi")


def _groupable(c: Column) -> bool:
    low = c.name.lower()
    if any(_YEAR.match(w) for w in low.split()) and not low.startswith(("tahun", "ta ")):
        return False   # "Target 2023" is a column, not a group
    return c.kind in ("value", "any") and (any(w in low for w in _GROUP_WORDS)
                                           or c.kind == "any")


def _combine(levels: list[list[Column]], layout: str) -> list[list[Column]]:
    """Plausible column lists from header lines: the names of a lower line are sub columns of
    a group name above (years under "Realisasi", "Target / Realisasi / Capaian" under
    "Kinerja")."""
    found = [levels[0]]
    for sub in levels[1:]:
        if not sub:
            continue
        nxt: list[list[Column]] = []
        for cols in found:
            if layout == "aligned":
                nxt.append(_combine_by_position(cols, sub))
            nxt.extend(_combine_in_order(cols, sub))
        found = nxt[:12]
    return found


def _combine_by_position(top: list[Column], sub: list[Column]) -> list[Column]:
    """Aligned layout: the names of the lower line go under the name above them. A name
    right under a top name is its; the names in the gap between two top names go to the
    one that is a group (over values), and between two groups they are shared so that each
    group name stays centred over its own (as a merged header cell is printed). A group gets
    its sub names as columns; a label name wrapped onto the lower line gets the rest."""
    under: list[list[Column]] = [[] for _ in top]
    gaps: list[list[Column]] = [[] for _ in range(len(top) + 1)]   # gap k: before top k
    for s in sub:
        mid = (s.x0 + s.x1) / 2
        k = next((k for k, t in enumerate(top) if s.x0 < t.x1 and s.x1 > t.x0), None)
        if k is not None:
            under[k].append(s)
            continue
        g = next((k for k, t in enumerate(top) if mid < t.x0), len(top))
        gaps[g].append(s)
    alone: list[Column] = []
    shared: list[tuple[int, int, int, list[Column]]] = []
    for g, subs in enumerate(gaps):
        if not subs:
            continue
        left = g - 1 if g >= 1 and _groupable(top[g - 1]) else None
        right = g if g < len(top) and _groupable(top[g]) else None
        if left is None and right is None:
            alone.extend(subs)
        elif right is None:
            under[left].extend(subs)                       # type: ignore[index]
        elif left is None:
            under[right][:0] = subs
        else:
            shared.append((g, left, right, subs))
    # gaps between two groups last, when each group has the rest of its own
    for _, left, right, subs in shared:
        lsubs, rsubs = under[left], under[right]
        # years: where they start again; else each group name centred over its own
        rising = [p for p in range(len(subs) + 1) if _years_rise(lsubs + subs[:p])
                  and _years_rise(subs[p:] + rsubs)]
        if len(rising) == 1:
            p = rising[0]
        else:
            p = min(range(len(subs) + 1), key=lambda p: _off_centre(top[left], lsubs + subs[:p])
                    + _off_centre(top[right], subs[p:] + rsubs))
        lsubs.extend(subs[:p])
        rsubs[:0] = subs[p:]
    out: list[Column] = []
    for t, subs in zip(top, under, strict=True):
        subs.sort(key=lambda x: x.x0)
        values = [x for x in subs if x.kind == "value" or _YEAR.match(x.name)
                  or _GOLONGAN.match(x.name)]
        if not subs:
            out.append(t)
        elif t.kind == "label" or (not values and len(subs) == 1):
            name = " ".join([t.name] + [x.name for x in subs])
            hint, label = _column_hint(name)
            out.append(Column(name, _column_kind(name), t.line, t.col, min(t.x0, subs[0].x0),
                              max(t.x1, subs[-1].x1), hint, label))
        else:
            for x in subs:
                name = f"{t.name} {x.name}"
                kind = "value" if t.kind == "value" or x.kind == "value" else x.kind
                hint, label = _column_hint(name)
                out.append(Column(name, kind, x.line, x.col, x.x0, x.x1, hint, label))
    for s in alone:
        pos = next((i for i, c in enumerate(out) if c.x0 > s.x0), len(out))
        out.insert(pos, s)
    return out


def _years_rise(subs: list[Column]) -> bool:
    """Sub names that are all years, rising (an empty list too)."""
    if not all(_YEAR.match(c.name) for c in subs):
        return False
    years = [int(c.name) for c in sorted(subs, key=lambda c: c.x0)]
    return all(b > a for a, b in itertools.pairwise(years))


def _off_centre(name: Column, subs: list[Column]) -> float:
    if not subs:
        return 0.0
    lo = min(x.x0 for x in subs)
    hi = max(x.x1 for x in subs)
    return abs((name.x0 + name.x1) / 2 - (lo + hi) / 2)


def _territories(cols: list[Column]) -> list[tuple[int, int]]:
    """The stretch of each column's name, halfway to the names beside it."""
    out: list[tuple[int, int]] = []
    for k, c in enumerate(cols):
        lo = 0 if k == 0 else (cols[k - 1].x1 + c.x0) // 2
        hi = 1 << 20 if k == len(cols) - 1 else (c.x1 + cols[k + 1].x0) // 2
        out.append((lo, hi))
    return out


_ONE_SUB = ("awal", "akhir", "baseline", "dasar")


def _combine_in_order(top: list[Column], sub: list[Column]) -> list[list[Column]]:
    """The ways of hanging ``sub`` under group names of ``top`` in order: all group names,
    each taking a run (runs of years start again; else even runs; "Kondisi awal" takes one),
    or a single group name taking them all."""
    groups = [k for k, c in enumerate(top) if _groupable(c)]
    if not groups:
        return []
    out: list[list[Column]] = []
    tried: list[list[int]] = [groups]
    if len(groups) <= _MAX_GROUP_NAMES:   # bounded: each way costs a pass over the names
        tried += [[g] for g in groups]
        if len(groups) > 2:
            tried += [groups[a:a + 2] for a in range(len(groups) - 1)]
    bare = [g for g in groups if _squash(top[g].name) in _BARE_GROUPS]
    for gs in tried:
        runs = _runs(sub, [top[g] for g in gs])
        if runs is None or not all(_rising_years(r) for r in runs):
            continue
        # a bare group word ("Kinerja", "Anggaran") left without sub columns is no column
        if any(g not in gs for g in bare):
            continue
        hung = _hang(top, gs, runs)
        if hung is not None:
            out.append(hung)
    return out


#: the group names over which every single one and every pair are tried as the groups
_MAX_GROUP_NAMES = 12

_BARE_GROUPS = frozenset({"kinerja", "anggaran", "tahun", "triwulan", "semester", "golongan",
                          "pendidikan", "pangkat", "eselon", "keuangan", "fisik"})


def _rising_years(run: list[Column]) -> bool:
    """The years under one group name rise (a group over "2019 2020 2019" is not one)."""
    years = [int(c.name) for c in run if _YEAR.match(c.name)]
    return all(b > a for a, b in itertools.pairwise(years))


def _hang(top: list[Column], gs: list[int], runs: list[list[Column]]) -> list[Column] | None:
    out: list[Column] = []
    g = 0
    for k, c in enumerate(top):
        if g < len(gs) and gs[g] == k:
            first = c.name.split()[0].lower() if c.name.split() else ""
            if any(s.name.lower().startswith(first + " ") for s in runs[g]):
                return None    # "Golongan" over "Golongan IV": a cell, not a sub column
            for s in runs[g]:
                name = f"{c.name} {s.name}"
                kind = "value" if c.kind == "value" or s.kind == "value" else s.kind
                hint, label = _column_hint(name)
                out.append(Column(name, kind, s.line, s.col, s.x0, s.x1, hint, label))
            g += 1
        else:
            out.append(c)
    return out


def _runs(sub: list[Column], groups: list[Column]) -> list[list[Column]] | None:
    n = len(groups)
    if n == 1:
        return [sub]
    one = [any(w in g.name.lower() for w in _ONE_SUB) for g in groups]
    if any(one):
        # "Kondisi awal" over one year, the others share the rest
        rest = len(sub) - sum(one)
        many = n - sum(one)
        if rest < many or (many and rest % many):
            return None
        size = rest // many if many else 0
        runs: list[list[Column]] = []
        k = 0
        for o in one:
            take = 1 if o else size
            runs.append(sub[k:k + take])
            k += take
        return runs
    years = [_YEAR.match(s.name) is not None for s in sub]
    if all(years):
        starts = [0] + [k for k in range(1, len(sub)) if int(sub[k].name) <= int(sub[k - 1].name)]
        if len(starts) == n:
            starts.append(len(sub))
            return [sub[a:b] for a, b in itertools.pairwise(starts)]
    if len(sub) % n == 0:
        size = len(sub) // n
        return [sub[k * size:(k + 1) * size] for k in range(n)]
    return None


# --------------------------------------------------------------------------- alignment


@dataclass(slots=True)
class _Learned:
    """What the decided rows showed each column to hold."""

    classes: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    vocab: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    word_home: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def _label_kind_cost(item: Item, col: Column) -> int:
    w = item.first_word
    text = item.text.lower()
    if any(text.startswith(t) for t in _TOTAL_WORDS):
        return 0
    if col.label == "satuan":
        return 0 if (w in _UNITS or len(item.text) <= 12) else _LABEL_KIND
    if w in _PROGRAM_HEADS:
        return 0 if col.label in ("program", "") else _LABEL_KIND
    if w.endswith("nya") and len(w) > 5:
        return 0 if col.label in ("sasaran", "") else _LABEL_KIND
    if w in _INDICATOR_HEADS:
        return 0 if col.label in ("indikator", "program", "") else _LABEL_KIND // 2
    return 0


def _place_cost(item: Item, col: Column, learned: _Learned | None, idx: int,
                span: tuple[int, int] | None = None) -> int:
    off = 0
    if span is not None and not span[0] <= item.col < span[1]:
        # aligned layout: the item starts outside the column's stretch
        off = _X_OFF
    return off + _place_cost_of(item, col, learned, idx)


def _place_cost_of(item: Item, col: Column, learned: _Learned | None, idx: int) -> int:
    if col.kind == "no":
        if item.kind == "N" and (_NUMBERING.match(item.text) or item.cls == "int") and \
                len(item.text) <= 6:
            return 0
        if item.kind == "T" and _ROMAN_OR_LETTER.match(item.text):
            return 2
        return _INF
    if item.kind == "N":
        if col.kind == "label":
            if item.cls == "empty":
                return 6
            return _NUM_IN_LABEL
        cost = 0
        if learned is not None and learned.counts[idx] >= 2 and item.cls != "empty":
            seen = learned.classes[idx] - {"empty"}
            if seen and item.cls not in seen:
                nums = {"int", "num"}
                if item.cls == "money" or seen == {"money"}:
                    return _INF
                if item.cls in nums and seen <= nums:
                    pass
                elif learned.counts[idx] >= 3 and (seen == {"pct"} or seen <= nums):
                    cost += _TYPE_FIRM   # a % among plain numbers the column always had
                else:
                    cost += _TYPE_SOFT
        if col.hint == "money" and item.cls in ("pct",):
            cost += _HEADER_TYPE
        if col.hint in ("pct", "value") and item.cls == "money":
            cost += _MONEY_IN_VALUE
        if _YEAR.match(col.name.split()[-1] if col.name.split() else "") is None and \
                col.hint == "money" and item.cls == "int" and len(item.text) <= 3:
            cost += _HEADER_TYPE
        return cost
    # words
    if col.kind == "value":
        return _TEXT_IN_VALUE
    cost = _label_kind_cost(item, col)
    if learned is not None and learned.vocab:
        w = item.first_word
        homes = learned.word_home.get(w, set())
        if homes and idx not in homes:
            cost += _VOCAB_OTHER
        elif not homes and len(learned.vocab[idx]) >= 3:
            cost += _VOCAB_NEW
    return cost


@dataclass(slots=True)
class _Step:
    kind: str           # "place", "wrap", "unit", "absorb", "break"
    item: int
    col: int            # column placed in (place / wrap / unit / absorb), -1 for break


def _hint_tie(item: Item, col: Column) -> int:
    """A tie-break only: a percentage under a target / realisasi name, a plain number
    under a capaian / % name."""
    if item.kind != "N":
        return 0
    if item.cls == "pct":
        return 1 if col.hint == "value" else 0
    return 1 if item.cls in ("int", "num") and col.hint == "pct" else 0


def _year_of(name: str) -> int | None:
    """2021 for a column named "Realisasi Kinerja 2021"."""
    words = name.split()
    return int(words[-1]) if words and _YEAR.match(words[-1]) else None


def _trail_cost(cols: list[Column], a: int) -> int:
    return sum(_SKIP_TRAIL_VALUE if c.kind == "value" else _SKIP_TRAIL for c in cols[a:])


def _align(items: list[Item], cols: list[Column], layout: str,
           learned: _Learned | None) -> tuple[list[_Step], list[bool], int] | None:
    """The least-cost reading of ``items`` as rows of ``cols``: its steps, and for each step
    whether every least-cost reading takes it (the cell is decided)."""
    n, ncol = len(items), len(cols)
    if n == 0 or ncol == 0:
        return None
    # state: (i items read, j next column, e: 0 nothing in the row / 1 last cell words /
    # 2 last cell a number); j == 0 and e == 0 is the start of a row
    size = (n + 1) * (ncol + 1) * 3

    def sid(i: int, j: int, e: int) -> int:
        return (i * (ncol + 1) + j) * 3 + e

    spans: list[tuple[int, int] | None] = [None] * ncol
    if layout == "aligned" and all(c.x0 >= 0 for c in cols):
        spans = list(_territories(cols))   # type: ignore[arg-type]
    # every cost is scaled by _TIE so that a hole in a run of years can be a tie-break
    # without positions (joined, one cell per line) the empty cells are lost: among readings
    # as good as each other, the conventions decide (see _hint_tie and the holes below); in
    # the aligned layout a tie means the positions disagree, and the row stays undecided
    ties = layout != "aligned"
    place = [[_TIE * _place_cost(it, c, learned, k, spans[k]) +
              (_hint_tie(it, c) if ties else 0) for k, c in enumerate(cols)] for it in items]
    trail = [_TIE * _trail_cost(cols, j) for j in range(ncol + 1)]
    years = [_year_of(c.name) if ties else None for c in cols]
    # what it costs to go on with a row on the item's line instead of starting a new row
    cont = [0] * n
    if layout != "cells":
        numbers: set[int] = {it.line for it in items if it.kind == "N"}
        for i, it in enumerate(items):
            if it.boundary == "line":
                lower = it.kind == "T" and it.text[:1].islower()
                cont[i] = _TIE * (_ROW_WRAPPED if lower or it.line not in numbers
                                  else _ROW_CONTINUED)

    # a tie-break only: the empty cells of a row's run of years are its latest years (not
    # reported yet), not years before a filled one; holes[j][k]: the years skipped from
    # column j to a cell in column k that are earlier than k's
    holes = [[sum(1 for h in range(j, k) if years[k] is not None and years[h] is not None
                  and years[h] < years[k]) for k in range(ncol)] for j in range(ncol + 1)]
    # what the item's boundary adds to placing it in a new cell
    cut = [_TIE * _WRAP_GAP if it.boundary == "cont" else
           _TIE * _SOFT_CUT if it.boundary in ("soft", "strong") else 0 for it in items]

    # a step is (kind, item, column) here, made a _Step only on the path taken
    def moves(i: int, j: int, e: int) -> list[tuple[int, int, tuple[str, int, int]]]:
        """(cost, next state, step) out of state (i, j, e)."""
        out: list[tuple[int, int, tuple[str, int, int]]] = []
        if i < n:
            it = items[i]
            newline = it.boundary == "line"
            row_open = not (j == 0 and e == 0)
            line_cost = cont[i] if (newline and row_open) else 0
            # place the item in column k >= j
            skip = 0
            row_place, extra, hole = place[i], cut[i] + line_cost, holes[j]
            after = 1 if it.kind == "T" else 2
            for k in range(j, ncol):
                pc = row_place[k] + extra
                if pc < _INF:
                    out.append((skip + pc + hole[k], sid(i + 1, k + 1, after),
                                ("place", i, k)))
                c = cols[k]
                if not row_open and c.kind in ("label", "no", "any"):
                    skip += _TIE * _SKIP_LEAD
                elif c.kind == "value":
                    skip += _TIE * _SKIP_VALUE
                else:
                    skip += _TIE * _SKIP_LABEL
                if skip > _TIE * 200:
                    break
            if e == 1 and it.kind == "T":
                # the same cell goes on
                b = it.boundary
                w = (0 if b in ("soft", "cont") else _STRONG_KEPT if b == "strong" else
                     _WRAP_GAP if b == "gap" else
                     _WRAP_LOWER if it.text[:1].islower() else _WRAP_LINE)
                if b == "line":
                    w += cont[i] // _TIE
                out.append((_TIE * w, sid(i + 1, j, 1), ("wrap", i, j - 1)))
            if e == 2 and it.kind == "T" and it.boundary == "none" and len(it.text) <= 14 \
                    and " " not in it.text and cols[j - 1].kind != "label":
                out.append((_TIE * _UNIT_AFTER_NUMBER, sid(i + 1, j, 2),
                            ("unit", i, j - 1)))
            if e == 1 and it.kind == "N" and it.boundary != "line":
                trailing = all(c.kind != "value" for c in cols[j:])
                nxt_text = i + 1 < n and items[i + 1].kind == "T" and \
                    items[i + 1].boundary != "line"
                year = _YEAR.match(it.text) is not None and i > 0 and \
                    items[i - 1].text.lower().endswith(_YEAR_WORDS)
                if nxt_text or trailing or year:
                    cost = _NUMBER_IN_TRAILING_TEXT if trailing or year else _NUMBER_IN_TEXT
                    out.append((_TIE * cost, sid(i + 1, j, 1), ("absorb", i, j - 1)))
            # end the row before this item
            if row_open:
                brk = trail[j] + (0 if newline or layout == "cells" else _TIE * _ROW_MIDLINE)
                out.append((brk, sid(i, 0, 0), ("break", i, -1)))
        return out

    # forward: least cost and number of least-cost ways to reach each state
    fcost = [_INF] * size
    fcount = [0] * size
    fcost[sid(0, 0, 0)] = 0
    fcount[sid(0, 0, 0)] = 1
    order: list[int] = []
    for i in range(n + 1):
        # within one i, break moves go to j = 0 (same i): handle states with j > 0 first
        for j in [*list(range(1, ncol + 1)), 0]:
            for e in (0, 1, 2):
                s = sid(i, j, e)
                if fcost[s] >= _INF:
                    continue
                order.append(s)
                for cost, t, _ in moves(i, j, e):
                    c = fcost[s] + cost
                    if c < fcost[t]:
                        fcost[t], fcount[t] = c, fcount[s]
                    elif c == fcost[t]:
                        fcount[t] += fcount[s]
    # the end: all items read, the last row closed
    best = _INF
    finals: list[tuple[int, int]] = []
    for j in range(1, ncol + 1):
        for e in (1, 2):
            s = sid(n, j, e)
            if fcost[s] < _INF:
                finals.append((s, fcost[s] + trail[j]))
                best = min(best, fcost[s] + trail[j])
    if best >= _INF:
        return None
    # backward: least cost and count from each state to the end
    bcost = [_INF] * size
    bcount = [0] * size
    for s, c in finals:
        if True:
            bcost[s] = c - fcost[s]
            bcount[s] = 1
    for s in reversed(order):
        i, rest = divmod(s, (ncol + 1) * 3)
        j, e = divmod(rest, 3)
        for cost, t, _ in moves(i, j, e):
            if bcost[t] >= _INF:
                continue
            c = cost + bcost[t]
            if c < bcost[s]:
                bcost[s], bcount[s] = c, bcount[t]
            elif c == bcost[s]:
                bcount[s] += bcount[t]
    start = sid(0, 0, 0)
    total = bcount[start]
    if bcost[start] != best:
        return None
    # one least-cost path, and whether each of its steps is on every least-cost path
    steps: list[_Step] = []
    forced: list[bool] = []
    s = start
    spent = 0
    while True:
        i, rest = divmod(s, (ncol + 1) * 3)
        j, e = divmod(rest, 3)
        if i == n and fcost[s] + trail[j] == best and bcost[s] == trail[j] and j > 0:
            break
        chosen = None
        for cost, t, step in moves(i, j, e):
            if bcost[t] < _INF and spent + cost + bcost[t] == best:
                chosen = (cost, t, step)
                break
        if chosen is None:
            return None
        cost, t, step = chosen
        ways = fcount[s] * bcount[t]
        steps.append(_Step(*step))
        forced.append(ways == total)
        spent += cost
        s = t
    return steps, forced, best


# --------------------------------------------------------------------------- rows


@dataclass(slots=True)
class _Cell:
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    cells: dict[int, _Cell] = field(default_factory=dict)
    items: list[int] = field(default_factory=list)
    decided: bool = True          # every number (and where the row ends) is certain
    labels_decided: bool = True   # every run of words is certain too


def _rows_of(steps: list[_Step], forced: list[bool], items: list[Item],
             cols: list[Column]) -> list[_Row]:
    rows: list[_Row] = [_Row()]
    unsure: list[set[int]] = [set()]
    for step, ok in zip(steps, forced, strict=True):
        if step.kind == "break":
            if not ok:
                rows[-1].decided = False
            rows.append(_Row())
            unsure.append(set())
            continue
        row = rows[-1]
        row.cells.setdefault(step.col, _Cell()).items.append(items[step.item])
        row.items.append(step.item)
        if not ok:
            if items[step.item].kind == "T" and cols[step.col].kind != "value" and \
                    step.kind in ("place", "wrap"):
                row.labels_decided = False
                unsure[-1].add(step.col)
            else:
                row.decided = False
    for row, cols_unsure in zip(rows, unsure, strict=True):
        if row.decided and not row.labels_decided:
            _merge_labels(row, cols_unsure, cols)
    return [r for r in rows if r.cells]


def _merge_labels(row: _Row, unsure: set[int], cols: list[Column]) -> None:
    """Words whose column is not certain (where a sasaran ends and its indicator begins):
    the whole run of label cells is put in its first column (the others stay empty, so the
    row is linked to no indicator by a guess)."""
    for k in sorted(unsure):
        if k not in row.cells:
            continue
        a = k
        while a - 1 >= 0 and cols[a - 1].kind != "value":
            a -= 1
        b = k
        while b + 1 < len(cols) and cols[b + 1].kind != "value":
            b += 1
        run = [row.cells.pop(c) for c in range(a, b + 1) if c in row.cells]
        merged = _Cell([it for cell in run for it in cell.items])
        if merged.items:
            row.cells[a] = merged


def _learn(rows: list[_Row], cols: list[Column]) -> _Learned:
    """What the decided rows hold per column; the kinds of numbers only from the fullest
    rows (a row with cells left empty could have put its numbers one column off)."""
    learned = _Learned()

    def numbers(r: _Row) -> int:
        return sum(1 for k, c in r.cells.items() if c.items[0].kind == "N"
                   and cols[k].kind != "label")

    full = max((numbers(r) for r in rows if r.decided), default=0)
    for r in rows:
        if not r.decided:
            continue
        complete = numbers(r) == full
        for k, cell in r.cells.items():
            first = cell.items[0]
            if first.kind == "N" and cols[k].kind != "label" and complete:
                learned.classes[k].add(first.cls)
                learned.counts[k] += 1
            elif first.kind == "T" and cols[k].kind != "value":
                w = first.first_word
                if any(first.text.lower().startswith(t) for t in _TOTAL_WORDS):
                    continue
                learned.vocab[k].add(w)
                learned.word_home[w].add(k)
    # a word at home in several columns tells nothing
    for w in [w for w, homes in learned.word_home.items() if len(homes) > 1]:
        del learned.word_home[w]
    return learned


# --------------------------------------------------------------------------- tables


@dataclass(slots=True)
class PlainTable:
    block: RawBlock
    notes: list[str]


def _items_of(lines: list[str], body: list[int], layout: str) -> list[Item]:
    items: list[Item] = []
    if layout == "joined":
        for ln in body:
            s = lines[ln - 1]
            if s.strip():
                items.extend(_line_items(s, ln, layout))
        return items
    if layout == "aligned":
        # a line of words only under a row's words is the rest of those cells (a PDF wraps
        # long labels onto the lines below): each piece goes to the cell it stands under
        anchor: list[Item] | None = None
        for ln in body:
            s = lines[ln - 1]
            if not s.strip():
                continue
            line_items = _line_items(s, ln, layout)
            if anchor is not None and all(it.kind == "T" for it in line_items) and \
                    _wrap_into(anchor, line_items):
                continue
            items.extend(line_items)
            anchor = line_items if any(it.kind == "N" for it in line_items) else None
        return items
    # one cell per line; in pdftotext output a cell's wrapped lines follow each other and
    # cells are parted by blank lines
    parted = _blank_parted(lines, body)
    prev = -10
    for ln in body:
        s = lines[ln - 1]
        if not s.strip():
            continue
        line_items = _line_items(s, ln, "joined")
        if parted and prev == ln - 1 and line_items:
            line_items[0].boundary = "cont"
        items.extend(line_items)
        prev = ln
    return items


def _wrap_into(anchor: list[Item], pieces: list[Item]) -> bool:
    """Append each piece of a wrapped line to the word cell of ``anchor`` it stands under
    (its first character within that cell's first and last character, give or take two);
    False, and nothing changed, when a piece stands under no word cell."""
    words = [it for it in anchor if it.kind == "T"]
    numbers = [it for it in anchor if it.kind == "N"]
    targets: list[Item] = []
    for piece in pieces:
        under = [w for w in words if w.col - 2 <= piece.col <= w.col + max(len(w.text), 8)]
        if not under and " " not in piece.text and len(piece.text) <= 12:
            # a unit under its number ("86,10" over "Indek")
            under = [w for w in numbers if w.col - 3 <= piece.col <= w.col + len(w.text) + 1]
        if len(under) != 1:
            return False
        targets.append(under[0])
    for piece, target in zip(pieces, targets, strict=True):
        target.text = f"{target.text} {piece.text}"
        target.wrapped = True
    return True


def _blank_parted(lines: list[str], body: list[int]) -> bool:
    """Cells parted by blank lines, a cell's wrapped lines together (``pdftotext``): blank
    lines are many, and numbers hardly ever follow each other without one between (where
    an empty cell is an empty line, they do)."""
    if not body:
        return False
    span = range(body[0], body[-1] + 1)
    blanks = sum(1 for ln in span if not lines[ln - 1].strip())
    numeric = [ln for ln in span if _NUMBER.match(lines[ln - 1].strip())]
    together = sum(1 for ln in numeric if _NUMBER.match(lines[ln].strip() if ln < len(lines)
                                                       else ""))
    doubled = sum(1 for ln in span if not lines[ln - 1].strip() and ln < len(lines)
                  and not lines[ln].strip())
    return blanks * 3 >= len(span) and together * 10 <= len(numeric) and doubled * 20 <= blanks


def _layout_of(lines: list[str], header: list[int]) -> str:
    first = lines[header[0] - 1]
    if len(header) >= 3 and all(len(lines[h - 1].split()) <= 6 for h in header) and \
            len(_segment(first, header[0], "joined")) <= 2:
        return "cells"
    gaps = sum(len(_GAP.findall(lines[h - 1].strip())) for h in header)
    return "aligned" if gaps >= 2 else "joined"


def find_plain_tables(lines: list[str], taken: set[int],
                      skip: frozenset[int] | set[int] = frozenset()) -> list[PlainTable]:
    """The plain-text tables among ``lines`` (those in ``taken`` belong to other blocks, those
    in ``skip`` are page furniture)."""
    out: list[PlainTable] = []
    n = len(lines)
    i = 1
    while i <= n:
        if i in taken or not _has_head_word(lines[i - 1]) or _after_bare_caption(lines, i):
            i += 1
            continue
        view = lines
        tail: tuple[int, int] | None = None
        if not _is_header_start(lines, i, taken):
            cut = _glued_header(lines[i - 1])
            if cut is None:
                i += 1
                continue
            # the table's first row written on the header's line: the header is read from
            # the words before it, the row from the rest
            view = list(lines)
            view[i - 1] = lines[i - 1][:cut]
            tail = (i, cut)
        header = _header_block(view, i, taken, skip)
        if tail is not None:
            header = [i]
        elif _group_line(lines, i - 1, taken) and (not out or out[-1].block.end_line < i - 1):
            header = [i - 1, *header]
        table = _read_table(view, header, taken, skip, tail, lines)
        if table is None:
            i = header[-1] + 1
            continue
        out.append(table)
        i = table.block.end_line + 1
    return out


_GLUED_ROW = re.compile(r"\s(?=\d{1,2}\.\s+[A-Z])")


_PUNCT_TO_SPACE = str.maketrans({c: " " for c in ":;,.()/-"})


def _has_head_word(line: str) -> bool:
    """A quick look: a line with no column word at all starts no header."""
    words = line.lower().translate(_PUNCT_TO_SPACE).split()
    if not _HEADS.isdisjoint(words):
        return True
    return any(w[:6] in _HEAD_STEMS for w in words if len(w) >= 6)


def _group_line(lines: list[str], k: int, taken: set[int]) -> bool:
    """Line ``k`` names groups of the header line below it ("Pendidikan Pangkat Eselon"
    over "Jenjang Jumlah Jenjang Jumlah ..."): column words only."""
    if k < 1 or k in taken:
        return False
    s = lines[k - 1].strip()
    if not s or _line_filter(s) or _number_line(s):
        return False
    heads, _, other = _headerish(s)
    return heads >= 2 and other == 0


def _glued_header(line: str) -> int | None:
    """Where a table's first row starts on its header's line ("N0 Indikator ... Capaian
    Sasaran Strategis 1. Meningkatnya ..."): the offset, when the words before it are a
    header of four columns or more."""
    m = _GLUED_ROW.search(line)
    if m is None or m.start() < 20:
        return None
    head = line[:m.start()]
    if _is_header_line(head) and len(_segment(head, 0, "joined")) >= 4:
        return m.start() + 1
    return None


_BARE_CAPTION = re.compile(r"(?:tabel|table)\s*\.?\s*\d+(?:\s*\.\s*\d+)*\s*\.?", re.I)


def _after_bare_caption(lines: list[str], i: int) -> bool:
    """The line after a caption that has no title ("Tabel 2.8" alone) is that title."""
    k = i - 1
    while k >= 1 and not lines[k - 1].strip():
        k -= 1
    if k < 1 or i - k > 2:
        return False
    prev = lines[k - 1].strip().strip("*#_ ")
    return _BARE_CAPTION.fullmatch(prev) is not None


def _is_header_start(lines: list[str], i: int, taken: set[int]) -> bool:
    s = lines[i - 1]
    if _is_header_line(s):
        return True
    # one name per line: three or more name lines in a row (blank lines between allowed)
    return _names_run(lines, i, taken) >= 3


def _names_run(lines: list[str], i: int, taken: set[int]) -> int:
    """How many column-name lines follow each other from line ``i`` (at most 3 counted)."""
    if not _is_name_line(lines[i - 1]):
        return 0
    count, k, blanks = 1, i + 1, 0
    while k <= len(lines) and count < 3 and blanks <= 1 and k not in taken:
        t = lines[k - 1].strip()
        if not t:
            blanks += 1
        elif _is_name_line(t):
            count, blanks = count + 1, 0
        else:
            break
        k += 1
    return count


def _header_block(lines: list[str], i: int, taken: set[int],
                  skip: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """The header lines from line ``i``: header lines, name lines, year and column-number
    rows (blank lines between them allowed in the one-cell-per-line layout)."""
    block = [i]
    k = i + 1
    cells = not _is_header_line(lines[i - 1])
    blanks = 0
    colnum = 0
    while k <= len(lines) and k not in taken and len(block) < 40:
        if k in skip:
            k += 1
            continue
        s = lines[k - 1].strip()
        if s and not cells and any(
                " ".join(s.split()) == " ".join(lines[h - 1].split()) for h in block):
            break      # the header again, after a page break: not a second header line
        if not s:
            blanks += 1
            if blanks > (8 if cells else 0):
                break
            k += 1
            continue
        blanks = 0
        if _is_header_line(s) or (cells and _is_name_line(s)) or _colnum_line(s) or \
                _year_line(s) or (not cells and (_subheader_line(s) or _numbered_subs(s)
                                                 or _header_words_only(s))):
            block.append(k)
            k += 1
            continue
        if cells and (_YEAR.match(s) or (_COLNUM.match(s) and int(s.strip("()")) == colnum + 1)):
            colnum = int(s.strip("()")) if _COLNUM.match(s) else colnum
            block.append(k)
            k += 1
            continue
        break
    # a group line just above ("Kinerja Anggaran"): taken when it is names only
    return block


def _header_words_only(s: str) -> bool:
    """The rest of wrapped column names ("awal    Ke", "(Rp)"): header words only."""
    if _line_filter(s) or len(s.split()) > 8:
        return False
    words = [w.lower() for w in s.split()]
    return all(w in _MODIFIERS or w in _STOPWORDS or _word_kind(w) == "head" for w in words)


def _numbered_subs(s: str) -> bool:
    """Sub columns numbered 1, 2, 3 ... and maybe a last name ("1 2 3 ... 12 Jumlah": the
    months under "Realisasi")."""
    toks = s.split()
    k = 0
    # (a column number is a short ASCII numeral: "²" is a digit to isdigit, not to int)
    while k < len(toks) and len(toks[k]) <= 3 and toks[k].isascii() and toks[k].isdigit() \
            and int(toks[k]) == k + 1:
        k += 1
    return k >= 3 and len(toks) - k <= 2 and all(_word_kind(t) == "head" for t in toks[k:])


def _year_line(s: str) -> bool:
    toks = s.split()
    return len(toks) >= 2 and all(_YEAR.match(t) for t in toks)


def _subheader_line(s: str) -> bool:
    """Sub column names under a group header ("Target Realisasi Capaian (%) Pagu ...",
    "II/a II/b III/a", "Jenjang Jumlah Jenjang Jumlah")."""
    toks = s.split()
    if not toks or len(s) > 200 or _number_line(s):
        return False
    heads, _, other = _headerish(s)
    golongan = sum(1 for t in toks if re.fullmatch(r"[IV]{1,3}/[a-e]", t))
    return (heads >= 2 and other <= heads) or golongan >= 2


def _header_levels(lines: list[str], header: list[int], layout: str,
                   split_pct: bool = False, parted: bool = False) -> list[list[Column]]:
    levels: list[list[Column]] = []
    if layout == "cells" and parted:
        # a name per run of lines (blank lines part the names, "Target" / "2023" is one)
        runs: list[list[int]] = []
        for h in header:
            if runs and h == runs[-1][-1] + 1:
                runs[-1].append(h)
            else:
                runs.append([h])
        named: list[Column] = []
        for run in runs:
            name = " ".join(" ".join(lines[h - 1].split()) for h in run)
            if _colnum_line(name) or _COLNUM.match(name):
                continue
            segs = _segment(name, run[0], "joined")
            if len(segs) > 1:
                # names of several cells printed on one line ("Laki-laki Perempuan Jumlah")
                named.extend(segs)
                continue
            hint, label = _column_hint(name)
            named.append(Column(name, _column_kind(name), run[0],
                                len(lines[run[0] - 1]) - len(lines[run[0] - 1].lstrip()),
                                hint=hint, label=label))
        return [named]
    if layout == "cells":
        names: list[Column] = []
        for h in header:
            s = lines[h - 1].strip()
            if _colnum_line(s) or (_COLNUM.match(s) and not _YEAR.match(s)):
                continue
            segs = _segment(lines[h - 1], h, "joined")
            if len(segs) == 1 or all(_YEAR.match(c.name) for c in segs) or \
                    all(re.fullmatch(r"[IV]{1,3}/[a-e]", c.name) for c in segs):
                names.extend(segs)
            else:
                name = " ".join(s.split())
                hint, label = _column_hint(name)
                names.append(Column(name, _column_kind(name), h,
                                    len(lines[h - 1]) - len(lines[h - 1].lstrip()),
                                    hint=hint, label=label))
        levels.append(names)
        return levels
    for h in header:
        s = lines[h - 1]
        if _colnum_line(s.strip()):
            continue
        segs = _segment(s, h, layout, split_pct)
        if segs:
            levels.append(segs)
    return levels


def _templates(lines: list[str], header: list[int], layout: str,
               parted: bool = False) -> list[list[Column]]:
    """The plausible column templates of a header (several when the header can be read in
    several ways: which names are groups over which sub names)."""
    levels = _header_levels(lines, header, layout, parted=parted)
    if not levels:
        return []
    if layout != "cells":
        out = _combine(levels, layout)
        if len(levels) > 1 and not out:
            out.append([c for lv in levels for c in lv])
        if any("%" in lines[h - 1].split() for h in header):
            split = _header_levels(lines, header, layout, split_pct=True)
            out += _combine(split, layout)
        return out
    names = levels[0]
    out = [names]
    if len(names) > _MAX_GROUPED_NAMES:
        return out   # bounded: so many names are read as they stand, not as groups
    for p in range(1, len(names)):
        if not all(_sub_name(c) for c in names[p:]):
            continue
        for merged in _combine_in_order(names[:p], names[p:]):
            if len(merged) != len(names):
                out.append(merged)
        if len(out) >= 24:
            break
    return out[:24]


#: a one-name-per-line header of more names than this is not read as group names over sub
#: names (trying every split point is cubic in the names)
_MAX_GROUPED_NAMES = 30


def _sub_name(c: Column) -> bool:
    """A name that can stand under a group name: a year, a rank code, or a short value name
    without a year of its own ("Target", "Realisasi", "Capaian (%)", "Pagu")."""
    if _YEAR.match(c.name) or _GOLONGAN.match(c.name) or _COLNUM.match(c.name):
        return True
    return len(c.name.split()) <= 3 and not any(_YEAR.match(w) for w in c.name.split())


def _body_lines(lines: list[str], start: int, taken: set[int], layout: str,
                header_texts: set[str],
                skip: frozenset[int] | set[int] = frozenset()) -> tuple[list[int], list[int]]:
    """(body lines, repeated header lines) from ``start``: until a caption, a heading, a
    sentence, another table or too many blank lines."""
    body: list[int] = []
    repeats: list[int] = []
    blanks = 0
    k = start
    # one cell per line: a run of empty cells is a run of blank lines (not a whole row)
    max_blanks = max(3, len(header_texts) - 1) if layout == "cells" else 2
    gap = False
    in_repeat = False
    while k <= len(lines) and k not in taken:
        if k in skip:
            # page furniture inside the table: passed over, with the blank lines around it
            blanks = 0
            gap = True
            k += 1
            continue
        raw = lines[k - 1]
        s = raw.strip()
        if not s:
            blanks += 1
            if blanks > max_blanks:
                break
            k += 1
            continue
        if " ".join(s.split()) in header_texts and (
                layout != "cells" or in_repeat or _header_run(lines, k, header_texts) >= 3):
            # the header again (after a page break); one cell per line, the whole header
            repeats.append(k)
            in_repeat = True
            blanks = 0
            k += 1
            continue
        in_repeat = False
        if _CAPTION.match(s) or _HEADING.match(raw) or _prose(s) or \
                s.lower().startswith(("sumber", "keterangan :", "keterangan:", "catatan")):
            break
        if (blanks or gap) and layout != "cells" and (not _tabular(s) or _enumerated_title(s)):
            break
        if layout == "cells":
            if _names_run(lines, k, taken) >= 3:
                break      # the header of another table
        elif _is_header_line(s) and not _number_line(s) and not any(
                _is_number(t) and not _YEAR.match(t) for t in s.split()):
            break
        blanks = 0
        gap = False
        body.append(k)
        k += 1
    # words after the last number are the next paragraph, not the table (but in the aligned
    # layout words in columns, under the last row, are the rest of its labels)
    while body and not any(_is_number(t) for t in lines[body[-1] - 1].split()) and not (
            layout == "aligned" and _GAP.search(lines[body[-1] - 1].strip())):
        body.pop()
    return body, repeats


def _header_run(lines: list[str], k: int, header_texts: set[str]) -> int:
    """How many lines from ``k`` repeat header names (blank lines passed over; at most 3)."""
    count = 0
    while k <= len(lines) and count < 3:
        s = " ".join(lines[k - 1].split())
        if s:
            if s not in header_texts:
                break
            count += 1
        k += 1
    return count


_TITLE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]|[A-H][.)]")
#: words of a sentence, hardly ever of a table's label
_SENTENCE_WORDS = frozenset({"bahwa", "dapat", "sebesar", "merupakan", "adalah", "tersebut",
                             "sehingga", "karena", "telah", "akan", "yaitu", "dilihat"})


def _enumerated_title(s: str) -> bool:
    """A numbered title or list item ("1. Membandingkan antara target ..."): a number, then
    words only."""
    toks = s.split()
    return len(toks) >= 2 and _TITLE_NUMBER.fullmatch(toks[0]) is not None and not any(
        _is_number(t) and not _YEAR.match(t.strip(".,:;")) for t in toks[1:]) and (
        len(toks) >= 4 or s.endswith("."))


def _tabular(s: str) -> bool:
    toks = s.split()
    return any(_is_number(t) and not _YEAR.match(t) for t in toks) or len(toks) <= 8


def _prose(s: str) -> bool:
    """A sentence: eight words or more ending with a full stop or a colon, or twelve with a
    word of sentences ("bahwa", "sebesar"); no two numbers in a row (a table row has a run
    of numbers)."""
    toks = s.split()
    wordy = len(toks) >= 12 and not _SENTENCE_WORDS.isdisjoint(t.lower() for t in toks)
    if len(toks) < 8 or (s[-1:] not in ".:;" and not wordy):
        return False
    run = 0
    for t in toks:
        if _is_number(t) and not _YEAR.match(t.strip(".,;:")):
            run += 1
            if run >= 2:
                return False
        else:
            run = 0
    return True


def _read_table(lines: list[str], header: list[int], taken: set[int],
                skip: frozenset[int] | set[int], tail: tuple[int, int] | None = None,
                source: list[str] | None = None) -> PlainTable | None:
    layout = _layout_of(lines, header)
    header_texts = {" ".join(lines[h - 1].split()) for h in header}
    body, repeats = _body_lines(lines, header[-1] + 1, taken, layout, header_texts, skip)
    items = _items_of(lines, body, layout) if body else []
    if tail is not None and source is not None:
        ln, cut = tail
        items = _line_items(" " * cut + source[ln - 1][cut:], ln, layout) + items
        body = body or [ln]
        lines = source
    parted = layout == "cells" and _blank_parted(lines, body)
    templates = [t for t in _templates(lines, header, layout, parted)
                 if len(t) >= 2 and any(c.kind in ("value", "any") for c in t)]
    for t in templates:
        if any(c.hint == "money" for c in t):
            # beside amounts, "Realisasi" is the amount spent
            for c in t:
                if c.hint == "value" and "realisasi" in c.name.lower():
                    c.hint = ""
    if not templates:
        return None
    best: tuple[tuple[int, int], list[Column], list[_Row], list[str]] | None = None
    if layout == "cells" and body and not parted:
        # every row as many lines as the header has names (an empty cell an empty line):
        # when that reading fits every line, it is the reading; the header may end before
        # the last line that looks like a name ("Golongan IV" is a cell)
        # the names as they stand before any reading of groups; the longest header first
        candidates: list[tuple[list[int], list[Column]]] = []
        for cut in range(len(header), max(1, len(header) - 3), -1):
            head = header[:cut]
            found = templates if cut == len(header) else [
                t for t in _templates(lines, head, layout) if len(t) >= 2]
            candidates += [(head, t) for t in found[:8]]
        # the last lines may be the text after the table ("Sidorejo, 3 Januari 2022")
        for end in [k for k in body if k >= body[-1] - 6][::-1]:
            for head, cols in candidates:
                counted = _counted_rows(lines, head[-1] + 1, end, cols, skip, set(repeats))
                if counted is not None:
                    rows, citems = counted
                    kept = [k for k in body if k <= end]
                    return PlainTable(_block(lines, head, kept, cols, rows, citems, []), [])
    if items and len(items) <= _MAX_ITEMS and any(
            (it.kind == "N" and it.cls != "empty") or it.cls == "range" for it in items):
        budget = _MAX_ALIGN
        for cols in templates:
            work = len(items) * len(cols) ** 2
            if work > budget:
                continue   # bounded: see _MAX_ALIGN
            budget -= work
            result = _read_body(items, cols, layout)
            if result is None:
                continue
            rows, notes, cost = result
            unsure = sum(len(r.items) for r in rows if not r.decided)
            # the fewest items left undecided; then the cheapest reading
            score = (unsure, cost)
            if best is None or score < best[0]:
                best = (score, cols, rows, notes)
    if best is not None and parted and (best[1] is not templates[0] or _runs_of_names(
            lines, header) < len(templates[0]) or any(
            _squash(c.name) in _BARE_GROUPS for c in best[1])):
        # pdftotext prints a header's cells in an order of its own: a header that had to be
        # cut out of joined lines, or read as groups, is not trusted to order the values
        for r in best[2]:
            r.decided = False
        best[3][:0] = ["kepala tabel dari teks PDF tersusun tidak pasti; tabel tidak diperiksa"]
    if best is not None:
        _, cols, rows, notes = best
        decided = any(r.decided and any(items[i].kind == "N" for i in r.items) for r in rows)
        if _has_values(rows, cols, items) or (decided and _strong_header(cols)):
            return PlainTable(_block(lines, header, body, cols, rows, items, notes), notes)
        if _strong_header(cols) and any(items[i].kind == "N" for r in rows for i in r.items):
            # rows there, none of them certain: the table is recovered, nothing is checked
            note = "tidak ada baris yang dapat dibaca pasti; tabel tidak diperiksa"
            block = RawBlock("plain", header[0], body[-1],
                             [[RawCell(c.name, c.line, c.col + 1) for c in cols]],
                             header_rows=1, notes=[note, *notes])
            return PlainTable(block, block.notes)
    # a header with no rows under it that can be read (the rest of the table is an image or
    # on a page not given): the table is there, with nothing to check
    cols = templates[0]
    first = lines[header[0] - 1].strip()
    if len(cols) >= 3 and sum(1 for c in cols if c.kind == "value") >= 1 and \
            sum(1 for c in cols if c.kind in ("label", "no")) >= 1 and \
            _headerish(lines[header[0] - 1])[2] <= 1 and \
            not re.search(r"tahun\s+(?:19|20)\d\d\s*$", first, re.I):
        note = "hanya kepala tabel; tidak ada baris yang dapat dibaca"
        block = RawBlock("plain", header[0], max([header[-1], *repeats]),
                         [[RawCell(c.name, c.line, c.col + 1) for c in cols]],
                         header_rows=1, notes=[note])
        return PlainTable(block, [note])
    return None


def _counted_rows(lines: list[str], start: int, end: int, cols: list[Column],
                  skip: frozenset[int] | set[int],
                  repeats: set[int]) -> tuple[list[_Row], list[Item]] | None:
    """One cell per line with empty cells as empty lines: rows of exactly ``len(cols)``
    lines. None when the lines do not fit (a number in a label column, a sentence in a
    value column, a count that does not divide)."""
    out_of_table = skip | repeats
    slots: list[int] = []
    for k in range(start, end + 1):
        if k in out_of_table:
            continue
        if not lines[k - 1].strip() and (((k - 1) in out_of_table and (k + 1) in out_of_table)
                                         or (k + 1) in repeats):
            continue      # the blank line inside page furniture, or before a repeated header
        slots.append(k)
    n = len(cols)
    # the last row's empty cells are the blank lines after the last text
    k = end + 1
    while len(slots) % n and k <= len(lines) and not lines[k - 1].strip():
        slots.append(k)
        k += 1
    if len(slots) < 2 * n or len(slots) % n:
        return None
    items: list[Item] = []
    rows: list[_Row] = []
    for r in range(0, len(slots), n):
        row = _Row()
        for c in range(n):
            k = slots[r + c]
            s = lines[k - 1]
            if not s.strip():
                continue
            its = _line_items(s, k, "joined")
            whole = len(its) == 1
            col = cols[c]
            if whole and its[0].kind == "N" and its[0].cls != "empty" and col.kind == "label":
                return None
            if col.kind == "value" and not (whole and its[0].kind == "N") and \
                    len(s.split()) > 3:
                return None
            if col.kind == "no" and not (whole and _place_cost_of(its[0], col, None, c) < _INF):
                return None
            cell_items = its if whole else [Item("T", s.strip(), k, len(s) - len(s.lstrip()),
                                                 "line")]
            row.cells[c] = _Cell(cell_items)
            for it in cell_items:
                row.items.append(len(items))
                items.append(it)
        if row.cells:
            rows.append(row)
    if not rows or not any(it.kind == "N" and it.cls != "empty" for it in items):
        return None
    # each column holds one kind of cell: numbers in a value column, words in a label one
    for c, col in enumerate(cols):
        cells = [r.cells[c].items for r in rows if c in r.cells]
        numbers = sum(1 for its in cells if len(its) == 1 and its[0].kind == "N")
        led = sum(1 for its in cells if _led_by_number(its))
        if col.kind == "value" and cells and led * 5 < len(cells) * 4:
            return None
        if col.kind == "label" and numbers * 5 > len(cells):
            return None
    return rows, items


def _led_by_number(its: list[Item]) -> bool:
    """A cell that is a number, or a number and its unit ("3 Dokumen", "85 Indek")."""
    if len(its) == 1:
        return its[0].kind == "N" or bool(re.match(r"^\d", its[0].text))
    return its[0].kind == "N" and len(its) == 2 and len(its[1].text.split()) <= 2


def _runs_of_names(lines: list[str], header: list[int]) -> int:
    """Runs of header lines parted by blank lines (one name each in pdftotext output)."""
    runs = 0
    prev = -10
    for h in header:
        s = lines[h - 1].strip()
        if h != prev + 1 and not (_colnum_line(s) or _COLNUM.match(s)):
            runs += 1
        prev = h
    return runs


def _strong_header(cols: list[Column]) -> bool:
    """A header that is surely one: three columns or more, labels and values."""
    return len(cols) >= 3 and any(c.kind == "value" for c in cols) and any(
        c.kind in ("label", "no") for c in cols)


def _has_values(rows: list[_Row], cols: list[Column], items: list[Item]) -> bool:
    """Rows enough to be a table: two rows with a value, or one with two values (a range
    of a rating scale counts as a value)."""
    counts = []
    for r in rows:
        if not r.decided:
            continue
        n = sum(1 for k, cell in r.cells.items()
                for it in cell.items[:1] if (it.kind == "N" and cols[k].kind != "label")
                or it.cls == "range")
        if n:
            counts.append(n)
    return len(counts) >= 2 or any(n >= 2 for n in counts)


def _read_body(items: list[Item], cols: list[Column],
               layout: str) -> tuple[list[_Row], list[str], int] | None:
    first = _align(items, cols, layout, None)
    if first is None:
        return None
    rows = _rows_of(first[0], first[1], items, cols)
    cost = first[2]
    learned = _learn(rows, cols)
    second = _align(items, cols, layout, learned)
    if second is not None:
        rows = _rows_of(second[0], second[1], items, cols)
        cost = second[2]
    notes = [f"baris {items[r.items[0]].line}: letak sel tidak pasti (ada cara baca lain "
             f"yang sama baiknya); baris tidak diperiksa" for r in rows if not r.decided]
    notes += [f"baris {items[r.items[0]].line}: batas antarkolom label tidak pasti; label "
              f"digabung di kolom pertamanya" for r in rows if r.decided and not r.labels_decided]
    return rows, notes, cost


def _block(lines: list[str], header: list[int], body: list[int],
           cols: list[Column], rows: list[_Row], items: list[Item],
           notes: list[str]) -> RawBlock:
    raw_rows: list[list[RawCell]] = [[RawCell(c.name, c.line, c.col + 1) for c in cols]]
    unread: set[int] = set()
    for r in rows:
        first = items[r.items[0]]
        cells = [RawCell("", first.line, first.col + 1) for _ in cols]
        if not r.decided:
            # kept out of the checks: its words only, in the first label column, so that the
            # row still stands between its neighbours (a sum over it is not made)
            k = next((k for k, c in enumerate(cols) if c.kind != "value"), 0)
            text = " ".join(items[i].text for i in r.items if items[i].kind == "T") or "?"
            cells[k] = RawCell(text, first.line, first.col + 1)
            raw_rows.append(cells)
            unread.add(first.line)
            continue
        for k, cell in r.cells.items():
            its = cell.items
            lead = its[0]
            if all(it.line == lead.line and not it.wrapped for it in its):
                last = its[-1]
                raw = lines[lead.line - 1][lead.col:last.col + len(last.text)]
            else:
                raw = " ".join(it.text for it in its)
            cells[k] = RawCell(raw, lead.line, lead.col + 1)
        raw_rows.append(cells)
    end = max(body[-1], header[-1])
    return RawBlock("plain", header[0], end, raw_rows, header_rows=1, notes=notes,
                    unread=unread)


def find_plain_blocks(lines: list[str], blocks: list[RawBlock],
                      skip: frozenset[int] | set[int] = frozenset()) -> list[RawBlock]:
    """Plain-text table blocks among the lines no other block holds (lines in ``skip`` are
    page furniture: passed over)."""
    taken: set[int] = set()
    for b in blocks:
        taken.update(range(b.start_line, b.end_line + 1))
    return [t.block for t in find_plain_tables(lines, taken, skip)]
