"""Inline suppression comments: the pure function, and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from sakiplint.cli import main
from sakiplint.engine.config import rule_registry
from sakiplint.engine.findings import Finding
from sakiplint.engine.suppress import (
    UNUSED_CODE,
    apply_suppressions,
    parse_directives,
    unused_findings,
)

CATEGORY = {"AR": "arithmetic", "BU": "budget", "DQ": "data_quality"}
SLUG = {"AR001": "capaian-mismatch", "BU002": "budget-total-sum", "DQ001": "spreadsheet-error"}


def F(rule: str, line: int) -> Finding:
    return Finding(rule=rule, slug=SLUG.get(rule, rule.lower()), category=CATEGORY[rule[:2]],
                   severity="error", line=line, column=1, end_line=line, end_column=2,
                   messages={"id": "x", "en": "x"})


def kept(lines: list[str], findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in apply_suppressions(lines, findings).kept]


def unused(lines: list[str], findings: list[Finding], active=("AR001", "BU002", "DQ001")):
    reg = rule_registry()
    res = apply_suppressions(lines, findings)
    out = unused_findings(res, [reg[c] for c in active], list(reg.values()))
    return [(f.line, f.message("en")) for f in out]


# --------------------------------------------------------------------------- parsing

def test_parse_directives() -> None:
    lines = [
        "teks",
        "<!-- sakiplint-disable AR001, BU002 -->",
        "<!--sakiplint-enable-->",
        "x <!-- SAKIPLINT-DISABLE-LINE DQ001 -- angka dari BPS --> y",
        "<!-- sakiplint-disable-next-line -->",
        "",
        "target",
        "<!-- sakiplint-disabled AR001 -->",   # not a directive (no such kind)
    ]
    ds = parse_directives(lines)
    assert [(d.kind, d.codes, d.line, d.target) for d in ds] == [
        ("disable", ("AR001", "BU002"), 2, None),
        ("enable", (), 3, None),
        ("disable-line", ("DQ001",), 4, 4),
        ("disable-next-line", (), 5, 7),
    ]
    assert ds[2].column == 3
    assert lines[3][ds[2].column - 1:ds[2].end_column - 1].endswith("-->")


# --------------------------------------------------------------------------- regions

def test_disable_enable_region() -> None:
    lines = ["a", "<!-- sakiplint-disable AR001 -->", "b", "c",
             "<!-- sakiplint-enable AR001 -->", "d"]
    fs = [F("AR001", 1), F("AR001", 3), F("DQ001", 3), F("AR001", 4), F("AR001", 6)]
    assert kept(lines, fs) == [("AR001", 1), ("DQ001", 3), ("AR001", 6)]


def test_disable_without_code_is_all_rules_until_eof() -> None:
    lines = ["a", "<!-- sakiplint-disable -->", "b", "c"]
    fs = [F("AR001", 1), F("BU002", 3), F("DQ001", 4)]
    assert kept(lines, fs) == [("AR001", 1)]


def test_enable_one_code_inside_disable_all() -> None:
    lines = ["<!-- sakiplint-disable -->", "b", "<!-- sakiplint-enable AR001 -->", "d",
             "<!-- sakiplint-enable -->", "f"]
    fs = [F("AR001", 2), F("DQ001", 2), F("AR001", 4), F("DQ001", 4), F("DQ001", 6)]
    assert kept(lines, fs) == [("AR001", 4), ("DQ001", 6)]


def test_disable_again_after_enable() -> None:
    lines = ["<!-- sakiplint-disable AR001 -->", "b", "<!-- sakiplint-enable -->", "d",
             "<!-- sakiplint-disable AR001 -->", "f"]
    fs = [F("AR001", 2), F("AR001", 4), F("AR001", 6)]
    assert kept(lines, fs) == [("AR001", 4)]


def test_prefix_slug_and_category_selectors() -> None:
    lines = ["<!-- sakiplint-disable AR -->", "b"]
    assert kept(lines, [F("AR001", 2), F("BU002", 2)]) == [("BU002", 2)]
    lines = ["<!-- sakiplint-disable budget -->", "b"]
    assert kept(lines, [F("AR001", 2), F("BU002", 2)]) == [("AR001", 2)]
    lines = ["<!-- sakiplint-disable spreadsheet-error -->", "b"]
    assert kept(lines, [F("DQ001", 2), F("BU002", 2)]) == [("BU002", 2)]


def test_disable_next_line_skips_blank_and_directive_lines() -> None:
    lines = ["<!-- sakiplint-disable-next-line DQ001 -->", "", "   ",
             "<!-- sakiplint-disable-next-line AR001 -->", "row", "row2"]
    fs = [F("DQ001", 5), F("AR001", 5), F("DQ001", 6), F("BU002", 5)]
    assert kept(lines, fs) == [("DQ001", 6), ("BU002", 5)]


def test_disable_line() -> None:
    lines = ["row <!-- sakiplint-disable-line DQ001 -->", "row2"]
    assert kept(lines, [F("DQ001", 1), F("AR001", 1), F("DQ001", 2)]) == [
        ("AR001", 1), ("DQ001", 2)]


def test_finding_before_disable_is_kept() -> None:
    lines = ["a", "b <!-- sakiplint-disable -->"]
    assert kept(lines, [F("AR001", 1), F("AR001", 2)]) == [("AR001", 1)]


# --------------------------------------------------------------------------- unused

def test_unused_suppressions() -> None:
    lines = [
        "<!-- sakiplint-disable-next-line AR001,BU002 -->",   # AR001 used, BU002 not
        "row",
        "<!-- sakiplint-disable-next-line -->",              # nothing silenced
        "row",
        "<!-- sakiplint-disable-line XX123 -->",             # unknown code
        "<!-- sakiplint-disable AR004 -->",                  # a rule that did not run
        "<!-- sakiplint-enable -->",                         # enable: never reported
    ]
    out = unused(lines, [F("AR001", 2)])
    assert out == [
        (1, "Unused suppression comment (unused: BU002)"),
        (3, "Unused suppression comment (silences nothing)"),
        (5, "Unused suppression comment (unknown code: XX123)"),
    ]


def test_used_suppressions_are_not_reported() -> None:
    lines = ["<!-- sakiplint-disable -->", "row"]
    assert unused(lines, [F("DQ001", 2)]) == []


# --------------------------------------------------------------------------- properties

_codes = st.sampled_from(["AR001", "BU002", "DQ001", "AR", "budget", ""])
_line = st.one_of(
    st.just(""), st.just("teks biasa"),
    st.builds(lambda k, c: f"<!-- sakiplint-{k} {c} -->",
              st.sampled_from(["disable", "enable", "disable-next-line", "disable-line"]),
              _codes),
)


@given(st.lists(_line, min_size=1, max_size=12),
       st.lists(st.tuples(st.sampled_from(["AR001", "BU002", "DQ001"]),
                          st.integers(1, 12)), max_size=10))
def test_kept_and_suppressed_partition_the_findings(lines, specs) -> None:
    fs = [F(r, min(n, len(lines))) for r, n in specs]
    res = apply_suppressions(lines, fs)
    assert sorted(map(id, res.kept + res.suppressed)) == sorted(map(id, fs))
    assert [f for f in fs if f in res.kept] == res.kept  # order is kept
    if not any("sakiplint-disable" in ln for ln in lines):
        assert res.suppressed == []


@given(st.lists(st.tuples(st.sampled_from(["AR001", "BU002", "DQ001"]), st.integers(3, 9)),
                max_size=10))
def test_disable_all_silences_everything_after_it(specs) -> None:
    lines = ["a", "<!-- sakiplint-disable -->"] + ["x"] * 8
    fs = [F(r, n) for r, n in specs]
    assert apply_suppressions(lines, fs).kept == []


# --------------------------------------------------------------------------- CLI

REPORT = (
    "Tabel 3.2 Capaian Kinerja\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase laporan tepat waktu\t0\t100\t#DIV/0! <!-- sakiplint-disable-line DQ001 -->\n"
    "Persentase dokumen tepat waktu\t80\t90\t120,00%\n"
)


def check(tmp_path: Path, text: str, *args: str):
    p = tmp_path / "r.md"
    p.write_text(text, "utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "AR001,DQ001,BU002",
                                  "--format", "json", *args, str(p)])
    return r.exit_code, [(f["rule"], f["line"]) for f in json.loads(r.stdout)["files"][0][
        "findings"]]


def test_cli_disable_line(tmp_path: Path) -> None:
    assert check(tmp_path, REPORT) == (1, [("AR001", 5)])


def test_cli_disable_around_table(tmp_path: Path) -> None:
    text = "<!-- sakiplint-disable -->\n\n" + REPORT + "\n<!-- sakiplint-enable -->\n"
    assert check(tmp_path, text) == (0, [])


def test_cli_disable_next_line_before_caption(tmp_path: Path) -> None:
    text = "<!-- sakiplint-disable-next-line AR001 -->\n" + REPORT
    # the next non-blank line is the caption: the finding on line 6 is not silenced ...
    _, fs = check(tmp_path, text)
    assert fs == [("AR001", 6)]
    # ... and the comment is reported as unused when asked
    _, fs = check(tmp_path, text, "--report-unused-suppressions")
    assert fs == [(UNUSED_CODE, 1), ("AR001", 6)]


def test_cli_report_unused_text_and_config(tmp_path: Path) -> None:
    text = REPORT.replace("#DIV/0!", "100%")   # the disable-line comment silences nothing
    p = tmp_path / "r.md"
    p.write_text(text, "utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "DQ001",
                                  "--report-unused-suppressions", str(p)])
    assert r.exit_code == 1
    assert f"r.md:4:{text.splitlines()[3].index('<!--') + 1}: SK001 " in r.stdout
    assert "tidak terpakai" in r.stdout
    (tmp_path / ".sakiplint.toml").write_text("report-unused-suppressions = true\n", "utf-8")
    r = CliRunner().invoke(main, ["check", "--select", "DQ001", "--format", "json", str(p)])
    assert [f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]] == [UNUSED_CODE]
    r = CliRunner().invoke(main, ["check", "--select", "DQ001", str(p)])
    assert r.exit_code == 1
    r = CliRunner().invoke(main, ["check", "--select", "DQ001", "--fail-on", "error", str(p)])
    assert r.exit_code == 0   # SK001 is a warning


def test_explain_unused_suppression() -> None:
    r = CliRunner().invoke(main, ["explain", "SK001", "--lang", "en"])
    assert r.exit_code == 0
    assert r.stdout.startswith("SK001 (unused-suppression)")
    fail = r.stdout.split("Failing example:")[1].split("Passing example:")[0]
    assert "SK001 Unused suppression comment" in fail
    assert "Findings: none" in r.stdout.split("Passing example:")[1]


def test_readme_suppression_example(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = re.search(r"^## Inline suppression\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert section, "README.md has no '## Inline suppression' section"
    block = re.search(r"```markdown\n(.*?)```", section.group(1), re.S)
    assert block
    text = block.group(1)
    # without the comments the example has an AR001 finding ...
    bare = "\n".join(ln for ln in text.splitlines() if "sakiplint-" not in ln) + "\n"
    assert check(tmp_path, bare)[1] == [("AR001", 5)]
    # ... which the comments silence, and they are all used
    assert check(tmp_path, text, "--report-unused-suppressions") == (0, [])
