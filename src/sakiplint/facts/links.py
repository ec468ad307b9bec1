"""Which indicator a sentence speaks of: links from running text to the tables.

The tables' indicators (from :mod:`sakiplint.facts.identity`: every target / realisasi / capaian
value of a named indicator for a known year, in any table kind) form a *catalogue*. Each
entry is named by its distinguishing words (the normalised name without generic words such
as "persentase", "indeks", "kinerja", each word reduced to its stem so that "pelaksanaan"
and "melaksanakan" agree) and by the abbreviation its name gives in parentheses ("Indeks
Kepuasan Masyarakat (IKM)"). A sasaran written beside exactly one indicator in the tables
names that indicator too ("Sasaran Meningkatnya kinerja pelayanan perangkat daerah telah
tercapai 109,74%"), when its whole name stands in the sentence.

A sentence is linked to an indicator, first way that applies:

* **by name** (:func:`named_in`): all the distinguishing words of exactly one indicator
  appear in the sentence, or its abbreviation does, or its sasaran's name. Where one
  matching name contains another ("Persentase keluhan masyarakat" inside "Persentase keluhan
  masyarakat yang ditindaklanjuti"), the longer one is meant. A sentence naming an indicator
  only partly (two or more of its words, not all) names something the catalogue does not
  know: no link at all.
* **by number** ("indikator ke-2", "indikator ketiga"): the report's own headings and list
  items "Indikator Kinerja ke-2 (Persentase ...)" number its indicators; the number refers to
  the label of the current run of such labels (a run starts again at a lower number), when
  that label names one indicator. A number no label of the run carries yet gives no link.
* **by context** (:func:`context_of`): a sentence that names no indicator and
  - refers back to one ("indikator ini", "indikator tersebut"), or continues a sentence broken
    over paragraphs by the converter (the paragraph starts in lower case and the one before
    ends without a closing mark), is linked to the indicator named by the nearest earlier
    sentence of its paragraph, else of the preceding paragraphs (at most three, not across a
    heading or a table; a heading that names an indicator counts);
  - follows, in its paragraph, a lead sentence naming one indicator (and speaks of no
    program, kegiatan or sasaran of its own), is linked to that indicator;
  - stands in a paragraph under a *label* naming one indicator (a heading, or a short list
    item / line with no closing mark: "3) Indikator Kinerja Ke-3 (Pertumbuhan Pendapatan
    Asli Desa)"), at most three paragraphs below it with no heading, table or other label
    between, is linked to that indicator.
  The first naming sentence found decides: when it names more than one indicator, there is
  no link.

A paragraph that cites a table ("berdasarkan tabel 3.6 di atas", "dari tabel tersebut",
"dengan melihat tabel di atas"), or follows such a paragraph in the same section, is judged
against that table: :func:`cited_table` gives it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakiplint.model import Cell, Document, Heading, Paragraph, Table

__all__ = [
    "Catalogue", "Indicator", "Link", "catalogue", "cited_table", "context_of", "link",
    "named_in", "stem",
]

MEMO_KEY = "links.catalogue"


@cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (nothing is compiled at import)."""
    return re.compile(pattern, flags)

#: words that do not tell one indicator from another
STOP_WORDS = (
    "nilai", "indeks", "skor", "persentase", "jumlah", "tingkat", "angka", "rasio", "cakupan",
    "yang", "dan", "di", "dalam", "pada", "dari", "untuk", "ke", "oleh", "atau", "dengan",
    "serta", "terhadap", "bagi", "se", "kecamatan", "kelurahan", "desa", "perangkat",
    "daerah", "pd", "opd", "skpd", "kota", "kabupaten", "indikator", "kinerja", "program",
    "kegiatan", "sasaran", "utama", "iku", "tahun",
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_PAREN = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9.\- ]{1,15}?)\s*\)")
#: an abbreviation: three or more letters, at least two of them capitals ("IKM", "IPMas")
_ABBREV = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{3,}$")
_ANAPHORA = re.compile(r"\b(?:indikator|sasaran)\s+(?:kinerja\s+)?(?:ini|tersebut)\b", re.I)
#: "indikator ke-2", "Indikator Kinerja Ke 3", "indikator ketiga"
def _ordinal_re() -> re.Pattern[str]:
    return _rx(r"\bindikator\s+(?:kinerja\s+)?(?:utama\s+)?(?:ke\s*-?\s*(\d{1,2})\b|"
    r"(pertama|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\b)",
    re.I,)

_ORDINAL_WORDS = {
    "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6,
    "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10,
}
#: a sentence speaking of something else than the paragraph's indicator
def _other_subject_re() -> re.Pattern[str]:
    return _rx(r"\b(?:program|kegiatan|sasaran|tujuan|anggaran)\b", re.I)

