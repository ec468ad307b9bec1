"""Budget statements in running text, linked to the budget tables.

Reports restate their budget tables in prose: "Program Pemberdayaan Masyarakat Desa dan
Kelurahan dengan anggaran sebesar Rp 1.250.000.000 terealisasi Rp 1.180.500.000", "Penyerapan
anggaran belanja ... Rp R dari total belanja Rp A", "pagu sebesar Rp A". This module reads every
Rupiah amount stated in a sentence of a paragraph and decides

* its *role*: ``anggaran`` (anggaran / pagu / alokasi / belanja / dianggarkan) or
  ``realisasi_anggaran`` (realisasi / terealisasi / penyerapan / terserap), from the nearest
  run of key words before it ("Tahun Anggaran 2024" is a year; words of a program name do not
  count); amounts of any other kind (sisa, selisih, kenaikan, efisiensi, belanja pegawai /
  modal, "belum terealisasi", a price per unit ...) get no role;
* its *stage* ("sebelum": murni / sebelum perubahan; "sesudah": setelah perubahan / APBD-P /
  APBD Perubahan), when named before it or right after it; else None;
* its *year*: the one year the sentence names, else the report year (none when the sentence
  speaks of "tahun lalu" / "sebelumnya");
* its *scale*: "Rp 1,25 miliar", "Rp 1.250 juta" are compared at their printed precision.

A sentence is then linked to

a) the one program or kegiatan whose full name (normalised as in :mod:`sakiplint.facts.identity`)
   appears in the sentence, preceded by the word "program" / "kegiatan" (not "sub kegiatan")
   and not followed by more name words; two different names, a "program" / "kegiatan" word
   left unexplained, an amount introduced as a whole ("dari total anggaran Rp T") or reached
   through a digression ("melalui", "untuk", "antara lain") give no link; or
b) the whole budget: the sentence speaks of the agency's total ("total belanja", "Perangkat
   Daerah", "keseluruhan", the agency's own name, "tabel berikut"), names no program,
   kegiatan or other area, and its paragraph introduces or directly follows (nothing but a
   caption / source note between) exactly one budget table with exactly one total row
   (``row.kind == "total"``).

The table values come from an index of every budget table's program / kegiatan rows for each
kind (anggaran / realisasi_anggaran), year and stage (both stages of one table kept). Plans
(Renstra, RKT, pagu indikatif), tables printed in thousands / millions and damaged cells are
no reference.

Access: ``budget_links(document)`` (memoised on the document under ``"budget_links"``); it
knows nothing of rules. :func:`judge` compares a link's amount with its table values.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sakiplint.facts.claims import Token, Value, locate, sentences, tokenize
from sakiplint.facts.identity import budget_level, identity, normalise, own_agency, program_key
from sakiplint.model import Cell, Column, Document, Paragraph, Row, Table

__all__ = [
    "BudgetAmount", "BudgetLink", "BudgetLinks", "TableAmount", "Verdict", "budget_links",
    "budget_values", "judge", "sentence_amounts",
]

MEMO_KEY = "budget_links"
ANGGARAN = "anggaran"
REALISASI = "realisasi_anggaran"


# --------------------------------------------------------------------------- data

@dataclass(frozen=True, slots=True)
class BudgetAmount:
    """One Rupiah amount stated in a sentence."""

    value: Value              # the printed number (readings, line / column in the report)
    role: str | None          # "anggaran", "realisasi_anggaran" or None (another amount)
    stage: str | None         # "sebelum" / "sesudah" when the sentence says which
    year: int | None
    scale: Decimal            # 1, or 10^3 / 10^6 / 10^9 / 10^12 for ribu / juta / miliar
    sentence: str
    offset: int               # start of the sentence in its paragraph text
    whole: bool = False       # "total" / "keseluruhan" / "jumlah" just before the amount
    whole_of_part: bool = False   # reserved: an amount stated as a part of another whole

    @property
    def shown(self) -> str:
        unit = {Decimal(1): "", Decimal(10) ** 3: " ribu", Decimal(10) ** 6: " juta",
                Decimal(10) ** 9: " miliar", Decimal(10) ** 12: " triliun"}.get(self.scale, "")
        return f"Rp {self.value.text}{unit}"


@dataclass(frozen=True, slots=True)
class TableAmount:
    """One budget value of a table: a program's / kegiatan's row, or a total row."""

    cell: Cell
    table: Table
    row: Row
    name: str                 # the row's name as written ("Jumlah" for a total row)
    kind: str                 # anggaran / realisasi_anggaran
    stage: str | None
    year: int


@dataclass(slots=True)
class BudgetLink:
    amount: BudgetAmount
    target: str               # "program", "kegiatan" or "total"
    key: str                  # "program:<normalised name>", ... or "total:<table index>"
    name: str                 # the program's name as the table writes it
    values: list[TableAmount]  # the table values the amount is compared with (non-empty)
    stages: frozenset[str] = frozenset()   # the budget stages the report's tables show
    #: the values are the agency-level tables' wholes (each a total row or a sum of program
    #: rows): the amount is wrong only if it equals none of them
    any_of: bool = False


@dataclass(slots=True)
class BudgetLinks:
    amounts: list[BudgetAmount] = field(default_factory=list)   # every amount with a role
    links: list[BudgetLink] = field(default_factory=list)


# --------------------------------------------------------------------------- words

_MONEY_HINT = re.compile(r"\brp(?![a-z])|rupiah", re.I)
_PAREN = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[0-9A-Za-z]+")
_SPLIT_SUFFIX = ("nya", "kan", "an")
_LEVEL_WORDS = ("program", "kegiatan", "sub", "subkegiatan")

#: after a name, a word that starts a new part of the sentence (not more of the name)
_AFTER_NAME = frozenset((
    "dengan", "sebesar", "senilai", "sejumlah", "anggaran", "anggarannya", "pagu", "alokasi",
    "dialokasikan", "dianggarkan", "realisasi", "realisasinya", "terealisasi",
    "direalisasikan", "terserap", "diserap", "menyerap", "penyerapan", "serapan", "mendapat",
    "mendapatkan", "memperoleh", "memiliki", "yang", "telah", "sudah", "pada", "di", "tahun",
    "sedangkan", "adalah", "yaitu", "yakni", "mencapai", "hanya", "untuk", "tersebut",
    "ini", "menggunakan", "memerlukan", "membutuhkan", "atau", "sehingga", "belanja",
    "setelah", "sesudah", "sebelum", "dalam", "apbd", "dpa", "hingga", "sampai", "rp",
    "mengalami", "tercatat", "berhasil", "merupakan", "dapat", "mampu",
))

_STAGE_BEFORE = re.compile(r"\bmurni\b|\bsebelum\s+perubahan\b|\bapbd\s+induk\b", re.I)
_STAGE_AFTER = re.compile(
    r"\b(?:sesudah|setelah|pasca)\s+perubahan\b|\bapbd\s*-?\s*p\b|\bp\s*-?\s*apbd\b|"
    r"\bperubahan\s+(?:apbd|anggaran|dpa)\b|\b(?:apbd|anggaran|dpa|pagu)\s+perubahan\b|\bdppa\b",
    re.I,
)

#: words giving an amount its role (the nearest run of them before the amount decides)
_REALISE_WORDS = frozenset((
    "realisasi", "realisasinya", "terealisasi", "terealisasikan", "direalisasikan",
    "merealisasikan", "serapan", "penyerapan", "terserap", "diserap", "menyerap",
    "dibelanjakan", "terpakai",
))
_BUDGET_WORDS = frozenset((
    "anggaran", "anggarannya", "pagu", "pagunya", "alokasi", "belanja", "dianggarkan",
    "menganggarkan", "teranggarkan", "dialokasikan", "mengalokasikan", "teralokasi",
    "teralokasikan",
))
#: words that neither give a role nor end a run of role words
_NEUTRAL = frozenset((
    "yang", "telah", "sudah", "sebesar", "senilai", "sejumlah", "total", "secara", "tahun",
    "pada", "murni", "perubahan", "sebelum", "sesudah", "setelah", "apbd", "p", "adalah",
    "yaitu", "yakni", "hanya", "dapat", "mampu", "berhasil", "rp", "keseluruhan", "seluruh",
    "seluruhnya", "induk", "dpa", "dppa", "mencapai", "tercatat", "ta",
))
#: words marking an amount of another kind than a budget or its spending
_OTHER_WORDS = frozenset((
    "sisa", "selisih", "efisiensi", "penghematan", "hemat", "silpa", "pendapatan", "pad",
    "retribusi", "pajak", "hibah", "bantuan", "honor", "honorarium", "gaji", "pegawai",
    "modal", "barang", "jasa", "operasi", "operasional", "langsung", "transfer", "terduga",
    "tunggakan", "tambahan", "pengembalian", "kelebihan", "apbdes", "dd", "add", "masing",
    "rata", "tertinggi", "terendah", "terbesar", "terkecil", "desa", "kenaikan", "naik",
    "meningkat", "peningkatan", "bertambah", "penambahan", "penurunan", "turun", "menurun",
    "berkurang", "pengurangan", "semula", "menjadi", "perbandingan", "dibandingkan",
    "dibanding", "lalu", "sebelumnya", "tidak", "belum", "tak", "kurang",
))
_CONJ = frozenset(("dan", "serta"))
#: at most this many other words between an amount and the words giving its role
_MAX_DISTANCE = 6
#: a stage named right after the amount ("Rp A (sebelum perubahan)", "Rp A pada APBD-P")
_STAGE_NEXT = re.compile(r"\s*(?:,-+)?\s*(?:\(|\bpada\b|\bdalam\b|\bdi\b)?\s*(?:apbd\s+|dpa\s+)?"
                         r"(murni|sebelum\s+perubahan|(?:sesudah|setelah)\s+perubahan|"
                         r"perubahan|apbd\s*-?\s*p\b|p\s*-?\s*apbd)", re.I)
_SCALE = re.compile(
    r"\s*(miliar|milyar|juta|jt|ribu|rb|triliun)\b|\s*(M)\b(?!\s*[²2])", re.I)
_SCALES = {"miliar": 9, "milyar": 9, "juta": 6, "jt": 6, "ribu": 3, "rb": 3, "triliun": 12,
           "m": 9}
_PER_UNIT = re.compile(r"\s*(?:,-+)?\s*(?:/|per\b|tiap\b|setiap\b)", re.I)
_RUPIAH_AFTER = re.compile(r"\s*(?:,-+\s*)?rupiah\b", re.I)

#: the agency's whole budget
_TOTAL_MARK = re.compile(
    r"\btotal\b|\bkeseluruhan\b|\bseluruh\s+(?:anggaran|belanja|pagu)\b|"
    r"\bperangkat\s+daerah\b|\b(?:opd|skpd)\b|\btabel\s+(?:berikut|di\s*bawah|di\s*atas)\b",
    re.I,
)
#: an agency or area named in a sentence: the reporting agency's own name marks its total,
#: any other ("Kelurahan Sukamundur", "Desa X") a part of it
_AREA = re.compile(r"\b(Kecamatan|Kelurahan|Desa|Dinas|Badan|Kantor|KECAMATAN|KELURAHAN|DESA)\s+"
                   r"([A-Z][A-Za-z]+)")


def _whole_budget(sentence: str, own: tuple[str, str] | None) -> bool:
    """The sentence speaks of the agency's whole budget: a total marker or the agency's own
    name, and no other agency or area named."""
    named_own = False
    for m in _AREA.finditer(sentence):
        kind, name = m.group(1).lower(), m.group(2).lower()
        if own is not None and kind == own[0] and own[1].split()[:1] == [name]:
            named_own = True
        else:
            return False
    return named_own or _TOTAL_MARK.search(sentence) is not None


#: the whole of something, right before an amount ("dari total anggaran Rp T")
_WHOLE = re.compile(r"\b(?:total|keseluruhan|seluruh(?:nya)?|jumlah|semua)\b", re.I)
_RELATIVE_YEAR = re.compile(
    r"\btahun\s+(?:lalu|sebelumnya|kemarin|depan|berikutnya|mendatang)\b|\bsebelumnya\b",
    re.I)
#: words between a program's name and an amount that turn to something else ("Program X
#: dilaksanakan melalui pembangunan jalan dengan anggaran Rp B")
_DIGRESSION = re.compile(
    r"\b(?:melalui|meliputi|berupa|antara|diantaranya|termasuk|terdiri|seperti|salah|untuk|"
    r"guna|khususnya|terutama|sedangkan|sementara)\b", re.I)
#: a table amount printed cleanly (a damaged cell, "1,540,00", is no reference)
_CLEAN_AMOUNT = re.compile(
    r"^(?:Rp\.?\s*)?(?:\d+|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?)"
    r"\s*(?:,-+)?$", re.I)
#: "program" / "kegiatan" used generically ("program/kegiatan", "5 (lima) program")
_GENERIC_LEVEL = re.compile(
    r"\b(?:sub\s*-?\s*)?(?:program|kegiatan)\s*(?:/|,|dan|serta)\s*(?:sub\s*-?\s*)?"
    r"(?:program|kegiatan)\b(?:\s*(?:,|dan|serta)\s*sub\s*-?\s*kegiatan\b)?"
    r"|\b\d+\s*(?:\([a-z\s-]+\)\s*)?(?:sub\s*-?\s*)?(?:program|kegiatan)\b"
    r"|\b(?:seluruh|semua|setiap|tiap|beberapa|pelaksanaan)\s+(?:sub\s*-?\s*)?"
    r"(?:program|kegiatan)\b"
    r"|\b(?:sub\s*-?\s*)?(?:program|kegiatan)\s+(?:pendukung|prioritas|unggulan|lain|lainnya)\b",
    re.I,
)
_LEVEL_WORD = re.compile(r"\b(?:program|kegiatan)\b", re.I)
_MONEY_TRIGGER = re.compile(
    r"anggar|pagu|belanja|alokasi|realis|serap|dana\b|biaya", re.I)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str       # normalised
    start: int      # offset in the sentence
    end: int


def _words(sentence: str) -> list[_Word]:
    """The sentence's words normalised as :func:`sakiplint.facts.identity.normalise` normalises a
    name (parenthesised text blanked, "&" read as "dan", split suffixes joined), with their
    offsets in the sentence."""
    blanked = _PAREN.sub(lambda m: " " * len(m.group()), sentence)
    out: list[_Word] = []
    for m in _WORD.finditer(blanked.replace("&", " ")):
        low = m.group().lower()
        if out and low in _SPLIT_SUFFIX:
            prev = out.pop()
            out.append(_Word(prev.text + low, prev.start, m.end()))
            continue
        for w in normalise(low).split() or [low]:
            out.append(_Word(w, m.start(), m.end()))
    # "&" read as "dan": a word of its own between its neighbours
    if "&" in blanked:
        for pos in (i for i, ch in enumerate(blanked) if ch == "&"):
            at = bisect.bisect_left([w.start for w in out], pos)
            out.insert(at, _Word("dan", pos, pos + 1))
    return out


# --------------------------------------------------------------------------- table index

def _core(name: str) -> tuple[str, ...]:
    """A name's words without its leading level words ("Kegiatan Kegiatan Pemberdayaan
    Kelurahan" -> pemberdayaan kelurahan)."""
    words = program_key(name).split()
    while words and words[0] in _LEVEL_WORDS:
        words = words[1:]
    return tuple(words)


