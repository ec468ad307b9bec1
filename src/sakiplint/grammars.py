"""Loading the .lark grammars: compiled once per process, and the LALR analysis cached on
disk (per grammar text, options and Python version) so that start-up does not redo it."""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakiplint.resources import cache_dir, data_dir

if TYPE_CHECKING:
    from lark import Lark


def _cache_file(name: str, text: str, options: dict[str, Any]) -> str | bool:
    key = hashlib.sha256(
        (text + repr(sorted((k, repr(v)) for k, v in options.items() if k != "transformer"))
         ).encode("utf-8")
    ).hexdigest()[:16]
    ver = f"{sys.version_info[0]}{sys.version_info[1]}"
    for folder in (cache_dir(), None):
        if folder is None:  # the cache directory is not writable: the system's temp dir
            import tempfile

            folder = Path(tempfile.gettempdir())
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f"lark-{name}-{key}-py{ver}.cache"
            if probe.exists() or os.access(folder, os.W_OK):
                return str(probe)
        except OSError:
            continue
    return False


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
    cache = _cache_file(name, text, options) if options["parser"] == "lalr" else False
    try:
        return Lark(text, cache=cache, **options)
    except (OSError, EOFError, ValueError):  # an unreadable cache file: build without it
        return Lark(text, cache=False, **options)