#: a paragraph citing a table it is judged against
def _cites_re() -> re.Pattern[str]:
    return _rx(r"\b(?:berdasarkan|dari|pada|melihat|menurut|sesuai(?:\s+dengan)?)\s+(?:data\s+)?"
    r"(?:tabel|table)\s*(?:(\d+(?:\s*\.\s*\d+)*)\s*)?(?:di\s*atas|tersebut)\b",
    re.I,)

_LOOKBACK = 3
_LABEL_MAX = 220


# --------------------------------------------------------------------------- words

_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "pe", "ber",
             "ter", "di")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A rough Indonesian stem, the same for a word's noun and verb forms ("pelaksanaan",
    "melaksanakan" -> "laksana"; "pelayanan", "melayani" -> "layan"). Words of five letters
    or fewer are kept."""
    if len(word) <= 5 or not word.isalpha():
        return word
    w = word
    if w.endswith("nya") and len(w) > 6:
        w = w[:-3]
    for suffix in ("kan", "an", "i"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[:-len(suffix)]
            break
    for prefix in _PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            w = w[len(prefix):]
            break
    return w


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(STOP_WORDS) | frozenset(stem(w) for w in STOP_WORDS)


#: words a sentence about performance uses whatever it speaks of: they do not make it name
#: another indicator partly
GENERIC_WORDS = ("capaian", "realisasi", "target", "hasil", "laporan", "pelaksanaan",
                 "pelayanan", "masyarakat", "kepuasan", "peningkatan", "meningkatnya")


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(stem(w) for w in GENERIC_WORDS)


#: kept for callers of the old name
STOP = frozenset(STOP_WORDS)


def _norm_words(text: str) -> list[str]:
    """A table name's words (stems), its parenthesised abbreviation left out."""
    return list(_norm_tuple(text))


@lru_cache(maxsize=8192)
def _norm_tuple(text: str) -> tuple[str, ...]:
    from sakiplint.facts.identity import normalise

    return tuple(stem(w) for w in normalise(text).split())


def _sentence_words(text: str) -> list[str]:
    """A sentence's words (stems), parenthesised text kept: a label writes the indicator's
    name in parentheses ("Indikator Kinerja ke-3 (Pertumbuhan Pendapatan Asli Desa)")."""
    return _norm_words(text.replace("(", " ").replace(")", " "))


def _abbreviations(text: str) -> set[str]:
    return {
        a.replace(" ", "").lower() for a in _PAREN.findall(text)
        if _ABBREV.match(a.replace(" ", "").replace(".", ""))
    }


# --------------------------------------------------------------------------- catalogue

#: one table row's values of an indicator: (role, year) -> cell
ValueRow = dict[tuple[str, int], "Cell"]


@dataclass(slots=True)
class Indicator:
    """One indicator of the tables, with its values by (role, year)."""

    key: frozenset[str]                    # distinguishing words (stems)
    name: str                              # as printed in its first table
    abbreviations: set[str] = field(default_factory=set)
    #: the indicator's table rows: (table index, row line) -> {(role, year): cell}
    rows: dict[tuple[int, int], ValueRow] = field(default_factory=dict)
    #: built on first use, once the catalogue is complete (see :func:`cell_index`)
    index: CellIndex | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class CellIndex:
    """An indicator's cells looked up by identity, and its rows by table and by line, so
    that a sentence asks about its cells in constant time, not by walking every row."""

    role: dict[int, str]                  # id(cell) -> role
    table: dict[int, int]                 # id(cell) -> table index
    target: dict[int, Cell | None]        # id(cell) -> the target of its row and year
    by_table: dict[int, list[ValueRow]]        # table index -> its rows, in order
    lines: list[int]                      # row lines, sorted
    tables_at: list[int]                  # the table of each line of ``lines``


def cell_index(ind: Indicator) -> CellIndex:
    if ind.index is None:
        role: dict[int, str] = {}
        table: dict[int, int] = {}
        target: dict[int, Cell | None] = {}
        by_table: dict[int, list[ValueRow]] = {}
        placed: list[tuple[int, int]] = []
        for (t, line), r in ind.rows.items():
            by_table.setdefault(t, []).append(r)
            placed.append((line, t))
            for (k, year), c in r.items():
                role.setdefault(id(c), k)     # the first role it is read in
                table[id(c)] = t
                target[id(c)] = r.get(("target", year))
        placed.sort()
        ind.index = CellIndex(role, table, target, by_table,
                              [ln for ln, _ in placed], [t for _, t in placed])
    return ind.index