#: amounts printed in thousands / millions ("dalam ribuan rupiah", "Rp 000", "Juta Rp")
_SCALED = re.compile(r"ribu|juta|miliar|milyar|\(\s*(?:rp\.?\s*)?000\s*\)|x\s*1\.?000", re.I)


def _scaled(table: Table, context: str) -> bool:
    return _SCALED.search(" ".join([table.caption or "", context,
                                    *(c.header for c in table.columns)])) is not None


#: tables whose amounts are plans or other agencies' figures, not the budget
_PLAN_ROLES = frozenset(("perbandingan", "renstra", "rkt"))
_PLAN_HEADER = re.compile(r"indikatif|rencana|kebutuhan|proyeksi|usulan", re.I)


def _money_columns(table: Table) -> list[Column]:
    return [c for c in table.columns
            if c.role in (ANGGARAN, REALISASI) and c.money and c.numeric]


@dataclass(slots=True)
class _Index:
    values: dict[tuple[str, str, int], list[TableAmount]] = field(default_factory=dict)
    names: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = field(default_factory=dict)
    # first core word -> [(core words, level, key, name as written)]
    stages: set[str] = field(default_factory=set)   # stages of any budget column


def _build_index(doc: Document) -> _Index:
    ident = identity(doc)
    out = _Index()
    seen_names: set[str] = set()
    for table in doc.tables:
        if table.skipped or table.index not in ident.infos:
            continue
        info = ident.infos[table.index]
        cols = [c for c in _money_columns(table) if not _PLAN_HEADER.search(c.header)]
        if not cols or info.role in _PLAN_ROLES or _scaled(table, info.context):
            continue
        out.stages.update(st for c in cols if c.role == ANGGARAN
                          for st in (c.stage or info.stage,) if st is not None)
        progs = [c for c in table.columns if c.role == "program"]
        for row in table.rows:
            if row.kind != "data":
                continue
            named = [(row.cells[c.index], c) for c in progs
                     if c.index < len(row.cells) and row.cells[c.index].text]
            name, ncol = named[-1] if named else (None, None)
            if name is None:
                if row.label_column is None or row.label_column >= len(row.cells):
                    continue
                name = row.cells[row.label_column]
            level = budget_level(name.text, ncol)
            core = _core(name.text)
            if level is None or len(core) < 2:
                continue
            key = f"{level}:{' '.join(core)}"
            for col in cols:
                cell = row.cell(col.index)
                year = col.year or info.year
                if cell is None or cell.number is None or year is None or \
                        not _CLEAN_AMOUNT.match(cell.text):
                    continue
                kind = col.role or ""
                stage = (col.stage or info.stage) if kind == ANGGARAN else None
                out.values.setdefault((key, kind, year), []).append(
                    TableAmount(cell, table, row, name.text, kind, stage, year))
                if key not in seen_names:
                    seen_names.add(key)
                    out.names.setdefault(core[0], []).append((core, level, key, name.text))
    return out


