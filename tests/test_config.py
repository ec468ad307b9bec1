"""Configuration files: discovery, validation, every key, and the CLI overriding them."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import BAD_BUDGET
from sakiplint.cli import main
from sakiplint.engine.config import (
    Config,
    ConfigError,
    config_schema,
    find_config,
    parse_config,
    rule_registry,
    select_rules,
)

README = Path(__file__).resolve().parents[1] / "README.md"

#: AR001 on line 4 (exact 112,50%; 112,55% is within 10 x 10^-2) and on line 5 (a
#: lower-is-better indicator not in the built-in list: (10 - (8 - 10)) / 10 x 100 = 120%)
REPORT = (
    "Tabel 3.1 Capaian Kinerja\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase dokumen tepat waktu\t80\t90\t112,55%\n"
    "Banyaknya pengaduan masyarakat\t10\t8\t120,00%\n"
)
#: DQ001 (line 4) and BU002 (line 9)
MIXED = (
    "Tabel 3.2 Capaian Kinerja\n"
    "\n"
    "Indikator\tTarget\tRealisasi\tCapaian\n"
    "Persentase laporan tepat waktu\t0\t100\t#DIV/0!\n"
    "\n"
) + BAD_BUDGET


def check_json(*args: str) -> tuple[int, dict, str]:
    r = CliRunner().invoke(main, ["check", "--format", "json", *args], catch_exceptions=False)
    data = json.loads(r.stdout) if r.stdout.strip() else {}
    return r.exit_code, data, r.stderr


#: the rules these reports are written for (other rules, added later, are left out of the
#: comparisons so that these tests only test configuration)
WATCHED = {"AR001", "BU002", "DQ001", "XQ001", "XQ002"}


def found(data: dict, i: int = 0) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in data["files"][i]["findings"] if f["rule"] in WATCHED]


def usage_error(*args: str) -> str:
    r = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    assert r.exit_code == 2, r.output
    err = r.stderr.strip()
    assert err.startswith("sakiplint: ") and len(err.splitlines()) == 1, err
    assert "Traceback" not in r.output
    return err


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "laporan").mkdir()
    (tmp_path / "laporan" / "r.md").write_text(REPORT, "utf-8")
    (tmp_path / "laporan" / "m.md").write_text(MIXED, "utf-8")
    return tmp_path


# --------------------------------------------------------------------------- discovery

def test_no_config_defaults(project: Path) -> None:
    code, data, _ = check_json(str(project / "laporan" / "r.md"))
    assert code == 1
    assert found(data) == [("AR001", 4), ("AR001", 5)]


def test_sakiplint_toml_found_walking_up(project: Path) -> None:
    (project / ".sakiplint.toml").write_text("tolerance = 10\n", "utf-8")
    _, data, _ = check_json(str(project / "laporan" / "r.md"))
    assert found(data) == [("AR001", 5)]


def test_pyproject_table(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sakiplint]\nlower-is-better = ["Pengaduan"]\n', "utf-8")
    _, data, _ = check_json(str(project / "laporan" / "r.md"))
    assert found(data) == [("AR001", 4)]


def test_pyproject_without_table_is_passed_over(project: Path) -> None:
    (project / ".sakiplint.toml").write_text("tolerance = 10\n", "utf-8")
    (project / "laporan" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    cfg = find_config(project / "laporan" / "r.md")
    assert cfg is not None and cfg.path == (project / ".sakiplint.toml").resolve()


def test_sakiplint_toml_beats_pyproject_in_same_dir(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.sakiplint]\nlower-is-better = ["pengaduan"]\n', "utf-8")
    (project / ".sakiplint.toml").write_text("tolerance = 10\n", "utf-8")
    _, data, _ = check_json(str(project / "laporan" / "r.md"))
    assert found(data) == [("AR001", 5)]


def test_nearest_config_wins_per_file(project: Path) -> None:
    (project / ".sakiplint.toml").write_text('select = ["DQ"]\n', "utf-8")
    (project / "laporan" / ".sakiplint.toml").write_text('select = ["BU"]\n', "utf-8")
    (project / "top.md").write_text(MIXED, "utf-8")
    _, data, _ = check_json(str(project / "top.md"), str(project / "laporan" / "m.md"))
    assert found(data, 0) == [("DQ001", 4)]
    assert found(data, 1) == [("BU002", 11)]


def test_config_option_applies_to_all(project: Path, tmp_path: Path) -> None:
    (project / "laporan" / ".sakiplint.toml").write_text('select = ["BU"]\n', "utf-8")
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = ["DQ001"]\n', "utf-8")
    _, data, _ = check_json("--config", str(other), str(project / "laporan" / "m.md"))
    assert found(data) == [("DQ001", 4)]
    # --config may name a pyproject.toml: its [tool.sakiplint] table is used
    pp = tmp_path / "cfg" / "pyproject.toml"
    pp.parent.mkdir()
    pp.write_text('[tool.sakiplint]\nignore = ["budget"]\n', "utf-8")
    _, data, _ = check_json("--config", str(pp), str(project / "laporan" / "m.md"))
    assert found(data) == [("DQ001", 4)]


def test_isolated_ignores_config(project: Path) -> None:
    (project / ".sakiplint.toml").write_text('select = ["DQ"]\n', "utf-8")
    _, data, _ = check_json("--isolated", str(project / "laporan" / "m.md"))
    assert found(data) == [("DQ001", 4), ("BU002", 11)]


# --------------------------------------------------------------------------- validation

def test_unknown_key_names_key_and_file(project: Path) -> None:
    cfg = project / ".sakiplint.toml"
    cfg.write_text('ignroe = ["AR001"]\n', "utf-8")
    err = usage_error(str(project / "laporan" / "r.md"))
    assert "'ignroe'" in err and str(cfg) in err
    assert "did you mean 'ignore'" in err


def test_unknown_key_in_pyproject(project: Path) -> None:
    pp = project / "pyproject.toml"
    pp.write_text('[tool.sakiplint]\ncolour = true\n', "utf-8")
    err = usage_error(str(project / "laporan" / "r.md"))
    assert "'colour'" in err and str(pp) in err


@pytest.mark.parametrize(("text", "key"), [
    ('tolerance = "big"\n', "tolerance"),
    ('select = "AR001"\n', "select"),
    ('lang = "fr"\n', "lang"),
    ('report-year = "2024"\n', "report-year"),
    ('[severity]\nAR001 = "fatal"\n', "severity.AR001"),
    ('enable = ["not a code"]\n', "enable.0"),
    ("tolerance = 0\n", "tolerance"),
])
def test_wrong_type_names_key_and_file(project: Path, text: str, key: str) -> None:
    cfg = project / ".sakiplint.toml"
    cfg.write_text(text, "utf-8")
    err = usage_error(str(project / "laporan" / "r.md"))
    assert f"'{key}'" in err and str(cfg) in err


def test_invalid_toml(project: Path) -> None:
    (project / ".sakiplint.toml").write_text("select = [\n", "utf-8")
    err = usage_error(str(project / "laporan" / "r.md"))
    assert "not valid TOML" in err


def test_unknown_selector_in_config(project: Path) -> None:
    cfg = project / ".sakiplint.toml"
    cfg.write_text('ignore = ["ZZ"]\n', "utf-8")
    err = usage_error(str(project / "laporan" / "r.md"))
    assert "'ZZ'" in err and "'ignore'" in err and str(cfg) in err


def test_missing_config_file() -> None:
    err = usage_error("--config", "/nonexistent/sakiplint.toml", "x.md")
    assert "/nonexistent/sakiplint.toml" in err


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(config_schema())


# --------------------------------------------------------------------------- keys

def test_select_ignore_categories(project: Path) -> None:
    m = str(project / "laporan" / "m.md")
    cfg = project / ".sakiplint.toml"
    cfg.write_text('select = ["budget"]\n', "utf-8")
    assert found(check_json(m)[1]) == [("BU002", 11)]
    cfg.write_text('ignore = ["budget"]\n', "utf-8")
    assert found(check_json(m)[1]) == [("DQ001", 4)]
    cfg.write_text('select = ["DQ"]\nextend-select = ["BU002"]\n', "utf-8")
    assert found(check_json(m)[1]) == [("DQ001", 4), ("BU002", 11)]


def test_cli_overrides_config(project: Path) -> None:
    m = str(project / "laporan" / "m.md")
    (project / ".sakiplint.toml").write_text('select = ["DQ"]\nlang = "en"\n', "utf-8")
    _, data, _ = check_json("--select", "BU", m)
    assert found(data) == [("BU002", 11)]
    # the command line's select resets the configuration's selection (ruff's layering)
    (project / ".sakiplint.toml").write_text('ignore = ["BU002"]\n', "utf-8")
    _, data, _ = check_json("--select", "BU002", m)
    assert found(data) == [("BU002", 11)]


def test_lang(project: Path) -> None:
    r = str(project / "laporan" / "r.md")
    (project / ".sakiplint.toml").write_text('lang = "en"\n', "utf-8")
    _, data, _ = check_json(r)
    assert data["files"][0]["findings"][0]["message"].startswith("Capaian 112,55% for")
    _, data, _ = check_json("--lang", "id", r)
    assert "tidak sama dengan" in data["files"][0]["findings"][0]["message"]


def test_severity_override(project: Path) -> None:
    (project / ".sakiplint.toml").write_text(
        '[severity]\narithmetic = "info"\nAR001 = "warning"\n', "utf-8")
    code, data, _ = check_json(str(project / "laporan" / "r.md"))
    assert {f["severity"] for f in data["files"][0]["findings"] if f["rule"] == "AR001"} == {
        "warning"}
    assert code == 1
    code, _, _ = check_json("--fail-on", "error", "--select", "AR001",
                            str(project / "laporan" / "r.md"))
    assert code == 0


def test_tolerance_and_lower_is_better(project: Path) -> None:
    r = str(project / "laporan" / "r.md")
    cfg = project / ".sakiplint.toml"
    cfg.write_text('tolerance = 10\nlower-is-better = ["pengaduan"]\n', "utf-8")
    assert found(check_json(r)[1]) == []
    cfg.write_text("tolerance = 0.5\n", "utf-8")
    assert found(check_json(r)[1]) == [("AR001", 4), ("AR001", 5)]


def test_report_year_and_agency(project: Path) -> None:
    r = project / "laporan" / "r.md"
    (project / ".sakiplint.toml").write_text(
        'report-year = 2023\nagency = "Kecamatan Contoh"\n', "utf-8")
    _, data, _ = check_json(str(r))
    f = data["files"][0]
    assert f["report_year"] == 2023
    assert f["agency"] == "Kecamatan Contoh"
    # a year the report states wins over the configured one
    r.write_text("# Laporan Kinerja Tahun 2024\n\n" + REPORT, "utf-8")
    _, data, _ = check_json(str(r))
    assert data["files"][0]["report_year"] == 2024


PACK_RULE = '''code = "XQ{n:03d}"
slug = "local-spreadsheet-error-{n}"
category = "data_quality"
severity = "warning"
scope = "cell"
check = "sakiplint.checks.data_quality:spreadsheet_error"
enabled_by_default = {on}

[message]
id = "Galat lembar kerja {{value}}"
en = "Spreadsheet error {{value}}"

[description]
id = "Aturan lokal."
en = "A local rule."

[[examples]]
kind = "fail"
report = "Tabel 1 Capaian\\n\\nIndikator\\tTarget\\tRealisasi\\tCapaian\\nA\\t0\\t1\\t#REF!\\n"

[[examples]]
kind = "pass"
report = "Tabel 1 Capaian\\n\\nIndikator\\tTarget\\tRealisasi\\tCapaian\\nA\\t1\\t1\\t100%\\n"
'''


def trust(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *packs: Path) -> Path:
    """A user configuration (``$XDG_CONFIG_HOME/sakiplint/config.toml``) trusting ``packs``."""
    user = tmp_path / "user-config" / "sakiplint" / "config.toml"
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text("trusted-rule-packs = [" + ", ".join(json.dumps(str(p)) for p in packs)
                    + "]\n", "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    return user


def test_rule_packs_and_enable(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = project / "aturan"
    pack.mkdir()
    trust(project, monkeypatch, pack)
    (pack / "XQ001.toml").write_text(PACK_RULE.format(n=1, on="true"), "utf-8")
    (pack / "XQ002.toml").write_text(PACK_RULE.format(n=2, on="false"), "utf-8")
    m = str(project / "laporan" / "m.md")
    cfg = project / ".sakiplint.toml"
    cfg.write_text('rule-packs = ["aturan"]\nselect = ["data_quality"]\n', "utf-8")
    # select picks rules that are on by default or not (XQ002 is off by default)
    assert found(check_json(m)[1]) == [("DQ001", 4), ("XQ001", 4), ("XQ002", 4)]
    cfg.write_text('rule-packs = ["aturan"]\nignore = ["BU", "AR"]\n', "utf-8")
    assert found(check_json(m)[1]) == [("DQ001", 4), ("XQ001", 4)]
    cfg.write_text('rule-packs = ["aturan"]\nignore = ["BU", "AR"]\nenable = ["XQ002"]\n',
                   "utf-8")
    _, data, _ = check_json(m)
    assert found(data) == [("DQ001", 4), ("XQ001", 4), ("XQ002", 4)]
    assert data["files"][0]["findings"][1]["severity"] == "warning"
    # the pack's rules are listed and explained
    r = CliRunner().invoke(main, ["rules", "--config", str(cfg)])
    assert "XQ002" in r.stdout and "(off by default)" in r.stdout
    r = CliRunner().invoke(main, ["explain", "XQ001", "--config", str(cfg)])
    assert r.exit_code == 0 and "XQ001 (local-spreadsheet-error-1)" in r.stdout


def test_rule_pack_errors(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trust(project, monkeypatch, project / "missing", project / "dup")
    cfg = project / ".sakiplint.toml"
    cfg.write_text('rule-packs = ["missing"]\n', "utf-8")
    assert "rule pack directory not found" in usage_error(str(project / "laporan" / "r.md"))
    (project / "dup").mkdir()
    (project / "dup" / "a.toml").write_text(
        PACK_RULE.format(n=1, on="true").replace("XQ001", "DQ001"), "utf-8")
    cfg.write_text('rule-packs = ["dup"]\n', "utf-8")
    assert "defined twice" in usage_error(str(project / "laporan" / "r.md"))


def test_enable_unknown_code(project: Path) -> None:
    (project / ".sakiplint.toml").write_text('enable = ["ZZ001"]\n', "utf-8")
    assert "ZZ001" in usage_error(str(project / "laporan" / "r.md"))


# --------------------------------------------------------------------------- library level

def test_layering_order() -> None:
    reg = rule_registry()
    file_layer = Config(path=Path("/x/.sakiplint.toml"), ignore=("AR001",))
    assert "AR001" not in [r.code for r in select_rules([file_layer, Config()], reg)]
    cli = Config(select=("AR",))
    chosen = [r.code for r in select_rules([file_layer, cli], reg)]
    assert "AR001" in chosen
    assert chosen == sorted(c for c in reg if c.startswith("AR"))


def test_parse_config_resolves_packs_relative_to_file(tmp_path: Path) -> None:
    cfg = parse_config({"rule-packs": ["p"]}, tmp_path / ".sakiplint.toml")
    assert cfg.rule_packs == (str((tmp_path / "p").resolve()),)
    with pytest.raises(ConfigError):
        parse_config({"rule_packs": ["p"]}, tmp_path / ".sakiplint.toml")


# --------------------------------------------------------------------------- README

def _readme_section(title: str) -> str:
    text = README.read_text("utf-8")
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert m, f"README.md has no '## {title}' section"
    return m.group(1)


def test_readme_config_examples_validate(tmp_path: Path) -> None:
    section = _readme_section("Configuration")
    blocks = re.findall(r"```toml\n(.*?)```", section, re.S)
    assert blocks, "no toml example in README's Configuration section"
    for block in blocks:
        data = tomllib.loads(block)
        if "tool" in data:
            table = data["tool"]["sakiplint"]
            where = tmp_path / "pyproject.toml"
        else:
            table = data
            where = tmp_path / ".sakiplint.toml"
        packs = table.get("rule-packs", [])
        for p in packs:
            (tmp_path / p).mkdir(parents=True, exist_ok=True)
        parse_config(table, where)  # raises ConfigError when invalid
        # and the linter accepts it end to end
        where.write_text(block, "utf-8")
        (tmp_path / "r.md").write_text(REPORT, "utf-8")
        code, _, err = check_json("--config", str(where), str(tmp_path / "r.md"))
        assert code in (0, 1), err


# --------------------------------------------------------------------------- renstra-period

PERIODS = """# LKjIP TAHUN 2024 KECAMATAN SUKAMAJU