def nearest_rows(ind: Indicator, line: int, tables: int) -> list[ValueRow]:
    """The indicator's rows, all of them when it stands in at most ``tables`` tables, else
    those of the ``tables`` tables nearest ``line`` (a sentence speaks of the tables around
    it; comparing every sentence with every table of a report that prints one indicator in
    hundreds of tables would be quadratic)."""
    idx = cell_index(ind)
    if len(idx.by_table) <= tables:
        return list(ind.rows.values())
    chosen: set[int] = set()
    hi = bisect.bisect_left(idx.lines, line)
    lo = hi - 1
    n = len(idx.lines)
    while len(chosen) < tables and (lo >= 0 or hi < n):
        if hi >= n or (lo >= 0 and line - idx.lines[lo] <= idx.lines[hi] - line):
            chosen.add(idx.tables_at[lo])
            lo -= 1
        else:
            chosen.add(idx.tables_at[hi])
            hi += 1
    return [r for t in sorted(chosen) for r in idx.by_table[t]]


@dataclass(slots=True)
class Catalogue:
    by_word: dict[str, list[Indicator]] = field(default_factory=dict)
    by_abbreviation: dict[str, list[Indicator]] = field(default_factory=dict)
    #: a sasaran's whole name (stems, in order) -> the one indicator written beside it
    sasaran: dict[tuple[str, ...], Indicator] = field(default_factory=dict)
    #: first stem of a sasaran's name -> the names starting with it
    sasaran_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    #: sentence -> what it names (sentences are asked about again and again)
    named: dict[str, tuple[list[Indicator], list[Indicator]]] = field(default_factory=dict)
    #: every word of every name and abbreviation as written, lower case (a cheap first look)
    raw_words: set[str] = field(default_factory=set)
    #: names of one distinguishing word ("Jumlah Inovasi"), named only by the whole name
    #: (every word, in order): its first stem -> (the name's stems, the indicator)
    whole_names: dict[str, list[tuple[tuple[str, ...], Indicator]]] = field(
        default_factory=dict)


def _build(doc: Document) -> Catalogue:
    from sakiplint.facts.identity import identity, indicator_key

    ident = identity(doc)
    stop = _stop()
    entries: dict[frozenset[str], Indicator] = {}
    by_key: dict[str, Indicator] = {}
    for (_key, kind, year), occs in ident.values.items():
        for occ in occs:
            words = _norm_words(occ.name.text)
            key = frozenset(w for w in words if w not in stop and not w.isdigit())
            if not key:
                continue
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = Indicator(key, occ.name.text)
            entry.abbreviations |= _abbreviations(occ.name.text)
            by_key.setdefault(indicator_key(occ.name.text), entry)
            row = entry.rows.setdefault((occ.table.index, occ.row.line), {})
            if year is not None:
                row.setdefault((kind, year), occ.cell)
    out = Catalogue()
    _headerless(doc, entries)
    for entry in entries.values():
        out.raw_words.update(w.lower() for w in _WORD.findall(entry.name)
                             if stem(w.lower()) in entry.key or w.lower() in entry.abbreviations)
    for entry in entries.values():
        # one ordinary word does not name an indicator (its abbreviation still may)
        if len(entry.key) >= 2 or _single_acronym(entry):
            for w in entry.key:
                out.by_word.setdefault(w, []).append(entry)
        else:
            name = _norm_tuple(entry.name)
            if len(name) >= 2:
                out.whole_names.setdefault(name[0], []).append((name, entry))
        for a in entry.abbreviations:
            out.by_abbreviation.setdefault(a, []).append(entry)
    # an abbreviation shared by indicators with different names names none of them
    out.by_abbreviation = {a: es for a, es in out.by_abbreviation.items() if len(es) == 1}
    # sasaran written beside exactly one indicator (of the catalogue) in every table
    beside: dict[tuple[str, ...], dict[int, int]] = {}
    found: dict[int, Indicator] = {}
    for key, pairs in ident.pairings.items():
        entry = by_key.get(key)
        if entry is None:
            continue
        for p in pairs:
            name = tuple(_norm_words(p.sasaran.text))
            if len(name) >= 3:
                tally = beside.setdefault(name, {})
                tally[id(entry)] = tally.get(id(entry), 0) + 1
                found[id(entry)] = entry
    for name, tally in beside.items():
        # one indicator beside it, or one in at least twice as many tables as all others
        # (a name damaged in one table: "Nilai S AKIP OPD")
        best, n = max(tally.items(), key=lambda kv: kv[1])
        if len(tally) == 1 or n >= 2 * (sum(tally.values()) - n):
            out.sasaran[name] = found[best]
            out.sasaran_by_first.setdefault(name[0], []).append(name)
    return out


#: the year under which a table with no header gives its values: a sentence citing that
#: table ("berdasarkan tabel 3.6 di atas") is judged against them, no other sentence
NO_YEAR = 0
_MAX_TRIPLE_COLUMNS = 12


