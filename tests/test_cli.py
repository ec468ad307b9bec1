"""The command line, driven through click's CliRunner (and once through ``python -m``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import BAD_BUDGET, BAD_CAPAIAN
from sakiplint.cli import main
from sakiplint.engine import all_rules
from sakiplint.report.jsonout import output_schema

#: capaian 120,00% where 90 / 80 x 100 = 112,50%  (AR001, line 4)
BAD = BAD_CAPAIAN
GOOD = BAD.replace("120,00%", "112,50%")
#: a spreadsheet error (DQ001, line 4) and a wrong capaian (AR001, line 5)
TWO = (
    "Tabel 3.2 Capaian Kinerja\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase laporan tepat waktu\t0\t100\t#DIV/0!\n"
    "Persentase dokumen tepat waktu\t80\t90\t120,00%\n"
)
#: a wrong budget total (BU002)
BUDGET = BAD_BUDGET

#: these reports are written for AR001, BU002 and DQ001; exact comparisons select just those
#: so that rules added later do not change them
SEL = ("--select", "AR001,BU002,DQ001")

FINDING_KEYS = {"rule", "category", "severity", "line", "column", "end_line", "end_column",
                "message", "related", "actual", "expected"}


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), catch_exceptions=False)
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    (tmp_path / "bad.md").write_text(BAD, "utf-8")
    (tmp_path / "good.md").write_text(GOOD, "utf-8")
    (tmp_path / "two.md").write_text(TWO, "utf-8")
    (tmp_path / "budget.md").write_text(BUDGET, "utf-8")
    return tmp_path


def _one_line_error(result, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, result.output
    err = result.stderr.strip()
    assert err.startswith("sakiplint: "), err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in result.output
    return err


# --------------------------------------------------------------------------- text

def test_text_output_points_at_value(reports: Path) -> None:
    r = run("check", "--isolated", *SEL, str(reports / "bad.md"))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    first = lines[0]
    m = re.match(r"^(.*bad\.md):(\d+):(\d+): AR001 ", first)
    assert m, first
    assert m.group(2) == "4"
    col = int(m.group(3))
    # source line, then the caret line under the wrong value
    src = lines[1]
    carets = lines[2]
    assert "120,00%" in src
    assert src.index("120,00%") == carets.index("^")
    assert carets.count("^") == len("120,00%")
    assert BAD.splitlines()[3][col - 1:].startswith("120,00%")
    assert any("seharusnya: 112,50%" in ln for ln in lines)
    assert lines[-1] == "1 temuan (1 error, 0 warning, 0 info) dalam 1 berkas"
    assert "\x1b[" not in r.stdout  # no colour when stdout is not a terminal


def test_clean_file_exits_zero(reports: Path) -> None:
    r = run("check", "--isolated", str(reports / "good.md"))
    assert r.exit_code == 0
    assert r.stdout.strip() == "Tidak ada temuan."
    r = run("check", "--isolated", "--lang", "en", str(reports / "good.md"))
    assert r.stdout.strip() == "No findings."


def test_lang_en(reports: Path) -> None:
    r = run("check", "--isolated", *SEL, "--lang", "en", str(reports / "bad.md"))
    assert "is not realisasi / target" in r.stdout
    assert "expected: 112,50%" in r.stdout
    assert r.stdout.splitlines()[-1] == "1 finding (1 error, 0 warnings, 0 info) in 1 file"


def test_quiet_has_no_summary(reports: Path) -> None:
    r = run("check", "--isolated", *SEL, "-q", str(reports / "bad.md"))
    assert r.exit_code == 1
    assert "temuan (" not in r.stdout
    assert "AR001" in r.stdout
    r = run("check", "--isolated", "--quiet", str(reports / "good.md"))
    assert r.exit_code == 0
    assert r.stdout == ""


def test_directory_is_searched(reports: Path) -> None:
    r = run("check", "--isolated", "--format", "json", str(reports))
    data = json.loads(r.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == [
        "bad.md", "budget.md", "good.md", "two.md"]
    assert r.exit_code == 1


# --------------------------------------------------------------------------- json

def test_json_shape_and_schema(reports: Path) -> None:
    r = run("check", "--isolated", *SEL, "--format", "json", str(reports / "two.md"),
            str(reports / "good.md"))
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(data)
    assert set(data) >= {"files", "summary"}
    files = data["files"]
    assert [Path(f["path"]).name for f in files] == ["two.md", "good.md"]
    fs = files[0]["findings"]
    assert [(f["rule"], f["line"]) for f in fs] == [("DQ001", 4), ("AR001", 5)]
    for f in fs:
        assert set(f) >= FINDING_KEYS
        for rel in f["related"]:
            assert {"line", "message"} <= set(rel)
    assert files[1]["findings"] == []
    assert data["summary"]["findings"] == 2
    assert data["summary"]["by_rule"] == {"AR001": 1, "DQ001": 1}


# --------------------------------------------------------------------------- github

GH = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=([A-Z]+\d+)::(.+)$"
)


def test_github_format(reports: Path) -> None:
    r = run("check", "--isolated", *SEL, "--format", "github", str(reports / "two.md"))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    parsed = [GH.match(ln) for ln in lines]
    assert all(parsed), lines
    assert [(m.group(1), m.group(7), m.group(3)) for m in parsed] == [
        ("error", "DQ001", "4"), ("error", "AR001", "5")]
    # "%" in the message is escaped as %25 (workflow command data escaping)
    assert "120,00%25" in lines[1]
    assert "\n" not in parsed[1].group(8)


def test_github_severity_levels(reports: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "sev.toml"
    cfg.write_text('[severity]\nAR001 = "warning"\nDQ001 = "info"\n', "utf-8")
    r = run("check", "--config", str(cfg), *SEL, "--format", "github", str(reports / "two.md"))
    levels = [GH.match(ln).group(1) for ln in r.stdout.splitlines()]
    assert levels == ["notice", "warning"]


# --------------------------------------------------------------------------- flags

def test_statistics(reports: Path) -> None:
    r = run("check", "--isolated", *SEL, "--statistics", str(reports / "two.md"),
            str(reports / "bad.md"))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines == ["2\tAR001\t[error] capaian-mismatch", "1\tDQ001\t[error] spreadsheet-error"]
    r = run("check", "--isolated", *SEL, "--statistics", "--format", "json",
            str(reports / "two.md"), str(reports / "bad.md"))
    assert json.loads(r.stdout) == [
        {"code": "AR001", "name": "capaian-mismatch", "severity": "error", "count": 2},
        {"code": "DQ001", "name": "spreadsheet-error", "severity": "error", "count": 1},
    ]


def test_exit_zero(reports: Path) -> None:
    r = run("check", "--isolated", "--exit-zero", str(reports / "bad.md"))
    assert r.exit_code == 0
    assert "AR001" in r.stdout


def test_fail_on(reports: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "sev.toml"
    cfg.write_text('[severity]\nAR001 = "warning"\n', "utf-8")
    bad = str(reports / "bad.md")
    assert run("check", "--config", str(cfg), *SEL, bad).exit_code == 1
    assert run("check", "--config", str(cfg), *SEL, "--fail-on", "warning", bad).exit_code == 1
    assert run("check", "--config", str(cfg), *SEL, "--fail-on", "error", bad).exit_code == 0
    assert run("check", "--isolated", *SEL, "--fail-on", "error", bad).exit_code == 1


def test_select_ignore_extend_select(reports: Path) -> None:
    two = str(reports / "two.md")

    def codes(*args: str) -> list[str]:
        r = run("check", "--isolated", "--format", "json", *args, two)
        fs = json.loads(r.stdout)["files"][0]["findings"]
        return [f["rule"] for f in fs if f["rule"] in ("AR001", "DQ001", "BU002")]

    assert codes() == ["DQ001", "AR001"]
    assert codes("--select", "AR001") == ["AR001"]
    assert codes("--select", "ar") == ["AR001"]             # prefixes, any case
    assert codes("--select", "data_quality") == ["DQ001"]   # a category
    assert codes("--select", "data-quality") == ["DQ001"]
    assert codes("--select", "capaian-mismatch") == ["AR001"]  # a slug
    assert codes("--ignore", "AR") == ["DQ001"]
    assert codes("--select", "budget", "--extend-select", "DQ001") == ["DQ001"]
    assert codes("--select", "ALL", "--ignore", "arithmetic") == ["DQ001"]


def test_verbose_goes_to_stderr(reports: Path) -> None:
    r = run("check", "--isolated", "-v", str(reports / "good.md"))
    assert r.exit_code == 0
    assert r.stdout.strip() == "Tidak ada temuan."


# --------------------------------------------------------------------------- errors

def test_missing_file_is_usage_error(tmp_path: Path) -> None:
    err = _one_line_error(run("check", str(tmp_path / "nope.md")))
    assert "nope.md" in err


def test_binary_file_is_input_error(tmp_path: Path) -> None:
    p = tmp_path / "x.md"
    p.write_bytes(b"\x00\x01\x02binary\x00")
    _one_line_error(run("check", "--isolated", str(p)))


def test_unknown_selector(reports: Path) -> None:
    err = _one_line_error(run("check", "--isolated", "--select", "XX9", str(reports / "bad.md")))
    assert "XX9" in err and "--select" in err
    err = _one_line_error(run("check", "--isolated", "--ignore", "nonsense",
                              str(reports / "bad.md")))
    assert "nonsense" in err


def test_config_and_isolated_conflict(reports: Path) -> None:
    err = _one_line_error(run("check", "--isolated", "--config", "x.toml",
                              str(reports / "bad.md")))
    assert "--isolated" in err


def test_bad_option_value_exits_2(reports: Path) -> None:
    r = run("check", "--format", "xml", str(reports / "bad.md"))
    assert r.exit_code == 2
    r = run("check", "--jobs", "0", str(reports / "bad.md"))
    assert r.exit_code == 2


# --------------------------------------------------------------------------- jobs

def test_jobs_gives_same_result_in_input_order(tmp_path: Path) -> None:
    names = []
    for i in range(6):
        p = tmp_path / f"r{i}.md"
        p.write_text(BAD if i % 2 else GOOD, "utf-8")
        names.append(str(p))
    names.reverse()  # input order, not sorted order
    serial = run("check", "--isolated", "--format", "json", *names)
    parallel = run("check", "--isolated", "--format", "json", "--jobs", "3", *names)
    assert serial.exit_code == parallel.exit_code == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert [f["path"] for f in json.loads(parallel.stdout)["files"]] == names
    assert parallel.stderr == ""  # no progress line when stderr is not a terminal


def test_jobs_reports_input_errors(tmp_path: Path) -> None:
    good = tmp_path / "a.md"
    good.write_text(GOOD, "utf-8")
    empty = tmp_path / "b.md"
    empty.write_text("  \n", "utf-8")
    err = _one_line_error(run("check", "--isolated", "-j", "2", str(good), str(empty)))
    assert "empty" in err


# --------------------------------------------------------------------------- other commands

def test_rules_listing() -> None:
    r = run("rules", "--isolated")
    assert r.exit_code == 0
    codes = [ln.split()[0] for ln in r.stdout.splitlines()]
    assert codes == [x.code for x in all_rules()]
    data = json.loads(run("rules", "--isolated", "--format", "json", "--lang", "en").stdout)
    assert {d["code"] for d in data} == {x.code for x in all_rules()}
    assert all({"code", "slug", "category", "severity", "description"} <= set(d) for d in data)


def test_schema_commands() -> None:
    out = json.loads(run("schema").stdout)
    assert out == output_schema()
    cfg = json.loads(run("schema", "config").stdout)
    assert "select" in cfg["properties"]
    jsonschema.Draft202012Validator.check_schema(cfg)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_explain_every_rule(rule) -> None:
    r = run("explain", rule.code)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith(f"{rule.code} ({rule.slug})")
    assert " ".join(rule.description["id"].split())[:40] in " ".join(out.split())
    assert "Contoh yang gagal:" in out and "Contoh yang lolos:" in out
    # the failing example's findings (produced by running the linter) are shown
    fail_part = out.split("Contoh yang gagal:")[1].split("Contoh yang lolos:")[0]
    assert re.search(rf"^\s+\d+:\d+: {rule.code} ", fail_part, re.M), fail_part
    pass_part = out.split("Contoh yang lolos:")[1]
    assert "Temuan: tidak ada" in pass_part


def test_explain_en_and_slug() -> None:
    r = run("explain", "capaian-mismatch", "--lang", "en")
    assert r.exit_code == 0
    assert r.stdout.startswith("AR001 (capaian-mismatch)")
    assert "Why it matters:" in r.stdout and "Failing example:" in r.stdout
    assert "expected: 105,00%" in r.stdout


def test_explain_unknown_code() -> None:
    err = _one_line_error(run("explain", "ZZ999"))
    assert "ZZ999" in err


def test_python_dash_m(tmp_path: Path) -> None:
    p = tmp_path / "bad.md"
    p.write_text(BAD, "utf-8")
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "check", "--isolated", str(p)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "AR001" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "check", str(tmp_path / "no.md")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("sakiplint: ") and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "sakiplint", "--version"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "sakiplint" in proc.stdout