def budget_values(doc: Document) -> dict[tuple[str, str, int], list[TableAmount]]:
    """(program key, kind, year) -> every table value of that program / kegiatan (all
    stages, all tables). Keys as in :mod:`sakiplint.facts.identity`, level word not repeated:
    "program:pemberdayaan masyarakat desa dan kelurahan"."""
    return doc.memo("budget_links.index", _build_index).values


# --------------------------------------------------------------------------- sentences

def _stage(text: str) -> str | None:
    before = _STAGE_BEFORE.search(text) is not None
    after = _STAGE_AFTER.search(text) is not None
    if before == after:
        return None
    return "sebelum" if before else "sesudah"


def _role(text: str, start: int, end: int, masked: list[tuple[int, int]],
          prev_role: str | None) -> str | None:
    """The role of the amount stated at ``end`` from the words since the previous value
    (``start``): the nearest run of budget key words decides, and a realisasi / serapan word
    in it makes the amount spending ("realisasi anggaran", "anggaran yang terealisasi");
    "dari" right after a spending amount makes it the budget ("Rp R dari Rp A"). Words of a
    program name (``masked``) do not count; a word of another kind of amount (sisa,
    kenaikan, belanja pegawai ...) gives no role."""
    words = [m.group().lower() for m in _WORD.finditer(text, start, end)
             if not any(a <= m.start() < b for a, b in masked)]
    words = [w for w in words if not w.isdigit()]
    if any(w in _OTHER_WORDS for w in words):
        return None
    run: list[str] = []
    distance = 0
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if w == "anggaran" and k and words[k - 1] == "tahun":
            w = "tahun"   # "Tahun Anggaran 2023": the fiscal year
        if w in _REALISE_WORDS or w in _BUDGET_WORDS:
            run.append(w)
        elif w in _NEUTRAL:
            continue
        elif not run:
            distance += 1
            if distance > _MAX_DISTANCE:
                return None
        else:
            if w in _CONJ:   # "anggaran dan realisasi ... Rp A": which one is it?
                before = next((x for x in reversed(words[:k]) if x not in _NEUTRAL), "")
                if before in _REALISE_WORDS or before in _BUDGET_WORDS:
                    return None
            break
    if run:
        return REALISASI if any(w in _REALISE_WORDS for w in run) else ANGGARAN
    if prev_role == REALISASI and [w for w in words if w not in _NEUTRAL] == ["dari"]:
        return ANGGARAN
    return None


