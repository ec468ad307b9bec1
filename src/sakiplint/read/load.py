"""Any report file -> document model: the reader is chosen by the file's content.

Markdown and plain text go through ``read_source`` and the text parser as before; a Word
(.docx) or PDF file is read by its own reader (imported only then, so that text runs keep
their start-up time) into the same report text, which the same parser turns into the
document, with the origin of every span kept in ``Document.source_map``. Files that cannot
be read (an old binary .doc, an encrypted or damaged file, a PDF without a text layer) raise
:class:`InputError` with one line saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sakiplint.model import Document
from sakiplint.read.parse import parse_document
from sakiplint.read.source import DEFAULT_MAX_BYTES, InputError, Source, read_source

#: suffixes read by the office readers (by content, whatever the suffix says)
OFFICE_SUFFIXES = (".docx", ".pdf")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: a Word or PDF file above this size is refused
MAX_OFFICE_BYTES = 512 * 1024 * 1024

#: called with (done, total) while a long file is read (e.g. pages of a PDF)
Progress = Callable[[int, int], None]


def sniff(path: Path) -> str | None:
    """"docx", "pdf", "ole2" (an old binary Office file, or an encrypted .docx) or "zip" (some
    other zip archive) from the first bytes of a regular file; None for anything else (text,
    or not a regular file: those are left to ``read_source``)."""
    try:
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None
    if head.startswith(_OLE2):
        return "ole2"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if path.suffix.lower() in (".docx", ".docm", ".dotx") else "zip"
    return None


def _ole2_message(path: Path) -> str:
    data = path.read_bytes()[: 4 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data:
        return f"{path}: encrypted Word file: remove the password (save it without one) first"
    return (f"{path}: old binary Word/Office file (.doc): open it in Word or LibreOffice and "
            "save it as .docx first")


def load_document(path: str | Path, progress: Progress | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read any report file into the document model (see the module docstring); a text file
    of more than ``max_bytes`` is refused (``--max-file-size``)."""
    p = Path(path)
    kind = sniff(p)
    suffix = p.suffix.lower()
    if kind is None and suffix in (*OFFICE_SUFFIXES, ".doc") and p.is_file():
        what = "PDF" if suffix == ".pdf" else "Word file"
        raise InputError(f"{p}: damaged {suffix} (not a {what})")
    if kind is None:
        return parse_document(read_source(p, max_bytes))
    if kind == "ole2":
        raise InputError(_ole2_message(p))
    if kind == "zip":   # a Word file under another name is read; other archives are not
        if suffix in (".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".zip", ".epub"):
            raise InputError(f"{p}: not a report: a {suffix} archive")
        kind = "docx"
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if size > MAX_OFFICE_BYTES:
        raise InputError(f"{p}: file too large ({size // (1024 * 1024)} MB)")
    try:
        if kind == "docx":
            from sakiplint.read.docx import read_docx

            read = read_docx(p)
        else:
            from sakiplint.read.pdf import read_pdf

            read = read_pdf(p, progress)
    except InputError:
        raise
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError,
            AttributeError, ZeroDivisionError) as exc:   # a file beyond what the reader knows
        what = "Word file" if kind == "docx" else "PDF"
        raise InputError(f"{p}: cannot read this {what} ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())[:80]})") from None
    doc = parse_document(Source(path=str(p), text=read.text, encoding="utf-8",
                                warnings=read.warnings))
    doc.source_map = read.source_map
    return doc
