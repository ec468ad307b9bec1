"""Reading report files: bytes -> text, with encoding detection.

Accepted: UTF-8 (with or without BOM), UTF-16 with BOM; anything else is decoded as cp1252
with a warning. Only regular files are read, up to a size limit. Binary, empty, special (FIFO,
device) or too large input raises :class:`InputError`, which the CLI turns into a one-line
message and exit code 2.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as a report (missing, binary, empty, undecodable)."""


@dataclass(slots=True)
class Source:
    path: str
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, path: str = "<bytes>") -> Source:
    """Decode report bytes. Line ends are normalised to "\\n"."""
    warnings: list[str] = []
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 ({exc.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{path}: binary file, not a text report")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = data.decode("cp1252", errors="replace"), "cp1252"
            warnings.append(f"{path}: not valid UTF-8, decoded as cp1252")
    text = normalise_newlines(text)
    if _looks_binary(text):
        raise InputError(f"{path}: binary file, not a text report")
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return Source(path=path, text=text, encoding=enc, warnings=warnings)


def normalise_newlines(text: str) -> str:
    """Line ends as "\\n" (the prose reader counts a lone "\\r" as a line end too)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\f\v")
    return controls > max(8, len(sample) // 100)


#: the largest report read (``--max-file-size``): a converted report is rarely above 5 MB
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else (a FIFO, which
    would block, a device such as /dev/zero, which never ends, a directory, a file too
    large) raises :class:`InputError`. The file is opened without blocking and checked on
    the open descriptor, so that it cannot be swapped for a FIFO in between."""
    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{p}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "a special file")
            raise InputError(f"{p}: is {kind}, not a regular file: not read")
        if st.st_size > max_bytes:
            raise InputError(f"{p}: file too large ({_megabytes(st.st_size)}; the limit is "
                             f"{_megabytes(max_bytes)}, see --max-file-size)")
    except InputError:
        os.close(fd)
        raise
    except OSError as exc:
        os.close(fd)
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    with os.fdopen(fd, "rb", buffering=0) as f:
        chunks: list[bytes] = []
        size = 0
        try:
            while size <= max_bytes:  # the file may grow while it is read
                chunk = f.read(min(1 << 20, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError as exc:
            raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if size > max_bytes:
        raise InputError(f"{p}: file too large (more than {_megabytes(max_bytes)}, "
                         "see --max-file-size)")
    return b"".join(chunks)


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode a report file (see :func:`read_bytes` and :func:`decode`)."""
    return decode(read_bytes(path, max_bytes), str(path))