_RP_GLUED = re.compile(r"(?i)\brp\.?(?=\d)")


def _tokens(text: str) -> list[Token]:
    """:func:`sakiplint.facts.claims.tokenize`, also for amounts glued to "Rp" ("Rp1.250.000"):
    the sentence is tokenised with a space after each such "Rp", offsets mapped back."""
    glued = [m.end() for m in _RP_GLUED.finditer(text)]
    if not glued:
        return tokenize(text, 0)
    spaced = "".join(text[a:b] + " " for a, b in zip([0, *glued[:-1]], glued, strict=True)) + \
        text[glued[-1]:]
    out: list[Token] = []
    for t in tokenize(spaced, 0):
        start = t.start - bisect.bisect_right([g + k for k, g in enumerate(glued)], t.start)
        value = None if t.value is None else replace(t.value, offset=start)
        out.append(Token(t.code, t.text, start, value))
    return out


def sentence_amounts(text: str, report_year: int | None,
                     masked: list[tuple[int, int]] | None = None,
                     base: int = 0) -> list[BudgetAmount]:
    """The Rupiah amounts of one sentence with their role, stage, year and scale (values
    carry offsets in the paragraph, no line / column). ``masked``: spans of the sentence
    (program names) whose words are not key words."""
    if _MONEY_HINT.search(text) is None or _MONEY_TRIGGER.search(text) is None:
        return []
    tokens = _tokens(text)
    years = {int(t.text) for t in tokens if t.code == "y"}
    year = years.pop() if len(years) == 1 else (report_year if not years else None)
    if _RELATIVE_YEAR.search(text):
        year = None   # "tahun lalu", "tahun sebelumnya": which year is it?
    spans = masked or []
    out: list[BudgetAmount] = []
    prev_role: str | None = None
    for i, t in enumerate(tokens):
        v = t.value
        if v is None:
            continue
        end = t.start + len(t.text)
        rupiah = v.kind == "number" and _RUPIAH_AFTER.match(text, end) is not None
        if v.kind != "money" and not rupiah:
            prev_role = None
            continue
        readings = v.readings
        if rupiah and len(readings) > 1 and "." in v.text:
            readings = readings[:1]
        scale = Decimal(1)
        m = _SCALE.match(text, end)
        if m is not None:
            scale = Decimal(10) ** _SCALES[(m.group(1) or m.group(2)).lower()]
        prv = next((u.start + len(u.text) for u in reversed(tokens[:i])
                    if u.value is not None or u.code in ";()"), 0)
        role = None if _PER_UNIT.match(text, end) else _role(text, prv, t.start, spans,
                                                             prev_role)
        prev_role = role
        # the stage: named since the previous value, or right after the amount
        stage = None
        if role == ANGGARAN:
            after = _STAGE_NEXT.match(text, m.end() if m is not None else end)
            stage = _stage(text[prv:t.start] + " " + (after.group() if after else ""))
        value = Value(v.text, "money", readings, base + t.start)
        whole = _WHOLE.search(text, prv, t.start) is not None
        out.append(BudgetAmount(value, role, stage, year, scale, text, base, whole))
    return out


