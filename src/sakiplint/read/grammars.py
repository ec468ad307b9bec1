"""Loading the .lark grammars: compiled once per process, and the LALR analysis cached on
disk (per grammar text, options, Lark's and Python's versions) so that start-up does not redo
it. The cache is plain data checked by its content hash, in the private cache directory
(never Lark's own cache: a pickle loaded before it is checked, in the shared temp folder)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakiplint.read.resources import cache_dir, data_dir, private_file, write_atomic

if TYPE_CHECKING:
    import re

    from lark import Lark


def _cache_file(name: str, text: str, options: dict[str, Any]) -> Path | None:
    """Where the LALR analysis of a grammar is kept: in the private cache directory only
    (never the shared temp folder), named by the grammar text, the options that shape the
    parser, Lark's and Python's versions."""
    import lark

    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(
        (text + repr(sorted((k, repr(v)) for k, v in options.items() if k != "transformer"))
         + f"\0{lark.__version__}\0{sys.version_info[:2]}").encode("utf-8")
    ).hexdigest()[:24]
    return folder / f"lark-{name}-{key}.marshal"


_HASH = 32  # a cache file starts with the SHA-256 of the rest


def _cached_parser(path: Path, options: dict[str, Any]) -> Lark | None:
    """The parser kept in ``path``: plain data (``marshal``, never ``pickle``), loaded only
    from a private file of ours whose content hash checks."""
    import marshal

    from lark import Lark

    if not private_file(path):
        return None
    try:
        data = path.read_bytes()
        if len(data) <= _HASH or hashlib.sha256(data[_HASH:]).digest() != data[:_HASH]:
            return None
        state = marshal.loads(data[_HASH:])
        allowed = {k: v for k, v in options.items() if k in _load_options()}
        return Lark.__new__(Lark)._load(state, **allowed)  # type: ignore[no-any-return]
    except Exception:  # a stale or foreign file: build the parser instead
        return None


def _store_parser(path: Path, parser: Lark) -> None:
    import marshal

    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    try:
        data, memo = parser.memo_serialize([TerminalDef, Rule])
        data["options"] = {k: v for k, v in data["options"].items()
                           if k not in _load_options()}
        payload = marshal.dumps({"data": data, "memo": memo})
    except (ValueError, TypeError, AttributeError):
        return
    write_atomic(path, hashlib.sha256(payload).digest() + payload)


def _load_options() -> frozenset[str]:
    """The options Lark takes when a parser is loaded (the transformer ...): not saved."""
    from lark import lark as lark_module

    return frozenset(getattr(lark_module, "_LOAD_ALLOWED_OPTIONS", ()))


@cache
def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark``."""
    return (data_dir("grammar") / f"{name}.lark").read_text(encoding="utf-8")


def grammar_digest(name: str) -> str:
    """A digest of ``grammar/<name>.lark``: code derived from a grammar checks it."""
    return hashlib.sha256(grammar_text(name).encode("utf-8")).hexdigest()[:16]


def load_grammar(name: str, **options: Any) -> Lark:
    """Build the Lark parser for ``grammar/<name>.lark`` (LALR unless told otherwise)."""
    from lark import Lark

    text = grammar_text(name)
    options.setdefault("parser", "lalr")
    path = _cache_file(name, text, options) if options["parser"] == "lalr" else None
    if path is not None:
        parser = _cached_parser(path, options)
        if parser is not None:
            return parser
    parser = Lark(text, **options)
    if path is not None:
        _store_parser(path, parser)
    return parser


# ---- answering without Lark ---------------------------------------------------------------
#
# A parse by Lark's LALR parser is a run of two tables: the contextual lexer's (for each
# parser state, the terminals it tries, in order, as one regular expression) and the parse
# table (for each state and symbol: shift to a state, or reduce by a rule), plus the rule
# callbacks of the parse-tree builder (which children a rule keeps or inlines, whether a
# ``?rule`` with one child collapses). :func:`derive_tables` reads all of them from a Lark
# parser; modules keep the result as a constant (with the digest of the grammar it was
# derived from) and :class:`Tables` runs it, so that a process answers without importing
# Lark at all. When the grammar's digest differs, or Lark's major version is not the one the
# tables were derived with, the modules parse with Lark instead (:func:`tables_valid`).