Renstra Kecamatan Sukamaju Tahun 2021-2026 menjadi acuan.

Sasaran dalam Renstra 2021-2026 dijabarkan dalam tabel berikut.

Perjanjian kinerja mengacu pada Renstra 2021-2025.
"""


def _dq101(tmp_path: Path, config: str | None) -> list[int]:
    (tmp_path / "r.md").write_text(PERIODS, "utf-8")
    if config is not None:
        (tmp_path / ".sakiplint.toml").write_text(config, "utf-8")
    code, data, err = check_json("--select", "DQ101", str(tmp_path / "r.md"))
    assert code in (0, 1), err
    return [f["line"] for f in data["files"][0]["findings"]]


def test_renstra_period_from_configuration_wins(tmp_path: Path) -> None:
    assert _dq101(tmp_path, None) == [7]
    # the configured period makes the two majority mentions the wrong ones
    assert _dq101(tmp_path, "renstra-period = [2021, 2025]\n") == [3, 5]


@pytest.mark.parametrize("value", ["[2021]", "[2021, 2026, 2031]", '["2021", "2026"]'])
def test_renstra_period_must_be_two_years(tmp_path: Path, value: str) -> None:
    (tmp_path / "r.md").write_text(PERIODS, "utf-8")
    (tmp_path / ".sakiplint.toml").write_text(f"renstra-period = {value}\n", "utf-8")
    assert "renstra-period" in usage_error(str(tmp_path / "r.md"))
