"""Inline suppression comments in a report.

    <!-- sakiplint-disable AR001,BU002 -->   from here on (until enable): no AR001 / BU002
    <!-- sakiplint-enable AR001 -->          AR001 is reported again
    <!-- sakiplint-disable -->               no code: every rule
    <!-- sakiplint-enable -->                every rule is reported again
    <!-- sakiplint-disable-next-line DQ001 -->  only the next non-blank line
    <!-- sakiplint-disable-line DQ001 -->       only the line the comment is on

A code may also be a code prefix (``AR``), a rule slug or a category (``budget``); text after
``--`` is a free reason (``<!-- sakiplint-disable BU002 -- angka dari DPA -->``). A finding is
matched by its first line. Everything here is a pure function of the report lines and the
findings; :func:`unused_findings` turns suppressions that silenced nothing into ``SK001``
findings (like ruff's RUF100), reported with ``--report-unused-suppressions``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sakiplint.engine.config import selector_matches
from sakiplint.engine.findings import Finding
from sakiplint.engine.rules import Rule

UNUSED_CODE = "SK001"

_DIRECTIVE = re.compile(
    r"<!--\s*sakiplint-(?P<kind>disable-next-line|disable-line|disable|enable)"
    r"(?=\s|-->)(?P<body>.*?)-->",
    re.IGNORECASE,
)
_ONLY_DIRECTIVES = re.compile(r"^\s*(?:" + _DIRECTIVE.pattern + r"\s*)+$", re.IGNORECASE)


@dataclass(slots=True)
class Directive:
    kind: str                    # disable, enable, disable-next-line, disable-line
    codes: tuple[str, ...]       # empty: all rules
    line: int                    # 1-based
    column: int                  # 1-based column of "<!--"
    end_column: int              # 1-based column just after "-->"
    target: int | None = None    # the line a *-line directive applies to
    used: set[str] = field(default_factory=set)   # codes that silenced something ("" = all)

    def covers(self, f: Finding) -> list[str]:
        """The codes of this directive that match the finding ([""] for a bare directive)."""
        if not self.codes:
            return [""]
        return [c for c in self.codes if selector_matches(c, f.rule, f.slug, f.category)]


@dataclass(slots=True)
class Result:
    kept: list[Finding]
    suppressed: list[Finding]
    directives: list[Directive]


def _codes(body: str) -> tuple[str, ...]:
    body = body.split("--", 1)[0]
    return tuple(t for t in re.split(r"[\s,;]+", body.strip()) if t)


def parse_directives(lines: Sequence[str]) -> list[Directive]:
    """Every suppression comment of the report, in order."""
    out: list[Directive] = []
    for i, text in enumerate(lines):
        if "sakiplint-" not in text.lower():
            continue
        for m in _DIRECTIVE.finditer(text):
            kind = m.group("kind").lower()
            d = Directive(kind, _codes(m.group("body")), i + 1, m.start() + 1, m.end() + 1)
            if kind == "disable-line":
                d.target = i + 1
            elif kind == "disable-next-line":
                d.target = _next_line(lines, i + 1)
            out.append(d)
    return out


def _next_line(lines: Sequence[str], start: int) -> int | None:
    """1-based number of the first line at or after index ``start`` that is neither blank nor
    only suppression comments."""
    for j in range(start, len(lines)):
        if lines[j].strip() and not _ONLY_DIRECTIVES.match(lines[j]):
            return j + 1
    return None


def _ended(d: Directive, enables: Iterable[Directive], f: Finding) -> bool:
    for e in enables:
        if (e.line, e.column) <= (d.line, d.column) or e.line > f.line:
            continue
        if not e.codes or e.covers(f):
            return True
    return False


def apply_suppressions(lines: Sequence[str], findings: Iterable[Finding]) -> Result:
    """Split findings into those kept and those silenced by the report's comments."""
    directives = parse_directives(lines)
    enables = [d for d in directives if d.kind == "enable"]
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in findings:
        silenced = False
        for d in directives:
            if d.kind == "enable":
                continue
            if d.kind == "disable":
                if d.line > f.line or _ended(d, enables, f):
                    continue
            elif d.target != f.line:
                continue
            hits = d.covers(f)
            if hits:
                d.used.update(hits)
                silenced = True
        (suppressed if silenced else kept).append(f)
    return Result(kept, suppressed, directives)


