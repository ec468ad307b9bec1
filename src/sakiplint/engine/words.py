"""sakiplint's own words in each language: what the engine adds to a finding beside the
report's text.

Checks pass message arguments and related-cell notes in sakiplint's working vocabulary (a
budget stage ``"sesudah"``, a table role ``"pk_perubahan"``, a value kind ``"realisasi
anggaran"``, a note ``"bagian: 1.204"``, a label ``"tabel baris 1330"``); the engine renders
them here for the language of the output, so that a message in English has no Indonesian
fragment that sakiplint wrote (the report's own words, quoted or named, stay as they are) and
no internal name reaches a reader. Every rendering is a lookup in a closed vocabulary or one
of a few anchored patterns of sakiplint's own phrasing; anything else passes unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any


class Lazy:
    """A regular expression compiled on first use (start-up compiles none)."""

    __slots__ = ("_args", "_rx")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._rx: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(*self._args)
        return self._rx

    def match(self, text: str) -> re.Match[str] | None:
        return self.rx.match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text)

    def sub(self, repl: Any, text: str) -> str:
        return self.rx.sub(repl, text)


LANGS = ("id", "en")

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

#: budget revision stages
STAGES: dict[str, dict[str, str]] = {
    "sebelum": {"id": "sebelum perubahan", "en": "before the revision"},
    "sesudah": {"id": "sesudah perubahan", "en": "after the revision"},
    "-": {"id": "tidak disebut", "en": "not stated"},
    "": {"id": "tidak disebut", "en": "not stated"},
}
#: the roles sakiplint gives tables (facts.identity)
TABLE_ROLES: dict[str, dict[str, str]] = {
    "pk": {"id": "PK", "en": "PK"},
    "pk_perubahan": {"id": "PK Perubahan", "en": "revised PK"},
    "renstra": {"id": "Renstra", "en": "Renstra"},
    "rkt": {"id": "RKT", "en": "RKT"},
    "capaian": {"id": "capaian", "en": "capaian"},
    "efisiensi": {"id": "efisiensi", "en": "efficiency"},
    "anggaran": {"id": "anggaran", "en": "budget"},
    "perbandingan": {"id": "perbandingan", "en": "comparison"},
    "other": {"id": "lain", "en": "other"},
}
#: kinds of values (message argument ``kind`` / ``role``)
KINDS: dict[str, dict[str, str]] = {
    "realisasi": {"id": "realisasi", "en": "realisasi"},
    "target": {"id": "target", "en": "target"},
    "capaian": {"id": "capaian", "en": "capaian"},
    "anggaran": {"id": "anggaran", "en": "budget"},
    "realisasi anggaran": {"id": "realisasi anggaran", "en": "spending"},
    "realisasi_anggaran": {"id": "realisasi anggaran", "en": "spending"},
    "serapan": {"id": "serapan", "en": "absorption"},
    "efisiensi": {"id": "efisiensi", "en": "efficiency"},
}
#: what checks write before ": value" in a related-cell note (exact, lower case)
TERMS: dict[str, dict[str, str]] = {
    "realisasi": {"id": "realisasi", "en": "realisasi"},
    "target": {"id": "target", "en": "target"},
    "capaian": {"id": "capaian", "en": "capaian"},
    "anggaran": {"id": "anggaran", "en": "budget"},
    "realisasi anggaran": {"id": "realisasi anggaran", "en": "spending"},
    "serapan": {"id": "serapan", "en": "absorption"},
    "bagian": {"id": "bagian", "en": "part"},
    "jumlah": {"id": "jumlah", "en": "total"},
    "nilai": {"id": "nilai", "en": "value"},
    "nilai awal": {"id": "nilai awal", "en": "first value"},
    "skala": {"id": "skala", "en": "scale"},
    "kolom": {"id": "kolom", "en": "column"},
    "pertama": {"id": "pertama", "en": "first"},
    "sasaran": {"id": "sasaran", "en": "sasaran"},
    "indikator": {"id": "indikator", "en": "indicator"},
    "baris sama": {"id": "baris sama", "en": "same figures"},
    "tanggal lain": {"id": "tanggal lain", "en": "other date"},
    "tabel": {"id": "tabel", "en": "table"},
    "capaian kinerja": {"id": "capaian kinerja", "en": "performance achievement"},
    "capaian anggaran": {"id": "capaian anggaran", "en": "budget absorption"},
    "renstra": {"id": "Renstra", "en": "Renstra"},
    "rpjmd": {"id": "RPJMD", "en": "RPJMD"},
    "rpjmn": {"id": "RPJMN", "en": "RPJMN"},
    "rkt": {"id": "RKT", "en": "RKT"},
    # the places a table's year is named (DQ110) and the parts of a sentence (NA012, NA013)
    "Daftar Tabel/Gambar": {"id": "Daftar Tabel/Gambar", "en": "list of tables/figures"},
    "judul": {"id": "judul", "en": "caption"},
    "kepala kolom": {"id": "kepala kolom", "en": "column header"},
    "kalimat pengantar": {"id": "kalimat pengantar", "en": "introducing sentence"},
    "pembilang": {"id": "pembilang", "en": "numerator"},
    "penyebut": {"id": "penyebut", "en": "denominator"},
    "dibandingkan dengan": {"id": "dibandingkan dengan", "en": "compared with"},
    # a table value the other tables outvote (NA006 / NA007)
    "hanya satu tabel": {"id": "hanya satu tabel", "en": "only one table"},
}
#: whole notes without a value
NOTES: dict[str, dict[str, str]] = {
    "tabel survei": {"id": "tabel survei", "en": "survey table"},
}
#: message arguments rendered through a vocabulary, by name
ARG_VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "stage": STAGES, "kind": KINDS, "role": KINDS,
}
#: message arguments that name a row, indicator or table of the report: when empty, the
#: message says which line instead of printing ""
LABEL_ARGS = ("row", "indicator", "label", "program", "name", "sasaran", "first", "other",
              "title")
UNNAMED = {"id": "baris tanpa nama di baris {line}", "en": "the unnamed row on line {line}"}

_ROLE_NAMES = "|".join(sorted(TABLE_ROLES, key=len, reverse=True))
#: sakiplint's own phrasing inside labels and notes: (pattern, {lang: replacement})
_PHRASES: tuple[tuple[Lazy, dict[str, str]], ...] = (
    (Lazy(r"\btabel tanpa judul \(baris (\d+)\)"),
     {"id": r"tabel tanpa judul (baris \1)", "en": r"untitled table (line \1)"}),
    (Lazy(r"\btabel baris (\d+)"),
     {"id": r"tabel di baris \1", "en": r"the table on line \1"}),
    (Lazy(r"\(baris (\d+)-(\d+)\)"),
     {"id": r"(baris \1-\2)", "en": r"(lines \1-\2)"}),
    (Lazy(r"^kolom (\d+)$"), {"id": r"kolom \1", "en": r"column \1"}),
)
_PERIOD = Lazy(r"^periode (\S+)$")
PERIOD = {"id": "periode", "en": "period"}
#: the documents a signature closes (argument ``what``), as sakiplint names them
_REVISED_PK = Lazy(r"^Perubahan Perjanjian Kinerja\b")
REVISED_PK = {"id": "Perubahan Perjanjian Kinerja", "en": "revised Perjanjian Kinerja"}
_ROLE_IN_PARENS = Lazy(rf"\(({_ROLE_NAMES})\)")
_STAGE_SUFFIX = Lazy(r"\b(sebelum|sesudah) perubahan\b")
#: expected values sakiplint writes: "8 tahun", "tahun ke-6", "≥ 1 Oktober 2024"
_YEARS = Lazy(r"^(\d+) tahun$")
_YEAR_ORDINAL = Lazy(r"^tahun ke-(\d+)$")
#: a date bound sakiplint computes ("≥ 1 Oktober 2024"); dates quoted from the report stay
_DATE = Lazy(r"(?<=≥ )(\d{1,2}) (" + "|".join(MONTHS_ID) + r") (\d{4})\b")


def _pick(entry: Mapping[str, str], lang: str) -> str:
    return entry.get(lang) or entry["id"]


def phrases(text: str, lang: str) -> str:
    """sakiplint's own phrasing inside a label or note, in ``lang``."""
    if not text or ("tabel" not in text and "(" not in text and not text.startswith("kolom ")):
        return text
    out = text
    for rx, repl in _PHRASES:
        out = rx.sub(_pick(repl, lang), out)
    return _ROLE_IN_PARENS.sub(lambda m: f"({_pick(TABLE_ROLES[m.group(1)], lang)})", out)


