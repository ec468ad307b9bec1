"""sakiplint: a consistency linter for Indonesian government performance reports (LKjIP).

The package follows the data: ``read`` (bytes to the document model), ``facts`` (knowledge
derived once per document), ``engine`` (rule packs, configuration, suppression, findings,
the lint entry points), ``checks`` (the rules' check functions), ``report`` (output formats)
and ``cli``. ``lint_file`` and ``lint_text`` (from ``sakiplint.engine.lint``) are re-exported
here, imported on first use so that ``import sakiplint`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {"lint_file": "sakiplint.engine.lint", "lint_text": "sakiplint.engine.lint"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sakiplint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
