"""What every output format shares: the results type and the language of each file."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sakiplint.engine.findings import Finding
from sakiplint.model import Document

#: (document, path, findings) of each linted file
Results = list[tuple[Document | None, str, list[Finding]]]
#: one language for all files, or one per path (a file's configuration may set it)
Lang = str | Mapping[str, str]


def lang_of(lang: Lang, path: str, default: str = "id") -> str:
    if isinstance(lang, str):
        return lang
    return lang.get(path, default)


def main_lang(lang: Lang) -> str:
    """The language of text that belongs to no single file (summary lines)."""
    if isinstance(lang, str):
        return lang
    return next(iter(lang.values()), "id")


LABELS = {
    "id": {"expected": "seharusnya", "related": "terkait", "found": "temuan", "files": "berkas",
           "none": "Tidak ada temuan.", "column": "kolom", "in": "dalam",
           "unreadable": "tidak dapat dibaca"},
    "en": {"expected": "expected", "related": "related", "found": "finding(s)", "files": "file(s)",
           "none": "No findings.", "column": "column", "in": "in",
           "unreadable": "could not be read"},
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["id"])


def plural(n: int, word: str, lang: str) -> str:
    """``n word`` in ``lang``: English adds an s (Indonesian does not inflect)."""
    if lang == "en" and n != 1 and not word.endswith("s") and word != "info":
        return f"{n} {word}s"
    return f"{n} {word}"


# --------------------------------------------------------------------------- terminal safety
#
# Report text and file names reach terminals and CI logs. Control characters could move the
# cursor, rewrite the screen or set the window title (ESC, CSI, OSC), bidi overrides reorder
# what is shown, and a CI runner reads some lines as commands: GitHub's ``::error ...::`` at
# the start of a line, its legacy ``##[command]`` and Azure's ``##vso[...]`` anywhere. What a
# person reads is passed through :func:`safe` (and file names through :func:`safe_path`).

#: C0 controls as their control pictures (␛ for ESC), TAB as a space, DEL as ␡; C1 controls,
#: bidi embeddings, overrides, isolates and marks, line and paragraph separators as U+FFFD
_SAFE = {c: 0x2400 + c for c in range(0x20)} | {0x09: 0x20, 0x7F: 0x2421} | {
    c: 0xFFFD for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                        0x200E, 0x200F, 0x061C, 0x2028, 0x2029)}
#: any character :data:`_SAFE` replaces (tested equal to its keys): most text has none
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
#: "##[" / "##vso[" broken by a zero-width space: shown the same, not read as a command
_COMMANDS = (("##[", "#\u200b#["), ("##vso[", "#\u200b#vso["))


def unsurrogate(text: str) -> str:
    """``text`` encodable as UTF-8: the bytes of a file name that is not valid UTF-8 (kept by
    Python as surrogate escapes) shown as ``\\xNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def safe(text: str) -> str:
    """One line of text as it may be written to a terminal or a CI log: no control or bidi
    character, nothing a CI runner reads as a command inside it."""
    if not text.isascii():
        text = unsurrogate(text)
    if _UNSAFE.search(text) is not None:
        text = text.translate(_SAFE)
    if "##" in text:
        for token, broken in _COMMANDS:
            text = text.replace(token, broken)
    return text


def safe_path(path: str) -> str:
    """A file name for a line of output (see :func:`safe`); a relative name that starts like
    a workflow command (``::warning ...``) is written ``./::warning ...``."""
    text = safe(path)
    if text.lstrip().startswith(("::", "##")):
        text = "./" + text
    return text
