"""Locate the data directories (grammar/, rules/) shipped with sakiplint, and the private
cache directory.

In a wheel they live inside the package (``sakiplint/grammar``); in a source checkout
(editable install) they live at the repository root.

The cache (``$XDG_CACHE_HOME/sakiplint``, by default ``~/.cache/sakiplint``) holds derived
data only: validated rule metadata (JSON), the entry points found (JSON, checked against the
installed distributions' metadata when read) and Lark's parse tables (checked by content hash
before they are loaded). It is used only when it is a folder of the user's own that nobody
else may write to (mode 0700, enforced when it is created); otherwise nothing is cached, and
nothing ever goes to the shared temp folder. ``--isolated`` turns the caches off.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the sakiplint package
_enabled = True


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


def set_caches(enabled: bool) -> None:
    """Turn the caches on or off for this process (``--isolated``: off)."""
    global _enabled
    _enabled = enabled


def caches_enabled() -> bool:
    return _enabled


def cache_dir() -> Path | None:
    """The private directory where sakiplint keeps derived data between runs, created with
    mode 0700; None when caches are off or it is not private (another owner, a symbolic
    link, writable by others and not ours to fix) or cannot be made."""
    if not _enabled:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return _private(os.path.join(base, "sakiplint"))


@cache
def _private(folder: str) -> Path | None:
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    if sys.platform != "win32":
        if st.st_uid != os.getuid():
            return None
        if st.st_mode & 0o077:
            try:
                os.chmod(folder, 0o700)  # made by an older sakiplint with the default mode
            except OSError:
                return None
    return Path(folder)


def private_file(path: Path) -> bool:
    """Whether a cache file is a regular file of ours that nobody else may write to."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if sys.platform == "win32":
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a temporary file renamed over it), readable
    by the user only; an unwritable cache only costs time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
