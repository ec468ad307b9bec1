"""sakiplint: a consistency linter for Indonesian government performance reports (LKjIP).

The package follows the data: ``read`` (bytes to the document model), ``facts`` (knowledge
derived once per document), ``engine`` (rule packs, configuration, suppression, findings,
the lint entry points), ``checks`` (the rules' check functions), ``report`` (output formats)
and ``cli``.

The Python API, imported on first use so that ``import sakiplint`` stays cheap:
``check_path`` and ``check_text`` (``sakiplint.engine.api``) lint as ``sakiplint check`` does
(configuration lookup, file discovery, inline suppressions) and return ``FileResult`` objects
whose findings have ``to_dict()``; ``lint_file`` and ``lint_text`` (``sakiplint.engine.lint``)
are the lower level (given rules, no configuration, no suppressions).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"

_LAZY = {
    "check_path": "sakiplint.engine.api", "check_text": "sakiplint.engine.api",
    "FileResult": "sakiplint.engine.api", "Finding": "sakiplint.engine.findings",
    "lint_file": "sakiplint.engine.lint", "lint_text": "sakiplint.engine.lint",
}
__all__ = ["FileResult", "Finding", "__version__", "check_path", "check_text", "lint_file",
           "lint_text"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sakiplint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
