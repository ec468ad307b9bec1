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
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sakiplint.findings import Finding, Related
from sakiplint.model import Cell, Document, Row, Table
from sakiplint.resources import cache_dir, data_dir

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
            "check": f"{self.check.__module__}:{self.check.__qualname__}",
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


def _validated_before(digest: str) -> bool:
    return (cache_dir() / f"pack-{digest}.ok").exists()


def _mark_validated(digest: str) -> None:
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        (d / f"pack-{digest}.ok").write_text("validated\n")
    except OSError:
        pass


# --------------------------------------------------------------------------- loading

def _resolve(ref: str) -> Callable[..., Iterable[Any]]:
    module, _, attr = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


def load_pack(directory: Path, origin: str = "builtin") -> list[Rule]:
    """Load every ``*.toml`` rule file of a pack directory, validating each against the
    rule schema (the result of validation is remembered per pack content)."""
    files = sorted(directory.glob("*.toml"))
    raw = [(f, f.read_bytes()) for f in files]
    digest = hashlib.sha256(b"".join(f.name.encode() + b"\0" + d for f, d in raw)).hexdigest()[:20]
    trusted = _validated_before(digest)
    rules: list[Rule] = []
    for f, data in raw:
        try:
            meta = tomllib.loads(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise RulePackError(f"{f}: not valid TOML ({exc})") from None
        if not trusted:
            validate_rule_meta(meta, str(f))
        rules.append(_rule_from_meta(meta, origin, str(f)))
    if not trusted:
        _mark_validated(digest)
    return rules


def _rule_from_meta(meta: dict[str, Any], origin: str, where: str) -> Rule:
    try:
        check = _resolve(meta["check"])
    except (ImportError, AttributeError) as exc:
        raise RulePackError(f"{where}: cannot load check {meta['check']!r}: {exc}") from None
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
    (name, value) pairs found are remembered per state of the import path: any package
    installed or removed changes a site-packages directory's mtime, and with it the key."""
    import sys

    stamp = []
    for entry in sys.path:
        try:
            stamp.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            continue
    digest = hashlib.sha256("\n".join(stamp).encode()).hexdigest()[:20]
    path = cache_dir() / f"entry-points-{digest}.json"
    try:
        pairs = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        from importlib.metadata import entry_points

        pairs = [[ep.name, ep.value] for ep in entry_points(group=ENTRY_POINT_GROUP)]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(pairs), "utf-8")
        except OSError:
            pass
    if not pairs:
        return []
    from importlib.metadata import EntryPoint

    return [EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in pairs]


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


def run_rules(
    doc: Document, rules: Iterable[Rule], settings: Settings | None = None
) -> list[Finding]:
    settings = settings or Settings()
    by_scope: dict[str, list[Rule]] = {s: [] for s in SCOPES}
    for r in rules:
        by_scope[r.scope].append(r)
    findings: list[Finding] = []

    def emit(rule: Rule, issues: Iterable[Issue] | None, table: Table | None) -> None:
        for issue in issues or ():
            findings.append(_finding(rule, issue, table))

    for rule in by_scope["document"]:
        emit(rule, rule.check(Context(doc, rule, settings), doc), None)
    if by_scope["table"] or by_scope["row"] or by_scope["cell"]:
        for table in doc.tables:
            if table.skipped:
                continue
            for rule in by_scope["table"]:
                emit(rule, rule.check(Context(doc, rule, settings, table), table), table)
            if not (by_scope["row"] or by_scope["cell"]):
                continue
            for row in table.rows:
                for rule in by_scope["row"]:
                    emit(rule, rule.check(Context(doc, rule, settings, table), row), table)
                if by_scope["cell"]:
                    for cell in row.cells:
                        for rule in by_scope["cell"]:
                            emit(rule, rule.check(Context(doc, rule, settings, table), cell), table)
    findings.sort(key=Finding.sort_key)
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
    args = dict(issue.args)
    args.setdefault("actual", issue.actual or "")
    args.setdefault("expected", issue.expected or "")
    messages = {lang: _format(tpl, args) for lang, tpl in rule.message.items()}
    return Finding(
        rule=rule.code, slug=rule.slug, category=rule.category, severity=rule.severity,
        line=line, column=col, end_line=end_line, end_column=max(end_col, col + 1),
        messages=messages, related=issue.related, actual=issue.actual,
        expected=issue.expected, table=table.title if table else None,
    )


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