#: Lark's major version the tables are derived with (its lexer order and tree building)
TABLES_LARK_MAJOR = "1"


class NoParse(Exception):
    """The text is not in the grammar's language (where Lark raises a ``LarkError``)."""


class LiteToken(str):
    """A token as Lark's ``Token`` reads: a ``str`` with a ``type`` (and ``value``)."""

    __slots__ = ("type",)
    type: str

    def __new__(cls, type_: str, value: str) -> LiteToken:
        token = super().__new__(cls, value)
        token.type = type_
        return token

    @property
    def value(self) -> str:
        return str.__str__(self)


class LiteTree:
    """A parse-tree node as Lark's ``Tree`` reads: ``data`` and ``children``."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"LiteTree({self.data!r}, {self.children!r})"


@cache
def lark_major() -> str:
    """Lark's major version, without importing Lark when it is not imported yet."""
    import re
    import sys as _sys

    module = _sys.modules.get("lark")
    if module is not None:
        return str(getattr(module, "__version__", "")).split(".")[0]
    import importlib.util

    spec = importlib.util.find_spec("lark")
    if spec is None or spec.origin is None:
        return ""
    try:
        with open(spec.origin, encoding="utf-8") as f:
            m = re.search(r"""__version__\s*(?::\s*str\s*)?=\s*["'](\d+)\.""", f.read())
    except OSError:
        return ""
    return m.group(1) if m else ""


def tables_valid(name: str, spec: dict[str, Any]) -> bool:
    """Whether ``spec`` (from :func:`derive_tables`) fits ``grammar/<name>.lark`` as it is
    and the Lark installed (which the Lark path would use)."""
    return grammar_digest(name) == spec["digest"] and lark_major() == TABLES_LARK_MAJOR


class Tables:
    """Lark's LALR parse of one grammar (contextual lexer), run from derived tables."""

    def __init__(self, spec: dict[str, Any]) -> None:

        regex = dict(spec["terminals"])
        # a lexer is compiled when a parse first reaches a state that uses it
        self._patterns = [
            "|".join(f"(?P<{t}>{regex[t]})" for t in names.split()) for names in spec["lexers"]
        ]
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self._patterns)
        self._state_lexer = [int(i) for i in spec["state_lexer"].split()]
        self._ignore = frozenset(spec["ignore"])
        # action: >= 0 shift to that state; < 0 reduce by rule ~action
        self._states: list[dict[str, int]] = []
        for row in spec["states"]:
            items = row.split()
            self._states.append({
                items[k]: (int(items[k + 1][1:]) if items[k + 1][0] == "s"
                           else ~int(items[k + 1][1:]))
                for k in range(0, len(items), 2)
            })
        self._rules: list[tuple[str, int, str, bool, tuple[tuple[int, bool], ...]]] = [
            (origin, size, callback, expand1, tuple(
                (int(x.rstrip("x")), x.endswith("x")) for x in keep.split()))
            for origin, size, callback, expand1, keep in spec["rules"]
        ]
        self._start: int = spec["start"]
        self._end: int = spec["end"]

    def _compile(self, k: int) -> re.Pattern[str]:
        import re

        compiled = self._compiled[k] = re.compile(self._patterns[k])
        return compiled

    def parse(self, text: str, callbacks: dict[str, Callable[[list[Any]], Any]] | None = None,
              ) -> Any:
        """What Lark's ``parse(text)`` returns (with an inline transformer given as
        ``callbacks``: callback name -> function of the children); raises :class:`NoParse`
        where Lark raises a ``LarkError``."""
        states, rules, ignore = self._states, self._rules, self._ignore
        state_lexer, compiled = self._state_lexer, self._compiled
        cbs = callbacks or {}
        state_stack = [self._start]
        value_stack: list[Any] = []
        pos, n = 0, len(text)
        while True:
            token: LiteToken | None = None
            while pos < n:
                k = state_lexer[state_stack[-1]]
                lexer = compiled[k] or self._compile(k)
                m = lexer.match(text, pos)
                if m is None:
                    raise NoParse(text)
                pos = m.end()
                kind = m.lastgroup or ""
                if kind not in ignore:
                    token = LiteToken(kind, m.group())
                    break
            kind = token.type if token is not None else "$END"
            while True:  # feed the token: reduce as often as needed, then shift
                action = states[state_stack[-1]].get(kind)
                if action is None:
                    raise NoParse(text)
                if action >= 0:
                    if token is None:  # pragma: no cover - $END is never shifted
                        raise NoParse(text)
                    state_stack.append(action)
                    value_stack.append(token)
                    break
                origin, size, name, expand1, keep = rules[~action]
                if size:
                    popped = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    popped = []
                children: list[Any] = []
                for i, inline in keep:
                    if inline:
                        children.extend(popped[i].children)
                    else:
                        children.append(popped[i])
                if expand1 and len(children) == 1:
                    value = children[0]
                else:
                    f = cbs.get(name)
                    value = f(children) if f is not None else LiteTree(name, children)
                goto = states[state_stack[-1]][origin]
                state_stack.append(goto)
                value_stack.append(value)
                if token is None and goto == self._end:
                    return value