def _headerless(doc: Document, entries: dict[frozenset[str], Indicator]) -> None:
    """Rows of a table whose header is lost (no target / realisasi / capaian column) where
    three numeric columns hold capaian = realisasi / target x 100 on every row that fills
    them (at least two): those are target, realisasi and capaian, under :data:`NO_YEAR`, for
    the indicator the row names (one the catalogue knows)."""

    roles = ("target", "realisasi", "capaian")
    for table in doc.tables:
        if table.skipped or any(c.role in roles for c in table.columns):
            continue
        numeric = [c.index for c in table.columns if c.numeric]
        if not 3 <= len(numeric) <= _MAX_TRIPLE_COLUMNS:
            continue
        rows = [r for r in table.rows if r.kind == "data"]
        # each column's cells once (the search below tries every ordered triple)
        cols = {i: [r.cell(i) for r in rows] for i in numeric}
        triples: list[tuple[int, int, int]] = []
        for a in range(len(numeric)):
            for b in range(a + 1, len(numeric)):
                for c in range(b + 1, len(numeric)):
                    i, j, k = numeric[a], numeric[b], numeric[c]
                    if _triple_fits(cols[i], cols[j], cols[k]):
                        triples.append((i, j, k))
                        if len(triples) > 1:
                            break
                if len(triples) > 1:
                    break
            if len(triples) > 1:
                break
        if len(triples) != 1:
            continue   # none, or several (two years side by side): which is which is unclear
        triple = triples[0]
        by_word: dict[str, list[Indicator]] = {}
        for e in entries.values():
            for w in e.key:
                by_word.setdefault(w, []).append(e)
        for row in rows:
            found = []
            for c in row.cells:
                if not c.text or c.number is not None:
                    continue
                words = set(_norm_tuple(c.text))
                for w in words:
                    for e in by_word.get(w, ()):
                        if e.key <= words and all(e is not f for f in found):
                            found.append(e)
            if len(found) != 1:
                continue
            cells = {}
            for role, col in zip(roles, triple, strict=True):
                cell = row.cell(col)
                if cell is not None and cell.number is not None:
                    cells[(role, NO_YEAR)] = cell
            if cells:
                found[0].rows[(table.index, row.line)] = cells


def _triple_fits(ts: list[Cell | None], rs: list[Cell | None], cs: list[Cell | None]) -> bool:
    """capaian = realisasi / target x 100 on every row that fills the three (two or more)."""
    from decimal import Decimal

    n = 0
    for t, r, c in zip(ts, rs, cs, strict=True):
        if t is None or r is None or c is None or not t.number or r.number is None \
                or c.number is None:
            continue
        if abs(r.number / t.number * 100 - c.number) >= Decimal(1).scaleb(-c.decimals):
            return False
        n += 1
    return n >= 2


def _single_acronym(entry: Indicator) -> bool:
    """A one-word key that is itself an acronym in the name ("Nilai SAKIP")."""
    (word,) = entry.key
    return any(w.lower() == word and _ABBREV.match(w) for w in _WORD.findall(entry.name))


def catalogue(doc: Document) -> Catalogue:
    return doc.memo(MEMO_KEY, _build)


_SASARAN_WORD = stem("sasaran")


def _sasaran_named(cat: Catalogue, words: list[str]) -> list[Indicator]:
    """Indicators whose sasaran's whole name stands in the sentence (stems, in order) right
    after the word "sasaran" ("Sasaran Meningkatnya ...", "pada sasaran strategis ..."; a
    name after "persentase" or "indeks" is an indicator's, not the sasaran's)."""
    out: list[Indicator] = []
    if not cat.sasaran:
        return out
    for i, w in enumerate(words):
        if _SASARAN_WORD not in words[max(0, i - 2):i]:
            continue
        for name in cat.sasaran_by_first.get(w, ()):
            if _names(name, words[i:i + len(name) + 1]):
                entry = cat.sasaran[name]
                if all(entry is not e for e in out):
                    out.append(entry)
    return out


def _names(name: tuple[str, ...], window: list[str]) -> bool:
    """The sentence's words right after "sasaran" give the sasaran's name: all its words, or
    all but one of a long name (five words or more; "Meningkatnya pemerataan infrastruktur
    dan sarpras kota secara terpadu" for "... Pemerataan Pembangunan Infrastruktur ..."), in
    the same order."""
    allowed = 1 if len(name) >= 5 else 0
    missing = 0
    pos = 0
    for w in name:
        if pos < len(window) and window[pos] == w:
            pos += 1
            continue
        missing += 1
        if missing > allowed:
            return False
    return True


def _naming(cat: Catalogue, sentence: str) -> tuple[list[Indicator], bool]:
    """(indicators the sentence names, whether it also names an indicator only partly: two
    or more of its words, not all, and not words of the indicators it names fully)."""
    found, partly = _naming_parts(cat, sentence)
    return found, bool(partly)


