"""Suppression comments at scale: linear in comments and findings (issue 17), and the same
answers as the straightforward definition (every finding against every comment)."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from sakiplint.engine.findings import Finding
from sakiplint.engine.suppress import Directive, apply_suppressions, parse_directives

CATEGORY = {"AR": "arithmetic", "BU": "budget", "DQ": "data_quality"}
SLUG = {"AR001": "capaian-mismatch", "BU002": "budget-total-sum", "DQ001": "spreadsheet-error"}


def F(rule: str, line: int) -> Finding:
    return Finding(rule=rule, slug=SLUG[rule], category=CATEGORY[rule[:2]], severity="error",
                   line=line, column=1, end_line=line, end_column=2,
                   messages={"id": "x", "en": "x"})


# --------------------------------------------------------------------------- the definition

_DIRECTIVE = re.compile(
    r"<!--\s*sakiplint-(?P<kind>disable-next-line|disable-line|disable|enable)"
    r"(?=\s|-->)(?P<body>.*?)-->", re.IGNORECASE)


def _reference(lines: Sequence[str], findings: list[Finding]) -> tuple[list, list]:
    """The semantics, written the slow way: (kept findings, used codes per comment)."""
    ds = parse_directives(lines)
    for d in ds:
        d.used = set()
    enables = [d for d in ds if d.kind == "enable"]

    def ended(d: Directive, f: Finding) -> bool:
        return any((e.line, e.column) > (d.line, d.column) and e.line <= f.line and e.covers(f)
                   for e in enables)

    kept = []
    for f in findings:
        silenced = False
        for d in ds:
            if d.kind == "enable":
                continue
            if d.kind == "disable":
                if d.line > f.line or ended(d, f):
                    continue
            elif d.target != f.line:
                continue
            hits = d.covers(f)
            if hits:
                d.used.update(hits)
                silenced = True
        if not silenced:
            kept.append((f.rule, f.line))
    return kept, [(d.line, d.column, sorted(d.used)) for d in ds]


_COMMENTS = st.sampled_from([
    "<!-- sakiplint-disable -->", "<!-- sakiplint-enable -->",
    "<!-- sakiplint-disable AR001 -->", "<!-- sakiplint-enable AR001 -->",
    "<!-- sakiplint-disable AR,budget -- alasan -->", "<!-- sakiplint-enable BU -->",
    "<!-- sakiplint-disable-next-line DQ001 -->", "<!-- sakiplint-disable-next-line -->",
    "<!-- sakiplint-disable-line AR001 -->", "<!-- sakiplint-disable-line -->",
    "<!-- sakiplint-disable", "-->", "", "  ", "teks", "1\t2\t3",
])


@settings(deadline=None, max_examples=300)
@given(
    st.lists(st.lists(_COMMENTS, min_size=1, max_size=3).map(" ".join), max_size=14),
    st.lists(st.tuples(st.sampled_from(["AR001", "BU002", "DQ001"]), st.integers(1, 15)),
             max_size=12),
)
def test_same_answers_as_the_definition(lines: list[str], found: list[tuple[str, int]]) -> None:
    findings = [F(rule, line) for rule, line in found]
    expected_kept, expected_used = _reference(lines, findings)
    res = apply_suppressions(lines, findings)
    assert [(f.rule, f.line) for f in res.kept] == expected_kept
    assert [(d.line, d.column, sorted(d.used)) for d in res.directives] == expected_used
    assert len(res.kept) + len(res.suppressed) == len(findings)


# --------------------------------------------------------------------------- scale

def _timed(lines: list[str], findings: list[Finding]) -> float:
    start = time.perf_counter()
    apply_suppressions(lines, findings)
    return time.perf_counter() - start


def test_directive_lines_that_never_match_are_linear() -> None:
    """The old line pattern (a lazy body inside a repeated group) was exponential: 20
    comments and a word took 4 s, 26 took minutes."""
    lines = ["<!-- sakiplint-disable-next-line AR001 -->",
             "<!-- sakiplint-disable --> " * 2000 + "x", "y"]
    assert _timed(lines, [F("AR001", 2)]) < 5
    assert [d.target for d in parse_directives(lines)][:1] == [2]


def test_unclosed_comments_are_linear() -> None:
    line = "<!-- sakiplint-disable AR001 " * 20000
    start = time.perf_counter()
    assert parse_directives([line]) == []
    assert time.perf_counter() - start < 2


def test_many_disable_next_line_comments_are_linear() -> None:
    """Each disable-next-line looked for its line past all the comment lines after it."""
    lines = ["<!-- sakiplint-disable-next-line AR001 -->"] * 10000 + ["1\t2\t3"]
    findings = [F("AR001", 10001)] * 1000
    assert _timed(lines, findings) < 5  # 0.6 s on a busy machine; quadratic: minutes
    res = apply_suppressions(lines, findings)
    assert not res.kept and all(d.used == {"AR001"} for d in res.directives)


def test_many_disable_enable_pairs_are_linear() -> None:
    """Every finding was compared with every disable and, for each, every enable (cubic)."""
    lines: list[str] = []
    for _ in range(5000):
        lines += ["<!-- sakiplint-disable AR001 -->", "1\t2", "<!-- sakiplint-enable AR001 -->",
                  "3\t4"]
    findings = [F("AR001", k) for k in range(1, len(lines) + 1)]
    assert _timed(lines, findings) < 5  # 0.8 s on a busy machine; cubic: hours
    res = apply_suppressions(lines, findings)
    assert [f.line % 4 for f in res.suppressed] == [1, 2] * 5000