def expected(text: str | None, lang: str) -> str | None:
    """An expected value as sakiplint writes it ("8 tahun", "≥ 1 Oktober 2024"), in ``lang``."""
    if not text:
        return text
    if lang == "id":
        return phrases(text, lang)
    m = _YEARS.match(text)
    if m:
        return f"{m.group(1)} years"
    m = _YEAR_ORDINAL.match(text)
    if m:
        return f"year {m.group(1)} of the period"
    out = _DATE.sub(
        lambda d: f"{d.group(1)} {MONTHS_EN[MONTHS_ID.index(d.group(2))]} {d.group(3)}", text)
    out = _STAGE_SUFFIX.sub(lambda m: _pick(STAGES[m.group(1)], lang), out)
    return phrases(out, lang)


def argument(name: str, value: Any, lang: str) -> Any:
    """One message argument in ``lang``: a vocabulary word by the argument's name, an
    expected value, or a label with sakiplint's phrasing in it. ``actual`` is the report's
    text and stays as it is."""
    if not isinstance(value, str) or name == "actual":
        return value
    vocab = ARG_VOCABULARY.get(name)
    if vocab is not None and value in vocab:
        return _pick(vocab[value], lang)
    if name == "expected":
        return expected(value, lang)
    if name == "what":
        value = _REVISED_PK.sub(_pick(REVISED_PK, lang), value)
    return phrases(value, lang)