def _naming_parts(cat: Catalogue, sentence: str) -> tuple[list[Indicator], list[Indicator]]:
    """(indicators the sentence names, indicators it names only partly), remembered per
    sentence."""
    known = cat.named.get(sentence)
    if known is None:
        known = cat.named[sentence] = _naming_uncached(cat, sentence)
    return list(known[0]), list(known[1])


def _naming_uncached(cat: Catalogue, sentence: str
                     ) -> tuple[list[Indicator], list[Indicator]]:
    ordered = _sentence_words(sentence)
    words = set(ordered)
    hits: dict[int, tuple[Indicator, set[str]]] = {}
    for w in words:
        for entry in cat.by_word.get(w, ()):
            hits.setdefault(id(entry), (entry, set()))[1].add(w)
    full = [e for e, got in hits.values() if got == e.key]
    if cat.whole_names:
        for i, w in enumerate(ordered):
            for name, entry in cat.whole_names.get(w, ()):
                if tuple(ordered[i:i + len(name)]) == name and all(entry is not f
                                                                    for f in full):
                    full.append(entry)
    for t in _WORD.findall(sentence):
        if _ABBREV.match(t):
            for entry in cat.by_abbreviation.get(t.lower(), ()):
                if all(entry is not f for f in full):
                    full.append(entry)
    # the longer of two nested names is meant
    full = [e for e in full if not any(e.key < f.key for f in full)]
    covered: set[str] = set().union(*(f.key for f in full)) if full else set()
    # another name, two or more of its words not explained by the names found (words every
    # sentence about performance uses do not count)
    generic = _generic()
    partly = [e for e, got in hits.values()
              if got != e.key and len(got - covered - generic) >= 2]
    if not full and not partly:
        full = _sasaran_named(cat, ordered)
    elif partly:
        # a sasaran's whole name holds many words of other indicators: named, it decides
        by_sasaran = _sasaran_named(cat, ordered)
        if len(by_sasaran) == 1 and not full:
            return by_sasaran, []
    return full, partly


def named_in(doc: Document, sentence: str) -> list[Indicator] | None:
    """The indicators a sentence names; None when it names one only partly."""
    found, partial = _naming(catalogue(doc), sentence)
    return None if partial else found


# --------------------------------------------------------------------------- links

@dataclass(frozen=True, slots=True)
class Link:
    indicator: Indicator
    how: str             # "sentence" or "context"
    line: int            # where the naming text is (the sentence's paragraph, or earlier)
    via: str = "name"    # name, ordinal, anaphora, continuation, lead, label, heading


def _paragraph_index(doc: Document) -> dict[int, int]:
    return doc.memo("links.paragraph_index", lambda d: {
        p.start_line: i for i, p in enumerate(d.paragraphs)
    })


def _boundaries(doc: Document) -> list[int]:
    """Lines where context stops: headings and tables (sorted)."""
    def build(d: Document) -> list[int]:
        return sorted([h.line for h in d.headings] + [t.start_line for t in d.tables])
    return doc.memo("links.boundaries", build)


def _between(bounds: list[int], first: int, last: int) -> bool:
    i = bisect.bisect_right(bounds, first)
    return i < len(bounds) and bounds[i] < last


def _heading_between(doc: Document, first: int, last: int) -> Heading | None:
    heads, lines = _headings(doc)
    i = bisect.bisect_right(lines, first)
    j = bisect.bisect_left(lines, last)
    return heads[j - 1] if j > i else None


def _headings(doc: Document) -> tuple[list[Heading], list[int]]:
    """The headings in line order, and their lines."""
    def build(d: Document) -> tuple[list[Heading], list[int]]:
        heads = sorted(d.headings, key=lambda h: h.line)
        return heads, [h.line for h in heads]
    return doc.memo("links.headings", build)


# ---- labels: headings and list items that name an indicator

@dataclass(frozen=True, slots=True)
class _Label:
    line: int
    number: int | None           # "Indikator Kinerja ke-N"
    indicator: Indicator | None  # the one indicator it names (None: none or several)
    run: int                     # labels numbered 1, 2, 3 ... form a run


@dataclass(slots=True)
class _Labels:
    labels: list[_Label] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    #: (run, number) -> indices of the labels of that run with that number, ascending
    numbered: dict[tuple[int, int], list[int]] = field(default_factory=dict)


def _is_label(text: str) -> bool:
    """Short enough for a label; whether it is one depends on what it names (see
    :func:`_label_words`)."""
    s = text.strip()
    return 0 < len(s) <= _LABEL_MAX and not s.endswith((":", ";", "?", "!"))


def _parens_re() -> re.Pattern[str]:
    return _rx(r"\([^()]*\)")

_LABEL_WORDS = frozenset(("indikator", "kinerja", "utama", "ke", "sasaran", "tujuan"))


