"""Fuzz inputs derived from real reports, and the check every input must pass.

Shared by the suite's hypothesis test (``tests/test_fuzz.py``, which drives the generators
with a hypothesis-controlled ``random.Random``) and the long run (``benchmarks/fuzz.py``).
Inputs: windows of corpus lines mutated (characters, numbers, separators, markup, suppression
comments), generated tables (TAB, pipe and HTML, every notation) and sentences, and random
bytes. The corpus is ``../shared/corpus`` (and ``corpus-plain``) when present, else the
project's own fixtures and rule examples.

:func:`check` lints one input with every rule (on by default or not), applies the inline
suppressions, renders every output format, and raises :class:`Failure` on a crash (a rule that
raised counts). Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


#: the largest input made (the largest real report is 144 KB): the 2 s limit is for reports
MAX_INPUT = 150_000


class Failure(Exception):
    """An input that crashed sakiplint (the message says where)."""


# --------------------------------------------------------------------------- seeds

@cache
def seed_texts() -> tuple[str, ...]:
    """The texts the inputs are derived from."""
    texts: list[str] = []
    for folder in (SHARED / "corpus", SHARED / "corpus-plain"):
        if folder.is_dir():
            texts += [p.read_text("utf-8", errors="replace") for p in sorted(folder.glob("*.md"))
                      if p.name.lower() != "readme.md"]
    if not texts:
        texts += [p.read_text("utf-8") for p in sorted((ROOT / "fixtures").rglob("*.md"))]
        from sakiplint.engine.rules import all_rules

        texts += [ex["report"] for r in all_rules() for ex in r.examples]
    return tuple(texts)


@cache
def seed_lines() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(t.split("\n")) for t in seed_texts())


# --------------------------------------------------------------------------- pieces

_NUMBERS = ("0", "00", "1", "7", "12", "100", "100,00", "99,5", "1.000", "1,000", "12.345.678",
            "12,345,678.90", "250.000.000,00", "0,5", ".5", "5,", "-3", "(1.250)", "1.2.3",
            "1,2,3", "9" * 29, "1" + "0" * 40, "0," + "0" * 35 + "1", "1" * 400, "3e5",
            "NaN", "Infinity", "#DIV/0!", "#REF!", "-", "–", "Rp 1.000.000,-", "120 %",
            "1/2", "2023", "2019-2024", "IV", "B", "٣", "１２３")
_WORDS = ("Indikator", "Target", "Realisasi", "Capaian", "Anggaran", "Pagu", "Serapan",
          "Jumlah", "Total", "Rata-rata", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan",
          "Tahun 2023", "Tahun 2024", "Realisasi 2022", "Target 2024", "(%)", "(Rp)",
          "Efisiensi", "Rasio", "Sisa", "Keterangan", "Sangat Baik", "Berhasil", "Meningkat",
          "Menurun", "Tetap", "IKM", "U1", "U9", "Laki-laki", "Perempuan", "No", "Satuan",
          "Persentase", "Indeks", "Nilai", "Renstra 2019-2024", "PK Perubahan", "Triwulan IV")
_MARKUP = ("\t", "|", " | ", "||", "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>",
           "<td colspan=\"99999999\">", "<td rowspan=\"0\">", "<th colspan=3>", "<b>", "</b>",
           "<br>", "**", "#", "##[warning]", "::error::", "---", "|---|---|", "<!--", "-->",
           "<!-- sakiplint-disable -->", "<!-- sakiplint-enable AR001 -->",
           "<!-- sakiplint-disable-next-line -->", "<!-- sakiplint-disable-line XT -->",
           "<!-- sakiplint-disable", "$$", "\\frac{a}{b}", "\x1b[2J", "\u202e", "\x00", "\r",
           "\ufeff", "\u00a0", "\u200b", "…", "“", "”")
_SENTENCES = (
    "Realisasi {x} sebesar {n}% dari target {m}% sehingga capaian {c}%.",
    "Capaian kinerja indikator {x} tahun {y} adalah {c}% dengan realisasi {n} dari target {m}.",
    "Anggaran sebesar Rp {a} terealisasi Rp {b} atau {c}%.",
    "Jumlah pegawai {n} orang terdiri dari {m} laki-laki dan {k} perempuan.",
    "Nilai IKM naik dari {n} menjadi {m} atau meningkat {c} poin.",
    "Terdapat {n} ({w}) program dan {m} kegiatan pada tahun {y}.",
    "Pada tahun lalu ({y}) realisasi turun dari {n}% menjadi {m}%.",
    "Indikator ini mencapai {c}% pada Triwulan IV tahun {y}.",
    "Renstra {y}-{z} memuat {n} sasaran, tahun ke-{k} dari periode tersebut.",
    "{x} ditandatangani pada tanggal {d} {mo} {y}.",
)
_NUMBER_WORDS = ("dua puluh lima", "seratus", "seribu dua ratus", "satu juta", "nol koma lima",
                 "sebelas", "seratus triliun triliun triliun", "dua belas ribu")
_MONTHS = ("Januari", "Februari", "Maret", "Desember", "Agustus", "Smarch", "13")


def _number(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(_NUMBERS)
    value = Decimal(rng.randint(0, 10 ** rng.randint(1, 14))).scaleb(-rng.randint(0, 4))
    text = f"{value:,f}"
    return text.translate(str.maketrans(",.", ".,")) if rng.random() < 0.6 else text


def _piece(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.35:
        return _number(rng)
    if k < 0.7:
        return rng.choice(_WORDS)
    if k < 0.9:
        return rng.choice(_MARKUP)
    return chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF),
                           rng.randint(0xD800 - 0x100, 0xFFFD))))


# --------------------------------------------------------------------------- generators

def window(rng: random.Random) -> list[str]:
    lines = rng.choice(seed_lines())
    n = rng.randint(1, 120)
    start = rng.randint(0, max(0, len(lines) - n))
    return list(lines[start:start + n])


def mutated_lines(rng: random.Random) -> str:
    """A window of a real report with a few edits of characters, numbers and lines."""
    lines = window(rng) or [""]
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(lines))
        line = lines[i]
        op = rng.randrange(10)
        pos = rng.randint(0, len(line))
        if op == 0 and line:  # delete a span
            lines[i] = line[:pos] + line[pos + rng.randint(1, 8):]
        elif op == 1:  # insert a piece
            lines[i] = line[:pos] + _piece(rng) + line[pos:]
        elif op == 2:  # replace the numbers of the line
            lines[i] = " ".join(_number(rng) if any(c.isdigit() for c in w) else w
                                for w in line.split(" "))
        elif op == 3:  # duplicate a line (a copy-paste row), many times now and then
            lines[i:i] = [line] * (1 if rng.random() < 0.8 else rng.randint(2, 300))
        elif op == 4 and len(lines) > 1:  # swap two lines
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 5:  # split a line at a tab or pipe into cells of other separators
            lines[i] = line.replace("\t", rng.choice(("|", " | ", "\t\t", "  ", "<td>")))
        elif op == 6:  # drop a line
            del lines[i]
            lines = lines or [""]
        elif op == 7:  # a long repetition of one piece
            lines[i] = line[:pos] + _piece(rng) * rng.randint(2, 400) + line[pos:]
        elif op == 8:  # a suppression comment on its own line
            lines.insert(i, rng.choice(_MARKUP[21:27]) + " " + rng.choice(("AR001", "BU", "")))
        else:  # a sentence
            lines.insert(i, sentence(rng))
    return _bounded("\n".join(lines) + "\n")


def _bounded(text: str) -> str:
    """``text`` cut to :data:`MAX_INPUT` characters (at a line end when there is one)."""
    if len(text) <= MAX_INPUT:
        return text
    cut = text.rfind("\n", 0, MAX_INPUT)
    return text[: cut + 1 if cut > 0 else MAX_INPUT]


def table(rng: random.Random) -> str:
    """A table of every style, notation and damage: TAB, pipes or HTML; caption or not."""
    ncols = rng.randint(1, 9)
    nrows = rng.randint(0, 30)
    header = [rng.choice(_WORDS) for _ in range(ncols)]
    rows = [[rng.choice(_WORDS) if c == 0 and rng.random() < 0.8 else _number(rng)
             for c in range(ncols)] for _ in range(nrows)]
    for row in rows:
        if rng.random() < 0.2:
            row[0] = rng.choice(("Jumlah", "Total", "Rata-rata", "<b>Jumlah</b>"))
        if rng.random() < 0.1:
            del row[rng.randrange(len(row)):]
    caption = f"Tabel {rng.randint(1, 4)}.{rng.randint(1, 12)} {rng.choice(_WORDS)} " \
              f"Tahun {rng.randint(2015, 2026)}"
    style = rng.randrange(3)
    out = [caption, ""] if rng.random() < 0.8 else []
    if style == 0:
        out += ["\t".join(header)] + ["\t".join(r) for r in rows]
    elif style == 1:
        out += ["| " + " | ".join(header) + " |", "|" + "---|" * ncols]
        out += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        out.append("<table>")
        out.append("<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>")
        for r in rows:
            cells = "".join(f"<td>{c}</td>" if rng.random() < 0.9 else f"<td colspan=\""
                            f"{rng.choice((2, 0, 10 ** 9))}\">{c}" for c in r)
            out.append(("<tr>" if rng.random() < 0.9 else "") + cells
                       + ("</tr>" if rng.random() < 0.9 else ""))
        if rng.random() < 0.8:
            out.append("</table>")
    if rng.random() < 0.3:
        out += ["", f"Sumber: {rng.choice(_WORDS)}, {rng.randint(2015, 2026)}"]
    return "\n".join(out) + "\n"


def sentence(rng: random.Random) -> str:
    tpl = rng.choice(_SENTENCES)
    return tpl.format(
        x=rng.choice(_WORDS), n=_number(rng), m=_number(rng), k=_number(rng), c=_number(rng),
        a=_number(rng), b=_number(rng), y=rng.randint(1990, 2100), z=rng.randint(1990, 2100),
        w=rng.choice(_NUMBER_WORDS), d=rng.randint(0, 40), mo=rng.choice(_MONTHS))


def document(rng: random.Random) -> str:
    """A document of generated tables and sentences, with a real window now and then."""
    parts = []
    for _ in range(rng.randint(1, 6)):
        k = rng.random()
        if k < 0.4:
            parts.append(table(rng))
        elif k < 0.8:
            parts.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 5))))
        else:
            parts.append("\n".join(window(rng)))
    return _bounded("\n\n".join(parts) + "\n")


def random_bytes(rng: random.Random) -> bytes:
    """Bytes: random ones, or a real window in another encoding with random bytes spliced in."""
    if rng.random() < 0.5:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
    text = "\n".join(window(rng))
    data = bytearray(text.encode(rng.choice(("utf-8", "utf-16", "cp1252")), errors="replace"))
    for _ in range(rng.randint(1, 20)):
        pos = rng.randint(0, len(data))
        data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
    return bytes(data)


GENERATORS: dict[str, Callable[[random.Random], str | bytes]] = {
    "lines": mutated_lines, "table": table, "document": document, "bytes": random_bytes,
}


# --------------------------------------------------------------------------- the check

@cache
def _every_rule() -> tuple[object, ...]:
    from sakiplint.engine.rules import all_rules

    return tuple(all_rules())


def check(data: str | bytes, path: str = "fuzz.md", html: bool = True) -> float:
    """Lint ``data`` with every rule, apply its suppression comments and render every output
    format (``html``: the review page too); raise :class:`Failure` on any crash. Returns the
    CPU seconds it took (on a machine shared by many, the wall clock says more about the
    neighbours)."""
    from sakiplint.engine.lint import lint_source
    from sakiplint.engine.rules import RuleCrash
    from sakiplint.engine.suppress import apply_suppressions, unused_findings
    from sakiplint.read.source import InputError, Source, decode, normalise_newlines
    from sakiplint.report.github import render_github
    from sakiplint.report.jsonout import render_json
    from sakiplint.report.sarif import render_sarif
    from sakiplint.report.tables import render_tables_json, render_tables_text
    from sakiplint.report.text import render_text

    start = time.process_time()
    try:
        if isinstance(data, bytes):
            try:
                source = decode(data, path)
            except InputError:
                return time.process_time() - start
        else:
            source = Source(path=path, text=normalise_newlines(data), encoding="utf-8")
        rules = list(_every_rule())
        crashes: list[RuleCrash] = []
        doc, found = lint_source(source, rules, crashes=crashes)  # type: ignore[arg-type]
        if crashes:
            raise Failure("\n".join(f"{c}\n{c.trace}" for c in crashes))
        res = apply_suppressions(doc.lines, found)
        found = res.kept + unused_findings(res, rules, rules)  # type: ignore[arg-type]
        results = [(doc, path, found)]
        render_text(results, "id")
        render_json(results, "en")
        render_sarif(results, "id", rules)  # type: ignore[arg-type]
        render_github(results, "id")
        if html:
            from sakiplint.report.html import render_html

            render_html(results, "id")
        render_tables_text(doc)
        render_tables_json(doc)
        from sakiplint.facts.timeframe import timeframe

        timeframe(doc).to_json()
    except Failure:
        raise
    except Exception as exc:
        import traceback

        raise Failure("".join(traceback.format_exception(exc, limit=-6))) from exc
    return time.process_time() - start