def arguments(args: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """All arguments in ``lang``; an argument ``X_<lang>`` given by the check wins over the
    rendering of ``X``."""
    out = {k: argument(k, v, lang) for k, v in args.items()}
    for k in list(out):
        own = f"{k}_{lang}"
        if own in args:
            out[k] = args[own]
    return out


def template(tpl: str, args: Mapping[str, Any], lang: str, line: int) -> str:
    """A message template where a quoted label argument that is empty is replaced by the
    line it is on ("the unnamed row on line 12") instead of printing ``""``."""
    for name in LABEL_ARGS:
        value = args.get(name)
        if isinstance(value, str) and not value.strip():
            unnamed = _pick(UNNAMED, lang).format(line=line)
            tpl = tpl.replace(f'"{{{name}}}"', unnamed).replace(f"'{{{name}}}'", unnamed)
    return tpl


def related(message: str, lang: str) -> str:
    """A related-cell note ("bagian: 1.204", "Tabel 2.1 (pk): 82,50", "anggaran 2024
    sesudah perubahan: 1.000", "tabel survei") in ``lang``: the term before ": " when it is
    one of sakiplint's (:data:`TERMS`, possibly followed by a year), and sakiplint's phrasing
    in the rest."""
    if message in NOTES:
        return _pick(NOTES[message], lang)
    head, sep, rest = message.partition(": ")
    if not sep:
        m = _PERIOD.match(message)
        return f"{_pick(PERIOD, lang)} {m.group(1)}" if m else phrases(message, lang)
    return f"{_term(head, lang)}: {phrases(rest, lang)}"


def _term(head: str, lang: str) -> str:
    if head in TERMS:
        return _pick(TERMS[head], lang)
    words = head.split(" ")
    for size in (2, 1):
        key = " ".join(words[:size])
        if len(words) > size and key in TERMS and words[size][:1].isdigit():
            tail = _STAGE_SUFFIX.sub(lambda m: _pick(STAGES[m.group(1)], lang),
                                     " " + " ".join(words[size:]))
            return f"{_pick(TERMS[key], lang)}{tail}"
    return phrases(head, lang)


# --------------------------------------------------------------------------- table notes

_NOTE_PATTERNS: tuple[tuple[Lazy, dict[str, str]], ...] = (
    (Lazy(r"^tidak ada baris data$"), {"id": "tidak ada baris data", "en": "no data rows"}),
    (Lazy(r"^kolom (\d+): notasi angka campuran \((\d+) Indonesia, (\d+) Inggris\); "
                r"dipakai (\w+)$"),
     {"id": r"kolom \1: notasi angka campuran (\2 Indonesia, \3 Inggris); dipakai \4",
      "en": r"column \1: mixed number notations (\2 Indonesian, \3 English); using \4"}),
    (Lazy(r"^baris (\d+): (\d+) sel, lebih dari (\d+) kolom$"),
     {"id": r"baris \1: \2 sel, lebih dari \3 kolom",
      "en": r"line \1: \2 cells, more than \3 columns"}),
    # the plain-text (no TAB) table reader, read/plain.py
    (Lazy(r"^tidak ada baris yang dapat dibaca pasti; tabel tidak diperiksa$"),
     {"id": "tidak ada baris yang dapat dibaca pasti; tabel tidak diperiksa",
      "en": "no row could be read with certainty; table not checked"}),
    (Lazy(r"^letak sel tidak pasti di (\d+) dari (\d+) baris; tabel tidak diperiksa$"),
     {"id": r"letak sel tidak pasti di \1 dari \2 baris; tabel tidak diperiksa",
      "en": r"cell positions uncertain in \1 of \2 rows; table not checked"}),
    (Lazy(r"^kepala tabel dari teks PDF tersusun tidak pasti; tabel tidak diperiksa$"),
     {"id": "kepala tabel dari teks PDF tersusun tidak pasti; tabel tidak diperiksa",
      "en": "table header from laid-out PDF text uncertain; table not checked"}),
    (Lazy(r"^hanya kepala tabel; tidak ada baris yang dapat dibaca$"),
     {"id": "hanya kepala tabel; tidak ada baris yang dapat dibaca",
      "en": "table header only; no row could be read"}),
    (Lazy(r"^baris (\d+): letak sel tidak pasti \(ada cara baca lain yang sama baiknya\); "
          r"baris tidak diperiksa$"),
     {"id": r"baris \1: letak sel tidak pasti (ada cara baca lain yang sama baiknya); "
            r"baris tidak diperiksa",
      "en": r"line \1: cell positions uncertain (another reading fits as well); row not "
            r"checked"}),
    (Lazy(r"^baris (\d+): batas antarkolom label tidak pasti; label digabung di kolom "
          r"pertamanya$"),
     {"id": r"baris \1: batas antarkolom label tidak pasti; label digabung di kolom pertamanya",
      "en": r"line \1: boundary between label columns uncertain; label joined in its first "
            r"column"}),
)


#: what the table reader repaired (``Table.repairs``), one part of a "; "-joined note each
_REPAIR_PATTERNS: tuple[tuple[Lazy, dict[str, str]], ...] = (
    (Lazy(r"^lanjutan baris (\d+)-(\d+) digabung \(kepala tabel diulang\)$"),
     {"en": r"continuation on lines \1-\2 joined (table header repeated)"}),
    (Lazy(r"^lanjutan baris (\d+)-(\d+) tanpa kepala digabung \(lebar sama\)$"),
     {"en": r"continuation on lines \1-\2 without a header joined (same width)"}),
    (Lazy(r"^lanjutan baris (\d+)-(\d+) kehilangan kolom pertama yang kosong: kolom "
          r"disisipkan, lalu digabung$"),
     {"en": r"continuation on lines \1-\2 lost its empty first column: column inserted, "
            r"then joined"}),
    (Lazy(r"^sel terpotong di batas halaman disambung \(baris (\d+)\)$"),
     {"en": r"cell cut at the page break joined (line \1)"}),
    (Lazy(r"^kepala tabel disusun ulang dari sel tahun yang terpecah \(baris (\d+): (.*)\)$"),
     {"en": r"table header rebuilt from split year cells (line \1: \2)"}),
    (Lazy(r"^baris berisi beberapa tingkat \(([^)]*)\) dipisah; angka milik tingkat terdalam "
          r"\(baris ([^)]*)\)$"),
     {"en": r"rows holding several levels (\1) split; the figures belong to the deepest "
            r"level (lines \2)"}),
    (Lazy(r"^kepala kolom (\d+)-(\d+) bersilang dibetulkan: kolom (\d+) ialah persentase dua "
          r"jumlah di kirinya \((.*)\), (.*) milik kolom (\d+)$"),
     {"en": r"crossed headers of columns \1-\2 corrected: column \3 is the percentage of the "
            r"two amounts to its left (\4), \5 belongs to column \6"}),
    (Lazy(r"^dua angka dalam satu sel dipisah ke sel kosong di kanannya \(baris ([^)]*)\)$"),
     {"en": r"two numbers in one cell split into the empty cell on its right (lines \1)"}),
    (Lazy(r"^nilai negatif yang tergeser ke kolom tanpa nilai negatif dikembalikan ke kolom "
          r"kanannya yang kosong \(baris ([^)]*)\)$"),
     {"en": r"negative values shifted into a column without negatives moved back to the "
            r"empty column on their right (lines \1)"}),
    (Lazy(r"^nomor baris dan sel di sebelahnya yang tergabung dipisah, baris digeser satu "
          r"kolom ke kanan \(baris ([^)]*)\)$"),
     {"en": r"row number merged with the cell beside it split, the row moved one column to "
            r"the right (lines \1)"}),
    (Lazy(r"^kepala tabel dan (\d+) baris pertama yang tergabung ke paragraf baris (\d+) "
          r"dipulihkan$"),
     {"en": r"table header and the first \1 rows, run into the paragraph on line \2, "
            r"restored"}),
    (Lazy(r"^angka terpotong dilengkapi dari hubungan antarkolom tabel itu sendiri "
          r"\(a \+ b = c di setiap baris lengkap\): (.*)$"),
     {"en": r"numbers cut short completed from the table's own column relation (a + b = c "
            r"in every complete row): \1"}),
    (Lazy(r"^rentang sel \(colspan (\d+), rowspan (\d+)\) dibatasi ke (\d+)$"),
     {"en": r"cell span (colspan \1, rowspan \2) limited to \3"}),
    (Lazy(r"^(\d+) sel tanpa </td> ditutup$"), {"en": r"\1 cells without </td> closed"}),
    (Lazy(r"^(\d+) baris tanpa </tr> ditutup$"), {"en": r"\1 rows without </tr> closed"}),
    (Lazy(r"^tabel tanpa </table> ditutup pada baris terakhirnya$"),
     {"en": "table without </table> closed at its last line"}),
)


def table_note(note: str, lang: str) -> str:
    """A note of the table reader (why a table was skipped, what it could not read or
    repaired) in ``lang``; a note of unknown form as it is."""
    for rx, repl in _NOTE_PATTERNS:
        if rx.match(note):
            return rx.sub(_pick(repl, lang), note)
    if lang == "id":
        return note
    for rx, repl in _REPAIR_PATTERNS:   # a whole note (some hold "; " themselves)
        if rx.match(note):
            return rx.sub(_pick(repl, lang), note)
    parts = []
    for part in note.split("; "):       # notes joined by the reader
        for rx, repl in _REPAIR_PATTERNS:
            if rx.match(part):
                part = rx.sub(_pick(repl, lang), part)
                break
        parts.append(phrases(part, lang))
    return "; ".join(parts)


# --------------------------------------------------------------------------- errors

#: (English fragment, Indonesian) of the messages of input and configuration errors; the
#: path or key they name stays as it is
_ERRORS: tuple[tuple[str, str], ...] = (
    (r": no such file or directory$", ": berkas atau folder tidak ada"),
    (r": no such file$", ": berkas tidak ada"),
    (r": no such configuration file$", ": berkas konfigurasi tidak ada"),
    (r": file is empty$", ": berkas kosong"),
    (r": binary file, not a text report$", ": berkas biner, bukan laporan berbentuk teks"),
    (r": is a directory$", ": sebuah folder, bukan berkas"),
    (r": permission denied$", ": akses ditolak"),
    (r": cannot read directory \((.*)\)$", r": folder tidak dapat dibaca (\1)"),
    (r": cannot read \((.*)\)$", r": tidak dapat dibaca (\1)"),
    (r": invalid UTF-16 \((.*)\)$", r": UTF-16 tidak sah (\1)"),
    (r": not valid UTF-8, decoded as cp1252$", ": bukan UTF-8 yang sah, dibaca sebagai cp1252"),
    (r": not valid TOML \((.*)\)$", r": bukan TOML yang sah (\1)"),
    (r": unknown key '([^']*)' \(did you mean '([^']*)'\?\)$",
     r": kunci tidak dikenal '\1' (maksudnya '\2'?)"),
    (r": unknown key '([^']*)'$", r": kunci tidak dikenal '\1'"),
    (r"unknown rule selector '([^']*)' in ", r"pemilih aturan tidak dikenal '\1' dalam "),
    (r"unknown rule code '([^']*)' in ", r"kode aturan tidak dikenal '\1' dalam "),
    (r"^unknown rule code: ", "kode aturan tidak dikenal: "),
    (r": rule pack directory not found$", ": folder paket aturan tidak ada"),
    (r"^--config and --isolated cannot be used together$",
     "--config dan --isolated tidak dapat dipakai bersama"),
    (r"^'-' \(standard input\) cannot be combined with other paths$",
     "'-' (masukan standar) tidak dapat digabung dengan path lain"),
    (r"^the output file (.*) is one of the files linted$",
     r"berkas keluaran \1 adalah salah satu berkas yang diperiksa"),
    (r"^no report files found under the given paths$",
     "tidak ada berkas laporan di path yang diberikan"),
)


@cache
def _error_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rx), repl) for rx, repl in _ERRORS)