class GrammarParser:
    """One grammar's parser as its module uses it: the LALR tables the module holds (run
    without Lark) when they fit the grammar and the Lark installed, else Lark itself. A
    text outside the grammar's language gives None either way.

    ``spec`` returns the module's tables (from :func:`derive_tables`); ``lark`` builds the
    Lark parser (default: :func:`load_grammar` of ``name``); ``callbacks`` returns the
    inline transformer for the tables (callback name -> function), matching the one the Lark
    parser was given."""

    def __init__(
        self, name: str, spec: Callable[[], dict[str, Any]],
        lark: Callable[[], Lark] | None = None,
        callbacks: Callable[[], dict[str, Callable[[list[Any]], Any]]] | None = None,
    ) -> None:
        self.name = name
        self._spec = spec
        self._lark_factory = lark or (lambda: load_grammar(name))
        self._callbacks_factory = callbacks
        self._tables: Tables | bool | None = False    # False: not decided yet
        self._lark: Lark | None = None
        self._callbacks: dict[str, Callable[[list[Any]], Any]] | None = None

    def tables(self) -> Tables | None:
        """The tables, or None when they do not fit the grammar (then Lark parses)."""
        if self._tables is False:
            spec = self._spec()
            self._tables = Tables(spec) if tables_valid(self.name, spec) else None
        return self._tables  # type: ignore[return-value]

    def lark(self) -> Lark:
        if self._lark is None:
            self._lark = self._lark_factory()
        return self._lark

    def with_lark(self, text: str) -> Any:
        """Lark's result for ``text``, or None when it does not parse."""
        from lark.exceptions import LarkError

        try:
            return self.lark().parse(text)
        except LarkError:
            return None

    def with_tables(self, text: str, tables: Tables) -> Any:
        """The same as :meth:`with_lark`, from the tables (without Lark): a tree of
        :class:`LiteTree` / :class:`LiteToken`, read as Lark's ``Tree`` / ``Token``, or the
        callbacks' value."""
        if self._callbacks is None and self._callbacks_factory is not None:
            self._callbacks = self._callbacks_factory()
        try:
            return tables.parse(text, self._callbacks)
        except NoParse:
            return None

    def parse(self, text: str) -> Any:
        tables = self.tables()
        if tables is not None:
            return self.with_tables(text, tables)
        return self.with_lark(text)


