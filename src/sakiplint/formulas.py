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
from functools import cache
from typing import TYPE_CHECKING, Literal

from sakiplint.grammars import load_grammar

if TYPE_CHECKING:
    from lark import Lark, Tree

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


@cache
def _parser() -> Lark:
    return load_grammar("formula")


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


def _to_expr(tree: Tree | object) -> Expr:
    from lark import Token, Tree

    if isinstance(tree, Token):  # pragma: no cover - terminals are wrapped by rules
        raise ValueError(tree)
    assert isinstance(tree, Tree)
    kids = [k for k in tree.children if not (isinstance(k, Token) and k.type == "TIMES")]
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
        body = [k for k in tree.children if not isinstance(k, Token)]
        return _to_expr(body[-1])
    raise ValueError(f"unexpected node {d}")


def parse_formula(text: str) -> Expr | None:
    """The expression of a stated formula ("Capaian = ..." or just its right-hand side),
    or None when the text is not a formula over target / realisasi."""
    from lark.exceptions import LarkError

    t = clean(text)
    if not t:
        return None
    try:
        tree = _parser().parse(t)
    except LarkError:
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
    """The stated formulas for lower-is-better indicators (capaian falls as realisasi rises)."""
    return [f for f in stated_formulas(doc) if f.polarity == "negative"]


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