# --------------------------------------------------------------------------- linking

def _name_matches(index: _Index, sentence: str) -> tuple[list[tuple[int, int, str, str]], bool]:
    """([(start, end, key, name)] of the program / kegiatan names in the sentence, whether
    the sentence names some other program or kegiatan too)."""
    words = _words(sentence)
    found: list[tuple[int, int, str, str]] = []   # word index range
    for i, w in enumerate(words):
        before = words[i - 1].text if i else ""
        if before not in ("program", "kegiatan") or (
                before == "kegiatan" and i >= 2 and words[i - 2].text == "sub"):
            continue
        best: tuple[int, str, str] | None = None
        for core, level, key, name in index.names.get(w.text, ()):
            n = len(core)
            if level != before or i + n > len(words) or \
                    tuple(x.text for x in words[i:i + n]) != core:
                continue
            if best is None or n > best[0]:
                best = (n, key, name)
        if best is None:
            continue
        n, key, name = best
        if i + n < len(words):
            gap = sentence[words[i + n - 1].end:words[i + n].start]
            if not re.search(r"[,.;:()\[\]\"“”']", gap) and words[i + n].text not in _AFTER_NAME:
                continue   # more name words follow: a longer name the tables do not hold
        found.append((i - 1, i + n, key, name))
    # a name inside a longer one found at another position is part of it
    found = [f for f in found
             if not any(g is not f and g[0] <= f[0] and f[1] <= g[1] and (g[1] - g[0]) >
                        (f[1] - f[0]) for g in found)]
    spans = [(words[a].start, words[b - 1].end) for a, b, _, _ in found]
    # level words not explained by a found name or a generic phrase
    rest = sentence
    for a, b in spans:
        rest = rest[:a] + " " * (b - a) + rest[b:]
    rest = _GENERIC_LEVEL.sub(" ", rest)
    other = _LEVEL_WORD.search(rest) is not None
    return [(spans[k][0], spans[k][1], f[2], f[3]) for k, f in enumerate(found)], other