def derive_tables(name: str, parser: Lark) -> dict[str, Any]:
    """The tables of ``parser`` (Lark, LALR, contextual lexer, built from
    ``grammar/<name>.lark``) as :class:`Tables` runs them: plain data, to keep as a
    constant next to the code that uses it (see :func:`tables_source`)."""
    import re

    from lark.lexer import ContextualLexer
    from lark.parsers.lalr_analysis import Shift

    assert parser.options.parser == "lalr"
    lexer = parser.parser.lexer
    assert isinstance(lexer, ContextualLexer)
    assert parser.lexer_conf.g_regex_flags == 0 and parser.lexer_conf.re_module is re
    assert not parser.lexer_conf.use_bytes and parser.options.postlex is None
    table = parser.parser.parser.parser.parse_table
    # Lark numbers states and rules in an order that varies from run to run (hash seeds):
    # number them canonically, states breadth-first from the start state by symbol name
    # and rules by their text, so that the tables derived are always the same
    rules = sorted(parser.rules, key=lambda r: (
        str(r.origin.name), [str(s.name) for s in r.expansion], str(r.alias)))
    index = {id(r): k for k, r in enumerate(rules)}
    start, end = table.start_states["start"], table.end_states["start"]
    order = [start]
    number = {start: 0}
    for state in order:
        for sym in sorted(table.states[state]):
            action, arg = table.states[state][sym]
            if action is Shift and arg not in number:
                number[arg] = len(order)
                order.append(arg)
    assert len(order) == len(table.states) and end in number
    terminals: dict[str, str] = {}
    lexer_names: list[str] = []
    state_lexer: list[str] = []
    for state in order:
        basic = lexer.lexers[state]
        scanner = basic.scanner
        assert not basic.callback, basic.callback  # no UnlessCallback / user callbacks
        assert len(scanner._mres) == 1
        names = " ".join(t.name for t in scanner.terminals)
        for t in scanner.terminals:
            terminals[t.name] = t.pattern.to_regexp()
        assert set(basic.ignore_types) == set(parser.lexer_conf.ignore)
        if names not in lexer_names:
            lexer_names.append(names)
        state_lexer.append(str(lexer_names.index(names)))
    states: list[str] = []
    for state in order:
        items = []
        for sym in sorted(table.states[state]):
            action, arg = table.states[state][sym]
            items.append(f"{sym} s{number[arg]}" if action is Shift
                         else f"{sym} r{index[id(arg)]}")
        states.append(" ".join(items))
    rule_rows = []
    for r in rules:
        assert not r.options.keep_all_tokens and not r.options.empty_indices
        keep = " ".join(
            f"{i}x" if not s.is_term and s.name.startswith("_") else str(i)
            for i, s in enumerate(r.expansion) if not (s.is_term and s.filter_out)
        )
        callback = str(r.alias or r.options.template_source or r.origin.name)
        rule_rows.append((str(r.origin.name), len(r.expansion), callback,
                          bool(r.options.expand1 and not r.alias), keep))
    return {
        "digest": grammar_digest(name),
        "terminals": tuple(sorted(terminals.items())),
        "lexers": tuple(lexer_names),
        "state_lexer": " ".join(state_lexer),
        "ignore": tuple(sorted(parser.lexer_conf.ignore)),
        "states": tuple(states),
        "rules": tuple(rule_rows),
        "start": 0,
        "end": number[end],
    }


def _wrapped(text: str, indent: int, width: int = 96) -> list[str]:
    """``text`` as string literals (implicitly concatenated) within ``width`` columns."""
    room = width - indent - 2
    chunks: list[str] = []
    rest = text
    while rest:
        k = len(rest)
        while len(repr(rest[:k])) > room:
            k -= 1
        if k < len(rest) and " " in rest[:k]:
            k = rest[:k].rindex(" ") + 1
        chunks.append(rest[:k])
        rest = rest[k:]
    pad = " " * indent
    return [pad + repr(c) for c in chunks] or [pad + "''"]


def _literal(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    one = pad + repr(value) + ","
    if len(one) <= 96:
        return [one]
    if isinstance(value, str):
        lines = _wrapped(value, indent + 1)
        lines[0] = pad + "(" + lines[0][indent + 1:]
        lines[-1] += "),"
        return lines
    lines = [pad + "("]
    for item in value:
        lines += _literal(item, indent + 4)
    return [*lines, pad + "),"]


def tables_source(spec: dict[str, Any]) -> str:
    """``spec`` as Python source (a dict display) within 100 columns, to paste as the
    constant of the module that uses it."""
    lines = ["{"]
    for key, value in spec.items():
        body = _literal(value, 4)
        body[0] = f"    {key!r}: " + body[0].lstrip()
        if len(body[0]) > 96:
            body = [f"    {key!r}:", *_literal(value, 8)]
        lines += body
    return "\n".join([*lines, "}"])


if __name__ == "__main__":  # python -m sakiplint.read.grammars NAME: print NAME's tables
    from lark import Lark as _Lark

    _names = ("numwords", "dates", "formula")
    if len(sys.argv) != 2 or sys.argv[1] not in _names:
        sys.exit(f"usage: python -m sakiplint.read.grammars {{{'|'.join(_names)}}}\n"
                 "prints the grammar's LALR tables for its module's _TABLES constant")
    _name = sys.argv[1]
    print(tables_source(derive_tables(_name, _Lark(grammar_text(_name), parser="lalr"))))
