"""Compiled regular expressions and dataclass methods kept between runs of the command line.

sakiplint's readers and facts use a few hundred regular expressions; compiling them (parsing
the pattern, generating the matcher's code) is a fifth of a whole ``sakiplint check`` process
on a small report, and the same every time. Like the bytecode Python keeps in
``__pycache__``, the command-line process (``sakiplint.__main__``, never a program that
imports sakiplint) keeps the compiled form: :func:`install` puts a wrapper around the
standard library's ``re._compiler.compile`` that answers a pattern seen before from the
cache file and hands the engine the code it generated then (``_sre.compile``, which checks
the code before it uses it). The methods ``dataclasses`` generates for each class (from
source text it compiles at every start: a quarter of a run on a small report) are kept the
same way, as compiled code keyed by that text (:func:`install_dataclasses`), exactly as Python
keeps a module's bytecode. :func:`save` writes what was new when the process ends.

The regular expression cache is data (``marshal`` of strings, integers, lists, tuples and
dicts); the dataclass cache holds code objects this process compiled from the generated text,
as ``__pycache__`` does. Each file lives in the private cache folder (see
:mod:`sakiplint.read.resources`), starts with the SHA-256 of the rest and is named after the
Python version (and the regular expression engine's), so that another interpreter never
reads it. Whatever goes wrong (a Python whose ``re`` or ``dataclasses`` is built otherwise,
an unreadable file) leaves them as they are. ``--isolated`` uses neither.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Callable
from typing import Any

_HASH = 32
#: at most this many patterns are kept (patterns built from a document's words would
#: otherwise make the file grow run after run)
MAX_ENTRIES = 5000

#: the regular expression file is rewritten only for this many new patterns (or when it had
#: none): a pattern built from a set (markdown-it has one) differs from run to run
REWRITE_AFTER = 8

Key = tuple[str, int]
Args = tuple[Any, ...]


class _State:
    def __init__(self) -> None:
        self.entries: dict[Key, Args] = {}
        self.used: set[Key] = set()
        self.new = 0
        self.path: Any = None
        self.original: Callable[..., Any] | None = None


_state = _State()


def _plain(args: Args) -> bool:
    """The arguments of ``_sre.compile`` as data: pattern, flags, code, groups, group
    index, index group."""
    # (the code's items are not looked at here: the engine checks the code it is given)
    return (len(args) == 6 and isinstance(args[0], str) and isinstance(args[1], int)
            and isinstance(args[2], list)
            and isinstance(args[3], int) and isinstance(args[4], dict)
            and all(isinstance(k, str) and type(v) is int for k, v in args[4].items())
            and isinstance(args[5], tuple)
            and all(x is None or isinstance(x, str) for x in args[5]))


def _load(path: Any) -> dict[Key, Args]:
    from sakiplint.read.resources import private_file

    if not private_file(path):
        return {}
    try:
        data = path.read_bytes()
        if len(data) <= _HASH or hashlib.sha256(data[_HASH:]).digest() != data[:_HASH]:
            return {}
        raw = marshal.loads(data[_HASH:])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(raw, list):
        return {}
    out: dict[Key, Args] = {}
    for item in raw:  # each entry is checked when it is used (see install)
        if (type(item) is tuple and len(item) == 3 and type(item[0]) is str
                and type(item[1]) is int and type(item[2]) is tuple):
            out[(item[0], item[1])] = item[2]
    return out


def install() -> bool:
    """Answer ``re`` compilations from the cache for the rest of this process; False (and
    nothing changed) when the caches are off or this Python's ``re`` is not built as
    expected."""
    from sakiplint.read.resources import cache_dir

    if _state.original is not None:
        return True
    try:
        import _sre
        import re._compiler as rc
    except ImportError:
        return False
    real = getattr(rc, "compile", None)
    engine = getattr(rc, "_sre", None)
    if real is None or engine is not _sre or not callable(getattr(_sre, "compile", None)):
        return False
    folder = cache_dir()
    if folder is None:
        return False
    magic = getattr(_sre, "MAGIC", 0)
    _state.path = folder / (f"re-{sys.implementation.cache_tag}-{magic}.marshal")
    _state.entries = _load(_state.path)
    debug = getattr(rc, "SRE_FLAG_DEBUG", 128)
    pending: list[Key] = []

    class _Recorder:
        """``_sre`` as ``re._compiler`` sees it while a new pattern is compiled: the
        arguments of its ``compile`` are kept."""

        def __getattr__(self, name: str) -> Any:
            return getattr(_sre, name)

        @staticmethod
        def compile(*args: Any) -> Any:
            compiled = _sre.compile(*args)
            if pending and _plain(args):
                key = pending[-1]
                _state.entries[key] = (args[0], int(args[1]), [int(c) for c in args[2]],
                                       int(args[3]), dict(args[4]), tuple(args[5]))
                _state.used.add(key)
                _state.new += 1
            return compiled

    recorder = _Recorder()

    def compile(p: Any, flags: int = 0) -> Any:
        if type(p) is not str or flags & debug:
            return real(p, flags)
        key = (p, int(flags))
        hit = _state.entries.get(key)
        if hit is not None and hit[0] == p and _plain(hit):
            try:
                compiled = _sre.compile(*hit)
                _state.used.add(key)
                return compiled
            except Exception:  # an entry this engine does not accept: compile anew
                del _state.entries[key]
        pending.append(key)
        rc._sre = recorder  # type: ignore[attr-defined]
        try:
            return real(p, flags)
        finally:
            pending.pop()
            if not pending:
                rc._sre = _sre  # type: ignore[attr-defined]

    rc.compile = compile  # type: ignore[assignment]
    _state.original = real
    return True


class _Codes:
    """The code of the methods ``dataclasses`` generates (``__init__``, ``__repr__``,
    ``__eq__`` ...) for sakiplint's hundred dataclasses, by their source text: compiling that
    text is a quarter of a run on a small report."""

    def __init__(self) -> None:
        self.codes: dict[str, Any] = {}
        self.new = 0
        self.path: Any = None
        self.installed = False


_codes = _Codes()


def _load_codes(path: Any) -> dict[str, Any]:
    import types

    from sakiplint.read.resources import private_file

    if not private_file(path):
        return {}
    try:
        data = path.read_bytes()
        if len(data) <= _HASH or hashlib.sha256(data[_HASH:]).digest() != data[:_HASH]:
            return {}
        raw = marshal.loads(data[_HASH:])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(raw, list):
        return {}
    return {text: code for text, code in (item for item in raw if type(item) is tuple
                                          and len(item) == 2)
            if type(text) is str and type(code) is types.CodeType
            and code.co_filename == "<string>"}


def install_dataclasses() -> bool:
    """Answer the compilations of ``dataclasses``' generated methods from the cache for the
    rest of this process (its module-level ``exec`` is shadowed; any other text, or a
    Python whose ``dataclasses`` does not compile that way, is left alone)."""
    import builtins
    import dataclasses

    from sakiplint.read.resources import cache_dir

    if _codes.installed:
        return True
    if "exec" in vars(dataclasses) or (not hasattr(dataclasses, "_create_fn") and not hasattr(
            dataclasses, "_FuncBuilder")):
        return False
    folder = cache_dir()
    if folder is None:
        return False
    _codes.path = folder / f"dataclasses-{sys.implementation.cache_tag}.marshal"
    _codes.codes = _load_codes(_codes.path)
    real_exec = builtins.exec

    def exec_(source: Any, globals: Any = None, locals: Any = None) -> Any:
        if type(source) is str:
            code = _codes.codes.get(source)
            if code is None:
                code = compile(source, "<string>", "exec")
                _codes.codes[source] = code
                _codes.new += 1
            return real_exec(code, globals, locals)
        return real_exec(source, globals, locals)

    dataclasses.exec = exec_  # type: ignore[attr-defined]
    _codes.installed = True
    return True


def save() -> None:
    """Write the cache when this process compiled patterns it did not hold (an unwritable
    cache only costs time)."""
    from sakiplint.read.resources import write_atomic

    if _codes.installed and _codes.new and _codes.path is not None:
        codes = list(_codes.codes.items())[:MAX_ENTRIES]
        payload = marshal.dumps(codes)
        write_atomic(_codes.path, hashlib.sha256(payload).digest() + payload)
        _codes.new = 0
    if _state.original is None or _state.path is None or _state.new < min(
            REWRITE_AFTER, len(_state.entries)):
        return
    entries = _state.entries
    if len(entries) > MAX_ENTRIES:
        entries = {k: v for k, v in entries.items() if k in _state.used}
    payload = marshal.dumps([(k[0], k[1], v) for k, v in entries.items()])
    write_atomic(_state.path, hashlib.sha256(payload).digest() + payload)
    _state.new = 0


def uninstall() -> None:
    """Give ``re`` its own compile and ``dataclasses`` the builtin ``exec`` back (tests)."""
    if _codes.installed:
        import dataclasses

        del dataclasses.exec  # type: ignore[attr-defined]
        _codes.installed, _codes.codes, _codes.new = False, {}, 0
    if _state.original is None:
        return
    import re._compiler as rc

    rc.compile = _state.original  # type: ignore[assignment]
    _state.original = None
    _state.entries, _state.used, _state.new = {}, set(), 0