def _label_like(text: str, indicator: Indicator | None) -> bool:
    """A label: no closing mark, or (closed with a period) nothing but the indicator's name,
    its number and at most one other word ("Rasio Linmas per RT (...).", not "Nilai SAKIP
    Kecamatan dibahas berikut.")."""
    s = text.strip()
    if not s.endswith("."):
        return True
    if indicator is None:
        return False
    core = _parens_re().sub(" ", s)
    words = [w for w in _sentence_words(core) if not w.isdigit()]
    extra = [w for w in words
             if w not in indicator.key and w not in _stop() and w not in _LABEL_WORDS]
    return len(extra) <= 1


def _labels(doc: Document) -> _Labels:
    def build(d: Document) -> _Labels:
        cat = catalogue(d)
        heading_lines = {h.line for h in d.headings}
        items: list[tuple[int, str]] = [(h.line, h.text) for h in d.headings]
        items += [(p.start_line, p.text) for p in d.paragraphs if _is_label(p.text)]
        items.sort()
        out = _Labels()
        run, last_number = 0, 0
        for line, text in items:
            heading = line in heading_lines
            if not heading and "ndikator" not in text and not any(
                    w.lower() in cat.raw_words for w in _WORD.findall(text)):
                continue   # names nothing the catalogue knows, numbers no indicator
            m = _ordinal_re().search(text)
            number = None
            if m is not None and m.start() <= 12:
                number = int(m.group(1)) if m.group(1) else _ORDINAL_WORDS[m.group(2).lower()]
            found, partial = _naming(cat, text)
            indicator = found[0] if len(found) == 1 and not partial else None
            if not heading and not _label_like(text, indicator):
                continue
            if number is None and indicator is None:
                if heading:
                    # a heading naming nothing: ends what labels say
                    out.labels.append(_Label(line, None, None, run))
                    out.lines.append(line)
                continue
            if number is not None:
                if number <= last_number:
                    run += 1
                last_number = number
            if number is not None:
                out.numbered.setdefault((run, number), []).append(len(out.labels))
            out.labels.append(_Label(line, number, indicator, run))
            out.lines.append(line)
        return out
    return doc.memo("links.labels", build)


def _label_before(doc: Document, line: int) -> tuple[int, _Labels]:
    """Index (in the labels) of the last label before ``line``, and the labels."""
    labels = _labels(doc)
    return bisect.bisect_left(labels.lines, line) - 1, labels


def _ordinal_link(doc: Document, sentence: str, line: int) -> tuple[bool, Link | None]:
    """(whether the sentence numbers an indicator, the link by that number)."""
    numbers = set()
    for m in _ordinal_re().finditer(sentence):
        numbers.add(int(m.group(1)) if m.group(1) else _ORDINAL_WORDS[m.group(2).lower()])
    if not numbers:
        return False, None
    if len(numbers) != 1:
        return True, None
    (number,) = numbers
    k, labels = _label_before(doc, line)
    if k < 0:
        return True, None
    # the last label of the same run before the line with that number
    same = labels.numbered.get((labels.labels[k].run, number), [])
    j = bisect.bisect_right(same, k) - 1
    if j < 0:
        return True, None
    lab = labels.labels[same[j]]
    if lab.indicator is None:
        return True, None
    return True, Link(lab.indicator, "context", lab.line, "ordinal")


def _label_link(doc: Document, at: int) -> Link | None:
    """The indicator of the label a paragraph stands under (at most three paragraphs below
    it, no heading or table between, no other label between)."""
    paras = doc.paragraphs
    para = paras[at]
    k, labels = _label_before(doc, para.start_line)
    if k < 0:
        return None
    lab = labels.labels[k]
    if lab.indicator is None:
        return None
    index = _paragraph_index(doc)
    lab_at = index.get(lab.line)
    if lab_at is not None:
        if at - lab_at > _LOOKBACK:
            return None
    else:   # a heading: count the paragraphs since it
        first = bisect.bisect_right(doc.paragraph_lines(), lab.line)
        if at - first >= _LOOKBACK:
            return None
    # (boundaries at the label's own line are passed over by _between)
    if _between(_boundaries(doc), lab.line, para.start_line):
        return None
    # a paragraph between that names something (fully or partly) takes over
    if lab_at is not None:
        cat = catalogue(doc)
        for j in range(lab_at + 1, at):
            found, partial = _naming(cat, paras[j].text)
            if found or partial:
                return None
    return Link(lab.indicator, "context", lab.line, "label")


def context_of(
    doc: Document, paragraph_line: int, sentence_number: int
) -> Link | None:
    """The indicator a sentence naming none refers to by context (see module doc); once per
    sentence (each value of a sentence asks: a long sentence with many values would be
    searched again for each)."""
    known: dict[tuple[int, int], Link | None] = doc.memo("links.context", lambda d: {})
    key = (paragraph_line, sentence_number)
    if key not in known:
        known[key] = _context_of(doc, paragraph_line, sentence_number)
    return known[key]


