"""Locate the data directories (grammar/, rules/) shipped with sakiplint.

In a wheel they live inside the package (``sakiplint/grammar``); in a source checkout
(editable install) they live at the repository root.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the sakiplint package


@cache
def data_dir(name: str) -> Path:
    """Return the directory ``name`` ("grammar" or "rules")."""
    inside = _PKG / name
    if inside.is_dir():
        return inside
    checkout = _PKG.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"sakiplint data directory {name!r} not found")


def cache_dir() -> Path:
    """Where sakiplint keeps derived data between runs (grammar tables, validated packs)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sakiplint"
