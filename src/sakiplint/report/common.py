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
           "none": "Tidak ada temuan."},
    "en": {"expected": "expected", "related": "related", "found": "finding(s)", "files": "file(s)",
           "none": "No findings."},
}


