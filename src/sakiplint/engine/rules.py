"""The rule engine: loading rule packs, walking the document, collecting findings.

A rule is metadata (code, slug, category, severity, messages in Bahasa Indonesia and English,
docs and examples; validated against ``schemas/rule.schema.json``) plus a check function.
The engine does the walking: a rule declares its ``scope`` (document, table, row or cell) and
is called once per node of that kind. Rules ask the document model; they never read text.

Built-in rules live in the ``rules/`` pack (one TOML file per rule). Third-party packages add
rules through the entry-point group ``sakiplint.rules``: the entry point is a :class:`Rule`,
a list of them, or a callable returning either.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import marshal
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sakiplint import __version__
from sakiplint.engine.findings import Finding, Related
from sakiplint.model import Cell, Document, Row, Table
from sakiplint.read.resources import cache_dir, data_dir, private_file, write_atomic

ENTRY_POINT_GROUP = "sakiplint.rules"
SCOPES = ("document", "table", "row", "cell")


class RulePackError(Exception):
    """A rule file or third-party rule that does not satisfy the rule schema."""


@dataclass(slots=True)
class Rule:
    code: str
    slug: str
    category: str
    severity: str
    scope: str
    check: Callable[..., Iterable[Any]]
    message: dict[str, str]
    description: dict[str, str]
    docs: dict[str, str] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)
    enabled_by_default: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    origin: str = "builtin"

    def meta(self) -> dict[str, Any]:
        return {
            "code": self.code, "slug": self.slug, "category": self.category,
            "severity": self.severity, "scope": self.scope,
            "check": check_ref(self.check),
            "message": self.message, "description": self.description, "docs": self.docs,
            "examples": self.examples, "enabled_by_default": self.enabled_by_default,
        }


# --------------------------------------------------------------------------- validation

@cache
def rule_schema() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "schemas" / "rule.schema.json").read_text("utf-8"))


def validate_rule_meta(meta: dict[str, Any], where: str) -> None:
    import jsonschema  # deferred: only needed when a pack is (re)validated

    validator = jsonschema.Draft202012Validator(rule_schema())
    errors = sorted(validator.iter_errors(meta), key=lambda e: list(e.path))
    if errors:
        err = errors[0]
        loc = "/".join(str(p) for p in err.path) or "(top)"
        raise RulePackError(f"{where}: invalid rule at {loc}: {err.message}")


def _pack_cache(digest: str) -> Path | None:
    folder = cache_dir()
    return folder / f"pack-{digest}.marshal" if folder is not None else None


_HASH = 32  # a cache file starts with the SHA-256 of the rest


def _cached_pack(digest: str) -> list[dict[str, Any]] | None:
    """The rule metadata of a pack validated before (None: not cached, unreadable, not a
    private file of ours, or not whole)."""
    path = _pack_cache(digest)
    if path is None or not private_file(path):
        return None
    try:
        data = path.read_bytes()
        if len(data) <= _HASH or hashlib.sha256(data[_HASH:]).digest() != data[:_HASH]:
            return None
        metas = marshal.loads(data[_HASH:])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(metas, list) or not all(_plain(m) for m in metas):
        return None
    return metas


def _plain(meta: Any) -> bool:
    """Rule metadata as TOML gives it: the check a string, the tables dicts."""
    return isinstance(meta, dict) and isinstance(meta.get("check"), str) and all(
        isinstance(meta.get(k), dict) for k in ("message", "description"))


def _store_pack(digest: str, metas: list[dict[str, Any]]) -> None:
    """Remember a validated pack; an unwritable cache directory only costs time."""
    path = _pack_cache(digest)
    if path is None:
        return
    try:
        payload = marshal.dumps(metas)
    except ValueError:
        return
    write_atomic(path, hashlib.sha256(payload).digest() + payload)


def _pack_digest(raw: list[tuple[Path, bytes]]) -> str:
    """Identifies a pack's content as this sakiplint (version, rule schema) and Python read
    it: any change to a rule file, the set of files, the schema or the versions is a miss."""
    h = hashlib.sha256()
    schema = Path(__file__).parent / "schemas" / "rule.schema.json"
    h.update(f"{__version__}\0{sys.version_info[:2]}\0{marshal.version}\0hashed\0".encode())
    h.update(schema.read_bytes())
    for f, data in raw:
        h.update(b"\0" + f.name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:24]


# --------------------------------------------------------------------------- loading

def _resolve(ref: str) -> Callable[..., Iterable[Any]]:
    module, _, attr = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


def load_pack(directory: Path, origin: str = "builtin") -> list[Rule]:
    """Load every ``*.toml`` rule file of a pack directory, validating each against the
    rule schema. The parsed and validated metadata is remembered per pack content (see
    :func:`_pack_digest`), so that a start-up reads no TOML and validates nothing."""
    files = sorted(directory.glob("*.toml"))
    raw = [(f, f.read_bytes()) for f in files]
    digest = _pack_digest(raw)
    metas = _cached_pack(digest)
    if metas is None or len(metas) != len(raw):
        import tomllib

        metas = []
        for f, data in raw:
            try:
                meta = tomllib.loads(data.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise RulePackError(f"{f}: not valid TOML ({exc})") from None
            validate_rule_meta(meta, str(f))
            metas.append(meta)
        _store_pack(digest, metas)
    return [_rule_from_meta(meta, origin, str(f)) for (f, _), meta in zip(raw, metas, strict=True)]


class LazyCheck:
    """A rule file's check function (``"module:function"``), imported on its first call: a
    run imports the check modules of the rules it runs only (``sakiplint rules`` and
    ``explain`` none). That the module exists is checked when the rule is loaded."""

    __slots__ = ("_function", "ref", "where")

    def __init__(self, ref: str, where: str) -> None:
        self.ref = ref
        self.where = where
        self._function: Callable[..., Iterable[Any]] | None = None
        module = ref.partition(":")[0]
        try:
            found = _module_exists(module)
        except (ImportError, ValueError, AttributeError) as exc:
            raise RulePackError(f"{where}: cannot load check {ref!r}: {exc}") from None
        if not found:
            raise RulePackError(f"{where}: cannot load check {ref!r}: "
                                f"No module named {module!r}")

    def __call__(self, *args: Any) -> Iterable[Any]:
        function = self._function
        if function is None:
            try:
                function = self._function = _resolve(self.ref)
            except (ImportError, AttributeError) as exc:
                raise RulePackError(
                    f"{self.where}: cannot load check {self.ref!r}: {exc}") from None
        return function(*args)

    def __repr__(self) -> str:
        return f"LazyCheck({self.ref!r})"


@cache
def _module_exists(module: str) -> bool:
    """Whether ``module`` can be imported, found without running any of its code (nor its
    parent packages', which ``importlib.util.find_spec`` imports)."""
    import importlib.util
    from importlib.machinery import PathFinder

    if module in sys.modules:
        return True
    parts = module.split(".")
    known = max((k for k in range(1, len(parts)) if ".".join(parts[:k]) in sys.modules),
                default=0)
    search: Any = None
    if known:
        search = getattr(sys.modules[".".join(parts[:known])], "__path__", None)
        if search is None:
            return False
    for k in range(known, len(parts)):
        name = ".".join(parts[:k + 1])
        spec = importlib.util.find_spec(name) if k == 0 else PathFinder.find_spec(name, search)
        if spec is None:
            return False
        search = spec.submodule_search_locations
        if search is None and k + 1 < len(parts):
            return False
    return True


def check_ref(check: Callable[..., Any]) -> str:
    """``"module:function"`` of a rule's check."""
    if isinstance(check, LazyCheck):
        return check.ref
    return f"{check.__module__}:{check.__qualname__}"


def _rule_from_meta(meta: dict[str, Any], origin: str, where: str) -> Rule:
    check = LazyCheck(meta["check"], where)
    return Rule(
        code=meta["code"], slug=meta["slug"], category=meta["category"],
        severity=meta["severity"], scope=meta["scope"], check=check,
        message=meta["message"], description=meta["description"], docs=meta.get("docs", {}),
        examples=meta.get("examples", []),
        enabled_by_default=meta.get("enabled_by_default", True),
        options=meta.get("options", {}), origin=origin,
    )


def _plugin_entry_points() -> list[Any]:
    """The ``sakiplint.rules`` entry points of the installed packages.

    Scanning every installed distribution costs tens of milliseconds at each start, so the
    entry points found are remembered per state of the import path: any package installed
    or removed changes a site-packages directory's mtime, and with it the key. A cached entry
    names a module to import, so it is used only when the distribution's own metadata file
    it came from (in a folder of the import path) still declares it."""
    stamp = [s for s in map(_path_stamp, sys.path) if s is not None]
    digest = hashlib.sha256("\n".join(stamp).encode()).hexdigest()[:20]
    folder = cache_dir()
    path = folder / f"entry-points-{digest}.json" if folder is not None else None
    triples = _cached_entry_points(path)
    if triples is None:
        from importlib.metadata import entry_points

        found = list(entry_points(group=ENTRY_POINT_GROUP))
        triples = [[ep.name, ep.value, str(getattr(ep.dist, "_path", "") or "")]
                   for ep in found]
        if path is not None and all(t[2] for t in triples):
            write_atomic(path, json.dumps(triples).encode("utf-8"))
        return found
    if not triples:
        return []
    from importlib.metadata import EntryPoint

    return [EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value, _ in triples]


def _cached_entry_points(path: Path | None) -> list[list[str]] | None:
    """The cached (name, value, metadata folder) triples, when each is still declared."""
    if path is None or not private_file(path):
        return None
    try:
        triples = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(triples, list) or not all(
        isinstance(t, list) and len(t) == 3 and all(isinstance(x, str) for x in t)
        for t in triples
    ):
        return None
    if triples and not _declared(triples):
        return None
    return triples


def _declared(triples: list[list[str]]) -> bool:
    from importlib.metadata import Distribution

    roots = {os.path.abspath(p or ".") for p in sys.path}
    for name, value, meta in triples:
        folder = Path(meta)
        if not folder.name.lower().endswith(_METADATA_SUFFIXES) or str(
                folder.parent) not in roots:
            return False
        try:
            eps = Distribution.at(folder).entry_points.select(group=ENTRY_POINT_GROUP)
        except (OSError, ValueError):
            return False
        if not any(ep.name == name and ep.value == value for ep in eps):
            return False
    return True


_METADATA_SUFFIXES = (".dist-info", ".egg-info")


def _path_stamp(entry: str) -> str | None:
    """What the entry point scan finds in one ``sys.path`` entry, cheaply: its mtime; for
    the current directory (``python -m`` puts it first), whose mtime changes whenever a file
    is saved there, the distributions' metadata in it (usually none)."""
    folder = entry or "."
    try:
        if os.path.abspath(folder) != os.getcwd():
            return f"{entry}:{os.stat(folder).st_mtime_ns}"
        found = sorted(n for n in os.listdir(folder) if n.lower().endswith(_METADATA_SUFFIXES))
        return f"{entry}:cwd:" + ",".join(
            f"{n}@{os.stat(os.path.join(folder, n)).st_mtime_ns}" for n in found)
    except OSError:
        return None


def _third_party() -> list[Rule]:
    rules: list[Rule] = []
    for ep in _plugin_entry_points():
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break the linter
            raise RulePackError(f"rule plugin {ep.name!r} failed to load: {exc}") from None
        if callable(obj) and not isinstance(obj, Rule):
            obj = obj()
        items = obj if isinstance(obj, list | tuple) else [obj]
        for item in items:
            if not isinstance(item, Rule):
                raise RulePackError(f"rule plugin {ep.name!r} gave {type(item).__name__}, not Rule")
            validate_rule_meta(item.meta(), f"plugin {ep.name}")
            item.origin = ep.name
            rules.append(item)
    return rules


@cache
def all_rules() -> tuple[Rule, ...]:
    registry = add_rules({}, load_pack(data_dir("rules")))
    add_rules(registry, _third_party())
    return tuple(sorted(registry.values(), key=lambda r: r.code))


def add_rules(registry: dict[str, Rule], rules: Iterable[Rule]) -> dict[str, Rule]:
    """Add rules to a registry by code; a code defined twice is an error."""
    for r in rules:
        if r.code in registry:
            raise RulePackError(
                f"rule code {r.code} defined twice ({registry[r.code].origin}, {r.origin})"
            )
        registry[r.code] = r
    return registry


# --------------------------------------------------------------------------- running

@dataclass(slots=True)
class Issue:
    """What a check yields; the engine turns it into a :class:`Finding`."""

    at: Cell | Row | tuple[int, int, int, int]
    args: dict[str, Any] = field(default_factory=dict)
    related: list[Related] = field(default_factory=list)
    actual: str | None = None
    expected: str | None = None


@dataclass(slots=True)
class Settings:
    tolerance_scale: Decimal = Decimal(1)   # multiplies the 10^-d tolerance
    lower_is_better: tuple[str, ...] = ()


@dataclass(slots=True)
class Context:
    document: Document
    rule: Rule
    settings: Settings
    table: Table | None = None


@dataclass(slots=True)
class RuleCrash:
    """A rule (or the knowledge it asked for) that raised on one file: reported, never
    allowed to cost the other rules' findings."""

    rule: str
    path: str
    error: str            # "ExcType: message", one line
    trace: str = ""       # the traceback's last frames, for the report of the bug

    def __str__(self) -> str:
        return f"{self.path}: internal error in rule {self.rule}: {self.error} (please report)"


class RuleCrashed(Exception):
    """Raised by :func:`run_rules` after the walk when rules crashed and the caller gave no
    list to collect the crashes in; it carries the findings of the rules that did not."""

    def __init__(self, crashes: list[RuleCrash], findings: list[Finding]) -> None:
        super().__init__("; ".join(str(c) for c in crashes))
        self.crashes = crashes
        self.findings = findings


def describe_error(exc: BaseException, limit: int = 300) -> str:
    """``ExcType: message`` on one line (bounded), for an internal error line."""
    text = " ".join(str(exc).split())
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_rules(
    doc: Document, rules: Iterable[Rule], settings: Settings | None = None,
    crashes: list[RuleCrash] | None = None,
) -> list[Finding]:
    """Run the rules on a document, each called once per node of its scope.

    A rule that raises is reported as a :class:`RuleCrash` of that rule and file (appended
    to ``crashes``) and not called again on this document; every other rule runs and keeps
    its findings. Without a ``crashes`` list, :class:`RuleCrashed` is raised after the walk.
    The arithmetic runs in the document's :func:`~sakiplint.read.numfmt.number_context`."""
    import decimal

    from sakiplint.read.numfmt import number_context

    settings = settings or Settings()
    by_scope: dict[str, list[Rule]] = {s: [] for s in SCOPES}
    for r in rules:
        by_scope[r.scope].append(r)
    findings: list[Finding] = []
    crashed: dict[str, RuleCrash] = {}

    def call(rule: Rule, node: Any, table: Table | None) -> None:
        if rule.code in crashed:
            return
        try:
            for issue in rule.check(Context(doc, rule, settings, table), node) or ():
                findings.append(_finding(rule, issue, table))
        except RulePackError:
            raise
        except Exception as exc:  # one rule's bug must not cost the others' findings
            import traceback

            crashed[rule.code] = RuleCrash(rule.code, doc.path, describe_error(exc),
                                           "".join(traceback.format_exception(exc, limit=-8)))

    with decimal.localcontext(number_context(doc.text or "\n".join(doc.lines))):
        for rule in by_scope["document"]:
            call(rule, doc, None)
        if by_scope["table"] or by_scope["row"] or by_scope["cell"]:
            for table in doc.tables:
                if table.skipped:
                    continue
                for rule in by_scope["table"]:
                    call(rule, table, table)
                if not (by_scope["row"] or by_scope["cell"]):
                    continue
                for row in table.rows:
                    for rule in by_scope["row"]:
                        call(rule, row, table)
                    if by_scope["cell"]:
                        for cell in row.cells:
                            for rule in by_scope["cell"]:
                                call(rule, cell, table)
    findings.sort(key=Finding.sort_key)
    if crashed:
        if crashes is None:
            raise RuleCrashed(list(crashed.values()), findings)
        crashes.extend(crashed.values())
    return findings


def _finding(rule: Rule, issue: Issue, table: Table | None) -> Finding:
    at = issue.at
    if isinstance(at, Cell):
        line, col, end_line, end_col = at.line, at.value_column, at.line, at.value_end_column
    elif isinstance(at, Row):
        first = next((c for c in at.cells if c.text), at.cells[0])
        line, col, end_line, end_col = at.line, first.column, at.line, first.column + len(first.raw)
    else:
        line, col, end_line, end_col = at
    from sakiplint.engine import words

    args = dict(issue.args)
    args.setdefault("actual", issue.actual or "")
    args.setdefault("expected", issue.expected or "")
    # sakiplint's own words in the arguments are rendered per language (engine.words)
    messages = {lang: _format(words.template(tpl, args, lang, line), words.arguments(args, lang))
                for lang, tpl in rule.message.items()}
    return Finding(
        rule=rule.code, slug=rule.slug, category=rule.category, severity=rule.severity,
        line=line, column=col, end_line=end_line, end_column=max(end_col, col + 1),
        messages=messages, related=issue.related, actual=issue.actual,
        expected=issue.expected, table=table.title if table else None,
        header=_header(at, table),
    )


def _header(at: object, table: Table | None) -> str | None:
    """The header of the column a cell finding points at ("kolom N" when it has none)."""
    if table is None or not isinstance(at, Cell):
        return None
    rows = [r for r in table.rows if r.line == at.line] or table.rows
    for row in rows:
        for i, c in enumerate(row.cells):
            if c is at:
                return table.columns[i].name if i < len(table.columns) else None
    return None


class _Default(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, args: dict[str, Any]) -> str:
    return template.format_map(_Default(args))


def iter_examples(rule: Rule) -> Iterator[tuple[str, str, list[str]]]:
    """(kind, report text, expected codes) for each documented example of a rule."""
    for ex in rule.examples:
        default = [rule.code] if ex["kind"] == "fail" else []
        yield ex["kind"], ex["report"], ex.get("expect", default)
