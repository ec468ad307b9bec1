"""Messages in one language: every rule's examples, linted through the command line in
Indonesian and in English, say nothing in the other language and no internal name.

What sakiplint writes is told from the report's own words (which stay as the report wrote
them: a caption, a header, a row label, a quoted fragment) by removing those from the output
before looking: quoted spans, and every caption, column header and cell text of the example's
tables. What remains is sakiplint's, and must not hold a word of the other language's short
list below nor an internal name. The message templates are checked on their own too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sakiplint.cli import main
from sakiplint.engine import all_rules, iter_examples
from sakiplint.engine.suppress import UNUSED_RULE
from sakiplint.read.parse import parse_document
from sakiplint.read.source import Source

#: Indonesian words sakiplint must not write in English output
_INDONESIAN = """
tahun baris tabel kolom sesudah setelah sebelum perubahan seharusnya terkait bagian nilai
skala pertama tanggal lain awal periode dilewati catatan bukti lampiran ditandatangani tahap
dan dengan untuk yang tidak tetapi padahal dalam sama jumlah anggaran survei temuan berkas
judul kepala tanpa di ke dari pada rincian kalimat atau bulan tidak ada sebagai
januari februari maret mei juni juli agustus oktober desember
"""
INDONESIAN = frozenset(_INDONESIAN.split())
#: English words sakiplint must not write in Indonesian output (the severity names error,
#: warning, info are identifiers, the same in both languages, as in --fail-on)
_ENGLISH = """
the of and is are stage table row rows column columns line lines expected related year years
before after revision budget spending value first other date skipped note found file files
none untitled unnamed period part total scale same figures should but not differs from with
in on finding findings where while
january february march may june july august october december
"""
ENGLISH = frozenset(_ENGLISH.split())
OTHER = {"id": ENGLISH, "en": INDONESIAN}
#: internal names: a role or stage key, an unfilled placeholder, an empty label
INTERNAL = (
    re.compile(r"\bpk\b"), re.compile(r"\b[a-z]+_[a-z_]+\b"), re.compile(r"\btahap -"),
    re.compile(r"\bstage -"), re.compile(r"\bNone\b"), re.compile(r"\{\w*\}"),
    re.compile(r'""'), re.compile(r"(?<!\w)''"),
)

_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|(?<![\w])\'[^\'\n]*\'(?![\w])')
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TOKEN = re.compile(r"[\w.,%-]+")
_CUT = re.compile(r"([^:\n\"]+)…")
# the source snippet of the text output (report text): "   123 | ..." and "        | ^^^"
_SNIPPET = re.compile(r"^\s+\d+ \| |^\s+\| ")

RULES = [*all_rules(), UNUSED_RULE]


def report_strings(text: str) -> list[str]:
    """The report's own words in its tables: captions, headers, cell texts (longest first)."""
    doc = parse_document(Source(path="<example>", text=text, encoding="utf-8"))
    found: set[str] = set()
    for t in doc.tables:
        found.update(s for s in (t.caption, t.title) if s)
        if t.caption_number:  # the report's name of its table: "Tabel 3.1"
            found.add(f"Tabel {t.caption_number}")
        found.update(c.header for c in t.columns if c.header)
        for r in t.rows:
            found.update(c.text for c in r.cells if c.text)
            if r.label:
                found.add(r.label)
    return sorted((s for s in found if len(s) >= 3), key=len, reverse=True)


def sakiplint_words(line: str, report: list[str], text: str = "") -> str:
    """A line of output without the report's own words: quoted spans, the texts of its
    tables (also cut short with "…"), and any run of two or more words (numbers included)
    that the report ``text`` holds as it is."""
    out = _QUOTED.sub(" ", line)
    for s in report:
        if s in out:
            out = re.sub(rf"(?<!\w){re.escape(s)}(?!\w)", " ", out)
    for m in reversed(list(_CUT.finditer(out))):
        head = m.group(1).strip()
        if len(head) >= 3 and any(s.startswith(head) for s in report):
            out = out[:m.start(1)] + " " + out[m.end():]
    if text:
        tokens = list(_TOKEN.finditer(out))
        drop: set[int] = set()
        for i in range(len(tokens)):
            for j in range(len(tokens) - 1, i, -1):
                if out[tokens[i].start():tokens[j].end()] in text:
                    drop.update(range(i, j + 1))
                    break
        for i in sorted(drop, reverse=True):
            out = out[:tokens[i].start()] + " " * len(tokens[i].group(0)) + out[tokens[i].end():]
    return out