def _context_of(
    doc: Document, paragraph_line: int, sentence_number: int
) -> Link | None:
    from sakiplint.read.prose import sentence_spans

    index = _paragraph_index(doc)
    at = index.get(paragraph_line)
    if at is None:
        return None
    paras = doc.paragraphs
    para = paras[at]
    spans = sentence_spans(para.text)
    if sentence_number >= len(spans):
        return None
    a, b = spans[sentence_number]
    sentence = para.text[a:b]
    anaphoric = _ANAPHORA.search(sentence) is not None
    continuing = sentence_number == 0 and sentence.lstrip()[:1].islower()
    cat = catalogue(doc)
    if not (anaphoric or continuing):
        if _other_subject_re().search(sentence):
            return None
        # the paragraph's lead sentence names or numbers one indicator
        if sentence_number > 0:
            lead = para.text[spans[0][0]:spans[0][1]]
            found, partly = _naming_parts(cat, lead)
            if len(found) == 1 and not partly:
                return Link(found[0], "context", para.start_line, "lead")
            if found:
                return None
            numbered, by_number = _ordinal_link(doc, lead, para.start_line)
            if numbered:
                return by_number
            if partly:
                return None
        if para.kind == "list_item":
            decided, by_intro = _list_intro_link(doc, at)
            if decided:
                return by_intro
        return _label_link(doc, at)
    # earlier sentences of the paragraph, nearest first
    for a2, b2 in reversed(spans[:sentence_number]):
        decided, found = _decide(cat, para.text[a2:b2], para.start_line)
        if decided:
            return found
    bounds = _boundaries(doc)
    for back in range(1, _LOOKBACK + 1):
        j = at - back
        if j < 0:
            return None
        prev: Paragraph = paras[j]
        if _between(bounds, prev.end_line, paras[j + 1].start_line):
            heading = _heading_between(doc, prev.end_line, paras[j + 1].start_line)
            if heading is not None and not _between(bounds, heading.line,
                                                    paras[j + 1].start_line):
                decided, found = _decide(cat, heading.text, heading.line)
                if decided:
                    return found
            return None
        all_spans = prev_spans = sentence_spans(prev.text)
        if not anaphoric:
            # a broken sentence continues the last sentence of the paragraph before, when
            # that one is unfinished (no closing mark); a fragment alone in its paragraph
            # may itself continue an earlier one
            if prev.text.rstrip()[-1:] in (".", "!", "?") or not prev_spans:
                return None
            prev_spans = prev_spans[-1:]
        for a2, b2 in reversed(prev_spans):
            decided, found = _decide(cat, prev.text[a2:b2], prev.start_line)
            if decided:
                return found
        if not anaphoric and len(all_spans) > 1:
            return None
    return None


#: list items looked back over to the paragraph introducing the list
_LIST_LOOKBACK = 12


def _list_intro_link(doc: Document, at: int) -> tuple[bool, Link | None]:
    """(whether the list item stands under an introducing paragraph, the one indicator that
    paragraph names): a list introduced by a paragraph ending with a colon ("... indikator
    kinerja persentase X mengalami keberhasilan. Adapun penyebabnya antara lain:") speaks
    of what the introduction names, as long as no item before names something else and no
    heading or table stands between."""
    paras = doc.paragraphs
    cat = catalogue(doc)
    bounds = _boundaries(doc)
    j = at
    for _ in range(_LIST_LOOKBACK):
        if j == 0:
            return False, None
        prev = paras[j - 1]
        if _between(bounds, prev.end_line, paras[j].start_line):
            return False, None
        if prev.kind != "list_item":
            if not prev.text.rstrip().endswith(":"):
                return False, None
            found, partly = _naming_parts(cat, prev.text)
            if len(found) == 1 and not partly:
                return True, Link(found[0], "context", prev.start_line, "lead")
            return bool(found or partly), None
        found, partly = _naming_parts(cat, prev.text)
        if found or partly:
            return True, None
        j -= 1
    return False, None


def _decide(cat: Catalogue, text: str, line: int) -> tuple[bool, Link | None]:
    found, partial = _naming(cat, text)
    if partial:
        return True, None
    if not found:
        return False, None
    if len(found) == 1:
        return True, Link(found[0], "context", line, "anaphora")
    return True, None


def _indikator_re() -> re.Pattern[str]:
    return _rx(r"\bindikator\b", re.I)


def _number_re() -> re.Pattern[str]:
    return _rx(r"\d[\d.,]*")



