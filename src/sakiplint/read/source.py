"""Reading report files: bytes -> text, with encoding detection.

Accepted: UTF-8 (with or without BOM), UTF-16 with BOM; anything else is decoded as cp1252
with a warning. Binary or empty input raises :class:`InputError`, which the CLI turns into a
one-line message and exit code 2.
"""

from __future__ import annotations

import codecs
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
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise InputError(f"{path}: binary file, not a text report")
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return Source(path=path, text=text, encoding=enc, warnings=warnings)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\f\v")
    return controls > max(8, len(sample) // 100)


def read_source(path: str | Path) -> Source:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return decode(data, str(p))