def _digresses(sentence: str, names: list[tuple[int, int, str, str]], at: int) -> bool:
    """Words between the last name before the amount and the amount turn to something
    else than the named program ("melalui", "untuk", "antara lain" ...)."""
    ends = [b for _, b, _, _ in names if b <= at]
    return bool(ends) and _DIGRESSION.search(sentence, max(ends), at) is not None


@dataclass(frozen=True, slots=True)
class _Near:
    """A budget table next to a paragraph: the one it introduces or directly follows."""

    table: Table
    row: Row
    introduced: bool          # the paragraph comes right before the table


_BETWEEN_OK = re.compile(r"^[\W_]*(?:(?:tabel|table|sumber|source)\b.*)?$", re.I)
_MAX_GAP = 15


def _lines_free(doc: Document, first: int, last: int) -> bool:
    """Lines ``first``..``last`` (1-based, inclusive) hold nothing but blank lines, captions
    and source notes."""
    if last - first + 1 > _MAX_GAP:
        return False
    return all(
        _BETWEEN_OK.match(doc.lines[ln - 1].strip()) is not None
        for ln in range(max(first, 1), min(last, len(doc.lines)) + 1)
    )


def _total_row(table: Table) -> Row | None:
    totals = [r for r in table.rows if r.kind == "total"]
    if len(totals) != 1 or not _money_columns(table):
        return None
    if not any(c.role == "program" for c in table.columns):
        return None
    return totals[0]


def _near_table(doc: Document, para: Paragraph, starts: list[int],
                tables: list[Table]) -> _Near | None:
    """The one budget table with a total row that the paragraph introduces (the next table,
    nothing but its caption in between) or directly follows (the previous table, nothing
    but a source note in between)."""
    found: list[_Near] = []
    k = bisect.bisect_right(starts, para.end_line)
    if k < len(tables):
        nxt = tables[k]
        top = nxt.caption_line if nxt.caption_line and nxt.caption_line < nxt.start_line \
            else nxt.start_line
        own_caption = nxt.caption_line is not None and \
            para.start_line <= nxt.caption_line <= para.end_line
        if own_caption or (top > para.end_line and _lines_free(doc, para.end_line + 1, top - 1)):
            row = _total_row(nxt)
            if row is not None:
                found.append(_Near(nxt, row, True))
    j = k - 1
    while j >= 0 and tables[j].start_line >= para.start_line:
        j -= 1
    if j >= 0:
        prev = tables[j]
        if prev.end_line < para.start_line and _lines_free(doc, prev.end_line + 1,
                                                            para.start_line - 1):
            row = _total_row(prev)
            if row is not None:
                found.append(_Near(prev, row, False))
    return found[0] if len(found) == 1 else None


def _total_values(doc: Document, near: _Near, kind: str, year: int) -> list[TableAmount]:
    info = identity(doc).infos.get(near.table.index)
    if info is None or info.role in _PLAN_ROLES or _scaled(near.table, info.context):
        return []
    table_year = info.year
    if table_year is None and near.introduced and \
            set(_YEAR.findall(near.table.caption or "")) <= {str(year)}:
        table_year = year   # the sentence introducing the table says which year it shows
    out: list[TableAmount] = []
    for col in _money_columns(near.table):
        if col.role != kind or (col.year or table_year) != year or _PLAN_HEADER.search(col.header):
            continue
        cell = near.row.cell(col.index)
        if cell is None or cell.number is None or not _CLEAN_AMOUNT.match(cell.text):
            continue
        stage = (col.stage or info.stage) if kind == ANGGARAN else None
        out.append(TableAmount(cell, near.table, near.row, near.row.label or "Jumlah",
                               kind, stage, year))
    return out


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: tables that hold the agency's whole budget: the budget tables, the Perjanjian Kinerja's
#: program part, the efficiency and capaian tables with their pagu / realisasi columns
_AGENCY_ROLES = frozenset(("anggaran", "pk", "pk_perubahan", "efisiensi", "capaian", "other"))