def leaks(text: str, lang: str) -> list[str]:
    found = [w for w in _WORD.findall(text) if w.lower() in OTHER[lang]]
    found += [m.group(0) for rx in INTERNAL for m in rx.finditer(text)]
    return found


def test_word_lists_catch_what_they_should() -> None:
    """The checker itself: the leaks the issue names are caught, the report's words are not."""
    report = ["Sesudah Perubahan", "Tabel 3.1 Capaian Kinerja Tahun 2024"]
    assert leaks(sakiplint_words('"5 tahun" does not fit: should be 8 tahun', report), "en")
    assert leaks("differs from tabel baris 1330: 105,61%", "en")
    assert leaks("1.000 (sesudah perubahan)", "en")
    assert leaks("(tahap -)", "id") and leaks("Tabel 2.1 (pk): 82,50", "id")
    assert leaks("signed 9 Maret 2024; expected ≥ 1 Oktober 2024", "en")
    assert leaks('Difference in "" is not', "en")
    assert leaks("Capaian tidak sama dengan realisasi (expected 5)", "id")
    assert not leaks(sakiplint_words(
        'Sesudah Perubahan: 1.250.000 in Tabel 3.1 Capaian Kinerja Tahun 2024 "tahun ke-2"',
        report), "en")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_templates_in_one_language(rule) -> None:
    for lang in ("id", "en"):
        tpl = rule.message[lang]
        text = _QUOTED.sub(" ", re.sub(r"\{\w+\}", " ", tpl))
        assert not leaks(text, lang), (rule.code, lang, tpl, leaks(text, lang))


def _examples() -> list[tuple[str, int, str, list[str]]]:
    out = []
    for rule in RULES:
        for i, (kind, report, codes) in enumerate(iter_examples(rule)):
            if kind == "fail":
                out.append((rule.code, i, report, sorted({*codes, rule.code})))
    return out


@pytest.mark.parametrize(("code", "index", "report", "codes"), _examples(),
                         ids=lambda v: v if isinstance(v, str) and len(v) < 8 else "")
@pytest.mark.parametrize("lang", ["id", "en"])
def test_examples_in_one_language(
    code: str, index: int, report: str, codes: list[str], lang: str, tmp_path: Path
) -> None:
    path = tmp_path / "laporan.md"
    path.write_text(report, "utf-8")
    args = ["check", "--isolated", "--lang", lang, str(path)]
    if code == UNUSED_RULE.code:
        args[1:1] = ["--report-unused-suppressions", "--select",
                     ",".join(c for c in codes if c != code) or "ALL"]
    else:
        args[1:1] = ["--select", ",".join(codes)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert code in result.stdout
    own = report_strings(report)
    bad: list[tuple[str, list[str]]] = []
    for line in result.stdout.splitlines():
        if _SNIPPET.match(line):
            continue
        line = line.replace(str(path), "laporan.md")
        found = leaks(sakiplint_words(line, own, report), lang)
        if found:
            bad.append((line, found))
    assert not bad, "\n".join(f"{found}: {line}" for line, found in bad)


def _fixture_reports() -> list[Path]:
    from conftest import FIXTURES

    return sorted((FIXTURES / "reports").glob("*.md")) + sorted(
        (FIXTURES / "examples").glob("*.md"))


@pytest.mark.parametrize("report", _fixture_reports(), ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_fixture_reports_in_one_language(report: Path, lang: str) -> None:
    """Whole reports reach more of sakiplint's phrasing (budget stages, tables without a
    caption number, signatures) than the rules' short examples."""
    text = report.read_text("utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--lang", lang, str(report)],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.output
    own = report_strings(text)
    bad = []
    for line in result.stdout.splitlines():
        if _SNIPPET.match(line):
            continue
        line = line.replace(str(report), report.name)
        found = leaks(sakiplint_words(line, own, text), lang)
        if found:
            bad.append((line, found))
    assert not bad, "\n".join(f"{found}: {line}" for line, found in bad)
