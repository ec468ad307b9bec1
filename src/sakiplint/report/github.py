"""GitHub Actions workflow commands (annotations on a pull request)."""

from __future__ import annotations

from sakiplint.report.common import Lang, Results, labels, lang_of, safe, safe_path
from sakiplint.report.location import describe, page_words

_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(s: str) -> str:
    """Command data: escaped as the runner unescapes it, after :func:`safe` (no control
    character, no ``##[`` legacy command inside)."""
    return safe(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Results, lang: Lang) -> str:
    """GitHub Actions workflow commands: one ``::error file=...::message`` line per finding
    (``warning`` and ``notice`` for the other severities)."""
    out = []
    for _, path, fs in results:
        flang = lang_of(lang, path)
        for f in fs:
            msg = f.message(flang)
            expected = f.expected_text(flang)
            if expected is not None and expected not in msg:
                msg += f" ({labels(flang)['expected']}: {expected})"
            if f.location is not None:   # Word / PDF: no text lines; the place in the title
                where = [page_words(f.location, flang), describe(f.location, flang)]
                title = " ".join([f.rule, ", ".join(w for w in where if w)]).strip()
                out.append(f"::{_GH_LEVEL[f.severity]} file={_gh_prop(safe_path(path))},"
                           f"title={_gh_prop(title)}::{_gh_data(msg)}")
                continue
            out.append(
                f"::{_GH_LEVEL[f.severity]} file={_gh_prop(safe_path(path))},line={f.line},"
                f"col={f.column},endLine={f.end_line},endColumn={f.end_column},"
                f"title={_gh_prop(f.rule)}::{_gh_data(msg)}"
            )
    return "\n".join(out)


