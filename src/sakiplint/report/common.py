"""What every output format shares: the results type and the language of each file."""

from __future__ import annotations

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
