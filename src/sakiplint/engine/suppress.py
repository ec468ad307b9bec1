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

#: what follows "<!--" in a suppression comment; the comment ends at the first "-->"
_HEAD = re.compile(
    r"\s*sakiplint-(disable-next-line|disable-line|disable|enable)(?=\s|-->)", re.IGNORECASE)


def _scan(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, body, start, end) of each suppression comment of one line, left to right.

    One pass with ``str.find`` (a regular expression with a lazy body, tried at every
    ``<!--`` of a line that never closes, is quadratic; one that repeats it is exponential)."""
    out: list[tuple[str, str, int, int]] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return out
        m = _HEAD.match(text, start + 4)
        if m is None:
            pos = start + 4
            continue
        close = text.find("-->", m.end())
        if close < 0:  # no comment of this line closes after here
            return out
        out.append((m.group(1).lower(), text[m.end():close], start, close + 3))
        pos = close + 3


def _only_directives(text: str) -> bool:
    """Whether a line holds suppression comments and nothing else but blanks."""
    found = _scan(text)
    if not found:
        return False
    pos = 0
    for _, _, start, end in found:
        if text[pos:start].strip():
            return False
        pos = end
    return not text[pos:].strip()


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
    next_line: list[int | None] | None = None
    for i, text in enumerate(lines):
        if "sakiplint-" not in text.lower():
            continue
        for kind, body, start, end in _scan(text):
            d = Directive(kind, _codes(body), i + 1, start + 1, end + 1)
            if kind == "disable-line":
                d.target = i + 1
            elif kind == "disable-next-line":
                if next_line is None:
                    next_line = _next_lines(lines)
                d.target = next_line[i + 1] if i + 1 < len(lines) else None
            out.append(d)
    return out


def _next_lines(lines: Sequence[str]) -> list[int | None]:
    """For each index, the 1-based number of the first line at or after it that is neither
    blank nor only suppression comments (one backward pass)."""
    out: list[int | None] = [None] * len(lines)
    after: int | None = None
    for j in range(len(lines) - 1, -1, -1):
        text = lines[j]
        if text.strip() and not ("sakiplint-" in text.lower() and _only_directives(text)):
            after = j + 1
        out[j] = after
    return out


def apply_suppressions(lines: Sequence[str], findings: Iterable[Finding]) -> Result:
    """Split findings into those kept and those silenced by the report's comments.

    Linear in the comments and findings for each rule that has findings: the comments are
    walked once in order per rule, keeping the ``disable`` comments that are active (those
    since the last ``enable`` that ends them), and a line's ``*-line`` comments are matched
    once per rule and line."""
    found = list(findings)
    directives = parse_directives(lines)
    if not directives:
        return Result(found, [], directives)
    by_target: dict[int, list[Directive]] = {}
    blocks: list[Directive] = []
    for d in directives:
        if d.kind in ("disable", "enable"):
            blocks.append(d)
        elif d.target is not None:
            by_target.setdefault(d.target, []).append(d)
    by_rule: dict[tuple[str, str, str], list[int]] = {}
    for k, f in enumerate(found):
        by_rule.setdefault((f.rule, f.slug, f.category), []).append(k)
    silenced = [False] * len(found)
    for indices in by_rule.values():
        sample = found[indices[0]]
        indices.sort(key=lambda k: found[k].line)
        line_done: dict[int, bool] = {}
        active: list[tuple[Directive, list[str]]] = []
        marked = 0
        nxt = 0
        for k in indices:
            line = found[k].line
            # the ``*-line`` comments aimed at this line
            hit = line_done.get(line)
            if hit is None:
                hit = False
                for d in by_target.get(line, ()):
                    codes = d.covers(sample)
                    if codes:
                        d.used.update(codes)
                        hit = True
                line_done[line] = hit
            # the block comments up to the end of this line
            while nxt < len(blocks) and blocks[nxt].line <= line:
                d = blocks[nxt]
                nxt += 1
                codes = d.covers(sample)
                if not codes:
                    continue
                if d.kind == "disable":
                    active.append((d, codes))
                else:  # an enable that ends every disable of this rule before it
                    active.clear()
                    marked = 0
            if active:
                hit = True
                for d, codes in active[marked:]:
                    d.used.update(codes)
                marked = len(active)
            silenced[k] = hit
    kept = [f for f, s in zip(found, silenced, strict=True) if not s]
    suppressed = [f for f, s in zip(found, silenced, strict=True) if s]
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
    kinds: dict[str, str] = {}   # code -> "unknown" / "active" / "inactive", once per code

    def kind_of(code: str) -> str:
        kind = kinds.get(code)
        if kind is None:
            if not any(selector_matches(code, r.code, r.slug, r.category) for r in known):
                kind = "unknown"
            elif any(selector_matches(code, r.code, r.slug, r.category) for r in active):
                kind = "active"
            else:
                kind = "inactive"
            kinds[code] = kind
        return kind

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
            kind = kind_of(c)
            if kind == "unknown":
                unknown.append(c)
            elif kind == "active":
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