def agency_values(doc: Document, kind: str, year: int | None) -> list[TableAmount]:
    """The agency's whole budget (``kind`` anggaran) or spending (realisasi_anggaran) for
    ``year`` as each budget table of that year gives it: the one total row's value, or
    where a table has no total row the sum of its program rows (a program's row, not its
    kegiatan). A sum is given as a cell standing for the first program row's cell (its
    ``text`` the sum, its line and column that cell's). Computed once per document."""
    if year is None:
        return []
    known: dict[tuple[str, int], list[TableAmount]] = doc.memo(
        "budget_links.agency", lambda d: {})
    if (kind, year) not in known:
        known[(kind, year)] = _agency_values(doc, kind, year)
    return known[(kind, year)]


def _agency_values(doc: Document, kind: str, year: int) -> list[TableAmount]:
    from sakiplint.model import Cell as CellModel
    from sakiplint.read.numfmt import fmt

    ident = identity(doc)
    out: list[TableAmount] = []
    for table in doc.tables:
        info = ident.infos.get(table.index)
        if table.skipped or info is None or info.role not in _AGENCY_ROLES:
            continue
        if _scaled(table, info.context):
            continue
        cols = [c for c in _money_columns(table) if c.role == kind
                and (c.year or info.year) == year and not _PLAN_HEADER.search(c.header)]
        progs = [c for c in table.columns if c.role == "program"]
        if not cols or not progs:
            continue   # a table of villages or of spending kinds holds no program budget
        totals = [r for r in table.rows if r.kind == "total"]
        programs = [r for r in table.rows if r.kind == "data" and _program_row(r, progs)]
        for col in cols:
            stage = (col.stage or info.stage) if kind == ANGGARAN else None
            if len(totals) == 1:
                cell = totals[0].cell(col.index)
                if cell is not None and cell.number is not None and \
                        _CLEAN_AMOUNT.match(cell.text):
                    out.append(TableAmount(cell, table, totals[0], totals[0].label or "Jumlah",
                                           kind, stage, year))
                continue
            names = [" ".join(r.label.lower().split()) for r in programs]
            if totals or not programs or len(set(names)) != len(names):
                continue   # no total row, and programs listed once each: their sum
            cells = [r.cell(col.index) for r in programs]
            if any(c is None or c.number is None or not _CLEAN_AMOUNT.match(c.text)
                   for c in cells):
                continue
            first = cells[0]
            assert first is not None
            total = sum((c.number for c in cells if c is not None and c.number is not None),
                        Decimal(0))
            shown = fmt(total, 0, "id")
            summed = CellModel(first.raw, shown, first.line, first.column, number=total)
            name = f"jumlah {len(cells)} program (baris {programs[0].line}-{programs[-1].line})"
            out.append(TableAmount(summed, table, programs[0], name, kind, stage, year))
    return out


def whole_budget_sentence(doc: Document, sentence: str) -> bool:
    """The sentence speaks of the agency's whole budget (a total marker or the agency's
    own name, no other agency or area, no program or kegiatan named)."""
    if _LEVEL_WORD.search(_GENERIC_LEVEL.sub(" ", sentence)) is not None:
        return False
    return _whole_budget(sentence, own_agency(doc))


def agency_absorptions(doc: Document, year: int) -> list[tuple[Decimal, TableAmount,
                                                                   TableAmount]]:
    """The agency's budget absorption of ``year`` as each budget table gives it: its whole
    spending / its whole budget x 100, both from the same table (each budget stage)."""
    spent = agency_values(doc, REALISASI, year)
    out: list[tuple[Decimal, TableAmount, TableAmount]] = []
    for a in agency_values(doc, ANGGARAN, year):
        for r in spent:
            if r.table.index != a.table.index or a.cell.number is None \
                    or r.cell.number is None or a.cell.number <= 0:
                continue
            out.append((r.cell.number * 100 / a.cell.number, r, a))
    return out


def _program_row(row: Row, progs: list[Column]) -> bool:
    named = [row.cells[c.index] for c in progs
             if c.index < len(row.cells) and row.cells[c.index].text]
    if named:
        return budget_level(named[0].text, None) == "program" and len(named) == 1
    if row.label_column is None or row.label_column >= len(row.cells):
        return False
    return budget_level(row.cells[row.label_column].text, None) == "program"