def link(
    doc: Document, sentence: str, paragraph_line: int, sentence_number: int,
    value_at: int | None = None,
) -> Link | None:
    """The one indicator a sentence speaks of: named in it, else numbered, else by context;
    None when there is none or more than one. A sentence naming several indicators links
    the value at ``value_at`` (its offset in the sentence) to the one indicator named
    between the value before it and the value ("... kegiatan fisik sebesar 100% dan
    Persentase realisasi Keuangan sebesar 92 %")."""
    cat = catalogue(doc)
    found, partly = _naming_parts(cat, sentence)
    if len(found) == 1 and not partly:
        return Link(found[0], "sentence", paragraph_line)
    if found:
        if value_at is None:
            return None
        start = 0
        for m in _number_re().finditer(sentence, 0, value_at):
            if m.end() < value_at:
                start = m.end()
        near, near_partly = _naming_parts(cat, sentence[start:value_at])
        if len(near) == 1 and not near_partly:
            return Link(near[0], "sentence", paragraph_line, "clause")
        if len(near) > 1:
            # the words after the last "indikator" before the value name the indicator
            # ("Sasaran “Meningkatnya Pembangunan Sarpras” dengan indikator kinerja Nilai
            # Kepuasan Layanan Prasarana tercapai 122%": the sasaran's words name no other)
            last = None
            for m in _indikator_re().finditer(sentence, start, value_at):
                last = m
            if last is not None:
                named, named_partly = _naming_parts(cat, sentence[last.end():value_at])
                if len(named) == 1 and not named_partly:
                    return Link(named[0], "sentence", paragraph_line, "clause")
        return None
    numbered, by_number = _ordinal_link(doc, sentence, paragraph_line)
    if numbered:
        # the report's own number decides, whatever other name the sentence names partly
        return by_number
    by_context = context_of(doc, paragraph_line, sentence_number)
    # a sentence naming its context's own indicator partly ("anggota Linmas ... setiap RT"
    # under "Rasio Linmas per RT") still speaks of it
    return by_context if by_context is None or _only(partly, by_context) else None


def _only(partly: list[Indicator], found: Link) -> bool:
    return all(e is found.indicator for e in partly)


# --------------------------------------------------------------------------- cited tables

def cited_table(doc: Document, paragraph_line: int) -> Table | None:
    """The table a paragraph is judged against: the one it cites ("berdasarkan tabel 3.6
    di atas", "dari tabel tersebut"), or that an earlier paragraph of its section cites (at
    most three paragraphs back, no heading or table between). A numbered citation names the
    last table before with that caption number; an unnumbered one the table right above."""
    known: dict[int, Table | None] = doc.memo("links.cited", lambda d: {})
    if paragraph_line not in known:
        known[paragraph_line] = _cited_table(doc, paragraph_line)
    return known[paragraph_line]


def _cited_table(doc: Document, paragraph_line: int) -> Table | None:
    index = _paragraph_index(doc)
    at = index.get(paragraph_line)
    if at is None:
        return None
    paras = doc.paragraphs
    bounds = _boundaries(doc)
    for back in range(0, _LOOKBACK + 1):
        j = at - back
        if j < 0:
            return None
        if back and _between(bounds, paras[j].end_line, paras[j + 1].start_line):
            return None
        text = paras[j].text
        m = _cites_re().search(text) if "abel" in text or "ABEL" in text else None
        if m is None:
            continue
        return _table_cited(doc, paras[j], m.group(1))
    return None


def _table_cited(doc: Document, para: Paragraph, number: str | None) -> Table | None:
    """The last table (not skipped) ending before the paragraph: with ``number``, the last
    with that caption number."""
    ends, tables, numbered = _tables_by_end(doc)
    if number is not None:
        ends, tables = numbered.get(re.sub(r"\s+", "", number), ([], []))
    k = bisect.bisect_left(ends, para.start_line) - 1
    if k < 0:
        return None
    table = tables[k]
    if number is None and _between(_headings(doc)[1], table.end_line, para.start_line):
        return None
    return table


_Ends = tuple[list[int], list["Table"]]


def _tables_by_end(doc: Document) -> tuple[list[int], list[Table], dict[str, _Ends]]:
    """The tables that are not skipped, in order, with their end lines; and the same per
    caption number (once per document: every citing paragraph asks)."""
    def build(d: Document) -> tuple[list[int], list[Table], dict[str, _Ends]]:
        # (tables follow each other: their end lines rise; sorted to be sure of it)
        kept = sorted((t for t in d.tables if not t.skipped), key=lambda t: t.end_line)
        numbered: dict[str, _Ends] = {}
        for t in kept:
            key = re.sub(r"\s+", "", t.caption_number or "").strip(".")
            ends, tables = numbered.setdefault(key, ([], []))
            ends.append(t.end_line)
            tables.append(t)
        return [t.end_line for t in kept], kept, numbered
    return doc.memo("links.tables_by_end", build)
