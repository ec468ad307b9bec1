"""The engine: rule packs, configuration, suppression, findings and the lint entry points.

``sakiplint.engine.Rule`` (with :class:`Issue`, :class:`Context`, :class:`Settings`) is the
public interface of third-party rules; the rest of the engine lives in its modules:
``rules`` (packs, the walk), ``findings``, ``config``, ``suppress`` and ``lint``.
"""

from __future__ import annotations

from sakiplint.engine.rules import (
    ENTRY_POINT_GROUP,
    SCOPES,
    Context,
    Issue,
    Rule,
    RulePackError,
    Settings,
    add_rules,
    all_rules,
    check_ref,
    iter_examples,
    load_pack,
    run_rules,
    validate_rule_meta,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "SCOPES",
    "Context",
    "Issue",
    "Rule",
    "RulePackError",
    "Settings",
    "add_rules",
    "all_rules",
    "check_ref",
    "iter_examples",
    "load_pack",
    "run_rules",
    "validate_rule_meta",
]
