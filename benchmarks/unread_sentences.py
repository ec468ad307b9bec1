"""Sentences that state numbers and that no claim reads.

    python benchmarks/unread_sentences.py [--list] [REPORT ...]

A sentence of the prose "states numbers" when it holds a value (a number, percentage or Rupiah
amount; not a year, an ordinal "ke-2", a date's day, or the number of a regulation, table,
chapter ...). It is *read* when at least one of its values is taken by a claim that sakiplint
judges: a capaian / budget / breakdown / change / derived-percentage / efficiency claim, a
stated target / realisasi / capaian (a list item's value with no role word: when the item
names one indicator), a count, a verdict, or a budget amount with a role. The
count of unread sentences measures how much of the prose the claims grammar leaves unread;
``tests/test_unread_sentences.py`` keeps it from growing back. Default: the corpus reports in
``../shared/corpus``; ``--list`` prints each unread sentence with its line and token codes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: words right before a number that make it a label, not a value
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:nomor|no|pasal|ayat|bab|tabel|table|gambar|grafik|lampiran|tanggal|tgl|pp|uu|"
    r"perda|perbup|perwali|permendagri|permenpan|huruf|angka|poin|butir|lantai|jam|pukul|"
    r"rt|rw|kode|versi|tahap|sesi|ruang|nip|telp|telepon|fax|pos|sasaran|tujuan|misi|"
    r"indikator)\.?|[/:])\s*$",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(
    r"^\s*(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"nopember|november|desember)\b",
    re.IGNORECASE,
)


def _value_tokens(sentence: str, base: int) -> list[int]:
    """Offsets (in the paragraph text) of the values a sentence states."""
    from sakiplint.facts.claims import tokenize

    out: list[int] = []
    if _NIP.search(sentence) or _ONLY_NUMBER.match(sentence):
        return out   # a signature's NIP line; a section number standing alone
    for t in tokenize(sentence, base):
        if t.value is None:
            continue
        at = t.start - base
        if _LABEL_BEFORE.search(sentence[max(0, at - 16):at]):
            continue
        if _MONTH_AFTER.match(sentence[at + len(t.text):at + len(t.text) + 12]):
            continue
        if _ENUMERATION.match(sentence, max(0, at - 1)) and (
                at <= 1 or sentence[at - 1] == "(") and not sentence[:max(0, at - 1)].strip():
            continue   # "(1) ...", "1) ...": the sentence's list number
        if t.text.isdigit() and len(t.text) >= 8:
            continue   # an identifier (NIP, telephone)
        out.append(t.start)
    return out


def read_positions(doc: object) -> set[tuple[int, int]]:
    """(line, column) of every value a claim of the document reads."""
    from sakiplint.facts.budget_links import budget_links
    from sakiplint.facts.claims import claims_of
    from sakiplint.facts.counts import counts_of
    from sakiplint.facts.links import named_in

    out: set[tuple[int, int]] = set()
    claims = claims_of(doc)  # type: ignore[arg-type]
    out |= claims.read
    # a list item's bare value is read when its sentence names one indicator
    for sv in claims.stated:
        if sv.bare and len(named_in(doc, sv.sentence) or ()) == 1:  # type: ignore[arg-type]
            out.add((sv.value.line, sv.value.column))
    for c in counts_of(doc).claims:  # type: ignore[arg-type]
        out.add((c.line, c.column))
    from sakiplint.facts.verdicts import verdicts_of

    verdicts = verdicts_of(doc)  # type: ignore[arg-type]
    out |= {(a.line, a.column) for a in verdicts.averages}
    out |= {(c.line, c.column) for c in verdicts.counts}
    for a in budget_links(doc).amounts:  # type: ignore[arg-type]
        out.add((a.value.line, a.value.column))
    return out


def unread(doc: object) -> list[tuple[int, str]]:
    """(first line, sentence) of every number-stating sentence no claim reads."""
    from sakiplint.facts.claims import Value, locate, sentences

    read = read_positions(doc)
    out: list[tuple[int, str]] = []
    for para in doc.paragraphs:  # type: ignore[attr-defined]
        if not any(ch.isdigit() for ch in para.text):
            continue
        for base, sentence in sentences(para.text):
            offsets = _value_tokens(sentence, base)
            if not offsets:
                continue
            # locate needs the printed text: each value's digit run
            probe = [Value(_digits_at(para.text, o), "number", (), o) for o in offsets]
            placed = locate(probe, para, doc.lines)  # type: ignore[attr-defined]
            if any((v.line, v.column) in read for v in placed):
                continue
            line = next((v.line for v in placed if v.column > 1), para.start_line)
            out.append((line, " ".join(sentence.split())))
    return out


_NIP = re.compile(r"\bNIP\b")
_ONLY_NUMBER = re.compile(r"^\s*[\d.,]+\s*$")
_ENUMERATION = re.compile(r"\(?\d{1,2}\)")
_DIGITS = re.compile(r"\d[\d.,]*\d|\d")


def _digits_at(text: str, offset: int) -> str:
    m = _DIGITS.match(text, offset)
    return m.group() if m else text[offset:offset + 1]


def count_unread(path: Path) -> list[tuple[int, str]]:
    from sakiplint.engine.lint import lint_text

    doc, _ = lint_text(path.read_text(encoding="utf-8"), rules=[], path=str(path))
    return unread(doc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reports", nargs="*", type=Path)
    ap.add_argument("--list", action="store_true", help="print every unread sentence")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    reports = args.reports or sorted(
        p for p in (ROOT.parent / "shared" / "corpus").glob("*.md")
        if p.name.lower() != "readme.md")
    total = 0
    for path in reports:
        found = count_unread(path)
        total += len(found)
        print(f"{path.name}: {len(found)} unread number-stating sentences")
        if args.list:
            from sakiplint.facts.claims import tokenize

            for line, sentence in found:
                code = "".join(t.code for t in tokenize(sentence))
                print(f"  {line}: [{code}] {sentence[:300]}")
    print(f"total {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