def error(message: str, lang: str | None) -> str:
    """An error or warning message of the command line in ``lang`` (they are written in
    English; Indonesian when asked for). A message of unknown form stays as it is."""
    if lang != "id":
        return message
    for rx, repl in _error_patterns():
        message = rx.sub(repl, message)
    return message


# --------------------------------------------------------------------------- time frame

DOCUMENTS: dict[str, dict[str, str]] = {
    "report": {"id": "laporan kinerja", "en": "performance report"},
    "pk": {"id": "Perjanjian Kinerja", "en": "Perjanjian Kinerja"},
    "pk_perubahan": {"id": "Perubahan Perjanjian Kinerja", "en": "revised Perjanjian Kinerja"},
    "evaluasi": {"id": "evaluasi", "en": "evaluation"},
}
PLANS: dict[str, dict[str, str]] = {
    "renstra": {"id": "Renstra", "en": "Renstra"},
    "rpjmd": {"id": "RPJMD", "en": "RPJMD"},
    "rpjmn": {"id": "RPJMN", "en": "RPJMN"},
    "rpjpd": {"id": "RPJPD", "en": "RPJPD"},
}
YEAR_SOURCES: dict[str, dict[str, str]] = {
    "document": {"id": "dari dokumen", "en": "from the document"},
    "configuration": {"id": "dari konfigurasi", "en": "from the configuration"},
    "unknown": {"id": "tidak diketahui", "en": "unknown"},
}


def word(vocabulary: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    """``key`` in ``lang`` from a vocabulary; an unknown key as it is."""
    entry = vocabulary.get(key)
    return _pick(entry, lang) if entry is not None else key