def _build(doc: Document) -> BudgetLinks:
    out = BudgetLinks()
    index: _Index | None = None
    own: tuple[str, str] | None = None
    tables: list[Table] = []
    starts: list[int] = []
    for para in doc.paragraphs:
        text = para.text
        if _MONEY_HINT.search(text) is None or not any(ch.isdigit() for ch in text):
            continue
        if index is None:
            index = doc.memo("budget_links.index", _build_index)
            own = own_agency(doc)
            tables = sorted((t for t in doc.tables if not t.skipped),
                            key=lambda t: t.start_line)
            starts = [t.start_line for t in tables]
        near: _Near | bool | None = False   # looked up on first need
        found: list[tuple[BudgetAmount, str, str, str, list[TableAmount]]] = []
        amounts: list[BudgetAmount] = []
        for base, sentence in sentences(text):
            if _MONEY_HINT.search(sentence) is None:
                continue
            names, other = _name_matches(index, sentence)
            spans = [(a, b) for a, b, _, _ in names]
            stated = [a for a in sentence_amounts(sentence, doc.report_year, spans, base)
                      if a.role is not None]
            if not stated:
                continue
            amounts += stated
            keys = {k for _, _, k, _ in names}
            for a in stated:
                if a.year is None:
                    continue
                if len(keys) == 1 and not other:
                    if a.whole or _digresses(sentence, names, a.value.offset - base):
                        continue
                    key = next(iter(keys))
                    name = names[0][3]
                    vals = index.values.get((key, a.role or "", a.year), [])
                    if vals:
                        found.append((a, key.split(":", 1)[0], key, name, vals))
                elif not keys and not other and _whole_budget(sentence, own):
                    if near is False:
                        near = _near_table(doc, para, starts, tables)
                    vals = []
                    if isinstance(near, _Near):
                        vals = _total_values(doc, near, a.role or "", a.year)
                        if vals:
                            found.append((a, "total", f"total:{near.table.index}",
                                          near.row.label or "Jumlah", vals))
                    if not vals and not a.whole_of_part:
                        vals = agency_values(doc, a.role or "", a.year)
                        if vals:
                            found.append((a, "agency", "agency", "", vals))
        if not amounts:
            continue
        placed = {v.offset: v for v in locate([a.value for a in amounts], para, doc.lines)}
        out.amounts += [replace(a, value=placed[a.value.offset]) for a in amounts]
        stages = frozenset(index.stages) if index is not None else frozenset()
        out.links += [BudgetLink(replace(a, value=placed[a.value.offset]), target, key, name, vals,
                                 stages, target == "agency")
                      for a, target, key, name, vals in found]
    return out


def budget_links(doc: Document) -> BudgetLinks:
    """The Rupiah amounts of a document's prose and their links to the budget tables,
    computed once."""
    return doc.memo(MEMO_KEY, _build)


# --------------------------------------------------------------------------- judging

@dataclass(frozen=True, slots=True)
class Verdict:
    """How a linked amount compares with its table values."""

    agrees: bool
    judged: bool                 # False: the tables are not coherent, nothing to say
    compared: tuple[TableAmount, ...]


def _close(a: BudgetAmount, x: Decimal, scale: Decimal) -> bool:
    """The stated amount, at its printed precision, gives the table value: exact for a
    plain amount; within 10^-d of the unit for "Rp 1,25 miliar" (rounding and truncation
    both pass)."""
    for value, decimals in a.value.readings:
        if a.scale == 1:
            if value == x:
                return True
        elif abs(value * a.scale - x) < Decimal(1).scaleb(-decimals) * a.scale * scale:
            return True
    return False


_UNITS = tuple(Decimal(10) ** k for k in (-9, -6, -3, 3, 6, 9))


def _other_unit(a: BudgetAmount, x: Decimal) -> bool:
    """The stated amount is the table value in another unit (thousands, millions ...)."""
    if x <= 0:
        return False
    ratio = a.value.value * a.scale / x
    return any(abs(ratio - u) <= u / 100 for u in _UNITS)


def judge(link: BudgetLink, scale: Decimal = Decimal(1)) -> Verdict:
    """Compare a linked amount with the table values of its program / total, kind and year.
    A sentence naming a stage is compared with that stage's values only; one naming none
    agrees with either stage. The tables must be coherent for a disagreement to count: one
    value per stage, and values of an unknown stage equal to one of the staged ones (or,
    with no staged value, all the same)."""
    a = link.amount
    vals = link.values
    if a.stage is not None:
        vals = [v for v in vals if v.stage == a.stage]
        if not vals:
            return Verdict(True, False, ())
    compared = tuple(vals)
    if any(_close(a, v.cell.number, scale) for v in vals if v.cell.number is not None):
        return Verdict(True, True, compared)
    if any(_other_unit(a, v.cell.number) for v in vals if v.cell.number is not None):
        return Verdict(False, False, compared)
    if link.any_of:
        return Verdict(False, True, compared)
    by_stage: dict[str | None, set[Decimal]] = {}
    for v in vals:
        assert v.cell.number is not None
        by_stage.setdefault(v.stage, set()).add(v.cell.number)
    coherent = all(len(s) == 1 for s in by_stage.values())
    staged = set().union(*(s for st, s in by_stage.items() if st is not None))
    if coherent and None in by_stage and staged and not by_stage[None] <= staged:
        coherent = False
    shown = {st for st in by_stage if st is not None}
    if a.stage is None and len(shown) == 1 and None not in by_stage and link.stages - shown:
        coherent = False   # the tables compared show one stage, the report has the other too
    return Verdict(False, coherent, compared)