_UNUSED_MSG = {
    "id": "Komentar penonaktifan tidak terpakai ({detail})",
    "en": "Unused suppression comment ({detail})",
}
_DETAIL = {
    "id": {"nothing": "tidak menekan temuan apa pun", "unused": "tidak terpakai",
           "unknown": "kode tidak dikenal"},
    "en": {"nothing": "silences nothing", "unused": "unused", "unknown": "unknown code"},
}


def unused_findings(
    result: Result, active: Sequence[Rule], known: Sequence[Rule], severity: str = "warning"
) -> list[Finding]:
    """SK001 findings for suppressions that silenced nothing. A code of a rule that did not run
    (not selected) is not reported; a code that names no rule at all is."""
    out: list[Finding] = []
    for d in result.directives:
        if d.kind == "enable":
            continue
        unused: list[str] = []
        unknown: list[str] = []
        if not d.codes and "" not in d.used:
            unused = [""]
        for c in d.codes:
            if c in d.used:
                continue
            if not any(selector_matches(c, r.code, r.slug, r.category) for r in known):
                unknown.append(c)
            elif any(selector_matches(c, r.code, r.slug, r.category) for r in active):
                unused.append(c)
        if not unused and not unknown:
            continue
        messages = {}
        for lang, tpl in _UNUSED_MSG.items():
            lab = _DETAIL[lang]
            parts = []
            if unused == [""]:
                parts.append(lab["nothing"])
            elif unused:
                parts.append(f"{lab['unused']}: {', '.join(unused)}")
            if unknown:
                parts.append(f"{lab['unknown']}: {', '.join(unknown)}")
            messages[lang] = tpl.format(detail="; ".join(parts))
        out.append(Finding(
            rule=UNUSED_CODE, slug=UNUSED_RULE.slug, category=UNUSED_RULE.category,
            severity=severity, line=d.line, column=d.column, end_line=d.line,
            end_column=d.end_column, messages=messages,
            actual=", ".join(unused + unknown) or None,
        ))
    return out


def _no_check(*_args: object) -> list[object]:
    return []


#: pseudo-rule for SARIF metadata and ``sakiplint explain SK001``
UNUSED_RULE = Rule(
    code=UNUSED_CODE, slug="unused-suppression", category="data_quality", severity="warning",
    scope="document", check=_no_check,
    message={"id": _UNUSED_MSG["id"], "en": _UNUSED_MSG["en"]},
    description={
        "id": "Komentar sakiplint-disable yang tidak menekan temuan apa pun "
              "(dilaporkan dengan --report-unused-suppressions).",
        "en": "A sakiplint-disable comment that silences no finding "
              "(reported with --report-unused-suppressions).",
    },
    docs={"why": {
        "id": "Penonaktifan yang tertinggal setelah angkanya diperbaiki akan menyembunyikan "
              "kesalahan berikutnya di tempat yang sama tanpa ada yang tahu.",
        "en": "A suppression left behind after the number was fixed silently hides the next "
              "mistake made in the same place.",
    }},
    examples=[
        {"kind": "fail", "expect": ["SK001"], "report": (
            "Tabel 3.2 Capaian Kinerja\n\n<!-- sakiplint-disable-next-line DQ001 -->\n"
            "Indikator\tTarget\tRealisasi\tCapaian\n"
            "Persentase dokumen tepat waktu\t90\t100\t111,11%\n")},
        {"kind": "pass", "report": (
            "Tabel 3.2 Capaian Kinerja\n\nIndikator\tTarget\tRealisasi\tCapaian\n"
            "Persentase dokumen tepat waktu\t0\t100\t#DIV/0!"
            " <!-- sakiplint-disable-line DQ001 -->\n")},
    ],
    origin="sakiplint",
)
