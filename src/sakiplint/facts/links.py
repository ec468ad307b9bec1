"""Which indicator a sentence speaks of: links from running text to the tables.

The tables' indicators (from :mod:`sakiplint.facts.identity`: every target / realisasi / capaian
value of a named indicator for a known year, in any table kind) form a *catalogue*. Each
entry is named by its distinguishing words (the normalised name without generic words such
as "persentase", "indeks", "kinerja") and by the abbreviation its name gives in parentheses
("Indeks Kepuasan Masyarakat (IKM)").

A sentence is linked to an indicator in two ways:

* **by name** (:func:`named_in`): all the distinguishing words of exactly one indicator
  appear in the sentence, or its abbreviation does. Where one matching name contains
  another ("Persentase keluhan masyarakat" inside "Persentase keluhan masyarakat yang
  ditindaklanjuti"), the longer one is meant.
* **by context** (:func:`context_of`): a sentence that names no indicator but refers back to
  one ("indikator ini", "indikator tersebut", "pada indikator ini") is linked to the
  indicator named by the nearest earlier sentence of its paragraph, else of the preceding
  paragraphs (at most three, not across a heading or a table; a heading that names an
  indicator counts). A sentence broken over paragraphs by the converter (the paragraph
  starts in lower case and the one before ends without a closing mark) is linked to the
  indicator named by the unfinished sentence it continues (walking back through fragments
  that stand alone in their paragraphs). The first naming sentence found decides: when it
  names more than one indicator, there is no link.

A sentence that names an indicator only partly (two or more of its words, but not all) is
taken as naming something the catalogue does not know: it is linked neither by name nor by
context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakiplint.model import Cell, Document, Heading, Paragraph

__all__ = ["Catalogue", "Indicator", "Link", "catalogue", "context_of", "link", "named_in"]

MEMO_KEY = "links.catalogue"

#: words that do not tell one indicator from another
STOP = frozenset((
    "nilai", "indeks", "skor", "persentase", "jumlah", "tingkat", "angka", "rasio", "cakupan",
    "yang", "dan", "di", "dalam", "pada", "dari", "untuk", "ke", "oleh", "atau", "dengan",
    "serta", "terhadap", "bagi", "se", "kecamatan", "kelurahan", "desa", "perangkat",
    "daerah", "pd", "opd", "skpd", "kota", "kabupaten", "indikator", "kinerja", "program",
    "kegiatan", "sasaran", "utama", "iku", "tahun",
))
_WORD = re.compile(r"[A-Za-z0-9]+")
_PAREN = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9.\- ]{1,15}?)\s*\)")
#: an abbreviation: three or more letters, at least two of them capitals ("IKM", "IPMas")
_ABBREV = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{3,}$")
_ANAPHORA = re.compile(r"\b(?:indikator|sasaran)\s+(?:kinerja\s+)?(?:ini|tersebut)\b", re.I)
_LOOKBACK = 3


def _norm_words(text: str) -> list[str]:
    from sakiplint.facts.identity import normalise

    return normalise(text).split()


def _abbreviations(text: str) -> set[str]:
    return {
        a.replace(" ", "").lower() for a in _PAREN.findall(text)
        if _ABBREV.match(a.replace(" ", "").replace(".", ""))
    }


@dataclass(slots=True)
class Indicator:
    """One indicator of the tables, with its values by (role, year)."""

    key: frozenset[str]                    # distinguishing words
    name: str                              # as printed in its first table
    abbreviations: set[str] = field(default_factory=set)
    #: the indicator's table rows: (table index, row line) -> {(role, year): cell}
    rows: dict[tuple[int, int], dict[tuple[str, int], Cell]] = field(default_factory=dict)


@dataclass(slots=True)
class Catalogue:
    by_word: dict[str, list[Indicator]] = field(default_factory=dict)
    by_abbreviation: dict[str, list[Indicator]] = field(default_factory=dict)


def _build(doc: Document) -> Catalogue:
    from sakiplint.facts.identity import identity

    entries: dict[frozenset[str], Indicator] = {}
    for (_key, kind, year), occs in identity(doc).values.items():
        for occ in occs:
            words = _norm_words(occ.name.text)
            key = frozenset(w for w in words if w not in STOP and not w.isdigit())
            if not key:
                continue
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = Indicator(key, occ.name.text)
            entry.abbreviations |= _abbreviations(occ.name.text)
            row = entry.rows.setdefault((occ.table.index, occ.row.line), {})
            if year is not None:
                row.setdefault((kind, year), occ.cell)
    out = Catalogue()
    for entry in entries.values():
        # one ordinary word does not name an indicator (its abbreviation still may)
        if len(entry.key) >= 2 or _single_acronym(entry):
            for w in entry.key:
                out.by_word.setdefault(w, []).append(entry)
        for a in entry.abbreviations:
            out.by_abbreviation.setdefault(a, []).append(entry)
    # an abbreviation shared by indicators with different names names none of them
    out.by_abbreviation = {a: es for a, es in out.by_abbreviation.items() if len(es) == 1}
    return out


def _single_acronym(entry: Indicator) -> bool:
    """A one-word key that is itself an acronym in the name ("Nilai SAKIP")."""
    (word,) = entry.key
    return any(w.lower() == word and _ABBREV.match(w) for w in _WORD.findall(entry.name))


def catalogue(doc: Document) -> Catalogue:
    return doc.memo(MEMO_KEY, _build)


def _naming(cat: Catalogue, sentence: str) -> tuple[list[Indicator], bool]:
    """(indicators the sentence names, whether it also names an indicator only partly: two
    or more of its words, not all, and not words of the indicators it names fully)."""
    words = set(_norm_words(sentence))
    hits: dict[int, tuple[Indicator, set[str]]] = {}
    for w in words:
        for entry in cat.by_word.get(w, ()):
            hits.setdefault(id(entry), (entry, set()))[1].add(w)
    full = [e for e, got in hits.values() if got == e.key]
    for t in _WORD.findall(sentence):
        if _ABBREV.match(t):
            for entry in cat.by_abbreviation.get(t.lower(), ()):
                if all(entry is not f for f in full):
                    full.append(entry)
    # the longer of two nested names is meant
    full = [e for e in full if not any(e.key < f.key for f in full)]
    covered: set[str] = set().union(*(f.key for f in full)) if full else set()
    partial = any(
        len(got) >= 2 and got != e.key and not got <= covered for e, got in hits.values()
    )
    return full, partial


def named_in(doc: Document, sentence: str) -> list[Indicator] | None:
    """The indicators a sentence names; None when it names one only partly."""
    found, partial = _naming(catalogue(doc), sentence)
    return None if partial else found


@dataclass(frozen=True, slots=True)
class Link:
    indicator: Indicator
    how: str             # "sentence" or "context"
    line: int            # where the naming text is (the sentence's paragraph, or earlier)


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
    from bisect import bisect_right

    i = bisect_right(bounds, first)
    return i < len(bounds) and bounds[i] < last


def _heading_between(doc: Document, first: int, last: int) -> Heading | None:
    hs = [h for h in doc.headings if first < h.line < last]
    return hs[-1] if hs else None


def context_of(
    doc: Document, paragraph_line: int, sentence_number: int
) -> Link | None:
    """The indicator an anaphoric or continuing sentence refers to (see module doc)."""
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
    if not (anaphoric or continuing):
        return None
    cat = catalogue(doc)
    # earlier sentences of the paragraph, nearest first
    for a2, b2 in reversed(spans[:sentence_number]):
        decided, link = _decide(cat, para.text[a2:b2], para.start_line)
        if decided:
            return link
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
                decided, link = _decide(cat, heading.text, heading.line)
                if decided:
                    return link
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
            decided, link = _decide(cat, prev.text[a2:b2], prev.start_line)
            if decided:
                return link
        if not anaphoric and len(all_spans) > 1:
            return None
    return None


def _decide(cat: Catalogue, text: str, line: int) -> tuple[bool, Link | None]:
    found, partial = _naming(cat, text)
    if partial:
        return True, None
    if not found:
        return False, None
    if len(found) == 1:
        return True, Link(found[0], "context", line)
    return True, None


def link(
    doc: Document, sentence: str, paragraph_line: int, sentence_number: int
) -> Link | None:
    """The one indicator a sentence speaks of: named in it, else by context; None when
    there is none or more than one."""
    found = named_in(doc, sentence)
    if found is None:
        return None
    if len(found) == 1:
        return Link(found[0], "sentence", paragraph_line)
    if found:
        return None
    return context_of(doc, paragraph_line, sentence_number)
