"""Capaian formulas a report states in its own text.

Reports define how they compute capaian, often in LaTeX::

    $$Capaian = \\frac{Target - (Realisasi - Target)}{Target}x100\\%$$

:func:`parse_formula` reads one such statement (grammar ``grammar/formula.lark``) into a
small expression model (:class:`Num`, :class:`Var`, :class:`Op`); :func:`stated_formulas`
collects every capaian formula of a document's prose, once per document (``Document.memo``).
A formula's *polarity* is read from the expression itself, not from the words around it:
it is "negative" when a larger realisasi gives a smaller capaian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from sakiplint.read.grammars import GrammarParser

if TYPE_CHECKING:
    from sakiplint.model import Document

Polarity = Literal["positive", "negative", "other"]
MEMO_KEY = "formulas.capaian"


@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal

    def eval(self, env: dict[str, Decimal]) -> Decimal:
        return self.value

    def show(self) -> str:
        return f"{self.value}"


@dataclass(frozen=True, slots=True)
class Var:
    name: str   # "target" or "realisasi"

    def eval(self, env: dict[str, Decimal]) -> Decimal:
        return env[self.name]

    def show(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True, slots=True)
class Op:
    op: str     # "+", "-", "*", "/", "neg"
    left: Expr
    right: Expr | None = None

    def eval(self, env: dict[str, Decimal]) -> Decimal:
        a = self.left.eval(env)
        if self.op == "neg":
            return -a
        assert self.right is not None
        b = self.right.eval(env)
        if self.op == "+":
            return a + b
        if self.op == "-":
            return a - b
        if self.op == "*":
            return a * b
        return a / b

    def show(self) -> str:
        if self.op == "neg":
            return f"-{self.left.show()}"
        assert self.right is not None
        sym = {"*": "x"}.get(self.op, self.op)
        return f"({self.left.show()} {sym} {self.right.show()})"


Expr = Num | Var | Op


@dataclass(frozen=True, slots=True)
class Formula:
    expr: Expr
    line: int
    text: str

    def apply(self, target: Decimal, realisasi: Decimal) -> Decimal | None:
        try:
            return self.expr.eval({"target": target, "realisasi": realisasi})
        except (ZeroDivisionError, DivisionByZero, InvalidOperation, KeyError):
            return None

    @property
    def variables(self) -> set[str]:
        return _vars(self.expr)

    @property
    def polarity(self) -> Polarity:
        """How capaian moves with realisasi (target fixed): probed at a few points."""
        if self.variables != {"target", "realisasi"}:
            return "other"
        signs = set()
        for t in (Decimal(50), Decimal(100), Decimal(80)):
            lo, hi = self.apply(t, t * Decimal("0.9")), self.apply(t, t * Decimal("1.1"))
            if lo is None or hi is None or lo == hi:
                return "other"
            signs.add(hi > lo)
            at_target = self.apply(t, t)
            # a capaian formula gives 100 when realisasi meets the target
            if at_target is None or abs(at_target - 100) > Decimal("0.001"):
                return "other"
        if signs == {True}:
            return "positive"
        if signs == {False}:
            return "negative"
        return "other"


def _vars(e: Expr) -> set[str]:
    if isinstance(e, Var):
        return {e.name}
    if isinstance(e, Op):
        return _vars(e.left) | (_vars(e.right) if e.right is not None else set())
    return set()


#: the formula grammar's parser (tables without Lark, see sakiplint.read.grammars); None when a
#: text does not parse
_GRAMMAR = GrammarParser("formula", lambda: _TABLES)
_tree = _GRAMMAR.parse


_TEXT_WRAP = re.compile(r"\\(?:text|mathrm|mathbf|textbf|mathit|operatorname)\s*\{([^{}]*)\}")
_DROP = re.compile(r"\$|\\%|%|\\left|\\right|\\[,;!: ]|\\quad|~")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """The LaTeX / markup dressing removed, leaving what the grammar reads."""
    t = _TEXT_WRAP.sub(r"\1", text)
    t = _TEXT_WRAP.sub(r"\1", t)
    t = _DROP.sub(" ", t)
    t = t.replace("\\div", "/").replace("÷", "/").replace(":", "/")
    return _SPACES.sub(" ", t).strip()


def _is_token(node: object) -> bool:
    """A terminal (Lark's ``Token`` or a ``LiteToken``: a ``str`` with a ``type``)."""
    return isinstance(node, str) and hasattr(node, "type")


def _to_expr(tree: Any) -> Expr:
    """The expression of a parse tree: Lark's ``Tree`` or the tables' ``LiteTree``."""
    if _is_token(tree):  # pragma: no cover - terminals are wrapped by rules
        raise ValueError(tree)
    assert hasattr(tree, "data") and hasattr(tree, "children")
    kids = [k for k in tree.children if not (_is_token(k) and k.type == "TIMES")]
    d = tree.data
    if d == "num":
        return Num(Decimal(str(kids[0]).replace(",", ".")))
    if d == "var":
        name = str(kids[0]).lower()
        return Var("target" if name == "rencana" else name)
    if d == "neg":
        return Op("neg", _to_expr(kids[0]))
    if d in ("add", "sub", "mul", "div"):
        sym = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[d]
        return Op(sym, _to_expr(kids[0]), _to_expr(kids[1]))
    if d == "frac":
        return Op("/", _to_expr(kids[0]), _to_expr(kids[1]))
    if d == "start":
        body = [k for k in tree.children if not _is_token(k)]
        return _to_expr(body[-1])
    raise ValueError(f"unexpected node {d}")


def parse_formula(text: str) -> Expr | None:
    """The expression of a stated formula ("Capaian = ..." or just its right-hand side),
    or None when the text is not a formula over target / realisasi."""
    t = clean(text)
    if not t:
        return None
    return _expr_of(_tree(t))


def _expr_of(tree: Any) -> Expr | None:
    """The expression of a parse tree (Lark's or the tables'; None: no parse)."""
    if tree is None:
        return None
    try:
        return _to_expr(tree)
    except (ValueError, InvalidOperation):
        return None


#: a capaian statement inside a line: "Capaian ... = <formula>"
_STATEMENT = re.compile(
    r"(?:persentase\s+|nilai\s+|tingkat\s+)?(?:capaian|pencapaian)(?:\s+kinerja)?"
    r"(?:\s+indikator)?\s*=\s*(?P<rhs>[^=\n]+)",
    re.I,
)
_END = re.compile(r"\$\$|\s{3,}")


def formulas_in_line(line: str) -> list[str]:
    """Right-hand sides of the capaian statements of one line of prose."""
    out: list[str] = []
    for m in _STATEMENT.finditer(line):
        rhs = m.group("rhs")
        # the math ends at a closing "$$" or at the start of ordinary words after it
        end = _END.search(rhs)
        if end:
            rhs = rhs[: end.start()]
        out.append(rhs.strip().rstrip(".;,"))
    return out


def _build(doc: Document) -> list[Formula]:
    found: list[Formula] = []
    for p in doc.paragraphs:
        low = p.text.lower()
        if "=" not in p.text or "realisasi" not in low or "capaian" not in low:
            continue
        for k, line in enumerate(p.text.split("\n")):
            for rhs in formulas_in_line(line):
                expr = parse_formula(rhs)
                if expr is not None:
                    found.append(Formula(expr, p.start_line + k, rhs))
    return found


def stated_formulas(doc: Document) -> list[Formula]:
    """Every capaian formula the report states in its prose (cached per document)."""
    return doc.memo(MEMO_KEY, _build)


def negative_formulas(doc: Document) -> list[Formula]:
    """The stated formulas for lower-is-better indicators (capaian falls as realisasi rises),
    each expression once (the first place it is stated), cached per document: a report
    restating one formula for every indicator gives one to try, not one per indicator."""
    return doc.memo(MEMO_KEY + ".negative", _negative)


def _negative(doc: Document) -> list[Formula]:
    seen: dict[str, Formula] = {}
    for f in stated_formulas(doc):
        if f.polarity == "negative":
            seen.setdefault(f.expr.show(), f)
    return list(seen.values())


# --------------------------------------------------------------------------- polarity
# Indicators the report itself marks as lower-is-better: a "Polaritas" (or "Sifat
# indikator") column whose cell says negatif / (-) / minimize / menurun.

POLARITY_KEY = "formulas.negative_indicators"
_POLARITY_HEADER = re.compile(r"\bpolar|\bsifat\s+indikator|\barah\s+(?:kinerja|indikator)", re.I)
_NEGATIVE_MARK = re.compile(
    r"^\(?\s*(?:negatif|negative|minimi[sz]e|minimal|menurun|turun|-|−|–)\s*\)?$|"
    r"semakin\s+(?:kecil|rendah)\s+semakin\s+baik|lower\s+is\s+better",
    re.I,
)
_KEY_NOISE = re.compile(r"[^a-z0-9]+")


def indicator_key(text: str) -> str:
    """An indicator's name reduced for matching across tables (case, spaces, punctuation)."""
    return _KEY_NOISE.sub("", text.lower())


def _build_polarity(doc: Document) -> frozenset[str]:
    keys: set[str] = set()
    for t in doc.tables:
        if t.skipped:
            continue
        pol = [c.index for c in t.columns if _POLARITY_HEADER.search(c.header)]
        ind = [c.index for c in t.columns if c.role == "indikator"]
        if len(pol) != 1 or not ind:
            continue
        for row in t.rows:
            cell = row.cell(pol[0])
            # a bare "-" is how reports write "empty": only "(-)" counts as a mark
            if cell is None or cell.text.strip() in ("-", "−", "–"):
                continue
            if not _NEGATIVE_MARK.search(cell.text.strip()):
                continue
            for k in ind:
                c = row.cell(k)
                if c is not None and c.text:
                    keys.add(indicator_key(c.text))
    return frozenset(keys)


def negative_indicators(doc: Document) -> frozenset[str]:
    """Keys (:func:`indicator_key`) of the indicators the report marks as lower-is-better."""
    return doc.memo(POLARITY_KEY, _build_polarity)


# ---- the grammar's tables ----------------------------------------------------------------
# grammar/formula.lark as Lark (1.x, LALR, contextual lexer) compiles it, derived by
# ``python -m sakiplint.read.grammars formula``: formulas are read from these without importing
# Lark. When the grammar changes (its digest differs) Lark parses until they are derived
# again; tests/test_speed_grammars.py checks them against Lark's and the results against
# Lark's parses.
_TABLES: dict[str, Any] = {
    'digest': 'd79c4ff1f6b638fe',
    'terminals': (
        ('EQUAL', '='),
        ('LBRACE', '\\{'),
        (
            'LHS',
            ('(?i:(persentase\\s+|nilai\\s+|tingkat\\s+)?(capaian|pencapaian)(\\s+kinerja)?('
             '\\s+indikator)?)'),
        ),
        ('LPAR', '\\('),
        ('LSQB', '\\['),
        ('MINUS', '\\-'),
        ('NUMBER', '[0-9]+([.,][0-9]+)?'),
        ('PLUS', '\\+'),
        ('RBRACE', '\\}'),
        ('RPAR', '\\)'),
        ('RSQB', '\\]'),
        ('SLASH', '/'),
        ('TIMES', '(?i:x|×|\\*|\\\\times|\\\\cdot|·)'),
        ('VAR', '(?i:realisasi|target|rencana)'),
        ('WS', '(?:[ \t\x0c\r\n])+'),
        ('__ANON_0', '\\\\frac'),
    ),
    'lexers': (
        'LHS VAR NUMBER WS __ANON_0 LBRACE LPAR LSQB MINUS',
        'VAR NUMBER WS __ANON_0 LBRACE LPAR LSQB MINUS',
        'WS EQUAL',
        'WS TIMES __ANON_0 MINUS PLUS RBRACE RPAR RSQB SLASH',
        'WS LBRACE',
        'WS',
        'WS MINUS PLUS',
        'WS MINUS PLUS RBRACE',
        'WS MINUS PLUS RPAR',
        'WS MINUS PLUS RSQB',
    ),
    'state_lexer':
        '0 1 2 1 1 1 3 3 4 3 3 3 5 6 3 7 1 8 9 3 1 1 1 3 1 1 3 6 3 3 7 3 3 3 3 4 1 7 3',
    'ignore': ('WS',),
    'states': (
        ('LBRACE s1 LHS s2 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 '
         'frac s10 product s11 start s12 sum s13 unary s14'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s11 sum s15 unary s14'),
        'EQUAL s16',
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s11 sum s17 unary s14'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s11 sum s18 unary s14'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'unary s19'),
        '$END r3 MINUS r3 PLUS r3 RBRACE r3 RPAR r3 RSQB r3 SLASH r3 TIMES r3 __ANON_0 r3',
        '$END r4 MINUS r4 PLUS r4 RBRACE r4 RPAR r4 RSQB r4 SLASH r4 TIMES r4 __ANON_0 r4',
        'LBRACE s20',
        ('$END r17 MINUS r17 PLUS r17 RBRACE r17 RPAR r17 RSQB r17 SLASH r17 TIMES r17 '
         '__ANON_0 r17'),
        '$END r5 MINUS r5 PLUS r5 RBRACE r5 RPAR r5 RSQB r5 SLASH r5 TIMES r5 __ANON_0 r5',
        ('$END r13 MINUS r13 PLUS r13 RBRACE r13 RPAR r13 RSQB r13 SLASH s21 TIMES s22 '
         '__ANON_0 s8 frac s23'),
        '',
        '$END r12 MINUS s24 PLUS s25',
        ('$END r10 MINUS r10 PLUS r10 RBRACE r10 RPAR r10 RSQB r10 SLASH r10 TIMES r10 '
         '__ANON_0 r10'),
        'MINUS s24 PLUS s25 RBRACE s26',
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s11 sum s27 unary s14'),
        'MINUS s24 PLUS s25 RPAR s28',
        'MINUS s24 PLUS s25 RSQB s29',
        ('$END r16 MINUS r16 PLUS r16 RBRACE r16 RPAR r16 RSQB r16 SLASH r16 TIMES r16 '
         '__ANON_0 r16'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s11 sum s30 unary s14'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'unary s31'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'unary s32'),
        '$END r9 MINUS r9 PLUS r9 RBRACE r9 RPAR r9 RSQB r9 SLASH r9 TIMES r9 __ANON_0 r9',
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s33 unary s14'),
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s34 unary s14'),
        '$END r0 MINUS r0 PLUS r0 RBRACE r0 RPAR r0 RSQB r0 SLASH r0 TIMES r0 __ANON_0 r0',
        '$END r11 MINUS s24 PLUS s25',
        '$END r1 MINUS r1 PLUS r1 RBRACE r1 RPAR r1 RSQB r1 SLASH r1 TIMES r1 __ANON_0 r1',
        '$END r2 MINUS r2 PLUS r2 RBRACE r2 RPAR r2 RSQB r2 SLASH r2 TIMES r2 __ANON_0 r2',
        'MINUS s24 PLUS s25 RBRACE s35',
        '$END r7 MINUS r7 PLUS r7 RBRACE r7 RPAR r7 RSQB r7 SLASH r7 TIMES r7 __ANON_0 r7',
        '$END r8 MINUS r8 PLUS r8 RBRACE r8 RPAR r8 RSQB r8 SLASH r8 TIMES r8 __ANON_0 r8',
        ('$END r14 MINUS r14 PLUS r14 RBRACE r14 RPAR r14 RSQB r14 SLASH s21 TIMES s22 '
         '__ANON_0 s8 frac s23'),
        ('$END r15 MINUS r15 PLUS r15 RBRACE r15 RPAR r15 RSQB r15 SLASH s21 TIMES s22 '
         '__ANON_0 s8 frac s23'),
        'LBRACE s36',
        ('LBRACE s1 LPAR s3 LSQB s4 MINUS s5 NUMBER s6 VAR s7 __ANON_0 s8 atom s9 frac s10 '
         'product s11 sum s37 unary s14'),
        'MINUS s24 PLUS s25 RBRACE s38',
        '$END r6 MINUS r6 PLUS r6 RBRACE r6 RPAR r6 RSQB r6 SLASH r6 TIMES r6 __ANON_0 r6',
    ),
    'rules': (
        ('atom', 3, 'atom', True, '1'),
        ('atom', 3, 'atom', True, '1'),
        ('atom', 3, 'atom', True, '1'),
        ('atom', 1, 'num', False, '0'),
        ('atom', 1, 'var', False, '0'),
        ('atom', 1, 'atom', True, '0'),
        ('frac', 7, 'frac', False, '2 5'),
        ('product', 3, 'div', False, '0 2'),
        ('product', 3, 'mul', False, '0 1 2'),
        ('product', 2, 'mul', False, '0 1'),
        ('product', 1, 'product', True, '0'),
        ('start', 3, 'start', False, '0 2'),
        ('start', 1, 'start', False, '0'),
        ('sum', 1, 'sum', True, '0'),
        ('sum', 3, 'sub', False, '0 2'),
        ('sum', 3, 'add', False, '0 2'),
        ('unary', 2, 'neg', False, '1'),
        ('unary', 1, 'unary', True, '0'),
    ),
    'start': 0,
    'end': 12,
}

